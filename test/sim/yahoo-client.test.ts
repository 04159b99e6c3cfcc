import { afterEach, describe, expect, it } from 'vitest';
import { createYahooFinance, rewriteYahooUrl } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { startYahooSimulator, type YahooSimulator } from '../../sim/yahoo-simulator.js';

let sim: YahooSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('createYahooFinance', () => {
  it('rewrites every Yahoo host to the endpoint, keeping path and query', () => {
    const endpoint = 'http://127.0.0.1:4010';
    expect(rewriteYahooUrl('https://finance.yahoo.com/quote/AAPL', endpoint)).toBe('http://127.0.0.1:4010/quote/AAPL');
    expect(rewriteYahooUrl('https://query1.finance.yahoo.com/v1/test/getcrumb', endpoint)).toBe('http://127.0.0.1:4010/v1/test/getcrumb');
    expect(rewriteYahooUrl('https://query2.finance.yahoo.com/v7/finance/quote?symbols=AAPL%2CMSFT&crumb=x', endpoint)).toBe(
      'http://127.0.0.1:4010/v7/finance/quote?symbols=AAPL%2CMSFT&crumb=x',
    );
    expect(rewriteYahooUrl('https://guce.yahoo.com/consent?done=https%3A%2F%2Ffinance.yahoo.com', endpoint)).toBe(
      'http://127.0.0.1:4010/consent?done=https%3A%2F%2Ffinance.yahoo.com',
    );
  });

  it('refuses any other host while redirected, so nothing leaks past the endpoint', () => {
    expect(() => rewriteYahooUrl('https://registry.npmjs.org/yahoo-finance2', 'http://127.0.0.1:1')).toThrow(/Refusing/);
    expect(() => rewriteYahooUrl('https://evil-yahoo.com/x', 'http://127.0.0.1:1')).toThrow(/Refusing/);
  });

  it('aborts a request that outlives timeoutMs', async () => {
    sim = await startYahooSimulator({ latencyMs: 2_000 });
    const yf = createYahooFinance({ endpoint: sim.url, timeoutMs: 100 });
    await expect(yf.chart('AAPL', { period1: '2020-01-01' })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('still honours a signal passed by the caller', async () => {
    sim = await startYahooSimulator({ latencyMs: 2_000 });
    const yf = createYahooFinance({ endpoint: sim.url });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(yf.chart('AAPL', { period1: '2020-01-01' }, { fetchOptions: { signal: controller.signal } })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('lets several clients of one process share the Yahoo session (the crumb is process-wide)', async () => {
    sim = await startYahooSimulator({ latencyMs: 0 });
    const first = createYahooFinance({ endpoint: sim.url });
    await first.quote(['AAPL']);
    await first.quote(['AAPL']); // served from the cached crumb
    // With a jar per client, yahoo-finance2 would send these without cookies: 401 Invalid Cookie.
    await expect(createYahooFinance({ endpoint: sim.url }).quote(['MSFT'])).resolves.toHaveLength(1);
    const both = await Promise.all([createYahooFinance({ endpoint: sim.url }).quote(['JPM']), createYahooFinance({ endpoint: sim.url }).quote(['KO'])]);
    expect(both.map((q) => q.length)).toEqual([1, 1]);
  });

  it('passes every request to fetchImpl', async () => {
    sim = await startYahooSimulator({ latencyMs: 0 });
    const seen: string[] = [];
    const yf = createYahooFinance({ endpoint: sim.url, fetchImpl: (input, init) => (seen.push(String(input)), fetch(input, init)) });
    await yf.chart('AAPL', { period1: '2020-01-01' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(new RegExp(`^${sim.url}/v8/finance/chart/AAPL\\?`));
  });
});
