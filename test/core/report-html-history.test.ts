// report.html with run history: the digest at the top, with the same lines as report.md in the
// same order, and a trend line per detailed holding once it has been in three runs.
import { describe, expect, it } from 'vitest';
import { buildDigest, firstRunDigest, unavailableDigest } from '../../lambdas/core/history/digest.js';
import { renderDigestMarkdown } from '../../lambdas/core/history/digest-markdown.js';
import { SIMULATED_BANNER } from '../../lambdas/core/report/provenance.js';
import { renderReportHtml, type HtmlReportInput } from '../../lambdas/core/report/report-html.js';
import { compareRuns } from '../../lambdas/core/history/run-comparison.js';
import { snapshotOfReport, type RunSnapshot } from '../../lambdas/core/history/run-snapshot.js';
import { okSnapshot } from '../support/snapshot-builder.js';
import type { TickerOutcome } from '../../lambdas/core/report/ticker-outcome.js';
import type { TrendPoint } from '../../lambdas/core/history/ticker-trend.js';
import { failedCrewResult, okCrewResult } from '../support/crew-result-builder.js';
import { chartNames, detailOf, item, makeReport } from '../support/report-builder.js';

const outcomes: TickerOutcome[] = [
  { holding: item('AAPL', 0, { shares: 10 }), result: okCrewResult('AAPL', { composite: 0.68, shares: 10 }) },
  { holding: item('TSLA', 1, { shares: 5 }), result: okCrewResult('TSLA', { composite: 0.23, shares: 5 }) },
  { holding: item('NVDA', 2, { shares: 1 }), result: okCrewResult('NVDA', { composite: 0.5, shares: 1 }) },
  { holding: item('ZZZZ', 3), result: failedCrewResult('ZZZZ', 'unknown <symbol> & "co"') },
];
const report = makeReport(outcomes);
const details = ['AAPL', 'TSLA', 'NVDA'].map((ticker) => detailOf(ticker, 0.6));

const was = okSnapshot;
// Last time: AAPL an A, TSLA a HOLD (C), ZZZZ analysed, OLD held; NVDA was not there.
const previous: RunSnapshot = {
  sessionId: 'sess-prev',
  startedAt: '2024-12-31T06:00:00.000Z',
  totalMarketValue: 1400,
  gradeDistribution: { A: 1, C: 2, B: 1 },
  tickers: [was('AAPL', 'A', 'BUY', 0.8, 0.6), was('TSLA', 'C', 'HOLD', 0.45, 0.3), was('ZZZZ', 'C', 'HOLD', 0.5, 0.05), was('OLD', 'B', 'BUY', 0.68, 0.05)],
};
const digest = buildDigest(compareRuns(previous, snapshotOfReport(report)), 'key:portfolios/main.csv', 'USD');

/** The text of each digest entry as the page shows it, in page order (entities decoded). */
const entryTexts = (html: string) =>
  [...html.matchAll(/<li class="change [^"]*"[^>]*>.*?<span class="text">(.*?)<\/span><\/li>/g)].map((m) =>
    m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
const section = (html: string, id: string) => {
  const start = html.indexOf(`<section id="${id}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
};

describe('the digest in report.html', () => {
  const html = renderReportHtml({ ...report, digest, trends: null }, details);
  const digestHtml = section(html, 'digest');

  it('lists every entry with its exact text, most important first, as report.md does', () => {
    // Weights: AAPL 1,000, TSLA 500, NVDA 100 of 1,600 USD; OLD and ZZZZ keep last time's 5%.
    expect(entryTexts(digestHtml)).toEqual([
      'AAPL A -> B, composite 0.80 -> 0.68, weight 62.5%',
      'TSLA C -> F, composite 0.45 -> 0.23, HOLD -> SELL (new SELL), weight 31.3%',
      'NVDA new holding: C, HOLD, composite 0.50, weight 6.3%',
      'OLD removed holding (last time B, BUY, composite 0.68)',
      'ZZZZ failed this time: unknown <symbol> & "co" (last time C, HOLD, composite 0.50), weight 5.0%',
    ]);
    // The same lines, in the same order, as the markdown section.
    const markdown = renderDigestMarkdown(digest).filter((line) => line.startsWith('- ') && !/^- (Portfolio value|Grades:)/.test(line));
    expect(entryTexts(digestHtml).map((text) => `- ${text}`)).toEqual(markdown);
  });

  it('shows the headline and the portfolio lines, and marks each entry with its kinds', () => {
    expect(digestHtml).toContain(`<p class="headline">${digest.headline}</p>`);
    expect(digest.headline).toMatch(/^Since sess-prev \(2024-12-31 06:00 UTC\): 2 downgrades, 1 new SELL/);
    expect(digestHtml).toMatch(/<ul class="portfolio-lines"><li>Portfolio value 1,400\.00 -&gt; [\d,.]+ USD \([+-][\d.]+%\)[^<]*<\/li><li>Grades: /);
    expect(digestHtml).toContain('<li class="change tone-bad" data-ticker="TSLA" data-kinds="downgrade new_sell recommendation_flip">');
    expect(digestHtml).toContain('<span class="kind tone-bad">new SELL</span>');
    expect(digestHtml).toContain('<li class="change tone-info" data-ticker="NVDA" data-kinds="new_holding">');
  });

  it('escapes the texts', () => {
    expect(digestHtml).toContain('unknown &lt;symbol&gt; &amp; &quot;co&quot;');
    expect(digestHtml).not.toContain('<symbol>');
  });

  it('comes after the banner and the title, before the summary', () => {
    const simulated = renderReportHtml({ ...report, simulated: true, digest, trends: null }, details);
    const at = (marker: string) => simulated.indexOf(marker);
    expect(at(SIMULATED_BANNER)).toBeGreaterThan(-1);
    expect(at(SIMULATED_BANNER)).toBeLessThan(at('<header>'));
    expect(at('<header>')).toBeLessThan(at('<section id="digest"'));
    expect(at('<section id="digest"')).toBeLessThan(at('<section id="summary"'));
  });

  it('says there is nothing to compare yet on the first run, and why there is no comparison when history failed', () => {
    const first = section(renderReportHtml({ ...report, digest: firstRunDigest('key:x', 'USD'), trends: null }, details), 'digest');
    expect(first).toContain('<p class="headline">First run of this portfolio: nothing to compare yet.</p>');
    expect(first).not.toContain('<ol class="changes">');
    const failed = section(renderReportHtml({ ...report, digest: unavailableDigest('key:x', 'USD', 'table <gone>'), trends: null }, details), 'digest');
    expect(failed).toContain('<p class="headline">No comparison with earlier runs: table &lt;gone&gt;</p>');
  });

  it('is absent from a report made without history', () => {
    expect(renderReportHtml(report, details)).not.toContain('id="digest"');
  });
});

const point = (run: number, composite: number | null, grade: string): TrendPoint => ({
  session_id: `sess-${run}`,
  started_at: `2024-12-${String(20 + run).padStart(2, '0')}T06:00:00.000Z`,
  status: composite === null ? 'failed' : 'ok',
  composite_score: composite,
  grade,
  recommendation: composite === null ? 'WAIT' : 'HOLD',
});

describe('trend lines in report.html', () => {
  const trends: Record<string, TrendPoint[]> = {
    // Three runs, the middle one failed: a chart with a gap.
    AAPL: [point(1, 0.9, 'A'), point(2, null, 'N/A'), point(3, 0.8, 'B')],
    // Two runs only: no chart yet.
    TSLA: [point(2, 0.6, 'D'), point(3, 0.5, 'F')],
    NVDA: [point(1, 0.72, 'C'), point(2, 0.71, 'C'), point(3, 0.7, 'C'), point(4, 0.7, 'C')],
    // Three runs but no details (it failed this time): no chart either.
    ZZZZ: [point(1, 0.7, 'C'), point(2, 0.7, 'C'), point(3, null, 'N/A')],
  };
  const input: HtmlReportInput = { ...report, digest, trends };
  const html = renderReportHtml(input, details);

  it('draws a trend chart exactly for the detailed holdings with at least three runs', () => {
    expect(chartNames(html).filter((name) => name!.startsWith('trend-'))).toEqual(['trend-AAPL', 'trend-NVDA']);
    expect(html).toContain('No trend line yet: 2 of the recent runs held TSLA; a trend needs 3.');
  });

  it('puts each trend in its holding\'s details, after the price chart, with the points in words', () => {
    const aapl = html.slice(html.indexOf('<article class="holding" id="h-AAPL">'), html.indexOf('</article>', html.indexOf('id="h-AAPL"')));
    expect(aapl.indexOf('data-chart="price-AAPL"')).toBeLessThan(aapl.indexOf('data-chart="trend-AAPL"'));
    expect(aapl).toContain(
      '<figcaption>AAPL: composite over the last 3 runs of this portfolio, 2024-12-21 06:00 to 2024-12-23 06:00 UTC: A 0.90, failed, B 0.80. Dashed lines: SELL below 0.4, BUY from 0.6.</figcaption>',
    );
    const svg = aapl.slice(aapl.indexOf('data-chart="trend-AAPL"'));
    // ECharts drew the line and labelled the points with their grades.
    expect(svg).toMatch(/<path [^>]*d="M/);
    expect(svg).toContain('>A</text>');
    expect(svg).toContain('>B</text>');
  });

  it('draws nothing without trends (fewer than three runs of the portfolio)', () => {
    const page = renderReportHtml({ ...report, digest, trends: null }, details);
    expect(chartNames(page).some((name) => name!.startsWith('trend-'))).toBe(false);
    expect(page).not.toContain('No trend line yet');
  });
});
