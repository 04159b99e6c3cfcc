// report.html: the report as one self-contained page. No script, no stylesheet or font to
// fetch, no image file: the charts are inline SVG drawn at build time (report-charts.ts), so
// the page opens offline, from an e-mail attachment or a presigned S3 link, and reads the same
// with JavaScript off. report.md carries the same content as text.
import { BUY_FROM, SELL_BELOW } from '../analysis/analysts/portfolio-manager.js';
import { profileLine } from './profile-line.js';
import type { Finding } from '../analysis/analysts/finding.js';
import { formatNumber } from '../analysis/analysts/finding.js';
import type { Digest } from '../history/digest.js';
import { DIGEST_STYLE, renderDigestHtml } from '../history/digest-html.js';
import type { HoldingDetail } from './holding-detail.js';
import { escapeHtml } from './html-escape.js';
import { performanceSentences } from './performance-words.js';
import { GRADES, type PortfolioReport } from './portfolio-report.js';
import { SIMULATED_BANNER, simulatedDateSentence } from './provenance.js';
import { allocationChart, compositeChart, compositeChartRows, COMPOSITE_CHART_LIMIT, GRADE_COLOURS, gradeChart, priceChart } from './report-charts.js';
import type { ReportRow } from './ticker-outcome.js';
import { MIN_TREND_RUNS, type TrendPoint } from '../history/ticker-trend.js';
import { trendCaption, trendChart } from './trend-chart.js';
import { tickerDataLines } from './report-provenance-markdown.js';
import { renderTrackRecordHtml } from './track-record-html.js';
import { sellLeadText } from './sell-lead.js';
import { figure } from './html-figure.js';
import { renderPortfolioRiskHtml } from './portfolio-risk-html.js';
import type { PortfolioRisk } from '../portfolio/portfolio-risk.js';
import type { TrackRecordSection } from './track-record-text.js';

export { escapeHtml };

/**
 * The report as Consolidate writes it: report.json's fields, with the run-to-run digest and the
 * trends when history could be read (both absent from a report made without history).
 */
export type HtmlReportInput = PortfolioReport & {
  digest?: Digest;
  trends?: Record<string, TrendPoint[]> | null;
  track_record?: TrackRecordSection;
  portfolio_risk?: PortfolioRisk | null;
};


const pct = (value: number | null, digits = 1) => (value === null ? '—' : `${(value * 100).toFixed(digits)}%`);
const num = (value: number | null, digits = 2) => (value === null ? '—' : value.toFixed(digits));
const money = (value: number | null) =>
  value === null ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signClass = (value: number | null) => (value === null || value === 0 ? '' : value > 0 ? ' class="up"' : ' class="down"');
/** An id usable in a fragment link for any ticker (BRK.B, ^GSPC, EURUSD=X). */
const anchor = (ticker: string) => `h-${ticker.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;

export function renderReportHtml(report: HtmlReportInput, details: HoldingDetail[]): string {
  const title = `FinWiz portfolio analysis — ${report.session_id}`;
  const body = [
    report.simulated ? `<div class="banner" role="alert" id="simulated-banner">${escapeHtml(SIMULATED_BANNER)}</div>\n<p class="note" id="simulated-date">${escapeHtml(simulatedDateSentence(report.generated_at))}</p>` : '',
    `<header><h1>${escapeHtml(title)}</h1><p>Started ${escapeHtml(report.started_at)}, generated ${escapeHtml(report.generated_at)}. Mode: <strong>${escapeHtml(report.mode)}</strong>.</p></header>`,
    report.fallback
      ? `<div class="notice" id="fallback-notice"><strong>Fallback to sequential mode</strong> at ${escapeHtml(report.fallback.at ?? 'an unknown time')}: ${escapeHtml(report.fallback.reason)}</div>`
      : '',
    // What changed comes first, as in report.md and the mail: it is why a repeat reader opens the page.
    report.digest ? renderDigestHtml(report.digest) : '',
    summarySection(report),
    chartsSection(report),
    report.portfolio_risk ? renderPortfolioRiskHtml(report.portfolio_risk) : '',
    holdingsSection(report.holdings, report.summary.base_currency),
    detailsSection(report, details),
    failuresSection(report),
    report.track_record ? renderTrackRecordHtml(report.track_record) : '',
    `<section id="performance"><h2>Performance</h2><ul>${performanceSentences(report.performance).map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul></section>`,
    `<footer>FinWiz · session ${escapeHtml(report.session_id)} · report.md has the same content as text, report.json as data.</footer>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${DIGEST_STYLE}</style>
</head>
<body>
${body.filter(Boolean).join('\n')}
</body>
</html>
`;
}

function summarySection(report: PortfolioReport): string {
  const s = report.summary;
  const base = escapeHtml(s.base_currency);
  const card = (label: string, value: string, extra = '') => `<div class="card"${extra}><div class="label">${label}</div><div class="value">${value}</div></div>`;
  const grades = GRADES.filter((grade) => s.grade_distribution[grade] > 0)
    .map((grade) => `<span class="grade" style="background:${GRADE_COLOURS[grade]}">${escapeHtml(grade)} ${s.grade_distribution[grade]}</span>`)
    .join(' ');
  const sells = report.sell_candidates.length
    ? `<ul>${report.sell_candidates
        .map(
          (sell) =>
            `<li><a href="#${anchor(sell.ticker)}"><strong>${escapeHtml(sell.ticker)}</strong></a> (grade ${escapeHtml(sell.grade)}, composite ${num(sell.composite_score)}, weight ${pct(sell.weight)})${
              sellLeadText(sell.lead) ? ` <span class="lead">${escapeHtml(sellLeadText(sell.lead)!)}</span>` : ''
            }${
              sell.reasons.length ? `<ul>${sell.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : ''
            }</li>`,
        )
        .join('')}</ul>`
    : '<p>None.</p>';
  return `<section id="summary"><h2>Summary</h2>
<div class="cards">
${card('Market value', `${money(s.total_market_value)} ${base}`)}
${card('Unrealised gain/loss', `<span${signClass(s.total_unrealised_gain)}>${money(s.total_unrealised_gain)} ${base}</span>`)}
${card('Tickers', `${s.successful_tickers} analysed, ${s.failed_tickers} failed (of ${s.total_tickers})`)}
${card('Average composite', num(s.average_composite))}
</div>
<p>Grades: ${grades || '—'}</p>
<p>Recommendations: BUY ${s.recommendations.BUY}, HOLD ${s.recommendations.HOLD}, SELL ${s.recommendations.SELL}, WAIT ${s.recommendations.WAIT}</p>
${s.stale_tickers.length ? `<p>Stale data: ${escapeHtml(s.stale_tickers.join(', '))}</p>` : ''}
<h3 id="sell-candidates">SELL candidates</h3>
${sells}
</section>`;
}

function chartsSection(report: PortfolioReport): string {
  const parts: string[] = [];
  const composite = compositeChart(report.holdings);
  if (composite) {
    const { omitted } = compositeChartRows(report.holdings);
    const caption = omitted
      ? `Composite score by holding: the best and the worst ${COMPOSITE_CHART_LIMIT / 2} of ${omitted + COMPOSITE_CHART_LIMIT} analysed holdings (the table lists all). Dashed lines: SELL below ${SELL_BELOW}, BUY from ${BUY_FROM}.`
      : `Composite score by holding, best first. Dashed lines: SELL below ${SELL_BELOW}, BUY from ${BUY_FROM}.`;
    parts.push(figure('composite', caption, composite));
  } else parts.push('<p>No holding was analysed: no composite chart.</p>');
  const allocation = allocationChart(report.holdings);
  if (allocation) parts.push(figure('allocation', `Allocation: each holding's share of the market value in ${report.summary.base_currency}.`, allocation));
  else parts.push('<p class="note">No allocation chart: no holding has both a share count and a price, so there is no market value to divide.</p>');
  parts.push(figure('grades', 'Holdings per grade.', gradeChart(report.summary.grade_distribution)));
  return `<section id="charts"><h2>Charts</h2>${parts.join('\n')}</section>`;
}

function holdingsSection(rows: ReportRow[], base: string): string {
  const head = ['#', 'Ticker', 'Name', 'Grade', 'Rec.', 'Conf.', 'Composite', 'Fund.', 'Tech.', 'Risk', 'Price', 'Weight', `Unrealised P/L (${base})`, 'Note'];
  const body = rows.map((row) => {
    const price = row.last_price === null ? '—' : `${row.last_price.toFixed(2)}${row.quote_currency ? ` ${escapeHtml(row.quote_currency)}` : ''}`;
    const gain = row.unrealised_gain === null ? '—' : `${money(row.unrealised_gain)} (${pct(row.unrealised_gain_pct)})`;
    const base = row.status === 'failed' ? (row.reason ?? '') : row.stale ? 'stale data' : row.asset_type && row.asset_type !== 'EQUITY' ? row.asset_type : '';
    const note = row.position_advice === 'trim' ? [base, 'trim: overweight'].filter(Boolean).join('; ') : base;
    const ticker = row.status === 'ok' ? `<a href="#${anchor(row.ticker)}">${escapeHtml(row.ticker)}</a>` : escapeHtml(row.ticker);
    return `<tr class="${row.status}"><td>${row.rank ?? '—'}</td><td>${ticker}</td><td>${escapeHtml(row.name ?? '')}</td><td><span class="grade" style="background:${GRADE_COLOURS[row.grade]}">${escapeHtml(row.grade)}</span></td><td>${row.recommendation}</td><td>${num(row.confidence)}</td><td>${num(row.composite_score)}</td><td>${num(row.fundamental_score)}</td><td>${num(row.technical_score)}</td><td>${num(row.risk_score)}</td><td>${price}</td><td>${pct(row.weight)}</td><td${signClass(row.unrealised_gain)}>${gain}</td><td>${escapeHtml(note)}</td></tr>`;
  });
  return `<section id="holdings"><h2>Holdings, ranked by composite</h2>
<div class="scroll"><table class="holdings"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${body.join('\n')}
</tbody></table></div></section>`;
}

function detailsSection(report: HtmlReportInput, details: HoldingDetail[]): string {
  const byTicker = new Map(details.map((detail) => [detail.ticker, detail]));
  const ok = report.holdings.filter((row) => row.status === 'ok');
  const shown = ok.filter((row) => byTicker.has(row.ticker));
  const note =
    shown.length < ok.length
      ? `<p class="note">Charts and findings for the ${shown.length} largest of ${ok.length} analysed holdings, to keep this page readable; every holding is in the table above, in report.json and in results/&lt;TICKER&gt;.json.</p>`
      : '';
  const blocks = shown.map((row) => {
    const detail = byTicker.get(row.ticker)!;
    const chart = detail.price_chart
      ? figure(`price-${row.ticker}`, `${row.ticker}: adjusted close with SMA 50 and SMA 200, ${detail.price_chart.days[0]} to ${detail.price_chart.days.at(-1)}.`, priceChart(detail.price_chart, row.quote_currency))
      : '<p class="note">No price history to chart.</p>';
    const trend = trendFigure(row.ticker, report.trends);
    const findings = detail.findings.map((group) => findingsTable(group.analyst, group.score, group.details)).join('\n');
    const why = [...row.rationale.map((s) => `<li>${escapeHtml(s)}</li>`), ...row.warnings.map((w) => `<li class="warning">Warning: ${escapeHtml(w)}</li>`)].join('');
    return `<article class="holding" id="${anchor(row.ticker)}"><h3>${escapeHtml(row.ticker)}${row.name ? ` — ${escapeHtml(row.name)}` : ''} <span class="grade" style="background:${GRADE_COLOURS[row.grade]}">${escapeHtml(row.grade)}</span> ${row.recommendation}</h3>
<p class="profile">${escapeHtml(profileLine(row))}</p>
${tickerDataLines(row).map((line) => `<p class="data-line">${escapeHtml(line)}</p>`).join('')}
${chart}
${trend}
<ul class="why">${why}</ul>
${findings}
</article>`;
  });
  return `<section id="details"><h2>Holdings in detail</h2>${note}${blocks.join('\n')}</section>`;
}

/**
 * The holding's trend line, drawn only for holdings with details: 30 small SVGs at most, where
 * one per table row would add a chart per holding to a 5,000-holding page. Every holding's
 * points are in report.json's `trends`.
 */
function trendFigure(ticker: string, trends: HtmlReportInput['trends']): string {
  if (!trends) return '';
  const points = trends[ticker] ?? [];
  const svg = trendChart(points);
  if (svg) return figure(`trend-${ticker}`, trendCaption(ticker, points), svg);
  return `<p class="note">No trend line yet: ${points.length} of the recent runs held ${escapeHtml(ticker)}; a trend needs ${MIN_TREND_RUNS}.</p>`;
}

function findingsTable(analyst: string, score: number | null, findings: Finding[]): string {
  const rows = findings.map((f) => {
    const value = f.value === null ? '—' : formatNumber(f.value);
    const reference = f.reference ? `${formatNumber(f.reference.value)} (${f.reference.source}, ${f.reference.as_of.slice(0, 10)})` : (f.reference_reason ?? '');
    return `<tr class="${f.signal.replace(' ', '-')}"><td>${escapeHtml(f.label)}</td><td>${escapeHtml(value)}</td><td>${escapeHtml(f.signal)}</td><td>${escapeHtml(f.verdict ?? '')}</td><td>${escapeHtml(f.threshold)}</td><td>${escapeHtml(reference)}</td><td>${escapeHtml(f.source)}</td></tr>`;
  });
  return `<details open><summary>${escapeHtml(analyst)} analyst: score ${num(score)}</summary><table class="findings"><thead><tr><th>Finding</th><th>Value</th><th>Signal</th><th>Verdict</th><th>Threshold</th><th>Reference</th><th>Source</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

function failuresSection(report: PortfolioReport): string {
  if (report.failures.length === 0) return '';
  return `<section id="failures"><h2>Failures</h2><ul>${report.failures
    .map((f) => `<li><strong>${escapeHtml(f.ticker)}</strong>: ${escapeHtml(f.reason)}</li>`)
    .join('')}</ul></section>`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:0 16px 40px;color:#1d1d1f;line-height:1.4}
h1{font-size:1.5em}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}
.banner{background:#b71c1c;color:#fff;font-weight:bold;font-size:1.2em;text-align:center;padding:12px;margin:0 -16px}
.notice{background:#fff3e0;border-left:4px solid #ef6c00;padding:8px 12px}
.note{color:#555;font-style:italic}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:180px}
.card .label{font-size:.85em;color:#555}.card .value{font-size:1.2em;font-weight:600}
.grade{display:inline-block;color:#fff;border-radius:4px;padding:0 6px;font-weight:600}
.up{color:#1b7f3b}.down{color:#c62828}
figure.chart{margin:16px 0}.risk-charts{display:flex;flex-wrap:wrap;gap:0 24px}.risk-charts figure.chart{flex:0 1 380px}figure.chart[data-chart^="trend-"]{max-width:480px}figure.chart svg{max-width:100%;height:auto;display:block}figcaption{font-size:.9em;color:#555}
.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.9em}th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f5f5f5;position:sticky;top:0}tr.failed{color:#777}
table.findings tr.positive td:nth-child(3){color:#1b7f3b}table.findings tr.negative td:nth-child(3){color:#c62828}
article.holding{border-top:1px solid #ddd;padding-top:8px}li.warning{color:#8d6e00}
footer{margin-top:32px;color:#777;font-size:.85em}
@media print{.banner{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;
