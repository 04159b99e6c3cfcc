// report.md: the report as text, for e-mail and diffs.
import { profileLine } from './profile-line.js';
import { GRADES } from './portfolio-report.js';
import type { PortfolioReport } from './portfolio-report.js';
import type { Digest } from '../history/digest.js';
import { renderDigestMarkdown } from '../history/digest-markdown.js';
import { performanceSentences } from './performance-words.js';
import { sellLeadText } from './sell-lead.js';
import { renderPortfolioRiskMarkdown } from './portfolio-risk-text.js';
import type { PortfolioRisk } from '../portfolio/portfolio-risk.js';
import { renderTrackRecordMarkdown } from './track-record-markdown.js';
import type { TrackRecordSection } from './track-record-text.js';
import { dataSourceLines, simulatedBannerLines, tickerDataLines } from './report-provenance-markdown.js';

const pct = (value: number | null, digits = 1) => (value === null ? '—' : `${(value * 100).toFixed(digits)}%`);
const num = (value: number | null, digits = 2) => (value === null ? '—' : value.toFixed(digits));
const money = (value: number | null) =>
  value === null ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
// A `|` or a line break in a name or a reason must not break the table.
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');

const staleNote = (days: number | null) => (days === null ? 'stale data' : `stale data: ${days} trading days old`);

export function renderReportMarkdown(report: PortfolioReport & { digest?: Digest; track_record?: TrackRecordSection; portfolio_risk?: PortfolioRisk | null }): string {
  const s = report.summary;
  const base = s.base_currency;
  const lines = [
    ...simulatedBannerLines(report),
    `# FinWiz portfolio analysis — ${report.session_id}`,
    '',
    `Started ${report.started_at}, generated ${report.generated_at}. Mode: **${report.mode}**.`,
  ];
  if (report.fallback) {
    lines.push('', `> **Fallback to sequential mode** at ${report.fallback.at ?? 'an unknown time'}: ${report.fallback.reason}`);
  }
  if (report.digest) lines.push('', ...renderDigestMarkdown(report.digest));
  lines.push(
    '',
    '## Summary',
    '',
    `- Tickers: ${s.total_tickers} (${s.successful_tickers} analysed, ${s.failed_tickers} failed)`,
    `- Market value: ${money(s.total_market_value)} ${base}; unrealised gain/loss: ${money(s.total_unrealised_gain)} ${base}`,
    `- Average composite: ${num(s.average_composite, 2)}`,
    `- Grades: ${GRADES.filter((grade) => s.grade_distribution[grade] > 0).map((grade) => `${grade} ${s.grade_distribution[grade]}`).join(', ')}`,
    `- Recommendations: BUY ${s.recommendations.BUY}, HOLD ${s.recommendations.HOLD}, SELL ${s.recommendations.SELL}, WAIT ${s.recommendations.WAIT}`,
  );
  if (s.stale_tickers.length) {
    const limit = s.stale_after_trading_days === null ? '' : ` (newest bar older than ${s.stale_after_trading_days} trading days; confidence lowered)`;
    lines.push(`- Stale data: ${s.stale_tickers.join(', ')}${limit}`);
  }

  if (report.portfolio_risk) lines.push('', ...renderPortfolioRiskMarkdown(report.portfolio_risk));
  lines.push('', ...dataSourceLines(report));
  lines.push('## SELL candidates', '');
  if (report.sell_candidates.length === 0) lines.push('None.');
  for (const sell of report.sell_candidates) {
    const lead = sellLeadText(sell.lead);
    lines.push(`- **${sell.ticker}** (grade ${sell.grade}, composite ${num(sell.composite_score)}, weight ${pct(sell.weight)})${lead ? ` — ${cell(lead)}` : ''}`);
    for (const reason of sell.reasons) lines.push(`  - ${reason}`);
  }

  lines.push(
    '',
    '## Holdings, ranked by composite',
    '',
    `| # | Ticker | Name | Grade | Rec. | Conf. | Composite | Fund. | Tech. | Risk | Price | Weight | Unrealised P/L | Note |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const row of report.holdings) {
    const price = row.last_price === null ? '—' : `${row.last_price.toFixed(2)}${row.quote_currency ? ` ${row.quote_currency}` : ''}`;
    const gain = row.unrealised_gain === null ? '—' : `${money(row.unrealised_gain)} (${pct(row.unrealised_gain_pct)})`;
    const base = row.status === 'failed' ? (row.reason ?? '') : row.stale ? staleNote(row.newest_bar_age_trading_days) : row.asset_type && row.asset_type !== 'EQUITY' ? row.asset_type : '';
    const note = row.position_advice === 'trim' ? [base, 'trim: overweight'].filter(Boolean).join('; ') : base;
    lines.push(
      `| ${row.rank ?? '—'} | ${row.ticker} | ${cell(row.name ?? '')} | ${row.grade} | ${row.recommendation} | ${num(row.confidence)} | ${num(row.composite_score)} | ${num(row.fundamental_score)} | ${num(row.technical_score)} | ${num(row.risk_score)} | ${price} | ${pct(row.weight)} | ${gain} | ${cell(note)} |`,
    );
  }

  lines.push('', '## Why', '');
  for (const row of report.holdings.filter((r) => r.status === 'ok')) {
    lines.push(`### ${row.ticker} — ${row.grade}, ${row.recommendation}`, '');
    for (const sentence of row.rationale) lines.push(`- ${cell(sentence)}`);
    for (const warning of row.warnings) lines.push(`- Warning: ${cell(warning)}`);
    lines.push(`- ${cell(profileLine(row))}`);
    for (const data of tickerDataLines(row)) lines.push(`- ${cell(data)}`);
    lines.push('');
  }

  if (report.failures.length) {
    lines.push('## Failures', '');
    for (const failure of report.failures) lines.push(`- ${failure.ticker}: ${cell(failure.reason)}`);
    lines.push('');
  }
  if (report.track_record) lines.push(...renderTrackRecordMarkdown(report.track_record));
  lines.push('## Performance', '', ...performanceSentences(report.performance).map((sentence) => `- ${cell(sentence)}`));
  return `${lines.join('\n')}\n`;
}
