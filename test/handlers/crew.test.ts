import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});
vi.mock('../../lambdas/adapters/yahoo/yahoo-source.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lambdas/adapters/yahoo/yahoo-source.js')>();
  const { mockedYahooPortFromEnv } = await import('./support.js');
  return { ...actual, yahooPortFromEnv: mockedYahooPortFromEnv(actual.yahooPortFromEnv) };
});

import { crewResultSchema, type CrewResult } from '../../lambdas/core/analysis/crew-result.js';
import type { MarketContext } from '../../lambdas/core/prefetch/market-context.js';
import { handler } from '../../lambdas/crew/handler.js';
import { nonFiniteNumberPaths } from '../support/walk-numbers.js';
import {
  caught,
  fakeBars,
  fakeTickerData,
  fakeYahoo,
  getKeys,
  notFoundError,
  prefetchedOk,
  putKeys,
  putObject,
  readJson,
  resetAws,
  yahooSwitch,
} from './support.js';

// A session per test: the Crew keeps the run's market context per session in a warm container.
let sessionCount = 0;
let SID = '';
const prefetchKey = (ticker: string) => `runs/${SID}/prefetch/${ticker}.json`;
const resultKey = (ticker: string) => `runs/${SID}/results/${ticker}.json`;
const contextKey = () => `runs/${SID}/market-context.json`;
const runKey = () => `runs/${SID}/run.json`;
const crewEvent = (
  ticker: string,
  mode: 'batch' | 'sequential',
  extra: { name?: string; index?: number; shares?: number; weight?: number | null } = {},
) => ({
  sessionId: SID,
  mode,
  holding: {
    ticker,
    shares: extra.shares ?? 10,
    index: extra.index ?? 0,
    ...(extra.name ? { name: extra.name } : {}),
    ...(extra.weight !== undefined ? { weight: extra.weight } : {}),
  },
  batchSize: mode === 'batch' ? 5 : 1,
  totalTickers: 12,
});
const result = (ticker: string): CrewResult => crewResultSchema.parse(readJson(resultKey(ticker)));

function seedContext(overrides: Partial<MarketContext> = {}): void {
  const context: MarketContext = {
    base_currency: 'USD',
    fx_rates: {},
    fx_missing: [],
    benchmark: { symbol: 'SPY', bars: fakeBars('SPY') },
    benchmark_error: null,
    fetched_at: '2025-01-02T09:00:01.000Z',
    ...overrides,
  };
  putObject(contextKey(), context);
}

beforeEach(() => {
  SID = `crew-session-${++sessionCount}`;
  resetAws();
  yahooSwitch.current = fakeYahoo();
  yahooSwitch.factoryCalls = 0;
});

describe('Crew handler: batch mode', () => {
  it('runs the crew over the prefetched object and the run’s market context, and writes a full result', async () => {
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    putObject(prefetchKey('AAPL'), prefetchedOk('AAPL'));
    seedContext();

    const answer = await handler(crewEvent('AAPL', 'batch', { index: 7, weight: 0.08 }));

    expect(answer).toEqual({ ticker: 'AAPL', status: 'ok' });
    // run.json: who answered the run's requests (its provenance).
    expect([...getKeys()].sort()).toEqual([contextKey(), prefetchKey('AAPL'), runKey()].sort());
    expect(putKeys()).toEqual([resultKey('AAPL')]);
    const r = result('AAPL');
    expect(r).toMatchObject({
      ticker: 'AAPL',
      name: 'AAPL Corporation',
      status: 'ok',
      error: null,
      mode: 'batch',
      quote_currency: 'USD',
      asset_type: 'EQUITY',
      narrative: null,
      llm: null,
    });
    // The position: the quote's price, the holding's shares and weight, in the base currency.
    expect(r.position).toMatchObject({ shares: 10, last_price: 123.45, quote_currency: 'USD', base_currency: 'USD', weight: 0.08 });
    expect(r.position.market_value).toBeCloseTo(1234.5, 9);
    // The technical analyst read the prefetched bars.
    const closes = fakeBars('AAPL').map((bar) => bar.close!);
    expect(r.technical?.indicators).toMatchObject({ bars: 252, week52: { low: Math.min(...closes), high: Math.max(...closes) } });
    expect((r.technical?.indicators as { momentum: { m12: number } }).momentum.m12).toBeCloseTo(closes.at(-1)! / closes[0]! - 1, 10);
    // The risk analyst had the benchmark from the context (beta) and the weight (concentration).
    const measures = r.risk?.measures as { annualisedVolatility: number; beta: number | null; betaObservations: number; benchmarkSymbol: string; weight: number };
    expect(measures.annualisedVolatility).toBeGreaterThan(0);
    expect(measures.beta).not.toBeNull();
    expect(measures).toMatchObject({ betaObservations: 251, benchmarkSymbol: 'SPY', weight: 0.08 });
    // The portfolio manager's decision, with the composite cited in the rationale.
    expect(r.composite_score).not.toBeNull();
    expect(r.composite_score!).toBeGreaterThanOrEqual(0);
    expect(r.composite_score!).toBeLessThanOrEqual(1);
    expect(r.grade).not.toBe('N/A');
    expect(['BUY', 'HOLD', 'SELL']).toContain(r.recommendation);
    expect(r.rationale[0]).toContain(r.composite_score!.toFixed(2));
    expect(r.technical_score).toBe(r.technical!.score);
    expect(r.risk_score).toBe(r.risk!.score);
    // The fetch time is the prefetch's measurement, not a new one.
    expect(r.durations.fetch_seconds).toBe(0.75);
    expect(r.durations.llm_seconds).toBe(0);
    expect(Number.isNaN(Date.parse(r.analysed_at))).toBe(false);
    expect(nonFiniteNumberPaths(r)).toEqual([]);
    // Batch mode never calls Yahoo.
    expect(fake.callCount()).toBe(0);
  });

  it("prefers the holding's own name to the quote's", async () => {
    putObject(prefetchKey('MSFT'), prefetchedOk('MSFT'));
    await handler(crewEvent('MSFT', 'batch', { name: 'Microsoft (my name)' }));
    expect(result('MSFT').name).toBe('Microsoft (my name)');
  });

  it('values a pence-quoted listing in the base currency with the FX rate of the market context', async () => {
    const data = fakeTickerData('VOD.L');
    data.quote = { ...data.quote, currency: 'GBp', regularMarketPrice: 72.5 };
    putObject(prefetchKey('VOD.L'), prefetchedOk('VOD.L', data));
    seedContext({ fx_rates: { GBP: 1.25 } });
    await handler(crewEvent('VOD.L', 'batch', { shares: 1000 }));
    const r = result('VOD.L');
    expect(r.quote_currency).toBe('GBp');
    // 1000 x 72.5 pence = 725 GBP = 906.25 USD.
    expect(r.position).toMatchObject({ last_price: 72.5, quote_currency: 'GBp', base_currency: 'USD' });
    expect(r.position.market_value).toBeCloseTo(906.25, 9);
  });

  it('reports in BASE_CURRENCY, and says so when the context has no rate for the quote currency', async () => {
    process.env.BASE_CURRENCY = 'EUR';
    putObject(prefetchKey('AAPL'), prefetchedOk('AAPL'));
    seedContext({ base_currency: 'EUR', fx_rates: { USD: 0.9 } });
    await handler(crewEvent('AAPL', 'batch'));
    expect(result('AAPL').position).toMatchObject({ base_currency: 'EUR', quote_currency: 'USD' });
    expect(result('AAPL').position.market_value).toBeCloseTo(123.45 * 10 * 0.9, 9);

    SID = `${SID}-no-rate`;
    putObject(prefetchKey('AAPL'), prefetchedOk('AAPL'));
    seedContext({ base_currency: 'EUR', fx_rates: {}, fx_missing: ['USD'] });
    await handler(crewEvent('AAPL', 'batch'));
    const r = result('AAPL');
    expect(r.status).toBe('ok');
    expect(r.position.market_value).toBeNull();
    expect(r.warnings.some((w) => w.includes('USD') && w.includes('EUR'))).toBe(true);
  });

  it('without a market context (Prefetch crashed before writing it) still analyses, with no beta and a warning', async () => {
    putObject(prefetchKey('AAPL'), prefetchedOk('AAPL'));
    const answer = await handler(crewEvent('AAPL', 'batch'));
    expect(answer.status).toBe('ok');
    const r = result('AAPL');
    expect((r.risk?.measures as { beta: number | null }).beta).toBeNull();
    expect(r.warnings.some((w) => /beta/i.test(w) && w.includes('SPY'))).toBe(true);
    expect(r.composite_score).not.toBeNull();
  });

  it('reads the market context once per session in a warm container, not once per ticker', async () => {
    seedContext();
    for (const ticker of ['AAA', 'BBB', 'CCC']) {
      putObject(prefetchKey(ticker), prefetchedOk(ticker));
      await handler(crewEvent(ticker, 'batch'));
    }
    expect(getKeys().filter((key) => key === contextKey())).toHaveLength(1);
    expect(getKeys().filter((key) => key.includes('/prefetch/'))).toHaveLength(3);
  });

  it("turns a failed prefetch into a failed result with the prefetch's reason, grade N/A and WAIT, returning normally", async () => {
    putObject(prefetchKey('ZZZZ'), {
      ticker: 'ZZZZ',
      yahoo_finance: null,
      failed: true,
      error: 'unknown symbol',
      fetched_at: '2025-01-02T10:00:00.000Z',
      fetch_duration_seconds: 0.2,
    });
    const answer = await handler(crewEvent('ZZZZ', 'batch'));
    expect(answer).toEqual({ ticker: 'ZZZZ', status: 'failed' });
    const r = result('ZZZZ');
    expect(r).toMatchObject({
      ticker: 'ZZZZ',
      status: 'failed',
      error: 'unknown symbol',
      mode: 'batch',
      grade: 'N/A',
      recommendation: 'WAIT',
      composite_score: null,
      fundamental: null,
      technical: null,
      risk: null,
      durations: { fetch_seconds: 0.2 },
    });
    expect(r.rationale.join(' ')).toContain('unknown symbol');
  });

  it('writes a failed result when there is no prefetched object', async () => {
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    const answer = await handler(crewEvent('NOPE', 'batch'));
    expect(answer).toEqual({ ticker: 'NOPE', status: 'failed' });
    expect(result('NOPE')).toMatchObject({ status: 'failed', error: 'no prefetched data', grade: 'N/A', recommendation: 'WAIT' });
    expect(fake.callCount()).toBe(0);
  });

  it('analyses a one-bar history with what it allows: no technical score, a warning, no NaN, a valid result', async () => {
    putObject(prefetchKey('NEW'), prefetchedOk('NEW', fakeTickerData('NEW', fakeBars('NEW', 1))));
    const answer = await handler(crewEvent('NEW', 'batch'));
    expect(answer.status).toBe('ok');
    const r = result('NEW'); // parses with crewResultSchema
    expect(r.technical_score).toBeNull();
    expect(r.weights.technical).toBe(0);
    expect(r.warnings.some((w) => /short price history/i.test(w))).toBe(true);
    expect(r.position.last_price).toBe(123.45);
    // The stored result has exactly the published shape: no key outside crewResultSchema.
    expect(readJson(resultKey('NEW'))).toEqual(r);
  });

  it('records a crash the state machine caught as the failed result, naming the error, and fetches nothing', async () => {
    // An earlier execution under the same session id left a good result: the crash replaces it.
    putObject(prefetchKey('AAPL'), prefetchedOk('AAPL', fakeTickerData('AAPL', fakeBars('AAPL'))));
    await handler(crewEvent('AAPL', 'batch'));
    expect(result('AAPL').status).toBe('ok');
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    const getsBefore = getKeys().length;
    const cause = JSON.stringify({ errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited with error: signal: killed', trace: [] });
    const answer = await handler({ ...crewEvent('AAPL', 'batch'), crash: { Error: 'Runtime.OutOfMemory', Cause: cause } });
    expect(answer).toEqual({ ticker: 'AAPL', status: 'failed' });
    const reason = 'crew crashed: Runtime.OutOfMemory: Runtime exited with error: signal: killed';
    expect(result('AAPL')).toMatchObject({ status: 'failed', error: reason, grade: 'N/A', recommendation: 'WAIT', composite_score: null });
    expect(readJson(resultKey('AAPL'))).toEqual(result('AAPL'));
    expect(fake.callCount()).toBe(0);
    // Neither the prefetched object nor the market context was read again.
    expect(getKeys().slice(getsBefore).filter((key) => key.includes('/prefetch/') || key.endsWith('market-context.json'))).toEqual([]);
  });

  it('rejects a malformed event without writing anything', async () => {
    const error = await caught(handler({ sessionId: SID, mode: 'batch', holding: { ticker: 'AAPL' } }));
    expect(error).toBeInstanceOf(Error);
    expect(putKeys()).toEqual([]);
  });
});

describe('Crew handler: sequential mode', () => {
  it("fetches its own data through the Yahoo port; the prefetch key is read for the earlier failure's reason only", async () => {
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    // A stale prefetched object that would make the ticker fail if it were read.
    putObject(prefetchKey('NVDA'), { ticker: 'NVDA', yahoo_finance: null, failed: true, error: 'stale', fetched_at: 'x', fetch_duration_seconds: 0 });
    seedContext();

    const answer = await handler(crewEvent('NVDA', 'sequential', { index: 3 }));

    expect(answer).toEqual({ ticker: 'NVDA', status: 'ok' });
    // The shared market context (Prefetch writes it in sequential mode too), and the prefetched
    // object for why it failed (a server error on every retry would shorten this fetch's budget):
    // its data is not used, the ticker is analysed from this Crew's own fetch.
    expect([...getKeys()].sort()).toEqual([contextKey(), runKey(), prefetchKey('NVDA')].sort());
    expect(putKeys()).toEqual([resultKey('NVDA')]);
    expect(fake.calls.quote).toEqual([['NVDA']]);
    expect(fake.calls.quoteSummary).toEqual(['NVDA']);
    expect(fake.calls.dailyBars).toEqual(['NVDA']);
    const r = result('NVDA');
    expect(r).toMatchObject({ status: 'ok', error: null, mode: 'sequential', name: 'NVDA Corporation', quote_currency: 'USD' });
    expect(r.position.last_price).toBe(123.45);
    expect(r.technical?.indicators).toMatchObject({ bars: 252 });
    expect((r.risk?.measures as { beta: number | null }).beta).not.toBeNull();
    expect(r.durations.fetch_seconds).toBeGreaterThanOrEqual(0);
  });

  it('writes a failed result with the reason when Yahoo does not know the ticker, returning normally', async () => {
    yahooSwitch.current = fakeYahoo({ unknown: ['GONE'] });
    const answer = await handler(crewEvent('GONE', 'sequential'));
    expect(answer).toEqual({ ticker: 'GONE', status: 'failed' });
    expect(result('GONE')).toMatchObject({
      status: 'failed',
      error: 'unknown symbol',
      mode: 'sequential',
      grade: 'N/A',
      recommendation: 'WAIT',
      composite_score: null,
    });
  });

  it('writes a failed result when the chart request fails, returning normally', async () => {
    yahooSwitch.current = fakeYahoo({ chartErrors: { KO: Object.assign(new Error('Too Many Requests'), { name: 'HTTPError', code: 429 }) } });
    const answer = await handler(crewEvent('KO', 'sequential'));
    expect(answer.status).toBe('failed');
    expect(result('KO')).toMatchObject({ status: 'failed', error: 'HTTP 429' });
  });

  it('still analyses a ticker whose quote request fails', async () => {
    const fake = fakeYahoo();
    fake.quote = async () => {
      throw notFoundError();
    };
    yahooSwitch.current = fake;
    const answer = await handler(crewEvent('IBM', 'sequential'));
    expect(answer.status).toBe('ok');
    const r = result('IBM');
    // Without a quote: no name from Yahoo, and the last close is the price.
    expect(r.name).toBeNull();
    const bars = fakeBars('IBM');
    expect(r.position.last_price).toBe(bars[bars.length - 1]!.close);
    expect(r.technical?.indicators).toMatchObject({ lastClose: bars[bars.length - 1]!.adjclose });
  });
});
