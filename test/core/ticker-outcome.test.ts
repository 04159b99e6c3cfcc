import { describe, expect, it } from 'vitest';
import type { ManifestItem } from '../../lambdas/core/contracts.js';
import { errorSummary, NO_RESULT_REASON, rankRows, toReportRow, withWeights, type ReportRow } from '../../lambdas/core/report/ticker-outcome.js';
import { failedCrewResult, okCrewResult } from '../support/crew-result-builder.js';

const holding = (ticker: string, extra: Partial<ManifestItem> = {}): ManifestItem => ({ ticker, index: 0, ...extra });
const okResult = (ticker: string, composite: number, extra: Parameters<typeof okCrewResult>[1] = {}) =>
  okCrewResult(ticker, { composite, ...extra });
const failedResult = failedCrewResult;

describe('toReportRow', () => {
  it('reports a missing result as failed with NO_RESULT_REASON, grade N/A and WAIT', () => {
    const row = toReportRow({ holding: holding('MSFT', { name: 'Microsoft', shares: 10, currency: 'USD' }), result: null });
    expect(row).toMatchObject({
      rank: null,
      ticker: 'MSFT',
      name: 'Microsoft',
      status: 'failed',
      reason: NO_RESULT_REASON,
      grade: 'N/A',
      recommendation: 'WAIT',
      confidence: 0,
      composite_score: null,
      fundamental_score: null,
      technical_score: null,
      risk_score: null,
      last_price: null,
      market_value: null,
      unrealised_gain: null,
      weight: null,
      quote_currency: 'USD',
      shares: 10,
      stale: false,
      warnings: [],
      llm: null,
      fetchSeconds: 0,
      analysisSeconds: 0,
    });
    // The reader of report.md sees why there is no decision.
    expect(row.rationale.join(' ')).toContain(NO_RESULT_REASON);
    expect(NO_RESULT_REASON).toBe('no result: crew timed out or crashed');
  });

  it('carries a failed result with its own reason', () => {
    const row = toReportRow({ holding: holding('ZZZZ'), result: failedResult('ZZZZ', 'unknown symbol') });
    expect(row).toMatchObject({
      status: 'failed',
      reason: 'unknown symbol',
      rank: null,
      grade: 'N/A',
      recommendation: 'WAIT',
      market_value: null,
      fetchSeconds: 0.2,
    });
    expect(row.rationale.join(' ')).toContain('unknown symbol');
  });

  it("carries the result's decision, scores and position (in the base currency), not a recomputation", () => {
    const result = okResult('VOD.L', 0.8, {
      grade: 'B',
      recommendation: 'BUY',
      confidence: 0.64,
      quoteCurrency: 'GBp',
      lastPrice: 72.5,
      shares: 1000,
      // 1000 x 72.5 pence = 725 GBP = 906.25 USD at 1.25: not price x shares.
      marketValue: 906.25,
      costValue: 750,
      stale: true,
      warnings: ['Stale data'],
      fetchSeconds: 0.4,
      analysisSeconds: 0.6,
    });
    const row = toReportRow({ holding: holding('VOD.L', { shares: 1000 }), result });
    expect(row).toMatchObject({
      status: 'ok',
      reason: null,
      grade: 'B',
      recommendation: 'BUY',
      confidence: 0.64,
      composite_score: 0.8,
      fundamental_score: 0.6,
      technical_score: 0.6,
      risk_score: 0.4,
      quote_currency: 'GBp',
      last_price: 72.5,
      shares: 1000,
      market_value: 906.25,
      unrealised_gain: 156.25,
      stale: true,
      warnings: ['Stale data'],
      fetchSeconds: 0.4,
      analysisSeconds: 0.6,
      asset_type: 'EQUITY',
    });
    expect(row.unrealised_gain_pct).toBeCloseTo(156.25 / 750, 12);
    expect(row.rationale).toEqual(result.rationale);
    // The weight is the report's to set, over the rows it has.
    expect(row.weight).toBeNull();
  });

  it('carries the LLM usage of the result', () => {
    const llm = { model_id: 'm', input_tokens: 1200, output_tokens: 300, cost_usd: 0.0042 };
    expect(toReportRow({ holding: holding('AAPL'), result: okResult('AAPL', 0.5, { llm }) }).llm).toEqual(llm);
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

  it('orders ok rows by composite desc with ranks 1..n, ties by ticker; failed rows last by ticker, unranked', () => {
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

describe('withWeights', () => {
  it("sets each row's share of the total market value; rows without a value get null and do not count", () => {
    const weighted = withWeights([
      toReportRow({ holding: holding('A', { shares: 10 }), result: okResult('A', 0.7, { marketValue: 3000 }) }),
      toReportRow({ holding: holding('B', { shares: 10 }), result: okResult('B', 0.6, { marketValue: 1000 }) }),
      toReportRow({ holding: holding('C'), result: okResult('C', 0.5, { shares: null }) }),
      toReportRow({ holding: holding('D', { shares: 5 }), result: null }),
    ]);
    expect(weighted.map((row) => [row.ticker, row.weight])).toEqual([
      ['A', 0.75],
      ['B', 0.25],
      ['C', null],
      ['D', null],
    ]);
    const sum = weighted.reduce((total, row) => total + (row.weight ?? 0), 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('gives null weights, not NaN, when no row has a market value, and keeps the rows otherwise unchanged', () => {
    const rows = [
      toReportRow({ holding: holding('A'), result: okResult('A', 0.7, { shares: null }) }),
      toReportRow({ holding: holding('B'), result: null }),
    ];
    const weighted = withWeights(rows);
    expect(weighted.map((row) => row.weight)).toEqual([null, null]);
    expect(weighted.map(({ weight: _w, ...rest }) => rest)).toEqual(rows.map(({ weight: _w, ...rest }) => rest));
  });

  it('gives null weights when every market value is 0 (nothing to divide by)', () => {
    const weighted = withWeights([toReportRow({ holding: holding('A', { shares: 0 }), result: okResult('A', 0.7, { shares: 0 }) })]);
    expect(weighted[0]!.market_value).toBe(0);
    expect(weighted[0]!.weight).toBeNull();
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
