import { describe, expect, it } from 'vitest';
import type { YahooPort } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import { marketContextSchema } from '../../lambdas/core/prefetch/market-context.js';
import type { DailyBar } from '../../lambdas/core/prefetch/market-data.js';
import { fetchBenchmark, fetchMarketContext, type BenchmarkFetch } from '../../lambdas/prefetch/market-context-fetch.js';

const NOW = new Date('2025-03-10T21:00:00.000Z');
const DAY = 86_400_000;

function bars(count: number): DailyBar[] {
  return Array.from({ length: count }, (_, i) => {
    const close = 500 + i;
    return { date: new Date(NOW.getTime() - (count - i) * DAY).toISOString(), open: close, high: close, low: close, close, adjclose: close, volume: 1e6 };
  });
}

interface FakePort extends YahooPort {
  quoteCalls: string[][];
  barCalls: Array<{ symbol: string; from: Date; to: Date }>;
}

/** A port answering FX quotes from `rates` (by Yahoo symbol) and the benchmark's bars from `chart`. */
function fakePort(options: {
  rates?: Record<string, unknown>;
  quote?: (symbols: string[]) => Promise<Record<string, unknown>[]>;
  chart?: (symbol: string) => Promise<DailyBar[]>;
}): FakePort {
  const quoteCalls: string[][] = [];
  const barCalls: FakePort['barCalls'] = [];
  return {
    quoteCalls,
    barCalls,
    annualStatements: () => Promise.reject(new Error('the market context asks for no statements')),
    quote(symbols) {
      quoteCalls.push([...symbols]);
      if (options.quote) return options.quote(symbols);
      const rates = options.rates ?? {};
      return Promise.resolve(
        symbols.filter((s) => s in rates).map((symbol) => ({ symbol, quoteType: 'CURRENCY', regularMarketPrice: rates[symbol] })),
      );
    },
    quoteSummary: () => Promise.reject(new Error('the market context never asks quoteSummary')),
    dailyBars(symbol, from, to) {
      barCalls.push({ symbol, from, to });
      return options.chart ? options.chart(symbol) : Promise.resolve(bars(252));
    },
  };
}

const SPY: BenchmarkFetch = { symbol: 'SPY', bars: bars(252), error: null, fetchedAt: NOW };

const httpError = (code: number) => Object.assign(new Error(`HTTP ${code}`), { name: 'HTTPError', code });

describe('fetchBenchmark', () => {
  it('asks one chart request for the benchmark: the year up to now', async () => {
    const port = fakePort({});
    expect(await fetchBenchmark(port, 'SPY', NOW)).toEqual({ symbol: 'SPY', bars: bars(252), error: null, fetchedAt: NOW });
    expect(port.barCalls).toHaveLength(1);
    const { symbol, from, to } = port.barCalls[0]!;
    expect(symbol).toBe('SPY');
    expect(to.getTime()).toBe(NOW.getTime());
    expect((NOW.getTime() - from.getTime()) / DAY).toBeGreaterThanOrEqual(365);
    expect((NOW.getTime() - from.getTime()) / DAY).toBeLessThanOrEqual(367);
    expect(port.quoteCalls).toEqual([]);
  });

  it('a failed benchmark has no bars and the reason, and never throws', async () => {
    const cases: Array<[() => Promise<DailyBar[]>, string]> = [
      [() => Promise.reject(httpError(404)), 'unknown symbol'],
      [() => Promise.reject(httpError(429)), 'HTTP 429'],
      [() => Promise.reject(new Error('socket hang up')), 'socket hang up'],
      [() => Promise.resolve([]), 'no price history'],
    ];
    for (const [chart, error] of cases) {
      expect(await fetchBenchmark(fakePort({ chart }), 'QQQ', NOW), error).toEqual({ symbol: 'QQQ', bars: [], error, fetchedAt: NOW });
    }
    // A port that throws synchronously (a port bug) instead of rejecting.
    const port = fakePort({});
    port.dailyBars = () => {
      throw new TypeError('chart bug');
    };
    expect(await fetchBenchmark(port, 'SPY', NOW)).toMatchObject({ bars: [], error: 'chart bug' });
  });
});

describe('fetchMarketContext', () => {
  it('reads each rate from the EURUSD=X-style quote, in one request, beside the benchmark’s year of bars', async () => {
    const port = fakePort({ rates: { 'EURUSD=X': 1.0834, 'GBPUSD=X': 1.2712 } });
    const context = await fetchMarketContext(port, { currencies: ['EUR', 'GBP'], baseCurrency: 'USD', benchmark: SPY });

    const year = bars(252);
    const history = { dates: year.map((bar) => bar.date.slice(0, 10)), closes: year.map((bar) => bar.close as number) };
    expect(marketContextSchema.parse(context)).toEqual({
      base_currency: 'USD',
      fx_rates: { EUR: 1.0834, GBP: 1.2712 },
      fx_missing: [],
      fx_history: { EUR: history, GBP: history },
      benchmark: { symbol: 'SPY', bars: year },
      benchmark_error: null,
      fetched_at: NOW.toISOString(),
    });
    expect(port.quoteCalls).toEqual([['EURUSD=X', 'GBPUSD=X']]);
    // The benchmark was fetched before; each rate's year of closes is one chart request, up to now.
    expect(port.barCalls.map((call) => call.symbol)).toEqual(['EURUSD=X', 'GBPUSD=X']);
    for (const call of port.barCalls) {
      expect(call.to.getTime()).toBe(NOW.getTime());
      expect((NOW.getTime() - call.from.getTime()) / DAY).toBeGreaterThanOrEqual(365);
    }
  });

  it("leaves out a rate's history when its chart fails or is empty, and keeps the rate", async () => {
    const port = fakePort({
      rates: { 'EURUSD=X': 1.08, 'GBPUSD=X': 1.27, 'JPYUSD=X': 0.0066 },
      chart: async (symbol) => (symbol === 'EURUSD=X' ? Promise.reject(httpError(500)) : symbol === 'GBPUSD=X' ? [] : bars(10)),
    });
    const context = await fetchMarketContext(port, { currencies: ['EUR', 'GBP', 'JPY'], baseCurrency: 'USD', benchmark: SPY });
    expect(context.fx_rates).toEqual({ EUR: 1.08, GBP: 1.27, JPY: 0.0066 });
    expect(Object.keys(context.fx_history ?? {})).toEqual(['JPY']);
    expect(context.fx_history?.JPY?.closes).toEqual(bars(10).map((bar) => bar.close));
  });

  it('asks no chart when every holding is in the base currency', async () => {
    const port = fakePort({});
    const context = await fetchMarketContext(port, { currencies: [], baseCurrency: 'USD', benchmark: SPY });
    expect(port.barCalls).toEqual([]);
    expect(context.fx_history).toEqual({});
  });

  it('matches the answer by symbol whatever its case or order', async () => {
    const port = fakePort({ quote: async () => [{ symbol: 'gbpeur=x', regularMarketPrice: 1.17 }, { symbol: 'USDEUR=X', regularMarketPrice: 0.92 }] });
    const context = await fetchMarketContext(port, { currencies: ['USD', 'GBP'], baseCurrency: 'EUR', benchmark: SPY });
    expect(port.quoteCalls).toEqual([['USDEUR=X', 'GBPEUR=X']]);
    expect(context.fx_rates).toEqual({ USD: 0.92, GBP: 1.17 });
  });

  it('lists a currency without a usable rate in fx_missing, never with a made-up rate', async () => {
    const port = fakePort({ rates: { 'EURUSD=X': 1.08, 'CHFUSD=X': 0, 'SEKUSD=X': 'n/a', 'NOKUSD=X': Number.NaN, 'DKKUSD=X': -0.14 } });
    const context = await fetchMarketContext(port, {
      currencies: ['EUR', 'JPY', 'CHF', 'SEK', 'NOK', 'DKK'],
      baseCurrency: 'USD',
      benchmark: SPY,
    });
    expect(context.fx_rates).toEqual({ EUR: 1.08 });
    expect(context.fx_missing).toEqual(['JPY', 'CHF', 'SEK', 'NOK', 'DKK']);
  });

  it('takes a rate from the quotes already fetched (the holdings’ batch) and asks only for the others', async () => {
    const port = fakePort({ rates: { 'EURUSD=X': 1.0834, 'GBPUSD=X': 1.2712 } });
    const quotes = new Map([['EURUSD=X', { symbol: 'EURUSD=X', regularMarketPrice: 1.09 }], ['AAPL', { symbol: 'AAPL', regularMarketPrice: 200 }]]);
    const context = await fetchMarketContext(port, { currencies: ['EUR', 'GBP'], baseCurrency: 'USD', benchmark: SPY, quotes });
    expect(port.quoteCalls).toEqual([['GBPUSD=X']]);
    expect(context).toMatchObject({ fx_rates: { EUR: 1.09, GBP: 1.2712 }, fx_missing: [] });
    // Every rate already there: no request at all.
    const none = fakePort({});
    await fetchMarketContext(none, { currencies: ['EUR'], baseCurrency: 'USD', benchmark: SPY, quotes });
    expect(none.quoteCalls).toEqual([]);
  });

  it('asks for no rate when none is needed', async () => {
    const port = fakePort({});
    const context = await fetchMarketContext(port, { currencies: [], baseCurrency: 'USD', benchmark: SPY });
    expect(port.quoteCalls).toEqual([]);
    expect(context).toMatchObject({ fx_rates: {}, fx_missing: [] });
  });

  it('a failed rate request leaves every rate missing, and the benchmark is still there', async () => {
    const port = fakePort({ quote: () => Promise.reject(httpError(500)) });
    const context = await fetchMarketContext(port, { currencies: ['EUR', 'GBP'], baseCurrency: 'USD', benchmark: SPY });
    expect(context).toMatchObject({ fx_rates: {}, fx_missing: ['EUR', 'GBP'], benchmark_error: null });
    expect(context.benchmark?.bars).toHaveLength(252);
  });

  it('a failed benchmark is null with the reason naming it, and the rates still come', async () => {
    const port = fakePort({ rates: { 'EURUSD=X': 1.08 } });
    const failed: BenchmarkFetch = { symbol: 'QQQ', bars: [], error: 'HTTP 429', fetchedAt: NOW };
    const context = await fetchMarketContext(port, { currencies: ['EUR'], baseCurrency: 'USD', benchmark: failed });
    expect(marketContextSchema.parse(context)).toMatchObject({ benchmark: null, benchmark_error: 'QQQ: HTTP 429', fx_rates: { EUR: 1.08 } });
  });

  it('never throws, even when the port throws synchronously (a port bug) instead of rejecting', async () => {
    const port = fakePort({});
    port.quote = () => {
      throw new TypeError('quote bug');
    };
    const context = await fetchMarketContext(port, { currencies: ['EUR'], baseCurrency: 'USD', benchmark: SPY });
    expect(context).toMatchObject({ fx_rates: {}, fx_missing: ['EUR'] });
  });
});
