// The paced, retrying client against the simulator's faults: transient errors, a rate limit
// below the client's pace, tickers that always fail, slow answers. Attempts are counted on
// the simulator; nothing asserts an upper bound on wall-clock time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestPacer } from '../../lambdas/adapters/http/rate-limiter.js';
import { createYahooFinance, currentYahooPacer, resetYahooSession } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { yahooPortFromEnv } from '../../lambdas/adapters/yahoo/yahoo-source.js';
import { isEtfSymbol } from '../../sim/market/index.js';
import { simulatedTickerFails, startYahooSimulator, type SimulatorOptions, type YahooSimulator } from '../../sim/yahoo-simulator.js';
import { SP66 } from '../sim/tickers.js';
import { virtualClock } from './virtual-clock.js';

const open: YahooSimulator[] = [];
async function simulator(options: SimulatorOptions): Promise<YahooSimulator> {
  const sim = await startYahooSimulator({ latencyMs: 0, ...options });
  open.push(sim);
  return sim;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  vi.restoreAllMocks();
});

const yearAgo = () => new Date(Date.now() - 365 * 86_400_000);
const quiet = () => vi.spyOn(console, 'error').mockImplementation(() => {}); // yahoo-finance2 prints failed URLs

/** A seeded uniform random in [0, 1), so the jitter is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('the client against transient simulator errors (errorRate 0.3)', () => {
  it('gets every quote, quoteSummary and chart in the end, with one retry per failed attempt', async () => {
    quiet();
    const sim = await simulator({ errorRate: 0.3, seed: 5 });
    let retries = 0;
    const yf = createYahooFinance({
      endpoint: sim.url,
      concurrency: 16,
      maxRetries: 4,
      baseDelayMs: 20,
      maxDelayMs: 200,
      random: seeded(1),
      onRetry: () => retries++,
    });
    await resetYahooSession();
    const symbols = SP66.slice(0, 24);
    const stocks = symbols.filter((s) => !isEtfSymbol(s));
    const [quotes, summaries, charts] = await Promise.all([
      Promise.all([symbols.slice(0, 12), symbols.slice(12)].map((batch) => yf.quote(batch))),
      Promise.all(stocks.map((s) => yf.quoteSummary(s, { modules: ['price', 'financialData'] }))),
      Promise.all(symbols.map((s) => yf.chart(s, { period1: yearAgo() }))),
    ]);
    expect(quotes.flat().map((q) => q.symbol)).toEqual(symbols);
    expect(summaries.map((s) => s.price?.symbol)).toEqual(stocks);
    expect(charts.map((c) => c.meta.symbol)).toEqual(symbols);
    const { http429, http500 } = sim.stats();
    // Faults did happen (about 0.3 of ~45 data requests), and each cost exactly one retry.
    expect(http429 + http500).toBeGreaterThan(3);
    expect(retries).toBe(http429 + http500);
  });
});

describe('the client paced at 10/s against a simulator limited to 5/s', () => {
  it('gets every answer, slows the whole run down, and receives a bounded number of 429s', async () => {
    quiet();
    const sim = await simulator({ rateLimit: 5 });
    const pacer = new RequestPacer({ requestsPerSecond: 10 });
    const yf = createYahooFinance({ endpoint: sim.url, concurrency: 20, pacer, maxRetries: 4, random: seeded(2) });
    const symbols = SP66.slice(0, 25);
    const charts = await Promise.all(symbols.map((s) => yf.chart(s, { period1: yearAgo() })));
    expect(charts.map((c) => c.meta.symbol)).toEqual(symbols);
    const { requests, http429, http500 } = sim.stats();
    expect(http500).toBe(0);
    expect(requests).toBe(symbols.length + http429); // every 429 was retried, nothing else
    expect(http429).toBeGreaterThan(0); // 10/s does overrun 5/s at first
    // Unpaced, 25 requests at once against 5/s draw 20 429s in the first round alone.
    expect(http429).toBeLessThanOrEqual(10);
    expect(pacer.stats().slowdowns).toBeGreaterThan(0);
    expect(pacer.rate).toBeLessThan(10);
  });
});

describe('the client against tickers that always fail (failRate)', () => {
  const failRate = 0.5;
  const failing = SP66.filter((s) => simulatedTickerFails(s, failRate));
  const healthy = SP66.filter((s) => !simulatedTickerFails(s, failRate));

  it('retries the 500s up to maxRetries, then fails with HTTP 500', async () => {
    quiet();
    const sim = await simulator({ failRate });
    const yf = createYahooFinance({ endpoint: sim.url, maxRetries: 3, baseDelayMs: 10, maxDelayMs: 50, random: seeded(3) });
    await expect(yf.chart(failing[0]!, { period1: yearAgo() })).rejects.toMatchObject({ name: 'HTTPError', code: 500 });
    expect(sim.stats()).toMatchObject({ http500: 4, byEndpoint: { chart: 4 } });
    await expect(yf.quoteSummary(failing[1]!, { modules: ['price'] })).rejects.toMatchObject({ name: 'HTTPError', code: 500 });
    expect(sim.stats()).toMatchObject({ http500: 8, byEndpoint: { quoteSummary: 4 } });
    sim.resetStats();
    const chart = await yf.chart(healthy[0]!, { period1: yearAgo() });
    expect(chart.meta.symbol).toBe(healthy[0]);
    expect(chart.quotes.length).toBeGreaterThan(200);
    expect(sim.stats()).toMatchObject({ requests: 1, http500: 0 });
  });

  it('stops retrying at the deadline: fewer attempts than maxRetries allows, still HTTP 500', async () => {
    quiet();
    const sim = await simulator({ failRate });
    // On a clock that moves only by the waits: 999 ms fits in a 2.5 s deadline, 999 + 1998 does not.
    const clock = virtualClock();
    const yf = createYahooFinance({ endpoint: sim.url, clock, maxRetries: 10, baseDelayMs: 1_000, maxDelayMs: 30_000, deadlineMs: 2_500, random: () => 0.999 });
    await expect(yf.chart(failing[0]!, { period1: yearAgo() })).rejects.toMatchObject({ name: 'HTTPError', code: 500 });
    expect(sim.stats()).toMatchObject({ http500: 2, byEndpoint: { chart: 2 } });
    expect(clock.sleeps).toEqual([999]);
  });

  it('does not retry an unknown symbol (404)', async () => {
    const sim = await simulator({ failTickers: ['NONEXIST'] });
    const yf = createYahooFinance({ endpoint: sim.url, maxRetries: 4, baseDelayMs: 10 });
    await expect(yf.chart('NONEXIST', { period1: yearAgo() })).rejects.toThrow(/No data found/);
    expect(sim.stats().byEndpoint.chart).toBe(1);
  });
});

describe('the client against slow answers', () => {
  it('times out every attempt and retries it, then fails with TimeoutError', async () => {
    const sim = await simulator({ latencyMs: 1_000 });
    const yf = createYahooFinance({ endpoint: sim.url, timeoutMs: 100, maxRetries: 2, baseDelayMs: 10, maxDelayMs: 10 });
    await expect(yf.chart('AAPL', { period1: yearAgo() })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sim.stats().byEndpoint.chart).toBe(3);
  });
});

describe('yahooPortFromEnv', () => {
  it('paces through the process pacer at YAHOO_REQUESTS_PER_SECOND and retries YAHOO_MAX_RETRIES times', async () => {
    quiet();
    const sim = await simulator({ failRate: 0.5 });
    const failing = SP66.find((s) => simulatedTickerFails(s, 0.5))!;
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 86_400_000);
    const port = yahooPortFromEnv({ YAHOO_ENDPOINT: sim.url, YAHOO_REQUESTS_PER_SECOND: '40', YAHOO_MAX_RETRIES: '1' });
    expect(currentYahooPacer()?.maxRate).toBe(40);
    await expect(port.dailyBars(failing, from, to)).rejects.toMatchObject({ code: 500 });
    expect(sim.stats().byEndpoint.chart).toBe(2);
    const granted = currentYahooPacer()!.stats().granted;
    expect(granted).toBeGreaterThanOrEqual(2);

    sim.resetStats();
    const none = yahooPortFromEnv({ YAHOO_ENDPOINT: sim.url, YAHOO_REQUESTS_PER_SECOND: '40', YAHOO_MAX_RETRIES: '0' });
    await expect(none.dailyBars(failing, from, to)).rejects.toMatchObject({ code: 500 });
    expect(sim.stats().byEndpoint.chart).toBe(1);
    expect(currentYahooPacer()!.stats().granted).toBe(granted + 1);
  });

  it('times out each attempt after YAHOO_REQUEST_TIMEOUT_MS', async () => {
    const sim = await simulator({ latencyMs: 3_000 });
    const port = yahooPortFromEnv({ YAHOO_ENDPOINT: sim.url, YAHOO_REQUEST_TIMEOUT_MS: '1000', YAHOO_MAX_RETRIES: '0' });
    await expect(port.dailyBars('AAPL', yearAgo(), new Date())).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sim.stats().byEndpoint.chart).toBe(1);
  });

  it('refuses a bad YAHOO_* value with InvalidConfiguration naming it', () => {
    expect(() => yahooPortFromEnv({ YAHOO_MAX_RETRIES: 'many' })).toThrow(/YAHOO_MAX_RETRIES="many" is invalid/);
    expect(() => yahooPortFromEnv({ YAHOO_REQUESTS_PER_SECOND: '0' })).toThrow(expect.objectContaining({ name: 'InvalidConfiguration' }));
  });
});
