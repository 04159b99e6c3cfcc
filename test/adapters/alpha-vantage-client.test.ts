// The Alpha Vantage client on a fake clock and a fake fetch (plus one real fetch against a
// local HTTP server on 127.0.0.1): pacing at exactly the configured rate, the stop after a
// quota or throttle answer, results for every failure, and an API key that never leaks.
// Also the key's sources (alpha-vantage-key.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createAlphaVantageClient,
  type AlphaVantageClientOptions,
  type AlphaVantageClock,
  type FetchLike,
} from '../../lambdas/adapters/alpha-vantage/alpha-vantage-client.js';
import { alphaVantageApiKey, AlphaVantageKeyError, type SecretsPort } from '../../lambdas/adapters/alpha-vantage/alpha-vantage-key.js';

const KEY = 'K3yS3cr3tZQ9';

const OVERVIEW_BODY = { Symbol: 'ACME', PERatio: '21.5', ForwardPE: 'None' };
const EARNINGS_BODY = {
  symbol: 'ACME',
  annualEarnings: [],
  quarterlyEarnings: [{ fiscalDateEnding: '2024-09-30', reportedEPS: '1.21', estimatedEPS: '1.25', surprise: '-0.04', surprisePercentage: '-3.2' }],
};
const DAILY_QUOTA = { Information: 'Thank you for using Alpha Vantage! Our standard API rate limit is 25 requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.' };
const BURST = { Information: 'Thank you for using Alpha Vantage! Please consider spreading out your free API requests more sparingly (1 request per second).' };

// ---------------------------------------------------------------------------------------------
// A fake clock: `sleep` registers a timer; `run` advances time to the next timer whenever
// nothing else can progress. `earlyBy` makes every timer fire that fraction too early.

class FakeClock implements AlphaVantageClock {
  t = 0;
  private timers: { at: number; resolve: () => void }[] = [];
  constructor(private readonly earlyFraction = 0) {}
  now = (): number => this.t;
  sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const wait = Math.max(0, ms);
      this.timers.push({ at: this.t + Math.max(wait > 0 ? 1 : 0, Math.floor(wait * (1 - this.earlyFraction))), resolve });
    });
  /** Drive time until `promise` settles. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    void promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let spins = 0; !settled; spins++) {
      if (spins > 100_000) throw new Error('fake clock: no progress');
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) break;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (next) {
        this.t = Math.max(this.t, next.at);
        next.resolve();
      }
    }
    return promise;
  }
}

interface FakeFetch {
  fetchImpl: FetchLike;
  calls: { url: string; at: number }[];
}

/** A fetch that records each request's start time and answers with `answer(i)`. */
function fakeFetch(clock: FakeClock, answer: (i: number, url: string) => unknown = () => OVERVIEW_BODY, latencyMs = 0): FakeFetch {
  const calls: { url: string; at: number }[] = [];
  const fetchImpl: FetchLike = async (url) => {
    const i = calls.length;
    calls.push({ url, at: clock.now() });
    if (latencyMs > 0) await clock.sleep(latencyMs);
    const body = answer(i, url);
    if (body instanceof Response) return body;
    if (body instanceof Error) throw body;
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetchImpl, calls };
}

const client = (clock: FakeClock, fetch: FakeFetch, extra: Partial<AlphaVantageClientOptions> = {}) =>
  createAlphaVantageClient({ apiKey: KEY, callsPerMinute: 5, clock, fetchImpl: fetch.fetchImpl, ...extra });

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('pacing', () => {
  it.each([
    [5, 12_000],
    [75, 800],
  ])('at %i calls a minute, calls made at once start exactly %i ms apart', async (rate, interval) => {
    const clock = new FakeClock();
    const fetch = fakeFetch(clock, (i) => (i % 2 === 0 ? OVERVIEW_BODY : EARNINGS_BODY));
    const av = client(clock, fetch, { callsPerMinute: rate });
    const n = 8;
    const results = await clock.run(Promise.all(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? av.overview(`S${i}`) : av.earnings(`S${i}`)))));
    expect(results.every((r) => r.ok)).toBe(true);
    const starts = fetch.calls.map((c) => c.at);
    expect(starts).toEqual(Array.from({ length: n }, (_, i) => i * interval));
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(interval);
    // In the order the calls were made.
    expect(fetch.calls.map((c) => new URL(c.url).searchParams.get('symbol'))).toEqual(Array.from({ length: n }, (_, i) => `S${i}`));
  });

  it('paces start to start: a 5 s answer does not push the next call back (never much slower)', async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch(clock, () => OVERVIEW_BODY, 5_000);
    const av = client(clock, fetch);
    for (let i = 0; i < 4; i++) expect((await clock.run(av.overview('ACME'))).ok).toBe(true);
    expect(fetch.calls.map((c) => c.at)).toEqual([0, 12_000, 24_000, 36_000]);
  });

  it('a call after an idle spell starts at once, and the next one a full interval later (no catch-up burst)', async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch(clock);
    const av = client(clock, fetch);
    await clock.run(av.overview('A'));
    await clock.run(clock.sleep(100_000));
    await clock.run(Promise.all([av.overview('B'), av.overview('C')]));
    expect(fetch.calls.map((c) => c.at)).toEqual([0, 100_000, 112_000]);
  });

  it('a timer that fires early never lets a call start early', async () => {
    const clock = new FakeClock(0.5);
    const fetch = fakeFetch(clock);
    const av = client(clock, fetch);
    await clock.run(Promise.all([av.overview('A'), av.overview('B'), av.overview('C')]));
    const starts = fetch.calls.map((c) => c.at);
    expect(starts).toHaveLength(3);
    for (const [i, gap] of gaps(starts).entries()) {
      expect(gap, `gap ${i}`).toBeGreaterThanOrEqual(12_000);
      expect(gap, `gap ${i}`).toBeLessThan(12_100);
    }
  });

  it('the first call starts at once', async () => {
    const clock = new FakeClock();
    clock.t = 5_000;
    const fetch = fakeFetch(clock);
    await clock.run(client(clock, fetch).overview('A'));
    expect(fetch.calls.map((c) => c.at)).toEqual([5_000]);
  });
});

describe('quota and throttle answers stop the client', () => {
  it('after a daily-quota answer no further request is made', async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch(clock, (i) => (i === 1 ? DAILY_QUOTA : OVERVIEW_BODY));
    const av = client(clock, fetch);
    const first = await clock.run(av.overview('A'));
    const second = await clock.run(av.earnings('B'));
    const timeAfterQuota = clock.t;
    const later = await clock.run(Promise.all([av.overview('C'), av.earnings('D'), av.overview('E')]));
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, reason: 'quota' });
    expect(!second.ok && second.message).toContain('25 requests per day');
    for (const r of later) expect(r).toMatchObject({ ok: false, reason: 'quota' });
    expect(fetch.calls).toHaveLength(2);
    expect(av.requestCount).toBe(2);
    expect(av.exhausted).toMatchObject({ reason: 'quota' });
    expect(av.exhausted?.message).toContain('25 requests per day');
    expect(clock.t).toBe(timeAfterQuota); // refused calls do not wait for a slot either
  });

  it('calls already waiting for their slot are refused when a quota answer arrives', async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch(clock, (i) => (i === 0 ? DAILY_QUOTA : OVERVIEW_BODY));
    const av = client(clock, fetch);
    const results = await clock.run(Promise.all(['A', 'B', 'C', 'D'].map((s) => av.overview(s))));
    expect(results.map((r) => (r.ok ? 'ok' : r.reason))).toEqual(['quota', 'quota', 'quota', 'quota']);
    expect(fetch.calls).toHaveLength(1);
  });

  it('a throttle answer is reported as throttle and stops the client too', async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch(clock, (i) => (i === 0 ? BURST : OVERVIEW_BODY));
    const av = client(clock, fetch);
    expect(await clock.run(av.overview('A'))).toMatchObject({ ok: false, reason: 'throttle' });
    expect(await clock.run(av.overview('B'))).toMatchObject({ ok: false, reason: 'quota' });
    expect(av.exhausted).toMatchObject({ reason: 'throttle' });
    expect(fetch.calls).toHaveLength(1);
  });

  it('HTTP 429 is a throttle and stops the client', async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch(clock, () => new Response('slow down', { status: 429 }));
    const av = client(clock, fetch);
    expect(await clock.run(av.overview('A'))).toMatchObject({ ok: false, reason: 'throttle' });
    expect(await clock.run(av.overview('B'))).toMatchObject({ ok: false, reason: 'quota' });
    expect(fetch.calls).toHaveLength(1);
  });

  it('an error for one symbol does not stop the client', async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch(clock, (i) => (i === 0 ? { 'Error Message': 'Invalid API call.' } : i === 1 ? {} : OVERVIEW_BODY));
    const av = client(clock, fetch);
    expect(await clock.run(av.overview('BAD'))).toMatchObject({ ok: false, reason: 'error', message: expect.stringContaining('Invalid API call') });
    expect(await clock.run(av.overview('NONE'))).toMatchObject({ ok: false, reason: 'error', message: expect.stringContaining('no data') });
    expect(await clock.run(av.overview('ACME'))).toMatchObject({ ok: true });
    expect(av.exhausted).toBeNull();
    expect(fetch.calls).toHaveLength(3);
  });
});

describe('results, never throws', () => {
  it('data is parsed: numbers from strings, "None" as null', async () => {
    const clock = new FakeClock();
    const av = client(clock, fakeFetch(clock, (i) => (i === 0 ? OVERVIEW_BODY : EARNINGS_BODY)));
    const overview = await clock.run(av.overview('ACME'));
    const earnings = await clock.run(av.earnings('ACME'));
    expect(overview.ok && overview.data).toMatchObject({ Symbol: 'ACME', PERatio: 21.5, ForwardPE: null });
    expect(earnings.ok && earnings.data.quarterlyEarnings[0]).toMatchObject({ reportedEPS: 1.21, surprise: -0.04 });
  });

  it('builds the query URL, keeping a base path and dropping a trailing slash', async () => {
    const clock = new FakeClock();
    const fetch = fakeFetch(clock);
    await clock.run(client(clock, fetch).overview('BRK.B'));
    await clock.run(client(clock, fetch, { baseUrl: 'http://127.0.0.1:9/av/' }).earnings('IBM'));
    expect(fetch.calls[0]!.url).toBe(`https://www.alphavantage.co/query?function=OVERVIEW&symbol=BRK.B&apikey=${KEY}`);
    expect(fetch.calls[1]!.url).toBe(`http://127.0.0.1:9/av/query?function=EARNINGS&symbol=IBM&apikey=${KEY}`);
  });

  it.each([
    ['HTTP 500', () => new Response('oops', { status: 500 }), 'error', /HTTP 500/],
    ['not JSON', () => new Response('<html>', { status: 200 }), 'error', /not JSON/],
    ['wrong shape', () => ({ Symbol: 'X', PERatio: { nested: true } }), 'error', /PERatio/],
    ['a rejected fetch', () => new TypeError('fetch failed'), 'network', /fetch failed/],
  ] as const)('%s -> %s', async (_, answer, reason, pattern) => {
    const clock = new FakeClock();
    const result = await clock.run(client(clock, fakeFetch(clock, answer)).overview('X'));
    expect(result).toMatchObject({ ok: false, reason });
    expect(!result.ok && result.message).toMatch(pattern);
  });

  it('a fetch that never answers times out as a network failure', async () => {
    const clock = new FakeClock();
    const fetchImpl: FetchLike = () => new Promise<Response>(() => {});
    const result = await createAlphaVantageClient({ apiKey: KEY, callsPerMinute: 5, clock, fetchImpl, timeoutMs: 30 }).overview('X');
    expect(result).toMatchObject({ ok: false, reason: 'network', message: expect.stringContaining('no answer within 30 ms') });
  });

  it('a fetch that throws synchronously, or a failing clock, still gives a result', async () => {
    const clock = new FakeClock();
    const throwing: FetchLike = () => {
      throw new Error('boom');
    };
    expect(await createAlphaVantageClient({ apiKey: KEY, callsPerMinute: 5, clock, fetchImpl: throwing }).overview('X')).toMatchObject({ ok: false, reason: 'network' });
    const badClock: AlphaVantageClock = { now: () => 0, sleep: () => Promise.reject(new Error('clock broke')) };
    const av = createAlphaVantageClient({ apiKey: KEY, callsPerMinute: 5, clock: badClock, fetchImpl: fakeFetch(clock).fetchImpl });
    expect((await av.overview('A')).ok).toBe(true);
    expect(await av.overview('B')).toMatchObject({ ok: false, reason: 'error', message: expect.stringContaining('clock broke') });
  });

  it('rejects a bad configuration at construction, without echoing the key', () => {
    expect(() => createAlphaVantageClient({ apiKey: '', callsPerMinute: 5 })).toThrow(/apiKey/);
    expect(() => createAlphaVantageClient({ apiKey: KEY, callsPerMinute: 0 })).toThrow(/callsPerMinute/);
    expect(() => createAlphaVantageClient({ apiKey: KEY, callsPerMinute: Number.NaN })).toThrow(/callsPerMinute/);
  });
});

describe('the API key never leaks', () => {
  const leakCases: [string, (url: string) => unknown][] = [
    ['fetch rejects with the URL in its message', (url) => new Error(`request to ${url} failed, reason: ECONNRESET`)],
    ['fetch rejects with the URL in its cause', (url) => new TypeError('fetch failed', { cause: new Error(`connect ECONNREFUSED ${url}`) })],
    ['HTTP error whose body echoes the URL', (url) => new Response(`Bad gateway for ${url}`, { status: 502 })],
    ['a quota answer that echoes the key', () => ({ Information: `We have detected your API key as ${KEY} and our standard API rate limit is 25 requests per day.` })],
    ['an Error Message that echoes the key', () => ({ 'Error Message': `Invalid API call for apikey=${KEY}.` })],
    ['non-JSON body echoing the key', () => new Response(`key=${KEY}`, { status: 200 })],
    ['an Error Message with the bare key', () => ({ 'Error Message': `Unknown key ${KEY} for this call.` })],
    ['a Note with the bare key', () => ({ Note: `Key ${KEY}: our standard API call frequency is 5 calls per minute.` })],
  ];

  it.each(leakCases)('%s', async (_, answer) => {
    const clock = new FakeClock();
    const fetch = fakeFetch(clock, (_i, url) => answer(url));
    const logged: unknown[] = [];
    const av = client(clock, fetch, { logger: { warn: (...args: unknown[]) => logged.push(args) } });
    const first = await clock.run(av.overview('ACME'));
    const second = await clock.run(av.earnings('ACME'));
    // The key did go out with the request: the assertions below are not vacuous.
    expect(fetch.calls[0]!.url).toContain(KEY);
    expect(first.ok).toBe(false);
    expect(logged.length).toBeGreaterThan(0);
    for (const text of [JSON.stringify(first), JSON.stringify(second), JSON.stringify(av.exhausted), JSON.stringify(logged)]) {
      expect(text).not.toContain(KEY);
    }
  });

  it('a URL-encoded key is hidden too', async () => {
    const key = 'a+b/c=d';
    const clock = new FakeClock();
    const fetch = fakeFetch(clock, (i, url) =>
      i === 0 ? new Error(`failed: ${url}`) : new Error(`failed for ${encodeURIComponent(key)} (raw ${key})`),
    );
    const av = createAlphaVantageClient({ apiKey: key, callsPerMinute: 5, clock, fetchImpl: fetch.fetchImpl });
    const first = await clock.run(av.overview('X'));
    const second = await clock.run(av.overview('Y'));
    expect(fetch.calls[0]!.url).toContain(encodeURIComponent(key));
    expect(!first.ok && first.message).toContain('apikey=[redacted]');
    for (const result of [first, second]) {
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).not.toContain(encodeURIComponent(key));
      expect(!result.ok && result.message).not.toContain(key);
    }
  });
});

describe('over real HTTP on 127.0.0.1', () => {
  let server: Server;
  let baseUrl: string;
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      seen.push(url.pathname + url.search);
      const ok = url.searchParams.get('apikey') === KEY;
      const fn = url.searchParams.get('function');
      const body = !ok ? { 'Error Message': 'the parameter apikey is invalid or missing.' } : url.searchParams.get('symbol') === 'LIMIT' ? DAILY_QUOTA : fn === 'EARNINGS' ? EARNINGS_BODY : OVERVIEW_BODY;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches and parses, then stops at a quota answer', async () => {
    const clock = new FakeClock();
    const av = createAlphaVantageClient({ apiKey: KEY, callsPerMinute: 75, clock, baseUrl });
    const [overview, earnings] = await clock.run(Promise.all([av.overview('ACME'), av.earnings('ACME')]));
    expect(overview.ok && overview.data.PERatio).toBe(21.5);
    expect(earnings.ok && earnings.data.quarterlyEarnings[0]?.reportedEPS).toBe(1.21);
    expect(await clock.run(av.overview('LIMIT'))).toMatchObject({ ok: false, reason: 'quota' });
    expect(await clock.run(av.overview('ACME'))).toMatchObject({ ok: false, reason: 'quota' });
    expect(seen).toHaveLength(3);
    expect(clock.t).toBe(1_600);
  });

  it('a closed port is a network failure without the key', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await createAlphaVantageClient({ apiKey: KEY, callsPerMinute: 5, baseUrl: `http://127.0.0.1:${port}` }).overview('X');
    expect(result).toMatchObject({ ok: false, reason: 'network' });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });
});

// ---------------------------------------------------------------------------------------------

describe('alphaVantageApiKey', () => {
  const port = (value: string | undefined | Error): SecretsPort & { names: string[] } => {
    const names: string[] = [];
    return {
      names,
      getSecretValue: async (name) => {
        names.push(name);
        if (value instanceof Error) throw value;
        return value;
      },
    };
  };

  it('locally from ALPHA_VANTAGE_API_KEY; null when neither is set (empty counts as unset)', async () => {
    expect(await alphaVantageApiKey({ ALPHA_VANTAGE_API_KEY: ' abc ' })).toBe('abc');
    expect(await alphaVantageApiKey({})).toBeNull();
    expect(await alphaVantageApiKey({ ALPHA_VANTAGE_API_KEY: '', ALPHA_VANTAGE_SECRET_NAME: ' ' })).toBeNull();
  });

  it('in the cloud from the secret named by ALPHA_VANTAGE_SECRET_NAME, which wins over the variable', async () => {
    const secrets = port('from-secret');
    expect(await alphaVantageApiKey({ ALPHA_VANTAGE_SECRET_NAME: 'finwiz/av', ALPHA_VANTAGE_API_KEY: 'local' }, secrets)).toBe('from-secret');
    expect(secrets.names).toEqual(['finwiz/av']);
  });

  it('reads a JSON secret', async () => {
    expect(await alphaVantageApiKey({ ALPHA_VANTAGE_SECRET_NAME: 's' }, port('{"apiKey":"json-key"}'))).toBe('json-key');
    expect(await alphaVantageApiKey({ ALPHA_VANTAGE_SECRET_NAME: 's' }, port('{"ALPHA_VANTAGE_API_KEY":"k2"}'))).toBe('k2');
  });

  it('a secret that cannot be read or holds no key is an error naming the secret, never its value', async () => {
    await expect(alphaVantageApiKey({ ALPHA_VANTAGE_SECRET_NAME: 'finwiz/av' }, port(new Error('AccessDenied')))).rejects.toThrow(AlphaVantageKeyError);
    await expect(alphaVantageApiKey({ ALPHA_VANTAGE_SECRET_NAME: 'finwiz/av' }, port(new Error('AccessDenied')))).rejects.toThrow(/finwiz\/av.*AccessDenied/);
    await expect(alphaVantageApiKey({ ALPHA_VANTAGE_SECRET_NAME: 's' }, port(undefined))).rejects.toThrow(/no string value/);
    const error = await alphaVantageApiKey({ ALPHA_VANTAGE_SECRET_NAME: 's' }, port('{"other":"hidden-value"}')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlphaVantageKeyError);
    expect(String(error)).not.toContain('hidden-value');
  });

  describe('through the AWS SDK (aws-sdk-client-mock)', () => {
    const sm = mockClient(SecretsManagerClient);
    afterEach(() => sm.reset());
    afterAll(() => sm.restore());

    it('uses GetSecretValue with the secret name', async () => {
      sm.on(GetSecretValueCommand, { SecretId: 'finwiz/alpha-vantage' }).resolves({ SecretString: 'sdk-key' });
      expect(await alphaVantageApiKey({ ALPHA_VANTAGE_SECRET_NAME: 'finwiz/alpha-vantage' })).toBe('sdk-key');
      expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    });

    it('an SDK failure becomes AlphaVantageKeyError', async () => {
      sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('Secrets Manager can not find the specified secret.'), { name: 'ResourceNotFoundException' }));
      await expect(alphaVantageApiKey({ ALPHA_VANTAGE_SECRET_NAME: 'missing' })).rejects.toThrow(/"missing".*ResourceNotFoundException/);
    });

    it('is not called when no secret name is set', async () => {
      expect(await alphaVantageApiKey({ ALPHA_VANTAGE_API_KEY: 'local' })).toBe('local');
      expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    });
  });
});
