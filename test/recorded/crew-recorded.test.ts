// The whole crew on REAL recorded Yahoo answers: AAPL and AMZN give complete results whose
// figures are the recorded values; QQQ, whose company modules are real 404s, is an ETF, ok,
// with the fundamental weight shared out. Expected values come from the files, not the code.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetYahooSession } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { analyseTicker, type CrewAnalysis } from '../../lambdas/core/analysis/crew-analysis.js';
import { crewResultSchema } from '../../lambdas/core/analysis/crew-result.js';
import type { MarketContext } from '../../lambdas/core/prefetch/market-context.js';
import { createReplayFetch, FIXTURES_DIR, yahoo2025Recordings } from './replay-fetch.js';
import { nonFiniteNumberPaths, numberCount } from '../support/walk-numbers.js';
import { testProvenance } from '../support/crew-result-builder.js';
import { portOver, recordedTickerData, recordedWindow } from './ticker-data.js';

const AAPL_CHART = 'yahoo/chart-AAPL-2020-08-31-to-2020-11-07.json';
const MSFT_YEAR = 'yahoo/historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json';
type Json = Record<string, unknown>;

const recordedModule = (module: string, symbol: string): Json => {
  const file = new URL(`yahoo/quoteSummary-${module}-${symbol}.json`, FIXTURES_DIR);
  const body = JSON.parse(readFileSync(file, 'utf8')).response.bodyJson as { quoteSummary: { result: Json[] } };
  return body.quoteSummary.result[0]![module] as Json;
};

const replay = createReplayFetch(yahoo2025Recordings());
const port = portOver(replay);
const results = new Map<string, CrewAnalysis>();
const NOW = new Date('2020-11-07T00:00:00Z');

/** Every number anywhere in a value, with its path. */

beforeAll(async () => {
  await resetYahooSession();
  const msft = recordedWindow(MSFT_YEAR);
  const context: MarketContext = {
    base_currency: 'USD',
    fx_rates: {},
    fx_missing: [],
    benchmark: { symbol: 'MSFT', bars: await port.dailyBars('MSFT', msft.from, msft.to) },
    benchmark_error: null,
    fetched_at: NOW.toISOString(),
  };
  for (const [symbol, chart] of [['AAPL', AAPL_CHART], ['AMZN', undefined], ['QQQ', undefined]] as const) {
    const data = await recordedTickerData(port, symbol, chart);
    // No year of QQQ bars is recorded: the ETF gets MSFT's recorded year, so that its
    // technical and risk analysts have data and the fundamental weight is seen shared out.
    if (symbol === 'QQQ') data.bars = context.benchmark!.bars;
    const holding = { ticker: symbol, index: 0, shares: 10, costBasis: 100, weight: 0.2 };
    results.set(symbol, analyseTicker({ holding, data, context, baseCurrency: 'USD', benchmarkSymbol: 'MSFT', now: NOW }));
  }
  expect(replay.unmatched).toEqual([]);
});

const result = (symbol: string) => results.get(symbol)!;
const asStored = (analysis: CrewAnalysis) =>
  crewResultSchema.parse(
    JSON.parse(
      JSON.stringify({
        ...analysis,
        mode: 'batch',
        provenance: testProvenance(),
        simulated: false,
        narrative: null,
        llm: null,
        durations: { fetch_seconds: 0, analysis_seconds: 0, llm_seconds: 0, total_seconds: 0 },
        peak_rss_mb: 0,
        analysed_at: NOW.toISOString(),
      }),
    ),
  );

describe.each(['AAPL', 'AMZN'])('%s, complete result from the recordings', (symbol) => {
  it('is ok, graded, with a recommendation and a rationale that cites numbers', () => {
    const r = result(symbol);
    expect(r.status).toBe('ok');
    expect(r.asset_type).toBe('EQUITY');
    expect(r.grade).toMatch(/^(A\+|A|B|C|D|F)$/);
    expect(['BUY', 'HOLD', 'SELL']).toContain(r.recommendation);
    expect(r.fundamental_score).not.toBeNull();
    expect(r.composite_score).toBeGreaterThanOrEqual(0);
    expect(r.rationale.some((sentence) => /\d/.test(sentence))).toBe(true);
    expect(() => asStored(r)).not.toThrow();
  });

  it('reports the recorded figures as they are', () => {
    const r = result(symbol);
    const find = (metric: string) => r.fundamental!.details.find((finding) => finding.metric === metric)!;
    expect(find('trailingPE').value).toBe(recordedModule('summaryDetail', symbol).trailingPE);
    expect(find('returnOnEquity').value).toBe(recordedModule('financialData', symbol).returnOnEquity);
    const financial = recordedModule('financialData', symbol);
    expect(r.street_view?.targetMeanPrice).toBe(financial.targetMeanPrice);
    expect(r.street_view?.targetHighPrice).toBe(financial.targetHighPrice);
  });

  it('has no NaN or Infinity anywhere', () => {
    // The in-memory result: once written as JSON a NaN would already be null.
    expect(nonFiniteNumberPaths(result(symbol))).toEqual([]);
    expect(numberCount(result(symbol))).toBeGreaterThan(50);
  });
});

describe('AAPL over a short recorded history (49 bars)', () => {
  it('gives the indicators it can and warns about the others', () => {
    const r = result('AAPL');
    expect(r.technical!.details.find((f) => f.metric === 'rsi14')?.value).not.toBeNull();
    expect(r.warnings.join(' ')).toMatch(/SMA200|200/);
  });
});

describe('QQQ, an ETF whose company modules are real 404s', () => {
  it('is ok, not failed, with the fundamental weight shared out and a warning', () => {
    const r = result('QQQ');
    expect(r.status).toBe('ok');
    expect(r.asset_type).toBe('ETF');
    expect(r.fundamental_score).toBeNull();
    expect(r.weights.fundamental).toBe(0);
    expect(r.weights.technical + r.weights.risk).toBeCloseTo(1, 2);
    expect(r.warnings.some((warning) => /fundamental/i.test(warning) && /ETF/.test(warning))).toBe(true);
    expect(nonFiniteNumberPaths(r)).toEqual([]);
  });
});
