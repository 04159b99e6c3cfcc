// The Enrich Lambda: one Alpha Vantage call per invocation, against the Alpha Vantage simulator
// on 127.0.0.1 (or a stubbed fetch for bodies the simulator does not send), with S3 behind
// aws-sdk-client-mock. Its logs are captured: the key must never show up anywhere.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_DEV = 'true'; // Powertools writes through the global console (captured below)
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

import { PutObjectCommand } from '@aws-sdk/client-s3';
import { alphaVantageAnswerFileSchema, alphaVantageStatusSchema } from '../../lambdas/core/alpha-vantage/alpha-vantage-run.js';
import { enrichResultSchema } from '../../lambdas/core/contracts.js';
import { handler } from '../../lambdas/enrich/handler.js';
import { startAlphaVantageSimulator, type AlphaVantageSimulator } from '../../sim/alpha-vantage-simulator.js';
import { prefetchObjectSchema } from '../../lambdas/core/prefetch/market-data.js';
import { caught, objects, prefetchedOk, putKeys, putObject, readJson, resetAws, s3Mock } from './support.js';

const SID = 'enrich-session-1';
const KEY = 'test-secret-key-123';
const statusKey = `runs/${SID}/alpha-vantage/status.json`;
const answerKey = (ticker: string, fn: string) => `runs/${SID}/alpha-vantage/${ticker}.${fn}.json`;
const event = (ticker: string, fn: 'OVERVIEW' | 'EARNINGS') => ({ sessionId: SID, ticker, function: fn });
const AV_ENV = ['ALPHA_VANTAGE_API_KEY', 'ALPHA_VANTAGE_SECRET_NAME', 'ALPHA_VANTAGE_BASE_URL', 'ALPHA_VANTAGE_RATE_LIMIT', 'ENABLE_ALPHA_VANTAGE'];

let sim: AlphaVantageSimulator | undefined;
let logs: string[] = [];

async function useSimulator(options: Parameters<typeof startAlphaVantageSimulator>[0] = {}): Promise<AlphaVantageSimulator> {
  sim = await startAlphaVantageSimulator({ apiKey: KEY, ...options });
  process.env.ALPHA_VANTAGE_BASE_URL = sim.url;
  return sim;
}

/** Everything the handler put in S3, returned and logged, as one text. */
const everythingOut = (returned: unknown[]): string =>
  [...[...objects.values()].map((o) => o.body), ...returned.map((r) => JSON.stringify(r)), ...logs].join('\n');

beforeEach(() => {
  resetAws();
  for (const name of AV_ENV) delete process.env[name];
  process.env.ALPHA_VANTAGE_API_KEY = KEY;
  process.env.ENABLE_ALPHA_VANTAGE = 'true';
  logs = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logs.push(args.map(String).join(' '));
    });
  }
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await sim?.close();
  sim = undefined;
  for (const name of AV_ENV) delete process.env[name];
});

describe('Enrich handler: an answer with data', () => {
  it('makes exactly one call and stores the parsed OVERVIEW with its measured duration', async () => {
    const av = await useSimulator();
    const result = enrichResultSchema.parse(await handler(event('AAPL', 'OVERVIEW')));
    expect(result).toEqual({ ticker: 'AAPL', function: 'OVERVIEW', ok: true, exhausted: false });
    expect(av.requests()).toHaveLength(1);
    expect(av.requests()[0]).toMatchObject({ function: 'OVERVIEW', symbol: 'AAPL', answer: 'data' });

    const file = alphaVantageAnswerFileSchema.parse(readJson(answerKey('AAPL', 'OVERVIEW')));
    expect(file).toMatchObject({ ticker: 'AAPL', function: 'OVERVIEW', ok: true });
    if (!file.ok) throw new Error('expected data');
    // parsed: numbers, not Alpha Vantage's strings
    expect(typeof file.data.PERatio).toBe('number');
    expect(file.data.Symbol).toBe('AAPL');
    expect(file.duration_seconds).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(file.fetched_at))).toBe(false);
    // only its own answer is written: no status, nothing outside runs/<sid>/alpha-vantage/
    expect(putKeys()).toEqual([answerKey('AAPL', 'OVERVIEW')]);
    expect(everythingOut([result])).not.toContain(KEY);
  });

  it('stores EARNINGS the same way', async () => {
    const av = await useSimulator();
    expect(await handler(event('MSFT', 'EARNINGS'))).toEqual({ ticker: 'MSFT', function: 'EARNINGS', ok: true, exhausted: false });
    expect(av.requests().map((r) => r.function)).toEqual(['EARNINGS']);
    const file = readJson(answerKey('MSFT', 'EARNINGS'));
    expect(file.ok).toBe(true);
    expect(file.data.quarterlyEarnings.length).toBeGreaterThan(0);
  });

  it('never sleeps, even at 1 call a minute: pacing is the state machine\'s Wait states', async () => {
    process.env.ALPHA_VANTAGE_RATE_LIMIT = '1';
    const av = await useSimulator();
    const timers = vi.spyOn(globalThis, 'setTimeout');
    await handler(event('AAPL', 'OVERVIEW'));
    await handler(event('AAPL', 'EARNINGS'));
    // Two invocations, two requests, and no timer longer than the 30 s request timeout: a paced
    // client would have waited 60 s before the second call.
    expect(av.requests()).toHaveLength(2);
    const longWaits = timers.mock.calls.filter(([, ms]) => typeof ms === 'number' && ms > 30_000);
    timers.mockRestore();
    expect(longWaits).toEqual([]);
  });

  it('merges the answer into the ticker\'s prefetch object under alpha_vantage (batch mode)', async () => {
    await useSimulator();
    const prefetchKey = `runs/${SID}/prefetch/AAPL.json`;
    putObject(prefetchKey, prefetchedOk('AAPL'));
    await handler(event('AAPL', 'OVERVIEW'));
    await handler(event('AAPL', 'EARNINGS'));
    const merged = prefetchObjectSchema.parse(readJson(prefetchKey));
    expect(merged.yahoo_finance?.symbol).toBe('AAPL');
    expect(Object.keys(merged.alpha_vantage ?? {}).sort()).toEqual(['EARNINGS', 'OVERVIEW']);
    expect((merged.alpha_vantage?.OVERVIEW as { Symbol?: string }).Symbol).toBe('AAPL');
  });
});

describe('Enrich handler: Alpha Vantage stopped for the run', () => {
  it('returns exhausted without any request when status.json says so', async () => {
    const av = await useSimulator();
    putObject(statusKey, { exhausted: true, reason: 'quota', message: 'Alpha Vantage quota: ...', at: '2025-01-02T10:00:00.000Z' });
    const result = await handler(event('AAPL', 'OVERVIEW'));
    expect(result).toEqual({ ticker: 'AAPL', function: 'OVERVIEW', ok: false, exhausted: true });
    expect(av.requests()).toHaveLength(0);
    expect(putKeys()).toEqual([]);
  });

  it('on a quota answer: stores the reason, writes status.json, returns exhausted; the next call makes no request', async () => {
    const av = await useSimulator({ quotaAfter: 0 });
    const first = await handler(event('AAPL', 'OVERVIEW'));
    expect(first).toEqual({ ticker: 'AAPL', function: 'OVERVIEW', ok: false, exhausted: true });
    expect(av.requests().map((r) => r.answer)).toEqual(['quota']);

    const status = alphaVantageStatusSchema.parse(readJson(statusKey));
    expect(status).toMatchObject({ exhausted: true, reason: 'quota', ticker: 'AAPL', function: 'OVERVIEW' });
    expect(status.message).toMatch(/per day/);
    expect(Number.isNaN(Date.parse(status.at))).toBe(false);
    const file = readJson(answerKey('AAPL', 'OVERVIEW'));
    expect(file).toMatchObject({ ok: false, reason: 'quota' });

    const second = await handler(event('AAPL', 'EARNINGS'));
    expect(second).toEqual({ ticker: 'AAPL', function: 'EARNINGS', ok: false, exhausted: true });
    const third = await handler(event('MSFT', 'OVERVIEW'));
    expect(third.exhausted).toBe(true);
    expect(av.requests()).toHaveLength(1);
    expect(everythingOut([first, second, third])).not.toContain(KEY);
  });

  it('a throttle answer (the per-second burst text) stops it the same way', async () => {
    const burst = {
      Information:
        'Thank you for using Alpha Vantage! Please consider spreading out your free API requests more sparingly (1 request per second).',
    };
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(burst), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const result = await handler(event('AAPL', 'OVERVIEW'));
    expect(result.exhausted).toBe(true);
    expect(readJson(statusKey)).toMatchObject({ exhausted: true, reason: 'throttle' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('the key never appears in a result, an object or a log, even when Alpha Vantage echoes it', async () => {
    const echo = {
      Information: `We have detected your API key as ${KEY} and our standard API rate limit is 25 requests per day.`,
    };
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url);
        return new Response(JSON.stringify(echo), { status: 200 });
      }),
    );
    const result = await handler(event('AAPL', 'OVERVIEW'));
    expect(urls[0]).toContain(`apikey=${KEY}`); // it did use the key...
    expect(result.exhausted).toBe(true);
    const out = everythingOut([result]);
    expect(out).toContain('[redacted]'); // ...and the echo was hidden
    expect(out).not.toContain(KEY);
    expect(logs.some((line) => line.includes('Alpha Vantage stopped for the rest of the run'))).toBe(true);
  });

  it('a network failure is stored as that ticker\'s failure, never with the key, and does not stop the run', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        throw new TypeError(`fetch failed for ${url}`);
      }),
    );
    const result = await handler(event('AAPL', 'EARNINGS'));
    expect(result).toEqual({ ticker: 'AAPL', function: 'EARNINGS', ok: false, exhausted: false });
    expect(readJson(answerKey('AAPL', 'EARNINGS'))).toMatchObject({ ok: false, reason: 'network' });
    expect(objects.has(statusKey)).toBe(false);
    expect(everythingOut([result])).not.toContain(KEY);
  });

  it('an unknown symbol ({}) is that ticker\'s failure only', async () => {
    const av = await useSimulator({ unknownSymbols: ['NOPE'] });
    const result = await handler(event('NOPE', 'OVERVIEW'));
    expect(result).toEqual({ ticker: 'NOPE', function: 'OVERVIEW', ok: false, exhausted: false });
    expect(readJson(answerKey('NOPE', 'OVERVIEW'))).toMatchObject({ ok: false, reason: 'error' });
    expect(objects.has(statusKey)).toBe(false);
    expect(av.requests()).toHaveLength(1);
  });

  it('without any key: stops Alpha Vantage for the run (reason key), with no request', async () => {
    delete process.env.ALPHA_VANTAGE_API_KEY;
    const av = await useSimulator();
    const result = await handler(event('AAPL', 'OVERVIEW'));
    expect(result.exhausted).toBe(true);
    expect(readJson(statusKey)).toMatchObject({ exhausted: true, reason: 'key' });
    expect(av.requests()).toHaveLength(0);
  });
});

describe('Enrich handler: infrastructure', () => {
  it('rejects a malformed event', async () => {
    const error = await caught(handler({ sessionId: SID, ticker: 'AAPL', function: 'TIME_SERIES_DAILY' }));
    expect(error.name).toBe('ZodError');
    expect(putKeys()).toEqual([]);
  });

  it('an S3 fault on writing fails the invocation (the Map tolerates it), without the key in the error', async () => {
    await useSimulator();
    s3Mock.on(PutObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const error = await caught(handler(event('AAPL', 'OVERVIEW')));
    expect(error.name).toBe('AccessDenied');
    expect(`${error.message} ${error.stack ?? ''}`).not.toContain(KEY);
  });
});
