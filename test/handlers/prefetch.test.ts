import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});
vi.mock('../../lambdas/adapters/yahoo-source.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lambdas/adapters/yahoo-source.js')>();
  const { mockedYahooPortFromEnv } = await import('./support.js');
  return { ...actual, yahooPortFromEnv: mockedYahooPortFromEnv(actual.yahooPortFromEnv) };
});

import { manifestItemSchema, prefetchSummarySchema } from '../../lambdas/core/contracts.js';
import { prefetchObjectSchema } from '../../lambdas/core/market-data.js';
import { prefetchStatsSchema, runRecordSchema } from '../../lambdas/core/run-record.js';
import { handler } from '../../lambdas/prefetch/handler.js';
import { startYahooSimulator, type YahooSimulator } from '../../sim/yahoo-simulator.js';
import {
  caught,
  fakeYahoo,
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

    // Manifest: a JSON array, one item per holding with its index, written before any fetch result.
    const manifest = readJson(`runs/${SID}/manifest.json`);
    expect(Array.isArray(manifest)).toBe(true);
    expect(manifestItemSchema.array().parse(manifest)).toEqual(
      symbols.map((ticker, index) => ({ ticker, shares: index + 1, name: `Name ${index}`, index })),
    );
    const writes = putKeys();
    expect(writes[0]).toBe(`runs/${SID}/manifest.json`);
    expect(writes[1]).toBe(`runs/${SID}/run.json`);

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
    });
    // The quote request covered all the tickers at once; each ticker had its own chart request.
    expect(fake.calls.quote).toEqual([symbols]);
    expect([...fake.calls.dailyBars].sort()).toEqual([...symbols].sort());
  });

  it('keeps the summary tiny for 200 tickers and asks quote() for at most 50 symbols at a time', async () => {
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
    expect(fake.calls.quote.length).toBe(4);
    for (const request of fake.calls.quote) expect(request.length).toBeLessThanOrEqual(50);
    expect(fake.calls.quote.flat().sort()).toEqual([...symbols].sort());
  });

  it('sizes batches with DEEP_ANALYSIS_BATCH_SIZE=auto by the portfolio', async () => {
    process.env.DEEP_ANALYSIS_BATCH_SIZE = 'auto';
    const summary = await handler(event(holdingsInput(tickers(100))));
    // <=100 holdings: min(8, 100/8 = 12) = 8; ceil(100/8) = 13 batches.
    expect(summary).toMatchObject({ mode: 'batch', batchSize: 8, totalBatches: 13 });
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
  it('runs sequentially below BATCH_PREFETCH_MIN_HOLDINGS (6 holdings) without fetching', async () => {
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    const summary = await handler(event(holdingsInput(tickers(6))));
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
    expect(fake.callCount()).toBe(0);
    expect(yahooSwitch.factoryCalls).toBe(0);
    // The sequential Map still reads the manifest; nothing was prefetched.
    expect(readJson(`runs/${SID}/manifest.json`)).toHaveLength(6);
    expect(readJson(`runs/${SID}/run.json`)).toMatchObject({ initialMode: 'sequential' });
    expect(prefetchKeys()).toEqual([]);
    expect(objects.has(`runs/${SID}/prefetch-stats.json`)).toBe(false);
  });

  it('runs sequentially when BATCH_PREFETCH_ENABLED=off, however large the portfolio', async () => {
    process.env.BATCH_PREFETCH_ENABLED = 'off';
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    const summary = await handler(event(holdingsInput(tickers(30))));
    expect(summary).toMatchObject({
      mode: 'sequential',
      fallbackReason: 'Batch prefetch disabled (BATCH_PREFETCH_ENABLED=false)',
      batchSize: 1,
      totalBatches: 30,
    });
    expect(fake.callCount()).toBe(0);
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
    const stats = sim.stats();
    expect(stats.byEndpoint.quote).toBeGreaterThanOrEqual(1);
    expect(stats.byEndpoint.chart).toBe(10);
  });
});
