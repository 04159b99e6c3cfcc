import { describe, expect, it } from 'vitest';
import type { ManifestItem } from '../../lambdas/core/contracts.js';
import type { CrewResult } from '../../lambdas/core/crew-result.js';
import { errorSummary, NO_RESULT_REASON, rankRows, toReportRow, type ReportRow } from '../../lambdas/core/ticker-outcome.js';

const holding = (ticker: string, extra: Partial<ManifestItem> = {}): ManifestItem => ({ ticker, index: 0, ...extra });

function okResult(ticker: string, score: number, lastPrice = 100): CrewResult {
  return {
    ticker,
    name: `${ticker} Inc.`,
    status: 'ok',
    error: null,
    mode: 'batch',
    figures: {
      lastPrice,
      currency: 'USD',
      week52Low: 80,
      week52High: 120,
      week52Position: 0.5,
      oneYearReturn: 0.1,
      annualisedVolatility: 0.25,
      bars: 252,
    },
    score,
    durations: { fetch_seconds: 0.4, analysis_seconds: 0.6, total_seconds: 1 },
    peak_rss_mb: 90,
    analysed_at: '2025-01-01T00:00:00.000Z',
  };
}

function failedResult(ticker: string, error: string | null): CrewResult {
  return {
    ticker,
    name: null,
    status: 'failed',
    error,
    mode: 'batch',
    figures: null,
    score: null,
    durations: { fetch_seconds: 0.2, analysis_seconds: 0, total_seconds: 0.2 },
    peak_rss_mb: 80,
    analysed_at: '2025-01-01T00:00:00.000Z',
  };
}

describe('toReportRow', () => {
  it('reports a missing result as failed with NO_RESULT_REASON', () => {
    const row = toReportRow({ holding: holding('MSFT', { name: 'Microsoft', shares: 10, currency: 'USD' }), result: null });
    expect(row).toMatchObject({
      rank: null,
      ticker: 'MSFT',
      name: 'Microsoft',
      status: 'failed',
      reason: NO_RESULT_REASON,
      score: null,
      lastPrice: null,
      marketValue: null,
      currency: 'USD',
      shares: 10,
      fetchSeconds: 0,
      analysisSeconds: 0,
    });
    expect(NO_RESULT_REASON).toBe('no result: crew timed out or crashed');
  });

  it('carries a failed result with its own reason', () => {
    const row = toReportRow({ holding: holding('ZZZZ'), result: failedResult('ZZZZ', 'unknown symbol') });
    expect(row).toMatchObject({ status: 'failed', reason: 'unknown symbol', rank: null, marketValue: null, fetchSeconds: 0.2 });
  });

  it('computes marketValue = price × shares, null without shares', () => {
    const row = toReportRow({ holding: holding('AAPL', { shares: 12.5 }), result: okResult('AAPL', 0.7, 201.2) });
    expect(row.status).toBe('ok');
    expect(row.lastPrice).toBe(201.2);
    expect(row.marketValue).toBeCloseTo(2515, 9);
    expect(row.reason).toBeNull();
    expect(row.fetchSeconds).toBe(0.4);
    expect(row.analysisSeconds).toBe(0.6);
    expect(toReportRow({ holding: holding('AAPL', { shares: 0 }), result: okResult('AAPL', 0.7, 201.2) }).marketValue).toBe(0);
    expect(toReportRow({ holding: holding('AAPL'), result: okResult('AAPL', 0.7, 201.2) }).marketValue).toBeNull();
  });

  it("prefers the result's name over the holding's", () => {
    expect(toReportRow({ holding: holding('AAPL', { name: 'Apple' }), result: okResult('AAPL', 0.5) }).name).toBe('AAPL Inc.');
    expect(toReportRow({ holding: holding('ZZZZ', { name: 'Zed' }), result: failedResult('ZZZZ', 'x') }).name).toBe('Zed');
  });
});

describe('rankRows', () => {
  const rows: ReportRow[] = [
    toReportRow({ holding: holding('ZZZZ'), result: failedResult('ZZZZ', 'unknown symbol') }),
    toReportRow({ holding: holding('MSFT'), result: okResult('MSFT', 0.61) }),
    toReportRow({ holding: holding('AAPL'), result: null }),
    toReportRow({ holding: holding('NVDA'), result: okResult('NVDA', 0.8) }),
    toReportRow({ holding: holding('GOOG'), result: okResult('GOOG', 0.61) }),
    toReportRow({ holding: holding('AMZN'), result: okResult('AMZN', 0.3) }),
    toReportRow({ holding: holding('BAD'), result: failedResult('BAD', 'HTTP 500') }),
  ];

  it('orders ok rows by score desc with ranks 1..n, ties by ticker; failed rows last by ticker, unranked', () => {
    const ranked = rankRows(rows);
    expect(ranked.map((row) => [row.ticker, row.rank])).toEqual([
      ['NVDA', 1],
      ['GOOG', 2],
      ['MSFT', 3],
      ['AMZN', 4],
      ['AAPL', null],
      ['BAD', null],
      ['ZZZZ', null],
    ]);
  });

  it('keeps every row exactly once, whatever the input order', () => {
    const reversed = rankRows([...rows].reverse());
    expect(reversed.map((row) => row.ticker)).toEqual(rankRows(rows).map((row) => row.ticker));
    expect(reversed).toHaveLength(rows.length);
  });
});

describe('errorSummary', () => {
  it('counts failed rows by reason and ignores ok rows', () => {
    const rows = [
      toReportRow({ holding: holding('A'), result: null }),
      toReportRow({ holding: holding('B'), result: null }),
      toReportRow({ holding: holding('C'), result: failedResult('C', 'unknown symbol') }),
      toReportRow({ holding: holding('D'), result: failedResult('D', 'unknown symbol') }),
      toReportRow({ holding: holding('E'), result: failedResult('E', 'unknown symbol') }),
      toReportRow({ holding: holding('F'), result: failedResult('F', 'HTTP 500') }),
      toReportRow({ holding: holding('G'), result: failedResult('G', null) }),
      toReportRow({ holding: holding('H'), result: okResult('H', 0.5) }),
    ];
    expect(errorSummary(rows)).toEqual({ [NO_RESULT_REASON]: 2, 'unknown symbol': 3, 'HTTP 500': 1, unknown: 1 });
    expect(errorSummary([toReportRow({ holding: holding('H'), result: okResult('H', 0.5) })])).toEqual({});
  });
});
