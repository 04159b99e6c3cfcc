// prefetchTickers with a spark fetcher: the tickers a spark answer carried get no chart request and
// their outcome says barsSource 'spark'; the others get their own chart; no ticker is lost.
import { describe, expect, it, vi } from 'vitest';
import type { YahooPort } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import type { DailyBar } from '../../lambdas/core/prefetch/market-data.js';
import { prefetchTickers, type TickerOutcome } from '../../lambdas/prefetch/prefetch-tickers.js';
import { sparkBarsFetcher } from '../../lambdas/prefetch/spark-bars.js';

const tickers = (n: number, prefix = 'T') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

/** The chart's bars: every field, closes 100.. */
const chartSeries = (): DailyBar[] =>
  [100, 101, 102].map((close, i) => ({ date: new Date(Date.UTC(2024, 0, 2 + i)).toISOString(), open: close, high: close, low: close, close, adjclose: close, volume: 1000 }));

/** The spark's bars: closes only, and a close per symbol, so that whose bars they are shows. */
function sparkSeries(symbol: string): DailyBar[] {
  const base = Number(symbol.replace(/\D/g, '')) + 10;
  return [0, 1].map((i) => ({ date: new Date(Date.UTC(2024, 0, 2 + i, 14, 30)).toISOString(), open: null, high: null, low: null, close: base + i, volume: null }));
}

function fakePort(options: { leaveOut?: string[]; sparkFails?: boolean } = {}) {
  const leaveOut = new Set(options.leaveOut ?? []);
  return {
    quote: vi.fn(async (symbols: string[]) => symbols.map((symbol) => ({ symbol, quoteType: 'EQUITY', regularMarketPrice: 100, currency: 'USD' }))),
    quoteSummary: vi.fn(async (symbol: string, modules: string[]) => Object.fromEntries(modules.map((module) => [module, { symbol }]))),
    annualStatements: vi.fn(async () => ({ years: [] })),
    dailyBars: vi.fn(async (_symbol: string, _from: Date, _to: Date) => chartSeries()),
    sparkBars: vi.fn(async (symbols: string[]) => {
      if (options.sparkFails) throw Object.assign(new Error('Failed with status 500'), { name: 'HTTPError', code: 500 });
      return new Map(symbols.filter((s) => !leaveOut.has(s.toUpperCase())).map((s) => [s.toUpperCase(), sparkSeries(s)]));
    }),
  } satisfies YahooPort;
}

async function run(port: YahooPort, list: string[], extra: { bars?: Map<string, DailyBar[]> } = {}) {
  const outcomes: TickerOutcome[] = [];
  const onTicker = vi.fn(async (outcome: TickerOutcome) => {
    outcomes.push(outcome);
  });
  const spark = sparkBarsFetcher(3);
  await prefetchTickers(port, list, { concurrency: 4, onTicker, spark, ...extra });
  return { outcomes, onTicker, spark };
}

const dataOf = (outcome: TickerOutcome | undefined) => {
  expect(outcome?.fetch.ok, outcome?.ticker).toBe(true);
  return (outcome!.fetch as Extract<TickerOutcome['fetch'], { ok: true }>).data;
};

describe('prefetchTickers with a spark fetcher', () => {
  it('asks no chart for the tickers spark served, and one chart for the ticker spark left out', async () => {
    const list = tickers(25);
    const port = fakePort({ leaveOut: ['T017'] });
    const { outcomes, onTicker, spark } = await run(port, list);

    // 25 tickers: one chunk, spark in 2 requests of 20 and 5.
    expect(port.sparkBars.mock.calls.map(([symbols]) => symbols)).toEqual([list.slice(0, 20), list.slice(20)]);
    // The chart only for the one left out, once.
    expect(port.dailyBars.mock.calls.map(([symbol]) => symbol)).toEqual(['T017']);

    // No ticker lost, none twice.
    expect(onTicker).toHaveBeenCalledTimes(25);
    expect(outcomes.map((o) => o.ticker).sort()).toEqual(list);
    const byTicker = new Map(outcomes.map((o) => [o.ticker, o]));
    for (const ticker of list) {
      const data = dataOf(byTicker.get(ticker));
      expect(data.symbol).toBe(ticker);
      if (ticker === 'T017') {
        expect(data.barsSource).toBe('chart');
        expect(data.bars).toEqual(chartSeries());
      } else {
        expect(data.barsSource, ticker).toBe('spark');
        expect(data.bars, ticker).toEqual(sparkSeries(ticker));
      }
      // The rest of the ticker's data is still asked.
      expect(port.quoteSummary.mock.calls.filter(([symbol]) => symbol === ticker)).toHaveLength(1);
    }
    expect(spark.stats()).toMatchObject({ path: 'spark and chart', sparkRequests: 2, sparkTickers: 24, chartTickers: 1, failedSparkRequests: 0 });
  });

  it('does not ask spark for a ticker whose bars are already known this run, and uses those bars', async () => {
    const list = tickers(25);
    const port = fakePort();
    const known = chartSeries().map((bar) => ({ ...bar, close: (bar.close as number) + 0.5 }));
    const { outcomes } = await run(port, list, { bars: new Map([['T003', known]]) });
    const asked = port.sparkBars.mock.calls.flatMap(([symbols]) => symbols);
    expect(asked).toEqual(list.filter((t) => t !== 'T003'));
    expect(port.dailyBars).not.toHaveBeenCalled();
    expect(outcomes).toHaveLength(25);
    const t003 = dataOf(outcomes.find((o) => o.ticker === 'T003'));
    expect(t003.bars).toEqual(known);
    expect(t003.barsSource).toBe('chart');
    expect(dataOf(outcomes.find((o) => o.ticker === 'T004')).barsSource).toBe('spark');
  });

  it('asks every ticker\'s chart when the first spark request fails, and loses none', async () => {
    const list = tickers(25);
    const port = fakePort({ sparkFails: true });
    const { outcomes, spark } = await run(port, list);
    // A 500 is transient: each batch is tried alone until one answers; none does.
    expect(port.sparkBars).toHaveBeenCalledTimes(2);
    expect(port.dailyBars.mock.calls.map(([symbol]) => symbol).sort()).toEqual(list);
    expect(outcomes.map((o) => o.ticker).sort()).toEqual(list);
    for (const outcome of outcomes) {
      const data = dataOf(outcome);
      expect(data.barsSource).toBe('chart');
      expect(data.bars).toEqual(chartSeries());
    }
    expect(spark.stats()).toMatchObject({ path: 'chart', sparkTickers: 0, chartTickers: 25, failedSparkRequests: 2 });
  });

  it('asks spark in windows of 180 tickers (2 quote requests, 9 spark requests): no remainder batch mid-portfolio', async () => {
    const list = tickers(200);
    const port = fakePort();
    const { outcomes } = await run(port, list);
    // 180 -> 9 x 20, then the last 20: never a part-filled request before the end.
    expect(port.sparkBars.mock.calls.map(([symbols]) => symbols.length)).toEqual([20, 20, 20, 20, 20, 20, 20, 20, 20, 20]);
    expect(port.sparkBars.mock.calls.flatMap(([symbols]) => symbols)).toEqual(list);
    expect(port.dailyBars).not.toHaveBeenCalled();
    expect(outcomes).toHaveLength(200);
    expect(outcomes.every((o) => dataOf(o).barsSource === 'spark')).toBe(true);
  });
});
