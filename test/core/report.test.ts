import { describe, expect, it } from 'vitest';
import type { CrewResult } from '../../lambdas/core/analysis/crew-result.js';
import type { PortfolioReport } from '../../lambdas/core/report/portfolio-report.js';
import { renderReportMarkdown } from '../../lambdas/core/report/report-markdown.js';
import { NO_RESULT_REASON, type TickerOutcome } from '../../lambdas/core/report/ticker-outcome.js';
import { failedCrewResult, okCrewResult, type OkResultOptions } from '../support/crew-result-builder.js';
import { item, makeReport as buildReport } from '../support/report-builder.js';

function result(ticker: string, status: 'ok' | 'failed', opts: OkResultOptions & { error?: string } = {}): CrewResult {
  if (status === 'failed') return failedCrewResult(ticker, opts.error ?? 'unknown symbol', { name: opts.name ?? null });
  return okCrewResult(ticker, { lastPrice: 123.456, name: null, ...opts });
}

// The report as Consolidate builds it (the shared builder), with this file's positional options.
const makeReport = (outcomes: TickerOutcome[], fallbackReason: string | null = null, baseCurrency = 'USD'): PortfolioReport =>
  buildReport(outcomes, { fallbackReason, baseCurrency });

/** The rows of the holdings table, each split into cells on unescaped pipes. */
function tableRows(markdown: string): string[][] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((line) => line.startsWith('| # | Ticker |'));
  expect(header).toBeGreaterThanOrEqual(0);
  const columns = splitCells(lines[header]!).length;
  expect(lines[header + 1]).toMatch(/^\|(---\|)+$/);
  expect(splitCells(lines[header + 1]!.replace(/---/g, ' x '))).toHaveLength(columns);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (line === '') break;
    const cells = splitCells(line);
    expect(cells, `row ${JSON.stringify(line)}`).toHaveLength(columns);
    rows.push(cells);
  }
  return rows;
}

function splitCells(line: string): string[] {
  expect(line.startsWith('| ') && line.endsWith(' |'), `table line ${JSON.stringify(line)}`).toBe(true);
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** The lines of a `## <title>` section, up to the next section. */
function section(markdown: string, title: string): string[] {
  const parts = markdown.split(`## ${title}\n`);
  expect(parts, `section ${title}`).toHaveLength(2);
  return parts[1]!.split('\n## ')[0]!.trim().split('\n');
}

const COLUMNS = ['#', 'Ticker', 'Name', 'Grade', 'Rec.', 'Conf.', 'Composite', 'Fund.', 'Tech.', 'Risk', 'Price', 'Weight', 'Unrealised P/L', 'Note'];
const NOTE = COLUMNS.indexOf('Note');

const outcomes: TickerOutcome[] = [
  // 10 x 123.456 = 1234.56 USD, bought for 1000: +234.56 (23.5 %).
  { holding: item('AAPL', 0, { name: 'Apple', shares: 10 }), result: result('AAPL', 'ok', { composite: 0.54, shares: 10, costValue: 1000 }) },
  { holding: item('ZZZZ', 1), result: result('ZZZZ', 'failed', { error: 'unknown symbol' }) },
  // 5 x 123.456 = 617.28 USD, no cost basis.
  { holding: item('MSFT', 2, { name: 'Microsoft', shares: 5 }), result: result('MSFT', 'ok', { composite: 0.69, shares: 5 }) },
  { holding: item('GONE', 3, { name: 'Gone Corp' }), result: null },
  { holding: item('BAD', 4), result: result('BAD', 'failed', { error: 'HTTP 500' }) },
];

describe('buildPortfolioReport', () => {
  it('lists every ticker exactly once in holdings, ranked by composite, with summary counts and failures', () => {
    const report = makeReport(outcomes);
    expect(report.holdings.map((row) => row.ticker).sort()).toEqual(['AAPL', 'BAD', 'GONE', 'MSFT', 'ZZZZ']);
    expect(report.holdings.map((row) => row.ticker)).toEqual(['MSFT', 'AAPL', 'BAD', 'GONE', 'ZZZZ']);
    expect(report.summary).toMatchObject({ total_tickers: 5, successful_tickers: 2, failed_tickers: 3, average_composite: 0.615 });
    expect(report.failures).toEqual([
      { ticker: 'BAD', reason: 'HTTP 500' },
      { ticker: 'GONE', reason: NO_RESULT_REASON },
      { ticker: 'ZZZZ', reason: 'unknown symbol' },
    ]);
    expect(report.fallback).toBeNull();
    expect(report.performance.total_tickers).toBe(5);
  });

  it("summarises the portfolio: value and gain in the base currency, grades, recommendations, each holding's weight", () => {
    const report = makeReport(outcomes, null, 'USD');
    expect(report.summary).toEqual({
      total_tickers: 5,
      successful_tickers: 2,
      failed_tickers: 3,
      average_composite: 0.615,
      base_currency: 'USD',
      total_market_value: expect.closeTo(1851.84, 9),
      total_unrealised_gain: expect.closeTo(234.56, 9),
      // Every ticker counted once: 0.69 is a B, 0.54 a C, the three without a result N/A.
      grade_distribution: { 'A+': 0, A: 0, B: 1, C: 1, D: 0, F: 0, 'N/A': 3 },
      recommendations: { BUY: 1, HOLD: 1, SELL: 0, WAIT: 3 },
      stale_tickers: [],
      stale_after_trading_days: null,
    });
    const weight = (ticker: string) => report.holdings.find((row) => row.ticker === ticker)!.weight;
    expect(weight('AAPL')).toBeCloseTo(1234.56 / 1851.84, 12);
    expect(weight('MSFT')).toBeCloseTo(617.28 / 1851.84, 12);
    expect(weight('GONE')).toBeNull();
    expect(report.sell_candidates).toEqual([]);
  });

  it('has no totals (null, not 0) when no holding has a market value, and names the stale tickers', () => {
    const report = makeReport([
      { holding: item('OLD', 0), result: result('OLD', 'ok', { composite: 0.32, shares: null, stale: true }) },
      { holding: item('NEW', 1), result: result('NEW', 'ok', { composite: 0.32, shares: null }) },
    ]);
    expect(report.summary).toMatchObject({ total_market_value: null, total_unrealised_gain: null, stale_tickers: ['OLD'] });
  });

  it('lists the SELL candidates, the heaviest first, each with its reasons (the rationale after its first sentence)', () => {
    const rationale = (ticker: string) => [
      `Composite of ${ticker}.`,
      `SELL: composite of ${ticker} is below 0.55.`,
      `${ticker}: Trailing P/E: 40 is above the 25 threshold.`,
      `${ticker}: Max drawdown: 45% is above the 40% threshold.`,
      `${ticker}: 3-month momentum: fell 16.1%.`,
      `${ticker}: a fifth sentence, beyond the four reasons.`,
    ];
    const report = makeReport([
      { holding: item('LIGHT', 0, { shares: 1 }), result: result('LIGHT', 'ok', { composite: 0.09, shares: 1, rationale: rationale('LIGHT') }) },
      { holding: item('HEAVY', 1, { shares: 100 }), result: result('HEAVY', 'ok', { composite: 0.23, shares: 100, rationale: rationale('HEAVY') }) },
      { holding: item('KEEP', 2, { shares: 10 }), result: result('KEEP', 'ok', { composite: 0.5, shares: 10 }) },
      // Without a weight: after the weighted ones.
      { holding: item('NOVAL', 3), result: result('NOVAL', 'ok', { composite: 0.05, shares: null, rationale: rationale('NOVAL') }) },
      { holding: item('GONE', 4), result: null },
    ]);
    expect(report.sell_candidates.map((sell) => sell.ticker)).toEqual(['HEAVY', 'LIGHT', 'NOVAL']);
    expect(report.sell_candidates[0]).toEqual({
      ticker: 'HEAVY',
      grade: 'F',
      composite_score: 0.23,
      weight: expect.closeTo(100 / 111, 12),
      lead: null,
      reasons: rationale('HEAVY').slice(1, 5),
    });
    expect(report.summary.recommendations).toEqual({ BUY: 0, HOLD: 1, SELL: 3, WAIT: 1 });
    expect(report.summary.grade_distribution).toMatchObject({ C: 1, F: 3, 'N/A': 1 });
  });

  it('records the fallback only when there is one', () => {
    expect(makeReport(outcomes, 'Failure rate 60% > 50%').fallback).toEqual({ reason: 'Failure rate 60% > 50%', at: '2025-01-01T00:00:05.000Z' });
    expect(makeReport(outcomes, null).fallback).toBeNull();
  });

  it('has a null average composite and empty totals when nothing succeeded', () => {
    const report = makeReport([{ holding: item('GONE', 0), result: null }]);
    expect(report.summary).toMatchObject({
      total_tickers: 1,
      successful_tickers: 0,
      failed_tickers: 1,
      average_composite: null,
      total_market_value: null,
      grade_distribution: { 'N/A': 1 },
      recommendations: { WAIT: 1 },
    });
  });

  it('keeps the base currency it is given', () => {
    expect(makeReport(outcomes, null, 'EUR').summary.base_currency).toBe('EUR');
  });
});

describe('renderReportMarkdown', () => {
  it('has every ticker exactly once in the holdings table, ranked, with grade, recommendation and scores', () => {
    const markdown = renderReportMarkdown(makeReport(outcomes));
    const header = markdown.split('\n').find((line) => line.startsWith('| # | Ticker |'))!;
    expect(splitCells(header)).toEqual(COLUMNS);
    const rows = tableRows(markdown);
    expect(rows.map((cells) => cells[1])).toEqual(['MSFT', 'AAPL', 'BAD', 'GONE', 'ZZZZ']);
    expect(rows.map((cells) => cells[0])).toEqual(['1', '2', '—', '—', '—']);
    expect(rows[0]).toEqual(['1', 'MSFT', 'Microsoft', 'B', 'BUY', '0.70', '0.69', '0.60', '0.60', '0.40', '123.46 USD', '33.3%', '—', '']);
    expect(rows[1]).toEqual(['2', 'AAPL', 'Apple', 'C', 'HOLD', '0.70', '0.54', '0.60', '0.60', '0.40', '123.46 USD', '66.7%', '234.56 (23.5%)', '']);
    expect(rows[3]).toEqual(['—', 'GONE', 'Gone Corp', 'N/A', 'WAIT', '0.00', '—', '—', '—', '—', '—', '—', '—', NO_RESULT_REASON]);
  });

  it('summarises value, grades and recommendations in the base currency', () => {
    const summary = section(renderReportMarkdown(makeReport(outcomes)), 'Summary');
    expect(summary).toContain('- Tickers: 5 (2 analysed, 3 failed)');
    expect(summary).toContain('- Market value: 1,851.84 USD; unrealised gain/loss: 234.56 USD');
    expect(summary).toContain('- Grades: B 1, C 1, N/A 3');
    expect(summary).toContain('- Recommendations: BUY 1, HOLD 1, SELL 0, WAIT 3');
    expect(summary.join('\n')).not.toContain('Stale');
  });

  it('lists the SELL candidates with their reasons, or says there are none', () => {
    const rationale = ['Composite 0.40 (grade F).', 'SELL: composite 0.40 is below 0.55.', 'Max drawdown: 45% is above the 40% threshold.'];
    const markdown = renderReportMarkdown(
      makeReport([
        { holding: item('WEAK', 0, { shares: 10 }), result: result('WEAK', 'ok', { composite: 0.18, shares: 10, rationale }) },
        { holding: item('GOOD', 1, { shares: 10 }), result: result('GOOD', 'ok', { composite: 0.68, shares: 10 }) },
      ]),
    );
    expect(section(markdown, 'SELL candidates')).toEqual([
      '- **WEAK** (grade F, composite 0.18, weight 50.0%)',
      '  - SELL: composite 0.40 is below 0.55.',
      '  - Max drawdown: 45% is above the 40% threshold.',
    ]);
    expect(section(renderReportMarkdown(makeReport(outcomes)), 'SELL candidates')).toEqual(['None.']);
  });

  it('explains every analysed holding (rationale and warnings), and only those', () => {
    const markdown = renderReportMarkdown(
      makeReport([
        {
          holding: item('AAPL', 0),
          result: {
            ...result('AAPL', 'ok', { composite: 0.54, rationale: ['Composite 0.72.', 'HOLD: between.'], warnings: ['Stale data: 200 hours old'] }),
            sector: 'Technology', industry: 'Consumer Electronics', country: 'United States', profile_reason: null,
          },
        },
        { holding: item('ZZZZ', 1), result: result('ZZZZ', 'failed') },
      ]),
    );
    const why = section(markdown, 'Why');
    expect(why).toEqual([
      '### AAPL — C, HOLD',
      '',
      '- Composite 0.72.',
      '- HOLD: between.',
      '- Warning: Stale data: 200 hours old',
      '- Profile: sector Technology, industry Consumer Electronics, country United States',
      // Where the data came from, with its times.
      '- Data: Yahoo Finance, fetched 2025-01-02T09:00:00.000Z, quote as of 2025-01-01T21:00:00.000Z, newest bar 2025-01-01T14:30:00.000Z',
    ]);
  });

  it('marks stale data and non-equity listings in the note column, and names stale tickers in the summary', () => {
    const markdown = renderReportMarkdown(
      makeReport([
        { holding: item('OLD', 0), result: result('OLD', 'ok', { composite: 0.5, stale: true }) },
        { holding: item('QQQ', 1), result: result('QQQ', 'ok', { composite: 0.32, assetType: 'ETF' }) },
      ]),
    );
    const rows = tableRows(markdown);
    expect(rows.map((cells) => [cells[1], cells[NOTE]])).toEqual([
      ['OLD', 'stale data: 9 trading days old'],
      ['QQQ', 'ETF'],
    ]);
    expect(section(markdown, 'Summary')).toContain('- Stale data: OLD');
  });

  it('shows the LLM usage in the performance section only when the LLM was used', () => {
    const llm = { model_id: 'm', input_tokens: 1000, output_tokens: 500, cost_usd: 0.0123 };
    const used = renderReportMarkdown(makeReport([{ holding: item('AAPL', 0), result: result('AAPL', 'ok', { llm }) }]));
    expect(section(used, 'Performance')).toContain('- LLM narrative for 1 ticker: 1500 tokens, $0.0123.');
    expect(renderReportMarkdown(makeReport(outcomes))).not.toContain('LLM');
  });

  it('shows the fallback notice if and only if there was a fallback', () => {
    const withFallback = renderReportMarkdown(makeReport(outcomes, 'Failure rate 60% > 50%'));
    expect(withFallback).toContain('Fallback to sequential mode');
    expect(withFallback).toContain('Failure rate 60% > 50%');
    expect(withFallback).toContain('2025-01-01T00:00:05.000Z');
    const without = renderReportMarkdown(makeReport(outcomes));
    expect(without).not.toMatch(/fallback/i);
  });

  it('lists the failures with their reasons, and no failures section when none failed', () => {
    const markdown = renderReportMarkdown(makeReport(outcomes));
    expect(section(markdown, 'Failures')).toEqual(['- BAD: HTTP 500', `- GONE: ${NO_RESULT_REASON}`, '- ZZZZ: unknown symbol']);
    expect(section(markdown, 'Performance')).toContain(
      `- 3 of 5 tickers failed (BAD, GONE, ZZZZ), by cause: HTTP 500 (1); ${NO_RESULT_REASON} (1); unknown symbol (1).`,
    );
    const allOk = renderReportMarkdown(makeReport([outcomes[0]!, outcomes[2]!]));
    expect(allOk).not.toContain('## Failures');
  });

  it('does not let a | (or a line break) in a name, reason or rationale break the table or the lists', () => {
    const tricky: TickerOutcome[] = [
      { holding: item('PIPE', 0, { name: 'A | B Holdings' }), result: result('PIPE', 'ok', { composite: 0.32 }) },
      {
        holding: item('WRAP', 1, { name: 'Line one\nline two' }),
        result: result('WRAP', 'ok', { composite: 0.23, rationale: ['First | part\nsecond line.'], warnings: ['warn |\r\nnext'] }),
      },
      { holding: item('ERR', 2, { name: 'x|y|z' }), result: result('ERR', 'failed', { error: 'bad | answer\r\nsecond line' }) },
    ];
    const markdown = renderReportMarkdown(makeReport(tricky));
    const rows = tableRows(markdown);
    expect(rows.map((cells) => cells[1])).toEqual(['PIPE', 'WRAP', 'ERR']);
    expect(rows[0]![2]).toBe('A \\| B Holdings');
    expect(rows[1]![2]).toBe('Line one line two');
    expect(rows[2]![2]).toBe('x\\|y\\|z');
    expect(rows[2]![NOTE]).toBe('bad \\| answer second line');
    const why = section(markdown, 'Why');
    expect(why).toContain('- First \\| part second line.');
    expect(why).toContain('- Warning: warn \\| next');
    expect(section(markdown, 'Failures')).toEqual(['- ERR: bad \\| answer second line']);
  });
});
