// yahoo-finance2, through createYahooFinance, against the simulator: every answer must pass
// the library's own schema validation (it throws FailedYahooValidationError otherwise).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createYahooFinance, resetYahooSession } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { isEtfSymbol } from '../../sim/market/index.js';
import { simulatedTickerFails, startYahooSimulator, type SimulatorOptions, type YahooSimulator } from '../../sim/yahoo-simulator.js';
import { COMPANY_ONLY_MODULES, SP66, SUMMARY_MODULES } from './tickers.js';

const open: YahooSimulator[] = [];
async function simulator(options: SimulatorOptions = {}): Promise<YahooSimulator> {
  const sim = await startYahooSimulator({ latencyMs: 0, ...options });
  open.push(sim);
  return sim;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  vi.restoreAllMocks();
});

/** What a rejected call threw, reduced to what callers can rely on. */
async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; code?: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { code?: unknown };
    return { name: e.name, message: e.message, code: e.code };
  }
  throw new Error('expected the call to fail');
}

const yearAgo = () => new Date(Date.now() - 365 * 86_400_000);

describe('yahoo-finance2 against the simulator', () => {
  it('fetches cookies and crumb first, and sends every request to the endpoint only', async () => {
    const sim = await simulator();
    const urls: string[] = [];
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl: (input, init) => (urls.push(String(input)), fetch(input, init)) });
    await resetYahooSession(); // make this client fetch a fresh session
    await yf.quote(['AAPL', 'MSFT']);
    await yf.quoteSummary('AAPL', { modules: ['price'] });
    await yf.chart('AAPL', { period1: yearAgo() });
    expect(urls.map((u) => new URL(u).pathname)).toEqual([
      '/quote/AAPL',
      '/v1/test/getcrumb',
      '/v7/finance/quote',
      '/v10/finance/quoteSummary/AAPL',
      '/v8/finance/chart/AAPL',
    ]);
    expect(urls.every((u) => u.startsWith(`${sim.url}/`))).toBe(true);
    expect(sim.stats()).toMatchObject({ requests: 5, byEndpoint: { cookie: 1, crumb: 1, quote: 1, quoteSummary: 1, chart: 1, other: 0 } });
  });

  it('answers a quote of many symbols; unknown symbols are silently dropped', async () => {
    const sim = await simulator({ failTickers: ['NONEXIST'] });
    const yf = createYahooFinance({ endpoint: sim.url });
    const quotes = await yf.quote([...SP66, 'NONEXIST']);
    expect(quotes.map((q) => q.symbol)).toEqual(SP66);
    const aapl = quotes[0];
    expect(aapl?.quoteType).toBe('EQUITY');
    expect(aapl?.regularMarketTime).toBeInstanceOf(Date); // coerced by its schema
    expect(aapl?.fiftyTwoWeekRange?.low).toBeLessThanOrEqual(aapl?.fiftyTwoWeekRange?.high ?? 0);
    expect(quotes.find((q) => q.symbol === 'QQQ')?.quoteType).toBe('ETF');
    expect(await yf.quote(['NONEXIST'])).toEqual([]);
  });

  it('answers quoteSummary with every module for every stock of the example list', async () => {
    const sim = await simulator();
    const yf = createYahooFinance({ endpoint: sim.url });
    for (const symbol of SP66.filter((s) => !isEtfSymbol(s))) {
      const summary = await yf.quoteSummary(symbol, { modules: [...SUMMARY_MODULES] });
      expect(Object.keys(summary).sort(), symbol).toEqual([...SUMMARY_MODULES].sort());
      expect(summary.price?.symbol).toBe(symbol);
      expect(summary.financialData?.financialCurrency).toBe('USD');
      expect(summary.recommendationTrend?.trend).toHaveLength(4);
      expect(summary.earnings?.earningsChart.quarterly).toHaveLength(4);
      expect(summary.calendarEvents?.earnings.earningsDate[0]).toBeInstanceOf(Date);
    }
  });

  it('gives an ETF only the modules Yahoo has; a company module alone fails as on the recorded QQQ answer', async () => {
    const sim = await simulator();
    const yf = createYahooFinance({ endpoint: sim.url });
    const summary = await yf.quoteSummary('QQQ', { modules: [...SUMMARY_MODULES] });
    expect(Object.keys(summary).sort()).toEqual(['assetProfile', 'defaultKeyStatistics', 'price', 'quoteType', 'summaryDetail', 'summaryProfile']);
    expect(summary.quoteType?.quoteType).toBe('ETF');
    expect(summary.defaultKeyStatistics?.legalType).toBe('Exchange Traded Fund');

    for (const module of COMPANY_ONLY_MODULES) {
      // Real Yahoo's answer for QQQ (recorded Feb 2025): HTTP 404 with this envelope.
      const recorded = JSON.stringify({ quoteSummary: { result: null, error: { code: 'Not Found', description: `No fundamentals data found for any of the summaryTypes=${module}` } } });
      const replay = createYahooFinance({
        endpoint: sim.url,
        fetchImpl: (input, init) =>
          String(input).includes('/v10/finance/quoteSummary/')
            ? Promise.resolve(new Response(recorded, { status: 404, statusText: 'Not Found', headers: { 'content-type': 'application/json;charset=utf-8' } }))
            : fetch(input, init),
      });
      const real = await failure(replay.quoteSummary('QQQ', { modules: [module] }));
      const simulated = await failure(yf.quoteSummary('QQQ', { modules: [module] }));
      expect(simulated).toEqual(real);
      expect(simulated.message).toContain('No fundamentals data found');
    }
  });

  it('answers an unknown symbol as Yahoo does on each endpoint', async () => {
    const sim = await simulator({ failTickers: ['NONEXIST'] });
    const yf = createYahooFinance({ endpoint: sim.url });
    expect(await failure(yf.quoteSummary('NONEXIST', { modules: ['price'] }))).toMatchObject({ message: 'Quote not found for symbol: NONEXIST' });
    expect(await failure(yf.chart('NONEXIST', { period1: yearAgo() }))).toMatchObject({ message: 'No data found, symbol may be delisted' });
  });

  it('answers a year of daily bars, and only the bars of the requested period', async () => {
    const sim = await simulator();
    const yf = createYahooFinance({ endpoint: sim.url });
    const year = await yf.chart('MSFT', { period1: yearAgo() });
    expect(year.meta.symbol).toBe('MSFT');
    expect(year.quotes.length).toBeGreaterThanOrEqual(250);
    expect(year.quotes.length).toBeLessThanOrEqual(252);
    const dates = year.quotes.map((q) => q.date.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(Math.max(...dates)).toBeLessThanOrEqual(Date.now());
    expect(year.quotes.every((q) => q.close !== null && q.low! <= q.high!)).toBe(true);

    const from = year.quotes[100]!.date;
    const to = year.quotes[120]!.date;
    const part = await yf.chart('MSFT', { period1: from, period2: to });
    expect(part.quotes.map((q) => q.close)).toEqual(year.quotes.slice(100, 120).map((q) => q.close));
    const etf = await yf.chart('SPY', { period1: yearAgo() });
    expect(etf.meta.instrumentType).toBe('ETF');
  });

  it('is deterministic: two simulators with one seed give the same answers, another seed differs', async () => {
    const answers = async (seed: number) => {
      const sim = await simulator({ seed });
      const yf = createYahooFinance({ endpoint: sim.url });
      return JSON.stringify([
        await yf.quote(['AAPL', 'SPY']),
        await yf.quoteSummary('AAPL', { modules: [...SUMMARY_MODULES] }),
        await yf.chart('AAPL', { period1: '2020-01-01', period2: new Date(Date.now() + 86_400_000) }),
      ]);
    };
    const first = await answers(3);
    expect(await answers(3)).toBe(first);
    expect(await answers(4)).not.toBe(first);
  });

  it('answers 429 past the rate limit (HTTPError with code 429), and again after the window', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // yahoo-finance2 prints the URL of a non-JSON error
    const sim = await simulator({ rateLimit: 5 });
    const yf = createYahooFinance({ endpoint: sim.url, concurrency: 20 });
    const results = await Promise.allSettled(SP66.slice(0, 15).map((s) => yf.chart(s, { period1: yearAgo() })));
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(5);
    expect(rejected.length).toBeGreaterThanOrEqual(10);
    for (const r of rejected) expect(r.reason).toMatchObject({ name: 'HTTPError', code: 429 });
    expect(sim.stats().http429).toBe(rejected.length);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // After the window the same client is answered again, with the symbol's year of bars.
    const after = await yf.chart('AAPL', { period1: yearAgo() });
    expect(after.meta.symbol).toBe('AAPL');
    expect(after.quotes.length).toBeGreaterThan(200);
  });

  it('fails the deterministic failRate set with 500 on every request, and only that set', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const failRate = 0.5;
    const sim = await simulator({ failRate });
    const yf = createYahooFinance({ endpoint: sim.url });
    const failing = SP66.filter((s) => simulatedTickerFails(s, failRate));
    expect(failing.length).toBeGreaterThan(10);
    expect(failing.length).toBeLessThan(56);
    for (const symbol of SP66.slice(0, 20)) {
      const chart = yf.chart(symbol, { period1: yearAgo() });
      const summary = yf.quoteSummary(symbol, { modules: ['price'] });
      if (failing.includes(symbol)) {
        expect(await failure(chart)).toMatchObject({ name: 'HTTPError', code: 500 });
        expect(await failure(summary)).toMatchObject({ name: 'HTTPError', code: 500 });
      } else {
        // Answered in full: the symbol's bars and its price module.
        const answered = await chart;
        expect(answered.meta.symbol).toBe(symbol);
        expect(answered.quotes.length).toBeGreaterThan(200);
        expect((await summary).price?.symbol).toBe(symbol);
      }
    }
    const good = SP66.filter((s) => !failing.includes(s));
    expect((await yf.quote(good.slice(0, 10))).length).toBe(10);
    expect(await failure(yf.quote([good[0]!, failing[0]!]))).toMatchObject({ code: 500 });
  });

  it('makes failRate 0.7 fail most of the example list', () => {
    const share = SP66.filter((s) => simulatedTickerFails(s, 0.7)).length / SP66.length;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.9);
    expect(SP66.some((s) => simulatedTickerFails(s, 0))).toBe(false);
    expect(SP66.every((s) => simulatedTickerFails(s, 1))).toBe(true);
  });

  it('with errorRate, fails some first attempts once (500 or 429); each retry succeeds', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const sim = await simulator({ errorRate: 0.4, seed: 1 });
    const yf = createYahooFinance({ endpoint: sim.url });
    const symbols = SP66.slice(0, 25);
    const first = await Promise.allSettled(symbols.map((s) => yf.chart(s, { period1: yearAgo() })));
    const failed = symbols.filter((_, i) => first[i]?.status === 'rejected');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(symbols.length);
    for (const r of first) if (r.status === 'rejected') expect([429, 500]).toContain((r.reason as { code?: number }).code);
    const { http429, http500 } = sim.stats();
    expect(http429 + http500).toBe(failed.length);
    const retried = await Promise.all(failed.map((s) => yf.chart(s, { period1: yearAgo() })));
    expect(retried.every((c) => c.quotes.length > 200)).toBe(true);
  });

  it('applies the latency to every answer', async () => {
    const sim = await simulator({ latencyMs: 150 });
    const yf = createYahooFinance({ endpoint: sim.url });
    const started = performance.now();
    await yf.chart('AAPL', { period1: yearAgo() });
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('stays quiet on the console and resets its statistics', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug', 'dir'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    const sim = await simulator({ failTickers: ['NONEXIST'] });
    const yf = createYahooFinance({ endpoint: sim.url });
    await yf.quote(['AAPL', 'QQQ', 'NONEXIST']);
    await yf.quoteSummary('QQQ', { modules: [...SUMMARY_MODULES] });
    await failure(yf.quoteSummary('QQQ', { modules: ['financialData'] }));
    await failure(yf.chart('NONEXIST', { period1: yearAgo() }));
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(sim.stats().requests).toBeGreaterThan(0);
    sim.resetStats();
    expect(sim.stats()).toEqual({ requests: 0, http429: 0, http500: 0, byEndpoint: { cookie: 0, crumb: 0, quote: 0, quoteSummary: 0, chart: 0, timeseries: 0, spark: 0, other: 0 } });
  });

  it('sets its cookies for .yahoo.com only, and refuses crumb-protected calls without them', async () => {
    const sim = await simulator();
    const page = await fetch(`${sim.url}/quote/AAPL`);
    const cookies = page.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c).toMatch(/; Domain=\.yahoo\.com;/);
    expect((await fetch(`${sim.url}/v1/test/getcrumb`)).status).toBe(200);
    const noCookie = await fetch(`${sim.url}/v7/finance/quote?symbols=AAPL&crumb=abc`);
    expect(noCookie.status).toBe(401);
    expect(await noCookie.json()).toEqual({ finance: { result: null, error: { code: 'Unauthorized', description: 'Invalid Cookie' } } });
    const other = await fetch(`${sim.url}/v99/nothing`);
    expect(other.status).toBe(404);
    expect(sim.stats().byEndpoint).toMatchObject({ cookie: 1, crumb: 1, quote: 1, other: 1 });
  });

  it('closes with keep-alive connections open', async () => {
    const sim = await startYahooSimulator({ latencyMs: 0 });
    await (await fetch(`${sim.url}/v8/finance/chart/AAPL`)).text(); // leaves a pooled socket
    await sim.close();
    await expect(fetch(`${sim.url}/v8/finance/chart/AAPL`)).rejects.toThrow();
  });
});
