// sparkBarsFetcher (spark-bars.ts) with a fake port: batches of 20, the first request checked
// before the others are sent, failed or partial answers left to the chart, and the path counted.
import { describe, expect, it, vi } from 'vitest';
import type { YahooPort } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import { SparkShapeError } from '../../lambdas/adapters/yahoo/yahoo-spark.js';
import type { DailyBar } from '../../lambdas/core/prefetch/market-data.js';
import { sparkBarsFetcher } from '../../lambdas/prefetch/spark-bars.js';

const tickers = (n: number, prefix = 'T') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

function httpError(code: number): Error {
  return Object.assign(new Error(`Failed with status ${code}`), { name: 'HTTPError', code });
}

/** Closes-only bars that say whose they are: the close is derived from the symbol. */
function sparkSeries(symbol: string): DailyBar[] {
  const base = [...symbol].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  return [0, 1].map((i) => ({ date: new Date(Date.UTC(2024, 0, 2 + i, 14, 30)).toISOString(), open: null, high: null, low: null, close: base + i, volume: null }));
}

/** The real port's answer: every asked symbol, keyed upper-case (yahoo-spark.ts). */
const answerAll = async (symbols: string[]) => new Map(symbols.map((s) => [s.toUpperCase(), sparkSeries(s.toUpperCase())]));

type SparkFn = (symbols: string[]) => Promise<Map<string, DailyBar[]>>;

/** A port without spark, whose chart, quote and summary must not be asked by the fetcher. */
function chartOnlyPort() {
  const unexpected = (name: string) => vi.fn(async () => {
    throw new Error(`${name} must not be called by the spark fetcher`);
  });
  return {
    quote: unexpected('quote'),
    quoteSummary: unexpected('quoteSummary'),
    dailyBars: unexpected('dailyBars'),
    annualStatements: unexpected('annualStatements'),
  } satisfies YahooPort;
}

/** The same port with a spark endpoint answering as `spark` does. */
const fakePort = (spark: SparkFn) => ({ ...chartOnlyPort(), sparkBars: vi.fn(spark) }) satisfies YahooPort;

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};
const ticks = async (n = 10) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

describe('sparkBarsFetcher', () => {
  it('(a) asks 45 tickers in 3 spark requests of 20, 20 and 5, the first one alone, and serves all of them', async () => {
    const first = deferred<void>();
    let calls = 0;
    const port = fakePort(async (symbols) => {
      if (calls++ === 0) await first.promise;
      return answerAll(symbols);
    });
    const list = tickers(45);
    const spark = sparkBarsFetcher(4);
    const pending = spark.fetchOne(port, list);
    await ticks();
    // The first request is checked before any other is sent.
    expect(port.sparkBars).toHaveBeenCalledTimes(1);
    first.resolve();
    const result = await pending;

    const asked = port.sparkBars.mock.calls.map(([symbols]) => symbols);
    expect(asked.map((symbols) => symbols.length)).toEqual([20, 20, 5]);
    expect(asked.flat()).toEqual(list); // each ticker asked once, in order
    expect([...result.keys()]).toEqual(list);
    for (const ticker of list) expect(result.get(ticker)).toEqual(sparkSeries(ticker));
    expect(spark.stats()).toEqual({ path: 'spark', sparkRequests: 3, sparkTickers: 45, chartTickers: 0, failedSparkRequests: 0, reason: null });
    expect(port.dailyBars).not.toHaveBeenCalled();
  });

  it('sends the batches after the first at most `concurrency` at a time, and keeps counting over calls', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const port = fakePort(async (symbols) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return answerAll(symbols);
    });
    const spark = sparkBarsFetcher(2);
    const first = await spark.fetchOne(port, tickers(110)); // 6 batches: 1 checked, then 5 two at a time
    expect(first.size).toBe(110);
    expect(maxInFlight).toBe(2);
    const second = await spark.fetchOne(port, tickers(30, 'U')); // spark already known to work: 2 batches at once
    expect(second.size).toBe(30);
    expect(port.sparkBars.mock.calls.map(([s]) => s.length)).toEqual([20, 20, 20, 20, 20, 10, 20, 10]);
    expect(spark.stats()).toMatchObject({ path: 'spark', sparkRequests: 8, sparkTickers: 140, chartTickers: 0, failedSparkRequests: 0 });
  });

  it('asks nothing for no tickers', async () => {
    const port = fakePort(answerAll);
    const spark = sparkBarsFetcher(4);
    expect((await spark.fetchOne(port, [])).size).toBe(0);
    expect(port.sparkBars).not.toHaveBeenCalled();
    expect(spark.stats()).toMatchObject({ sparkRequests: 0, sparkTickers: 0, chartTickers: 0 });
  });

  it('(b) gives spark up when the first request is refused (a 4xx): no other spark request, now or in a later call', async () => {
    const port = fakePort(async () => {
      throw httpError(400);
    });
    const spark = sparkBarsFetcher(4);
    expect((await spark.fetchOne(port, tickers(45))).size).toBe(0);
    expect(port.sparkBars).toHaveBeenCalledTimes(1);
    expect(port.sparkBars.mock.calls[0]![0]).toEqual(tickers(20)); // the first batch
    // A later chunk of the same run: spark is not tried again.
    expect((await spark.fetchOne(port, tickers(30, 'U'))).size).toBe(0);
    expect(port.sparkBars).toHaveBeenCalledTimes(1);
    const stats = spark.stats();
    expect(stats).toMatchObject({ path: 'chart', sparkRequests: 1, sparkTickers: 0, chartTickers: 75, failedSparkRequests: 1 });
    expect(stats.reason).toMatch(/first spark request failed/);
    expect(stats.reason).toMatch(/HTTP 400/);
  });

  it('(b) a transient failure of the first request (a 500) costs that batch only: the next one is tried alone, then the rest', async () => {
    let calls = 0;
    const port = fakePort(async (symbols) => {
      calls++;
      if (calls === 1) throw httpError(500);
      return answerAll(symbols);
    });
    const spark = sparkBarsFetcher(4);
    const served = await spark.fetchOne(port, tickers(45));
    // The first 20 go to their charts; the other 25 come from spark.
    expect([...served.keys()]).toEqual(tickers(45).slice(20));
    expect(port.sparkBars.mock.calls.map(([symbols]) => symbols.length)).toEqual([20, 20, 5]);
    expect(spark.stats()).toMatchObject({ path: 'spark and chart', sparkRequests: 3, sparkTickers: 25, chartTickers: 20, failedSparkRequests: 1 });
    expect(spark.stats().reason).toMatch(/a spark request failed \(HTTP 500\)/);
  });

  it('(b) also gives spark up when the first answer is not spark-shaped (the port throws SparkShapeError)', async () => {
    const port = fakePort(async () => {
      throw new SparkShapeError('not a spark answer: Invalid input: expected object, received undefined');
    });
    const spark = sparkBarsFetcher(4);
    expect((await spark.fetchOne(port, tickers(25))).size).toBe(0);
    expect(port.sparkBars).toHaveBeenCalledTimes(1);
    expect(spark.stats()).toMatchObject({ path: 'chart', sparkRequests: 1, chartTickers: 25, failedSparkRequests: 1 });
    expect(spark.stats().reason).toMatch(/first spark request failed \(not a spark answer/);
  });

  it('(c) leaves the tickers of a later batch that fails to the chart, and serves the others', async () => {
    const list = tickers(60);
    const failing = list.slice(20, 40);
    const port = fakePort(async (symbols) => {
      if (symbols[0] === failing[0]) throw httpError(503);
      return answerAll(symbols);
    });
    const spark = sparkBarsFetcher(4);
    const result = await spark.fetchOne(port, list);
    expect(port.sparkBars).toHaveBeenCalledTimes(3);
    expect([...result.keys()]).toEqual([...list.slice(0, 20), ...list.slice(40)]);
    for (const ticker of failing) expect(result.has(ticker)).toBe(false);
    const stats = spark.stats();
    expect(stats).toMatchObject({ path: 'spark and chart', sparkRequests: 3, sparkTickers: 40, chartTickers: 20, failedSparkRequests: 1 });
    expect(stats.reason).toMatch(/a spark request failed \(HTTP 503\)/);
    // A failed later batch does not give spark up: the next call still asks it.
    const next = await spark.fetchOne(port, tickers(5, 'U'));
    expect(next.size).toBe(5);
    expect(port.sparkBars).toHaveBeenCalledTimes(4);
    expect(spark.stats()).toMatchObject({ path: 'spark and chart', sparkRequests: 4, sparkTickers: 45, chartTickers: 20, failedSparkRequests: 1 });
  });

  it('(d) leaves a ticker the answer left out to the chart', async () => {
    const list = tickers(25);
    const port = fakePort(async (symbols) => {
      const answer = await answerAll(symbols);
      answer.delete('T021');
      return answer;
    });
    const spark = sparkBarsFetcher(4);
    const result = await spark.fetchOne(port, list);
    expect(result.has('T021')).toBe(false);
    expect([...result.keys()]).toEqual(list.filter((t) => t !== 'T021'));
    const stats = spark.stats();
    expect(stats).toMatchObject({ path: 'spark and chart', sparkRequests: 2, sparkTickers: 24, chartTickers: 1, failedSparkRequests: 0 });
    expect(stats.reason).toMatch(/left out 1 ticker/);
  });

  it('does not serve a symbol the answer carries but that was not asked', async () => {
    const port = fakePort(async (symbols) => {
      const answer = await answerAll(symbols);
      answer.set('EXTRA', sparkSeries('EXTRA'));
      return answer;
    });
    const spark = sparkBarsFetcher(4);
    const result = await spark.fetchOne(port, ['AAA', 'BBB']);
    expect([...result.keys()]).toEqual(['AAA', 'BBB']);
    expect(spark.stats()).toMatchObject({ sparkTickers: 2, chartTickers: 0 });
  });

  it('(e) serves nothing from a port without spark, and says so', async () => {
    const port = chartOnlyPort();
    expect('sparkBars' in port).toBe(false);
    const spark = sparkBarsFetcher(4);
    expect((await spark.fetchOne(port, tickers(45))).size).toBe(0);
    expect((await spark.fetchOne(port, tickers(5, 'U'))).size).toBe(0);
    const stats = spark.stats();
    expect(stats).toMatchObject({ path: 'chart', sparkRequests: 0, sparkTickers: 0, chartTickers: 50, failedSparkRequests: 0 });
    expect(stats.reason).toMatch(/no spark endpoint/);
  });

  it('(f) keys the bars by the ticker as asked, though the answer is upper-case', async () => {
    const port = fakePort(answerAll);
    const spark = sparkBarsFetcher(4);
    const result = await spark.fetchOne(port, ['brk-b', 'Aapl', 'MSFT']);
    expect([...result.keys()]).toEqual(['brk-b', 'Aapl', 'MSFT']);
    expect(result.get('brk-b')).toEqual(sparkSeries('BRK-B'));
    expect(result.get('Aapl')).toEqual(sparkSeries('AAPL'));
    expect(result.has('BRK-B')).toBe(false);
    expect(spark.stats()).toMatchObject({ path: 'spark', sparkTickers: 3, chartTickers: 0, reason: null });
  });
});
