import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});
vi.mock('../../lambdas/adapters/yahoo/yahoo-source.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lambdas/adapters/yahoo/yahoo-source.js')>();
  const { mockedYahooPortFromEnv } = await import('./support.js');
  return { ...actual, yahooPortFromEnv: mockedYahooPortFromEnv(actual.yahooPortFromEnv) };
});

import { manifestItemSchema, prefetchSummarySchema } from '../../lambdas/core/contracts.js';
import { marketContextSchema, type MarketContext } from '../../lambdas/core/prefetch/market-context.js';
import { prefetchObjectSchema } from '../../lambdas/core/prefetch/market-data.js';
import { prefetchStatsSchema, runRecordSchema } from '../../lambdas/core/prefetch/run-record.js';
import { handler } from '../../lambdas/prefetch/handler.js';
import { startYahooSimulator, type YahooSimulator } from '../../sim/yahoo-simulator.js';
import {
  caught,
  fakeQuote,
  fakeYahoo,
  type FakeYahoo,
  getKeys,
  objects,
  putKeys,
  putObject,
  readJson,
  resetAws,
  tickers,
  yahooSwitch,
} from './support.js';

const SID = 'test-session-1';
const event = (input: unknown, sessionId = SID) => ({ sessionId, input, executionStartTime: '2025-01-02T09:00:00.000Z' });
const holdingsInput = (symbols: string[]) => ({ holdings: symbols.map((ticker) => ({ ticker, shares: 1 })) });
const prefetchKeys = () => [...objects.keys()].filter((key) => key.startsWith(`runs/${SID}/prefetch/`)).sort();
const marketContext = (): MarketContext => marketContextSchema.parse(readJson(`runs/${SID}/market-context.json`));
const manifestWeights = () =>
  Object.fromEntries(manifestItemSchema.array().parse(readJson(`runs/${SID}/manifest.json`)).map((item) => [item.ticker, item.weight]));

/**
 * The fake port, with quotes in other currencies and FX quotes (EURUSD=X style) for the
 * currencies in `fx`; a currency not in `fx` has no FX quote.
 */
function fxYahoo(listings: Record<string, { currency: string; price: number }>, fx: Record<string, number>): FakeYahoo {
  const fake = fakeYahoo();
  fake.quote = async (symbols) => {
    fake.calls.quote.push([...symbols]);
    return symbols.flatMap((symbol) => {
      if (symbol.endsWith('=X')) {
        const rate = fx[symbol.slice(0, 3)];
        return rate === undefined ? [] : [{ symbol, quoteType: 'CURRENCY', currency: symbol.slice(3, 6), regularMarketPrice: rate }];
      }
      const listing = listings[symbol];
      return [{ ...fakeQuote(symbol), ...(listing ? { currency: listing.currency, regularMarketPrice: listing.price } : {}) }];
    });
  };
  return fake;
}

let sim: YahooSimulator | undefined;

beforeEach(() => {
  resetAws();
  yahooSwitch.current = fakeYahoo();
  yahooSwitch.factoryCalls = 0;
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('Prefetch handler: invalid input and configuration', () => {
  it('rejects a malformed event ({}) with InvalidInput naming sessionId, writing nothing', async () => {
    const error = await caught(handler({}));
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toMatch(/sessionId/);
    expect(putKeys()).toEqual([]);
  });

  it('rejects an empty execution input ({}) with InvalidInput naming holdings/portfolioKey, writing nothing', async () => {
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    const error = await caught(handler(event({})));
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toMatch(/holdings/);
    expect(error.message).toMatch(/portfolioKey/);
    expect(putKeys()).toEqual([]);
    expect(fake.callCount()).toBe(0);
  });

  it('rejects a holdings list with a bad ticker, naming the row and the field, before any S3 write', async () => {
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    const holdings = [...tickers(11).map((ticker) => ({ ticker })), { ticker: 'NOT A TICKER!' }];
    const error = await caught(handler(event({ holdings })));
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toContain('holdings[11]');
    expect(error.message).toContain('ticker');
    expect(error.message).toContain('NOT A TICKER!');
    expect(putKeys()).toEqual([]);
    expect(fake.callCount()).toBe(0);
  });

  it('rejects an invalid session id with InvalidInput, writing nothing', async () => {
    const error = await caught(handler(event(holdingsInput(tickers(12)), '../escape')));
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toContain('sessionId');
    expect(putKeys()).toEqual([]);
  });

  it('fails on BATCH_PREFETCH_MIN_HOLDINGS=0 with InvalidConfiguration naming the variable and value', async () => {
    process.env.BATCH_PREFETCH_MIN_HOLDINGS = '0';
    const error = await caught(handler(event(holdingsInput(tickers(12)))));
    expect(error.name).toBe('InvalidConfiguration');
    expect(error.message).toContain('BATCH_PREFETCH_MIN_HOLDINGS');
    expect(error.message).toContain('"0"');
    expect(putKeys()).toEqual([]);
  });

  it('fails on an invalid DEEP_ANALYSIS_BATCH_SIZE with InvalidConfiguration naming it', async () => {
    process.env.DEEP_ANALYSIS_BATCH_SIZE = 'lots';
    const error = await caught(handler(event(holdingsInput(tickers(12)))));
    expect(error.name).toBe('InvalidConfiguration');
    expect(error.message).toContain('DEEP_ANALYSIS_BATCH_SIZE');
    expect(putKeys()).toEqual([]);
  });

  it('rejects a portfolioKey that does not exist with InvalidInput naming the key', async () => {
    const error = await caught(handler(event({ portfolioKey: 'portfolios/missing.csv' })));
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toContain('portfolios/missing.csv');
    expect(getKeys()).toEqual(['portfolios/missing.csv']);
    expect(putKeys()).toEqual([]);
  });

  it('rejects a portfolio file with a bad row, naming the file and the line', async () => {
    putObject('portfolios/bad.csv', 'ticker,shares\nAAPL,10\nMSFT,-3\n');
    const error = await caught(handler(event({ portfolioKey: 'portfolios/bad.csv' })));
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toContain('portfolios/bad.csv');
    expect(error.message).toMatch(/line 3/);
    expect(error.message).toContain('shares');
    expect(putKeys()).toEqual([]);
  });
});

describe('Prefetch handler: batch mode', () => {
  it('writes the manifest, the run record and one object per ticker, and returns a small summary', async () => {
    const symbols = tickers(10);
    const fake = fakeYahoo({ unknown: ['T3'] });
    yahooSwitch.current = fake;
    const summary = await handler(event({ holdings: symbols.map((ticker, i) => ({ ticker, shares: i + 1, name: `Name ${i}` })) }));

    // Manifest: a JSON array, one item per holding with its index, written before anything is
    // fetched; then rewritten with each holding's weight (its share of the portfolio's market
    // value at the quoted prices: i + 1 shares at 123.45; T3 has no quote, so no weight).
    const manifest = readJson(`runs/${SID}/manifest.json`);
    expect(Array.isArray(manifest)).toBe(true);
    const valued = symbols.filter((ticker) => ticker !== 'T3');
    const totalShares = valued.reduce((sum, ticker) => sum + Number(ticker.slice(1)) + 1, 0);
    expect(totalShares).toBe(51);
    expect(manifestItemSchema.array().parse(manifest)).toEqual(
      symbols.map((ticker, index) => ({
        ticker,
        shares: index + 1,
        name: `Name ${index}`,
        index,
        weight: ticker === 'T3' ? null : expect.closeTo((index + 1) / totalShares, 12),
      })),
    );
    const writes = putKeys();
    expect(writes[0]).toBe(`runs/${SID}/manifest.json`);
    expect(writes[1]).toBe(`runs/${SID}/run.json`);
    const contextWrite = writes.indexOf(`runs/${SID}/market-context.json`);
    expect(contextWrite).toBeGreaterThan(1);
    expect(writes.lastIndexOf(`runs/${SID}/manifest.json`)).toBeGreaterThan(contextWrite);

    // The market context: no FX needed (every quote is in USD), the benchmark's year of bars.
    expect(marketContext()).toMatchObject({ base_currency: 'USD', fx_rates: {}, fx_missing: [], benchmark_error: null });
    expect(marketContext().benchmark?.symbol).toBe('SPY');
    expect(marketContext().benchmark?.bars).toHaveLength(252);

    const record = runRecordSchema.parse(readJson(`runs/${SID}/run.json`));
    expect(record).toMatchObject({
      sessionId: SID,
      startedAt: '2025-01-02T09:00:00.000Z',
      portfolioKey: null,
      totalTickers: 10,
      batchSize: 5,
      totalBatches: 2,
      initialMode: 'batch',
      initialFallbackReason: null,
    });

    // One object per ticker, exactly.
    expect(prefetchKeys()).toEqual(symbols.map((t) => `runs/${SID}/prefetch/${t}.json`).sort());
    for (const ticker of symbols) {
      const object = prefetchObjectSchema.parse(readJson(`runs/${SID}/prefetch/${ticker}.json`));
      expect(object.ticker).toBe(ticker);
      expect(Number.isNaN(Date.parse(object.fetched_at))).toBe(false);
      if (ticker === 'T3') {
        expect(object).toMatchObject({ failed: true, yahoo_finance: null, error: 'unknown symbol' });
      } else {
        expect(object.failed).toBe(false);
        expect(object).not.toHaveProperty('error');
        expect(object.yahoo_finance?.symbol).toBe(ticker);
        expect(object.yahoo_finance?.quote).toMatchObject({ symbol: ticker, regularMarketPrice: 123.45 });
        expect(object.yahoo_finance?.bars).toHaveLength(252);
      }
    }

    const stats = prefetchStatsSchema.parse(readJson(`runs/${SID}/prefetch-stats.json`));
    expect(stats).toMatchObject({ successfulTickers: 9, failedTickers: 1, failedTickerList: ['T3'], errorSummary: { 'unknown symbol': 1 } });

    expect(prefetchSummarySchema.parse(summary)).toEqual({
      sessionId: SID,
      mode: 'batch',
      fallbackReason: null,
      fallbackAt: null,
      totalTickers: 10,
      successfulTickers: 9,
      failedTickers: 1,
      failureRate: 0.1,
      batchSize: 5,
      totalBatches: 2,
      // ENABLE_ALPHA_VANTAGE unset: no enrichment; the pace at the default 5 calls a minute.
      alphaVantage: { enabled: false, paceSeconds: 12 },
    });
    // The quote request covered all the tickers at once (and no FX request was needed); each
    // ticker had its own chart request, and the benchmark one for the whole run.
    expect(fake.calls.quote).toEqual([symbols]);
    expect([...fake.calls.dailyBars].sort()).toEqual([...symbols, 'SPY'].sort());
    expect([...fake.calls.quoteSummary].sort()).toEqual([...symbols].sort());
  });

  it('keeps the summary tiny for 200 tickers and asks quote() for at most 90 symbols at a time', async () => {
    const symbols = tickers(200);
    const fake = fakeYahoo({ unknown: ['T7', 'T150'] });
    yahooSwitch.current = fake;
    const summary = await handler(event(holdingsInput(symbols)));

    expect(summary).toMatchObject({ mode: 'batch', totalTickers: 200, successfulTickers: 198, failedTickers: 2, batchSize: 5, totalBatches: 40 });
    expect(summary.failureRate).toBeCloseTo(0.01, 10);
    const size = JSON.stringify(summary).length;
    expect(size).toBeLessThan(400);
    expect(JSON.stringify(summary)).not.toMatch(/bars|yahoo_finance|regularMarketPrice/);
    expect(prefetchKeys()).toHaveLength(200);
    expect(fake.calls.quote.map((request) => request.length)).toEqual([90, 90, 20]);
    expect(fake.calls.quote.flat().sort()).toEqual([...symbols].sort());
  });

  it('sizes batches with DEEP_ANALYSIS_BATCH_SIZE=auto by the portfolio: in a Lambda, memory does not change it', async () => {
    process.env.DEEP_ANALYSIS_BATCH_SIZE = 'auto';
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'finwiz-prefetch';
    const free = vi.spyOn(process, 'availableMemory').mockReturnValue(64 * 2 ** 30);
    try {
      const summary = await handler(event(holdingsInput(tickers(100))));
      // <=100 holdings: min(8, 100/8 = 12) = 8; ceil(100/8) = 13 batches.
      expect(summary).toMatchObject({ mode: 'batch', batchSize: 8, totalBatches: 13 });
      expect(readJson(`runs/${SID}/run.json`).batchSizeReason).toBe("auto for 100 holdings: 8 (each Crew is its own Lambda: the Map's concurrency)");
    } finally {
      free.mockRestore();
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    }
  });

  it.each([
    [1.5 * 2 ** 30, 4, 'halved to 4: 1.5 GB available (less than 2 GB)'],
    [4 * 2 ** 30, 8, '4.0 GB available'],
    [12 * 2 ** 30, 15, 'doubled to 15 (at most 15): 12.0 GB available (more than 8 GB)'],
  ])('locally, auto follows the memory available (%d bytes): %d crews at once', async (bytes, size, reason) => {
    process.env.DEEP_ANALYSIS_BATCH_SIZE = 'auto';
    const free = vi.spyOn(process, 'availableMemory').mockReturnValue(bytes);
    try {
      const summary = await handler(event(holdingsInput(tickers(100))));
      expect(summary).toMatchObject({ mode: 'batch', batchSize: size, totalBatches: Math.ceil(100 / size) });
      expect(readJson(`runs/${SID}/run.json`).batchSizeReason).toContain(reason);
    } finally {
      free.mockRestore();
    }
  });

  it('reads a portfolio file from S3 and records its key', async () => {
    const csv = ['ticker,shares,currency', ...tickers(10).map((t, i) => `${t},${i + 1},USD`), 'T0,5,USD'].join('\n');
    putObject('portfolios/main.csv', csv);
    const summary = await handler(event({ portfolioKey: 'portfolios/main.csv' }));
    expect(summary).toMatchObject({ mode: 'batch', totalTickers: 10, successfulTickers: 10 });
    const manifest = readJson<Array<{ ticker: string; shares: number; index: number }>>(`runs/${SID}/manifest.json`);
    // The duplicate T0 line is merged into the first.
    expect(manifest.map((m) => m.ticker)).toEqual(tickers(10));
    expect(manifest[0]).toMatchObject({ ticker: 'T0', shares: 6, index: 0 });
    expect(readJson(`runs/${SID}/run.json`).portfolioKey).toBe('portfolios/main.csv');
  });

  it('never lets one ticker stop the others, even a port that throws synchronously', async () => {
    const symbols = tickers(12);
    yahooSwitch.current = fakeYahoo({
      throwsSync: ['T2'],
      chartErrors: { T5: Object.assign(new Error('Too Many Requests'), { name: 'HTTPError', code: 429 }), T9: new Error('socket hang up') },
      // A failed quoteSummary alone does not lose the ticker: its reason is kept with the data.
      summaryErrors: { T4: Object.assign(new Error('Internal Server Error'), { name: 'HTTPError', code: 500 }) },
    });
    const summary = await handler(event(holdingsInput(symbols)));
    expect(summary).toMatchObject({ mode: 'batch', successfulTickers: 9, failedTickers: 3 });
    expect(readJson(`runs/${SID}/prefetch/T4.json`)).toMatchObject({ failed: false, yahoo_finance: { summaryErrors: { all: 'HTTP 500' } } });
    expect(prefetchKeys()).toHaveLength(12);
    expect(readJson(`runs/${SID}/prefetch/T2.json`)).toMatchObject({ failed: true, error: 'port bug for T2' });
    expect(readJson(`runs/${SID}/prefetch/T5.json`)).toMatchObject({ failed: true, error: 'HTTP 429' });
    expect(readJson(`runs/${SID}/prefetch/T9.json`)).toMatchObject({ failed: true, error: 'socket hang up' });
    for (const ok of ['T0', 'T1', 'T3', 'T11']) expect(readJson(`runs/${SID}/prefetch/${ok}.json`).failed).toBe(false);
    expect(readJson(`runs/${SID}/prefetch-stats.json`).failedTickerList).toEqual(['T2', 'T5', 'T9']);
  });

  it('stays in batch mode at exactly 50% failures (the threshold is strict)', async () => {
    yahooSwitch.current = fakeYahoo({ unknown: tickers(5) });
    const summary = await handler(event(holdingsInput(tickers(10))));
    expect(summary).toMatchObject({ mode: 'batch', fallbackReason: null, failedTickers: 5, failureRate: 0.5, batchSize: 5 });
  });
});

describe('Prefetch handler: sequential decisions', () => {
  it('runs sequentially below BATCH_PREFETCH_MIN_HOLDINGS (6 holdings) without fetching any ticker', async () => {
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    const symbols = tickers(6);
    const summary = await handler(event(holdingsInput(symbols)));
    expect(summary).toMatchObject({
      mode: 'sequential',
      fallbackReason: 'Portfolio has 6 holdings, below BATCH_PREFETCH_MIN_HOLDINGS=10',
      totalTickers: 6,
      successfulTickers: 0,
      failedTickers: 0,
      failureRate: 0,
      batchSize: 1,
      totalBatches: 6,
    });
    expect(Number.isNaN(Date.parse(summary.fallbackAt ?? ''))).toBe(false);
    // No ticker's own data was fetched (each Crew fetches its own): only the run's context,
    // i.e. one quote request for the portfolio and the benchmark's bars.
    expect(fake.calls.quoteSummary).toEqual([]);
    expect(fake.calls.dailyBars).toEqual(['SPY']);
    expect(fake.calls.quote).toEqual([symbols]);
    expect(yahooSwitch.factoryCalls).toBe(1);
    // The sequential Map still reads the manifest, now with the weights; nothing was prefetched.
    expect(readJson(`runs/${SID}/manifest.json`)).toHaveLength(6);
    expect(manifestWeights()).toEqual(Object.fromEntries(symbols.map((ticker) => [ticker, expect.closeTo(1 / 6, 12)])));
    expect(marketContext().benchmark?.symbol).toBe('SPY');
    expect(readJson(`runs/${SID}/run.json`)).toMatchObject({ initialMode: 'sequential' });
    expect(prefetchKeys()).toEqual([]);
    expect(objects.has(`runs/${SID}/prefetch-stats.json`)).toBe(false);
  });

  it('runs sequentially when BATCH_PREFETCH_ENABLED=off, however large the portfolio', async () => {
    process.env.BATCH_PREFETCH_ENABLED = 'off';
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    const symbols = tickers(30);
    const summary = await handler(event(holdingsInput(symbols)));
    expect(summary).toMatchObject({
      mode: 'sequential',
      fallbackReason: 'Batch prefetch disabled (BATCH_PREFETCH_ENABLED=false)',
      batchSize: 1,
      totalBatches: 30,
    });
    expect(fake.calls.quoteSummary).toEqual([]);
    expect(fake.calls.dailyBars).toEqual(['SPY']);
    expect(fake.calls.quote).toEqual([symbols]);
    expect(objects.has(`runs/${SID}/market-context.json`)).toBe(true);
    expect(Object.values(manifestWeights()).every((weight) => typeof weight === 'number')).toBe(true);
    expect(prefetchKeys()).toEqual([]);
  });

  it('falls back to sequential on a high failure rate (7 of 10), still storing every ticker', async () => {
    const failing = ['T0', 'T1', 'T2', 'T4', 'T6', 'T8', 'T9'];
    yahooSwitch.current = fakeYahoo({ unknown: failing });
    const summary = await handler(event(holdingsInput(tickers(10))));
    expect(summary).toMatchObject({
      mode: 'sequential',
      fallbackReason: 'High failure rate: 70.0% (7/10)',
      totalTickers: 10,
      successfulTickers: 3,
      failedTickers: 7,
      batchSize: 1,
      totalBatches: 10,
    });
    expect(summary.failureRate).toBeCloseTo(0.7, 10);
    expect(Number.isNaN(Date.parse(summary.fallbackAt ?? ''))).toBe(false);
    expect(prefetchKeys()).toHaveLength(10);
    expect(readJson(`runs/${SID}/prefetch-stats.json`).failedTickerList).toEqual(failing);
  });
});

describe('Prefetch handler: the market context (FX rates, benchmark, weights)', () => {
  it('fetches the FX rates the quote and cost currencies need, once, and weighs the holdings in the base currency', async () => {
    const fake = fxYahoo(
      { 'SAP.DE': { currency: 'EUR', price: 100 }, 'VOD.L': { currency: 'GBp', price: 72.5 }, AAPL: { currency: 'USD', price: 123.45 } },
      { EUR: 1.1, GBP: 1.25 },
    );
    yahooSwitch.current = fake;
    const holdings = [
      { ticker: 'SAP.DE', shares: 10 },
      { ticker: 'VOD.L', shares: 1000 },
      { ticker: 'AAPL', shares: 10 },
      // Bought in Swiss francs: its rate is needed too, and there is none.
      { ticker: 'NESN.SW', shares: 1, currency: 'CHF' },
    ];
    await handler(event({ holdings }));

    // One quote request for the portfolio, with the rate of the currency it declares (CHF) riding
    // along; one for the rates first seen in the quotes (GBp needs GBP, not GBp) and the one the
    // first request did not bring.
    expect(fake.calls.quote).toEqual([[...holdings.map((h) => h.ticker), 'CHFUSD=X'], ['CHFUSD=X', 'EURUSD=X', 'GBPUSD=X']]);
    expect(marketContext()).toMatchObject({ base_currency: 'USD', fx_rates: { EUR: 1.1, GBP: 1.25 }, fx_missing: ['CHF'] });
    // 10 x 100 EUR = 1100 USD; 1000 x 72.5 pence = 906.25 USD; 10 x 123.45 = 1234.5 USD;
    // NESN.SW is quoted in USD by the fake: 123.45.
    const total = 1100 + 906.25 + 1234.5 + 123.45;
    expect(manifestWeights()).toEqual({
      'SAP.DE': expect.closeTo(1100 / total, 12),
      'VOD.L': expect.closeTo(906.25 / total, 12),
      AAPL: expect.closeTo(1234.5 / total, 12),
      'NESN.SW': expect.closeTo(123.45 / total, 12),
    });
  });

  it('asks no request of their own for the rates of the currencies the portfolio declares', async () => {
    const fake = fxYahoo({ 'SAP.DE': { currency: 'EUR', price: 100 }, 'VOD.L': { currency: 'GBp', price: 72.5 } }, { EUR: 1.1, GBP: 1.25 });
    yahooSwitch.current = fake;
    const holdings = [
      { ticker: 'SAP.DE', shares: 10, currency: 'EUR' },
      { ticker: 'VOD.L', shares: 1000, currency: 'GBp' },
      { ticker: 'AAPL', shares: 10, currency: 'USD' },
    ];
    await handler(event({ holdings }));
    expect(fake.calls.quote).toEqual([['SAP.DE', 'VOD.L', 'AAPL', 'EURUSD=X', 'GBPUSD=X']]);
    expect(marketContext()).toMatchObject({ fx_rates: { EUR: 1.1, GBP: 1.25 }, fx_missing: [] });
    const total = 1100 + 906.25 + 1234.5;
    expect(manifestWeights()).toEqual({ 'SAP.DE': expect.closeTo(1100 / total, 12), 'VOD.L': expect.closeTo(906.25 / total, 12), AAPL: expect.closeTo(1234.5 / total, 12) });
  });

  it('leaves a holding whose currency has no rate without a weight, out of the total', async () => {
    yahooSwitch.current = fxYahoo({ 'SAP.DE': { currency: 'EUR', price: 100 } }, {});
    await handler(event({ holdings: [{ ticker: 'SAP.DE', shares: 10 }, { ticker: 'AAPL', shares: 10 }, { ticker: 'NOSH' }] }));
    expect(marketContext().fx_missing).toEqual(['EUR']);
    expect(manifestWeights()).toEqual({ 'SAP.DE': null, AAPL: 1, NOSH: null });
  });

  it('uses BASE_CURRENCY and BENCHMARK_SYMBOL', async () => {
    process.env.BASE_CURRENCY = 'EUR';
    process.env.BENCHMARK_SYMBOL = 'qqq';
    const fake = fxYahoo({}, { USD: 0.9 });
    yahooSwitch.current = fake;
    await handler(event(holdingsInput(tickers(3))));
    expect(fake.calls.quote.at(-1)).toEqual(['USDEUR=X']);
    // The benchmark's bars, and the rate's year for the dollar holdings' returns in euros.
    expect(fake.calls.dailyBars).toEqual(['QQQ', 'USDEUR=X']);
    expect(marketContext()).toMatchObject({ base_currency: 'EUR', fx_rates: { USD: 0.9 }, fx_missing: [] });
    expect(Object.keys(marketContext().fx_history ?? {})).toEqual(['USD']);
    expect(marketContext().benchmark?.symbol).toBe('QQQ');
  });

  it('fetches the benchmark’s bars once when it is also a holding: the holding gets the same bars', async () => {
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    const symbols = [...tickers(9), 'SPY'];
    const summary = await handler(event(holdingsInput(symbols)));
    expect(summary).toMatchObject({ mode: 'batch', successfulTickers: 10 });
    expect(fake.calls.dailyBars.filter((symbol) => symbol === 'SPY')).toEqual(['SPY']);
    expect([...fake.calls.dailyBars].sort()).toEqual([...symbols].sort());
    const spy = prefetchObjectSchema.parse(readJson(`runs/${SID}/prefetch/SPY.json`));
    expect(spy.yahoo_finance?.bars).toEqual(marketContext().benchmark?.bars);
    expect(spy.yahoo_finance?.bars).toHaveLength(252);
  });

  it('a benchmark holding whose benchmark fetch failed asks for its own bars', async () => {
    const fake = fakeYahoo();
    const dailyBars = fake.dailyBars.bind(fake);
    let spyAsked = 0;
    fake.dailyBars = (symbol, from, to) => {
      if (symbol === 'SPY' && spyAsked++ === 0) {
        fake.calls.dailyBars.push(symbol);
        return Promise.reject(Object.assign(new Error('Too Many Requests'), { name: 'HTTPError', code: 429 }));
      }
      return dailyBars(symbol, from, to);
    };
    yahooSwitch.current = fake;
    await handler(event(holdingsInput([...tickers(9), 'SPY'])));
    expect(marketContext()).toMatchObject({ benchmark: null, benchmark_error: 'SPY: HTTP 429' });
    expect(fake.calls.dailyBars.filter((symbol) => symbol === 'SPY')).toEqual(['SPY', 'SPY']);
    expect(prefetchObjectSchema.parse(readJson(`runs/${SID}/prefetch/SPY.json`))).toMatchObject({ failed: false });
  });

  it('carries on without the benchmark when its chart fails: no beta this run, the tickers are still fetched', async () => {
    yahooSwitch.current = fakeYahoo({ chartErrors: { SPY: Object.assign(new Error('Too Many Requests'), { name: 'HTTPError', code: 429 }) } });
    const summary = await handler(event(holdingsInput(tickers(10))));
    expect(summary).toMatchObject({ mode: 'batch', successfulTickers: 10, failedTickers: 0 });
    expect(marketContext()).toMatchObject({ benchmark: null, benchmark_error: 'SPY: HTTP 429' });
    expect(prefetchKeys()).toHaveLength(10);
  });
});

describe('Prefetch handler against the Yahoo simulator', () => {
  it('fetches through the real Yahoo port and records an unknown symbol as a failed ticker', async () => {
    sim = await startYahooSimulator({ latencyMs: 0, failTickers: ['ZZZZ'] });
    process.env.YAHOO_ENDPOINT = sim.url;
    const symbols = ['AAPL', 'MSFT', 'GOOGL', 'AMZN', 'NVDA', 'JPM', 'KO', 'SPY', 'QQQ', 'ZZZZ'];
    const summary = await handler(event(holdingsInput(symbols)));

    expect(summary).toMatchObject({ mode: 'batch', totalTickers: 10, successfulTickers: 9, failedTickers: 1 });
    expect(readJson(`runs/${SID}/prefetch/ZZZZ.json`)).toMatchObject({ failed: true, error: 'unknown symbol', yahoo_finance: null });
    const aapl = prefetchObjectSchema.parse(readJson(`runs/${SID}/prefetch/AAPL.json`));
    expect(aapl.failed).toBe(false);
    expect(aapl.yahoo_finance?.quote).toMatchObject({ symbol: 'AAPL' });
    expect(aapl.yahoo_finance?.bars.length).toBeGreaterThan(200);
    // An ETF has no company modules: that is recorded, not a failure.
    const spy = prefetchObjectSchema.parse(readJson(`runs/${SID}/prefetch/SPY.json`));
    expect(spy.failed).toBe(false);
    expect(spy.yahoo_finance?.summaryErrors).toHaveProperty('financialData');
    // The run's context through the real port: SPY's bars as the benchmark, every holding weighed.
    expect(marketContext().benchmark?.symbol).toBe('SPY');
    expect(marketContext().benchmark?.bars.length).toBeGreaterThan(200);
    const weights = manifestWeights();
    expect(weights.ZZZZ).toBeNull();
    const known = symbols.filter((s) => s !== 'ZZZZ').map((s) => weights[s]);
    expect(known.every((w) => typeof w === 'number' && w > 0)).toBe(true);
    expect(known.reduce<number>((sum, w) => sum + w!, 0)).toBeCloseTo(1, 9);
    const stats = sim.stats();
    expect(stats.byEndpoint.quote).toBeGreaterThanOrEqual(1);
    // The holdings' bars in one spark request (SPY's are the benchmark's chart: fetched once, it
    // serves both); ZZZZ, which the spark answer leaves out, gets a chart of its own (a 404).
    expect(stats.byEndpoint.spark).toBe(1);
    expect(stats.byEndpoint.chart).toBe(2);
    expect(aapl.yahoo_finance?.barsSource).toBe('spark');
    expect(readJson(`runs/${SID}/prefetch-stats.json`)).toMatchObject({ barsPath: { path: 'spark and chart', sparkRequests: 1, sparkTickers: 8, chartTickers: 1 } });
    expect(spy.yahoo_finance?.bars).toEqual(marketContext().benchmark?.bars);
    // Who answers was learnt from the answers themselves: labelled simulated everywhere, and not
    // one request spent on asking (the simulator counts any other path as `other`).
    const simulated = { origin: 'simulated', endpoint: sim.url };
    expect(runRecordSchema.parse(readJson(`runs/${SID}/run.json`)).sources?.yahoo_finance).toEqual(simulated);
    expect(aapl.origin).toEqual(simulated);
    expect(stats.byEndpoint.other).toBe(0);
  });

  it('labels an endpoint whose answers do not carry the simulator header by its URL, never as live data', async () => {
    sim = await startYahooSimulator({ latencyMs: 0 });
    const proxy = await headerStrippingProxy(sim.url);
    try {
      process.env.YAHOO_ENDPOINT = proxy.url;
      const summary = await handler(event(holdingsInput(['AAPL', 'MSFT', 'KO'])));
      expect(summary).toMatchObject({ mode: 'sequential', totalTickers: 3 });
      expect(runRecordSchema.parse(readJson(`runs/${SID}/run.json`)).sources?.yahoo_finance).toEqual({ origin: 'endpoint', endpoint: proxy.url });
    } finally {
      await proxy.close();
    }
  });

  it('labels an unreachable endpoint by its URL, and says it could not be reached', async () => {
    const closed = await closedPortUrl();
    process.env.YAHOO_ENDPOINT = closed;
    const error = await caught(handler(event(holdingsInput(tickers(10)))));
    expect(error.name).toBe('SourceUnreachable');
    expect(runRecordSchema.parse(readJson(`runs/${SID}/run.json`)).sources?.yahoo_finance).toEqual({ origin: 'endpoint', endpoint: closed });
  });
});

/** A pass-through proxy in front of `target` that drops the simulator's header from every answer. */
async function headerStrippingProxy(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    void fetch(new URL(req.url ?? '/', target), { headers: { cookie: req.headers.cookie ?? '' } }).then(async (answer) => {
      const headers: Record<string, string | string[]> = {};
      answer.headers.forEach((value, name) => {
        if (name !== 'x-finwiz-simulator' && name !== 'content-length' && name !== 'content-encoding' && name !== 'set-cookie') headers[name] = value;
      });
      if (answer.headers.getSetCookie().length) headers['set-cookie'] = answer.headers.getSetCookie();
      res.writeHead(answer.status, headers);
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The URL of a port nothing listens on. */
async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
