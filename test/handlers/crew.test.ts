import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});
vi.mock('../../lambdas/adapters/yahoo-source.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lambdas/adapters/yahoo-source.js')>();
  const { mockedYahooPortFromEnv } = await import('./support.js');
  return { ...actual, yahooPortFromEnv: mockedYahooPortFromEnv(actual.yahooPortFromEnv) };
});

import { crewResultSchema, type CrewResult } from '../../lambdas/core/crew-result.js';
import { handler } from '../../lambdas/crew/handler.js';
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

const SID = 'crew-session';
const prefetchKey = (ticker: string) => `runs/${SID}/prefetch/${ticker}.json`;
const resultKey = (ticker: string) => `runs/${SID}/results/${ticker}.json`;
const crewEvent = (ticker: string, mode: 'batch' | 'sequential', extra: { name?: string; index?: number } = {}) => ({
  sessionId: SID,
  mode,
  holding: { ticker, shares: 10, index: extra.index ?? 0, ...(extra.name ? { name: extra.name } : {}) },
  batchSize: mode === 'batch' ? 5 : 1,
  totalTickers: 12,
});
const result = (ticker: string): CrewResult => crewResultSchema.parse(readJson(resultKey(ticker)));

beforeEach(() => {
  resetAws();
  yahooSwitch.current = fakeYahoo();
  yahooSwitch.factoryCalls = 0;
});

describe('Crew handler: batch mode', () => {
  it('analyses the prefetched object and writes an ok result with figures', async () => {
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    putObject(prefetchKey('AAPL'), prefetchedOk('AAPL'));

    const answer = await handler(crewEvent('AAPL', 'batch', { index: 7 }));

    expect(answer).toEqual({ ticker: 'AAPL', status: 'ok' });
    expect(getKeys()).toEqual([prefetchKey('AAPL')]);
    expect(putKeys()).toEqual([resultKey('AAPL')]);
    const r = result('AAPL');
    expect(r).toMatchObject({ ticker: 'AAPL', name: 'AAPL Corporation', status: 'ok', error: null, mode: 'batch' });
    const closes = fakeBars('AAPL').map((bar) => bar.close!);
    expect(r.figures).toMatchObject({
      lastPrice: 123.45, // the quote's price
      currency: 'USD',
      week52Low: Math.min(...closes),
      week52High: Math.max(...closes),
      bars: 252,
    });
    expect(r.figures!.oneYearReturn).toBeCloseTo(closes[closes.length - 1]! / closes[0]! - 1, 10);
    expect(r.figures!.annualisedVolatility).toBeGreaterThan(0);
    expect(r.score).toBeGreaterThan(0);
    expect(r.score).toBeLessThanOrEqual(1);
    // The fetch time is the prefetch's measurement, not a new one.
    expect(r.durations.fetch_seconds).toBe(0.75);
    expect(Number.isNaN(Date.parse(r.analysed_at))).toBe(false);
    // Batch mode never calls Yahoo.
    expect(fake.callCount()).toBe(0);
  });

  it("prefers the holding's own name to the quote's", async () => {
    putObject(prefetchKey('MSFT'), prefetchedOk('MSFT'));
    await handler(crewEvent('MSFT', 'batch', { name: 'Microsoft (my name)' }));
    expect(result('MSFT').name).toBe('Microsoft (my name)');
  });

  it("turns a failed prefetch into a failed result with the prefetch's reason, returning normally", async () => {
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
    expect(result('ZZZZ')).toMatchObject({
      ticker: 'ZZZZ',
      status: 'failed',
      error: 'unknown symbol',
      mode: 'batch',
      figures: null,
      score: null,
      durations: { fetch_seconds: 0.2 },
    });
  });

  it('writes a failed result when there is no prefetched object', async () => {
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    const answer = await handler(crewEvent('NOPE', 'batch'));
    expect(answer).toEqual({ ticker: 'NOPE', status: 'failed' });
    expect(result('NOPE')).toMatchObject({ status: 'failed', error: 'no prefetched data', figures: null, score: null });
    expect(fake.callCount()).toBe(0);
  });

  it('writes a failed result when the prefetched data has too little price history', async () => {
    putObject(prefetchKey('NEW'), prefetchedOk('NEW', fakeTickerData('NEW', fakeBars('NEW', 1))));
    const answer = await handler(crewEvent('NEW', 'batch'));
    expect(answer.status).toBe('failed');
    expect(result('NEW')).toMatchObject({ status: 'failed', error: 'not enough price history (1 usable bars)', figures: null });
  });

  it('rejects a malformed event without writing anything', async () => {
    const error = await caught(handler({ sessionId: SID, mode: 'batch', holding: { ticker: 'AAPL' } }));
    expect(error).toBeInstanceOf(Error);
    expect(putKeys()).toEqual([]);
  });
});

describe('Crew handler: sequential mode', () => {
  it('fetches its own data through the Yahoo port and never reads the prefetch key', async () => {
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    // A stale prefetched object that would make the ticker fail if it were read.
    putObject(prefetchKey('NVDA'), { ticker: 'NVDA', yahoo_finance: null, failed: true, error: 'stale', fetched_at: 'x', fetch_duration_seconds: 0 });

    const answer = await handler(crewEvent('NVDA', 'sequential', { index: 3 }));

    expect(answer).toEqual({ ticker: 'NVDA', status: 'ok' });
    expect(getKeys()).toEqual([]);
    expect(putKeys()).toEqual([resultKey('NVDA')]);
    expect(fake.calls.quote).toEqual([['NVDA']]);
    expect(fake.calls.quoteSummary).toEqual(['NVDA']);
    expect(fake.calls.dailyBars).toEqual(['NVDA']);
    const r = result('NVDA');
    expect(r).toMatchObject({ status: 'ok', error: null, mode: 'sequential', name: 'NVDA Corporation' });
    expect(r.figures).toMatchObject({ lastPrice: 123.45, currency: 'USD', bars: 252 });
    expect(r.durations.fetch_seconds).toBeGreaterThanOrEqual(0);
  });

  it('writes a failed result with the reason when Yahoo does not know the ticker, returning normally', async () => {
    yahooSwitch.current = fakeYahoo({ unknown: ['GONE'] });
    const answer = await handler(crewEvent('GONE', 'sequential'));
    expect(answer).toEqual({ ticker: 'GONE', status: 'failed' });
    expect(result('GONE')).toMatchObject({ status: 'failed', error: 'unknown symbol', mode: 'sequential', figures: null, score: null });
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
    expect(r.figures?.lastPrice).toBe(bars[bars.length - 1]!.close);
  });
});
