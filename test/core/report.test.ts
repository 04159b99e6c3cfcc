import { describe, expect, it } from 'vitest';
import type { ManifestItem } from '../../lambdas/core/contracts.js';
import type { CrewResult } from '../../lambdas/core/crew-result.js';
import { buildPortfolioReport, type PortfolioReport } from '../../lambdas/core/portfolio-report.js';
import { renderReportMarkdown } from '../../lambdas/core/report-markdown.js';
import { buildBatchPrefetchMetrics } from '../../lambdas/core/run-metrics.js';
import { NO_RESULT_REASON, rankRows, toReportRow, type TickerOutcome } from '../../lambdas/core/ticker-outcome.js';

function result(ticker: string, status: 'ok' | 'failed', opts: { score?: number; error?: string; name?: string | null } = {}): CrewResult {
  return {
    ticker,
    name: opts.name ?? null,
    status,
    error: status === 'failed' ? (opts.error ?? 'unknown symbol') : null,
    mode: 'batch',
    figures:
      status === 'ok'
        ? {
            lastPrice: 123.456,
            currency: 'USD',
            week52Low: 100,
            week52High: 150,
            week52Position: 0.47,
            oneYearReturn: 0.12,
            annualisedVolatility: 0.31,
            bars: 250,
          }
        : null,
    score: status === 'ok' ? (opts.score ?? 0.5) : null,
    durations: { fetch_seconds: 0.5, analysis_seconds: 1, total_seconds: 1.5 },
    peak_rss_mb: 100,
    analysed_at: '2025-01-01T00:00:00.000Z',
  };
}

const item = (ticker: string, index: number, extra: Partial<ManifestItem> = {}): ManifestItem => ({ ticker, index, ...extra });

function makeReport(outcomes: TickerOutcome[], fallbackReason: string | null = null): PortfolioReport {
  const rankedRows = rankRows(outcomes.map(toReportRow));
  const mode = fallbackReason ? 'sequential' : 'batch';
  const metrics = buildBatchPrefetchMetrics({
    sessionId: 'sess-42',
    timestamp: '2025-01-01T00:01:00.000Z',
    mode,
    fallbackReason,
    fallbackAt: fallbackReason ? '2025-01-01T00:00:05.000Z' : null,
    batchSize: 3,
    totalBatches: 2,
    rows: rankedRows,
    prefetch: null,
    crewSeconds: 3,
    totalSeconds: 4,
    memoryUsageMb: 100,
    peakMemoryUsageMb: 120,
    alphaVantageEnabled: false,
  });
  return buildPortfolioReport({
    sessionId: 'sess-42',
    generatedAt: '2025-01-01T00:01:00.000Z',
    startedAt: '2025-01-01T00:00:00.000Z',
    portfolioKey: null,
    mode,
    fallbackReason,
    fallbackAt: fallbackReason ? '2025-01-01T00:00:05.000Z' : null,
    rankedRows,
    metrics,
  });
}

/** The rows of the holdings table, each split into cells on unescaped pipes. */
function tableRows(markdown: string): string[][] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((line) => line.startsWith('| # | Ticker |'));
  expect(header).toBeGreaterThanOrEqual(0);
  const columns = splitCells(lines[header]!).length;
  expect(lines[header + 1]).toMatch(/^\|(---\|)+$/);
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

const outcomes: TickerOutcome[] = [
  { holding: item('AAPL', 0, { name: 'Apple', shares: 10 }), result: result('AAPL', 'ok', { score: 0.72 }) },
  { holding: item('ZZZZ', 1), result: result('ZZZZ', 'failed', { error: 'unknown symbol' }) },
  { holding: item('MSFT', 2, { name: 'Microsoft' }), result: result('MSFT', 'ok', { score: 0.81 }) },
  { holding: item('GONE', 3, { name: 'Gone Corp' }), result: null },
  { holding: item('BAD', 4), result: result('BAD', 'failed', { error: 'HTTP 500' }) },
];

describe('buildPortfolioReport', () => {
  it('lists every ticker exactly once in holdings, with summary counts and failures', () => {
    const report = makeReport(outcomes);
    expect(report.holdings.map((row) => row.ticker).sort()).toEqual(['AAPL', 'BAD', 'GONE', 'MSFT', 'ZZZZ']);
    expect(report.holdings.map((row) => row.ticker)).toEqual(['MSFT', 'AAPL', 'BAD', 'GONE', 'ZZZZ']);
    expect(report.summary).toEqual({ total_tickers: 5, successful_tickers: 2, failed_tickers: 3, average_score: 0.765 });
    expect(report.failures).toEqual([
      { ticker: 'BAD', reason: 'HTTP 500' },
      { ticker: 'GONE', reason: NO_RESULT_REASON },
      { ticker: 'ZZZZ', reason: 'unknown symbol' },
    ]);
    expect(report.fallback).toBeNull();
    expect(report.performance.total_tickers).toBe(5);
  });

  it('records the fallback only when there is one', () => {
    expect(makeReport(outcomes, 'Failure rate 60% > 50%').fallback).toEqual({ reason: 'Failure rate 60% > 50%', at: '2025-01-01T00:00:05.000Z' });
    expect(makeReport(outcomes, null).fallback).toBeNull();
  });

  it('has a null average score when nothing succeeded', () => {
    const report = makeReport([{ holding: item('GONE', 0), result: null }]);
    expect(report.summary).toEqual({ total_tickers: 1, successful_tickers: 0, failed_tickers: 1, average_score: null });
  });
});

describe('renderReportMarkdown', () => {
  it('has every ticker exactly once in the holdings table, ranked', () => {
    const rows = tableRows(renderReportMarkdown(makeReport(outcomes)));
    expect(rows.map((cells) => cells[1])).toEqual(['MSFT', 'AAPL', 'BAD', 'GONE', 'ZZZZ']);
    expect(rows.map((cells) => cells[0])).toEqual(['1', '2', '—', '—', '—']);
    expect(rows[0]).toEqual(['1', 'MSFT', 'Microsoft', 'ok', '0.810', '123.46 USD', '12.0%', '31.0%', '47%', '']);
    expect(rows[3]).toEqual(['—', 'GONE', 'Gone Corp', 'failed', '—', '—', '—', '—', '—', NO_RESULT_REASON]);
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
    const section = markdown.split('## Failures\n')[1]!.split('\n## ')[0]!;
    expect(section.trim().split('\n')).toEqual(['- BAD: HTTP 500', `- GONE: ${NO_RESULT_REASON}`, '- ZZZZ: unknown symbol']);
    expect(markdown).toContain('Failures by cause:');
    const allOk = renderReportMarkdown(makeReport([outcomes[0]!, outcomes[2]!]));
    expect(allOk).not.toContain('## Failures');
  });

  it('does not let a | (or a line break) in a name or reason break the table', () => {
    const tricky: TickerOutcome[] = [
      { holding: item('PIPE', 0, { name: 'A | B Holdings' }), result: result('PIPE', 'ok', { score: 0.6 }) },
      { holding: item('WRAP', 1, { name: 'Line one\nline two' }), result: result('WRAP', 'ok', { score: 0.5 }) },
      { holding: item('ERR', 2, { name: 'x|y|z' }), result: result('ERR', 'failed', { error: 'bad | answer\r\nsecond line' }) },
    ];
    const rows = tableRows(renderReportMarkdown(makeReport(tricky)));
    expect(rows.map((cells) => cells[1])).toEqual(['PIPE', 'WRAP', 'ERR']);
    expect(rows[0]![2]).toBe('A \\| B Holdings');
    expect(rows[1]![2]).toBe('Line one line two');
    expect(rows[2]![2]).toBe('x\\|y\\|z');
    expect(rows[2]![9]).toBe('bad \\| answer second line');
  });
});
