// createYahooFinance's own fetch: every request yahoo-finance2 makes (cookie page, getcrumb,
// quote, quoteSummary, chart) is paced and retried there, each attempt with its own timeout.
// Failures are injected in front of the simulator; waits are kept tiny, attempts are counted.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RequestPacer } from '../../lambdas/adapters/http/rate-limiter.js';
import {
  createYahooFinance,
  currentYahooPacer,
  resetYahooSession,
  sharedYahooPacer,
  type YahooClientOptions,
} from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { startYahooSimulator, type YahooSimulator } from '../../sim/yahoo-simulator.js';
import { virtualClock } from './virtual-clock.js';

let sim: YahooSimulator;
beforeAll(async () => {
  sim = await startYahooSimulator({ latencyMs: 0, failTickers: ['NONEXIST'] });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.resetStats();
  vi.restoreAllMocks();
});

const yearAgo = () => new Date(Date.now() - 365 * 86_400_000);
const pathOf = (input: Parameters<typeof fetch>[0]) => new URL(input instanceof Request ? input.url : String(input)).pathname;
const quiet = () => vi.spyOn(console, 'error').mockImplementation(() => {}); // yahoo-finance2 prints failed URLs

/**
 * A fetch in front of the simulator that fails the first `failures[path]` requests of a path
 * (matched by prefix) with the given answer, and counts every request by path.
 */
function flaky(failures: Record<string, Array<number | Error | Response>>) {
  const calls: string[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const path = pathOf(input);
    calls.push(path);
    const key = Object.keys(failures).find((prefix) => path.startsWith(prefix));
    const next = key ? failures[key]!.shift() : undefined;
    if (typeof next === 'number') return new Response('failed', { status: next });
    if (next instanceof Response) return next;
    if (next) throw next;
    return fetch(input, init);
  };
  return { calls, fetchImpl, count: (prefix: string) => calls.filter((p) => p.startsWith(prefix)).length };
}

const networkError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
const fastRetries: YahooClientOptions = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 };

describe('createYahooFinance retries', () => {
  it('retries the cookie page, getcrumb and quote alike, and the call succeeds', async () => {
    quiet();
    const { fetchImpl, count } = flaky({
      '/quote/': [networkError('ECONNRESET')],
      '/v1/test/getcrumb': [503, 429],
      '/v7/finance/quote': [500, networkError('ECONNREFUSED')],
    });
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, ...fastRetries });
    await resetYahooSession();
    const quotes = await yf.quote(['AAPL', 'MSFT']);
    expect(quotes.map((q) => q.symbol)).toEqual(['AAPL', 'MSFT']);
    expect([count('/quote/'), count('/v1/test/getcrumb'), count('/v7/finance/quote')]).toEqual([2, 3, 3]);
  });

  it('retries quoteSummary and chart', async () => {
    quiet();
    const { fetchImpl, count } = flaky({ '/v10/finance/quoteSummary/': [502, 504], '/v8/finance/chart/': [429, 500, 503] });
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, ...fastRetries });
    expect((await yf.quoteSummary('AAPL', { modules: ['price'] })).price?.symbol).toBe('AAPL');
    expect((await yf.chart('AAPL', { period1: yearAgo() })).quotes.length).toBeGreaterThan(200);
    expect([count('/v10/finance/quoteSummary/'), count('/v8/finance/chart/')]).toEqual([3, 4]);
  });

  it('gives up after maxRetries with the usual HTTPError and the last status', async () => {
    quiet();
    const { fetchImpl, count } = flaky({ '/v8/finance/chart/': [500, 500, 500, 503, 200] });
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, ...fastRetries });
    await expect(yf.chart('AAPL', { period1: yearAgo() })).rejects.toMatchObject({ name: 'HTTPError', code: 503 });
    expect(count('/v8/finance/chart/')).toBe(4);
  });

  it('rethrows the last network error after maxRetries', async () => {
    const last = networkError('ECONNREFUSED');
    const { fetchImpl, count } = flaky({ '/v8/finance/chart/': [networkError('ECONNRESET'), networkError('ECONNRESET'), last] });
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, ...fastRetries, maxRetries: 2 });
    await expect(yf.chart('AAPL', { period1: yearAgo() })).rejects.toBe(last);
    expect(count('/v8/finance/chart/')).toBe(3);
  });

  it('does not retry a 404 (unknown symbol)', async () => {
    const { fetchImpl, count } = flaky({});
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, ...fastRetries });
    await expect(yf.chart('NONEXIST', { period1: yearAgo() })).rejects.toThrow(/No data found/);
    await expect(yf.quoteSummary('NONEXIST', { modules: ['price'] })).rejects.toThrow(/Quote not found/);
    expect([count('/v8/finance/chart/'), count('/v10/finance/quoteSummary/')]).toEqual([1, 1]);
  });

  it('does not retry other 4xx answers', async () => {
    quiet();
    const { fetchImpl, count } = flaky({ '/v8/finance/chart/': [400, 403, 200] });
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, ...fastRetries });
    await expect(yf.chart('AAPL', { period1: yearAgo() })).rejects.toMatchObject({ code: 400 });
    expect(count('/v8/finance/chart/')).toBe(1);
  });

  it('makes one attempt only when no retries are asked for (the default)', async () => {
    quiet();
    const { fetchImpl, count } = flaky({ '/v8/finance/chart/': [500] });
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl });
    await expect(yf.chart('AAPL', { period1: yearAgo() })).rejects.toMatchObject({ code: 500 });
    expect(count('/v8/finance/chart/')).toBe(1);
  });

  it('gives every attempt its own timeout and retries a timed-out attempt', async () => {
    const hung: AbortSignal[] = [];
    const fetchImpl: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        const signal = init?.signal as AbortSignal;
        hung.push(signal);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, timeoutMs: 40, ...fastRetries, maxRetries: 2 });
    await expect(yf.chart('AAPL', { period1: yearAgo() })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(hung).toHaveLength(3);
    expect(new Set(hung).size).toBe(3);
  });

  it('recovers from a timed-out attempt', async () => {
    let first = true;
    const fetchImpl: typeof fetch = (input, init) => {
      if (!first) return fetch(input, init);
      first = false;
      return new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    };
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, timeoutMs: 40, ...fastRetries });
    await expect(yf.chart('AAPL', { period1: yearAgo() })).resolves.toMatchObject({ meta: { symbol: 'AAPL' } });
  });

  it('stops retrying when the caller aborts', async () => {
    quiet();
    const { fetchImpl, count } = flaky({ '/v8/finance/chart/': [500, 500, 500, 500] });
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, maxRetries: 3, baseDelayMs: 60_000, maxDelayMs: 60_000, deadlineMs: 600_000, random: () => 1 - 1e-9 });
    const controller = new AbortController();
    const call = yf.chart('AAPL', { period1: yearAgo() }, { fetchOptions: { signal: controller.signal } });
    await vi.waitFor(() => expect(count('/v8/finance/chart/')).toBe(1));
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(count('/v8/finance/chart/')).toBe(1);
  });

  it('starts no retry past the deadline: ends with the last status', async () => {
    quiet();
    const { fetchImpl, count } = flaky({ '/v8/finance/chart/': [503, 503, 503, 503] });
    // On a clock that moves only by the waits: the first wait (99.9 ms) fits in the 150 ms
    // deadline, the second (199.8 ms) would end at 299.7 ms.
    const clock = virtualClock();
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, clock, maxRetries: 3, baseDelayMs: 100, maxDelayMs: 10_000, deadlineMs: 150, random: () => 0.999 });
    await expect(yf.chart('AAPL', { period1: yearAgo() })).rejects.toMatchObject({ code: 503 });
    expect(count('/v8/finance/chart/')).toBe(2);
    expect(clock.sleeps).toEqual([99.9]);
  });

  it('makes no retry whose turn at the pacer comes after the deadline', async () => {
    quiet();
    const pacer = new RequestPacer({ requestsPerSecond: 0.5 }); // a turn every 2 s
    const { fetchImpl, count } = flaky({ '/v8/finance/chart/': [503] }); // the retry would succeed
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, pacer, ...fastRetries, deadlineMs: 500 });
    await expect(yf.chart('AAPL', { period1: yearAgo() })).rejects.toMatchObject({ code: 503 });
    expect(count('/v8/finance/chart/')).toBe(1);
    expect(pacer.stats().granted).toBe(1);
  });

  it('reports every retry with its reason and wait', async () => {
    quiet();
    const { fetchImpl } = flaky({ '/v8/finance/chart/': [new Response('slow down', { status: 429, headers: { 'retry-after': '0' } }), networkError('ECONNRESET')] });
    const events: Array<{ retry: number; status?: number; url: string }> = [];
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, ...fastRetries, onRetry: (e) => events.push(e) });
    await yf.chart('AAPL', { period1: yearAgo() });
    expect(events.map((e) => [e.retry, e.status])).toEqual([
      [1, 429],
      [2, undefined],
    ]);
    expect(events.every((e) => e.url.startsWith(`${sim.url}/v8/finance/chart/AAPL?`))).toBe(true);
  });
});

describe('createYahooFinance pacing', () => {
  it('takes a turn from the pacer for every attempt, and a 429 slows the pacer down', async () => {
    quiet();
    const pacer = new RequestPacer({ requestsPerSecond: 50 });
    const { fetchImpl, calls } = flaky({ '/v8/finance/chart/': [429, 500] });
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, pacer, ...fastRetries });
    await yf.chart('AAPL', { period1: yearAgo() });
    expect(calls).toHaveLength(3);
    expect(pacer.stats()).toMatchObject({ granted: 3, throttled: 1, slowdowns: 1, rate: 25 });
  });

  it('counts answers that are not throttled towards recovery', async () => {
    const pacer = new RequestPacer({ requestsPerSecond: 100, recoverAfter: 2, recoveryStep: 1 });
    pacer.throttled();
    expect(pacer.rate).toBe(50);
    const yf = createYahooFinance({ endpoint: sim.url, pacer });
    await yf.chart('AAPL', { period1: yearAgo() });
    await expect(yf.chart('NONEXIST', { period1: yearAgo() })).rejects.toThrow(); // a 404 is not throttling
    expect(pacer.rate).toBe(100);
  });

  it('sends each request only after its turn, the turns spaced by the pacer', async () => {
    const clock = virtualClock(1_000);
    const pacer = new RequestPacer({ requestsPerSecond: 20, clock });
    const events: string[] = [];
    const grants: number[] = [];
    const acquire = pacer.acquire.bind(pacer);
    vi.spyOn(pacer, 'acquire').mockImplementation(async (signal) => {
      const permit = await acquire(signal);
      events.push('turn');
      grants.push(permit.grantedAt);
      return permit;
    });
    const fetchImpl: typeof fetch = (input, init) => (events.push('fetch'), fetch(input, init));
    const yf = createYahooFinance({ endpoint: sim.url, pacer, fetchImpl, concurrency: 8 });
    await Promise.all(['AAPL', 'MSFT', 'KO', 'JPM', 'PG', 'V'].map((s) => yf.chart(s, { period1: yearAgo() })));
    expect(grants).toEqual([1_000, 1_050, 1_100, 1_150, 1_200, 1_250]);
    expect(events.filter((e) => e === 'fetch')).toHaveLength(6);
    // At no point has a request gone out without a turn.
    events.forEach((_, i) => {
      const prefix = events.slice(0, i + 1);
      expect(prefix.filter((e) => e === 'fetch').length).toBeLessThanOrEqual(prefix.filter((e) => e === 'turn').length);
    });
  });

  it('shares one pacer between every paced client of the process', async () => {
    expect(currentYahooPacer()).toBeUndefined();
    const a = createYahooFinance({ endpoint: sim.url, requestsPerSecond: 40 });
    const b = createYahooFinance({ endpoint: sim.url, requestsPerSecond: 40 });
    const shared = currentYahooPacer();
    expect(shared?.stats()).toMatchObject({ granted: 0, maxRate: 40 });
    expect(sharedYahooPacer(40)).toBe(shared);
    await a.chart('AAPL', { period1: yearAgo() });
    await b.chart('MSFT', { period1: yearAgo() });
    expect(shared?.stats().granted).toBe(2);
    createYahooFinance({ endpoint: sim.url, requestsPerSecond: 25 });
    expect(shared?.maxRate).toBe(25);
    await createYahooFinance({ endpoint: sim.url }).chart('KO', { period1: yearAgo() }); // unpaced
    expect(shared?.stats().granted).toBe(2);
  });
});

describe('createYahooFinance with failFastUntilAnswered (Prefetch)', () => {
  it('makes one attempt only while the source has never answered and the connection is refused', async () => {
    quiet();
    const { fetchImpl, count } = flaky({ '/v8/finance/chart/': [networkError('ECONNREFUSED'), networkError('ECONNREFUSED')] });
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, ...fastRetries, failFastUntilAnswered: true });
    await expect(yf.chart('AAPL', { period1: yearAgo() })).rejects.toThrow('fetch failed');
    expect(count('/v8/finance/chart/')).toBe(1);
  });

  it('fails fast on a DNS or TLS failure too, but still retries a reset connection', async () => {
    quiet();
    const badPort = Object.assign(new TypeError('fetch failed'), { cause: new Error('bad port') });
    for (const failure of [networkError('ENOTFOUND'), networkError('ERR_TLS_CERT_ALTNAME_INVALID'), badPort]) {
      const { fetchImpl, count } = flaky({ '/v8/finance/chart/': [failure] });
      const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, ...fastRetries, failFastUntilAnswered: true });
      await expect(yf.chart('AAPL', { period1: yearAgo() })).rejects.toThrow('fetch failed');
      expect(count('/v8/finance/chart/')).toBe(1);
    }
    const { fetchImpl, count } = flaky({ '/v8/finance/chart/': [networkError('ECONNRESET')] });
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, ...fastRetries, failFastUntilAnswered: true });
    await yf.chart('AAPL', { period1: yearAgo() });
    expect(count('/v8/finance/chart/')).toBe(2);
  });

  it('retries a refused connection as usual once the source has answered', async () => {
    quiet();
    const { fetchImpl, count } = flaky({ '/v8/finance/chart/AAPL': [networkError('ECONNREFUSED')] });
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, ...fastRetries, failFastUntilAnswered: true });
    await yf.chart('MSFT', { period1: yearAgo() });
    await yf.chart('AAPL', { period1: yearAgo() });
    expect(count('/v8/finance/chart/AAPL')).toBe(2);
  });
});

describe('createYahooFinance onAnswer', () => {
  it('sees the headers of every answer, a failed attempt included, and nothing of an attempt that got none', async () => {
    quiet();
    const { fetchImpl } = flaky({ '/v8/finance/chart/': [networkError('ECONNRESET'), new Response('busy', { status: 429, headers: { 'x-attempt': 'throttled' } })] });
    const seen: Array<string | null> = [];
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl, ...fastRetries, onAnswer: (headers) => seen.push(headers.get('x-attempt') ?? headers.get('x-finwiz-simulator')) });
    await yf.chart('AAPL', { period1: yearAgo() });
    // The reset got no answer; the 429 and the simulator's own answer did.
    expect(seen).toEqual(['throttled', 'finwiz-yahoo-simulator']);
  });
});
