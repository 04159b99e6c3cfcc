// The spark answer parser (yahoo-spark.ts) on hand-built answers, and the port's sparkBars against
// the simulator: the same closes as the chart, and the simulator's 20-symbol cap.
import { afterEach, describe, expect, it } from 'vitest';
import { yahooPortFromEnv } from '../../lambdas/adapters/yahoo/yahoo-source.js';
import { SPARK_SYMBOLS_PER_REQUEST, SparkShapeError, sparkBars } from '../../lambdas/adapters/yahoo/yahoo-spark.js';
import { SPARK_MAX_SYMBOLS, startYahooSimulator, type YahooSimulator } from '../../sim/yahoo-simulator.js';
import { SP66 } from '../sim/tickers.js';

/** Seconds since the epoch of a UTC date and hour (Yahoo's timestamps are in seconds). */
const at = (day: string, hour = 14.5) => Date.parse(`${day}T00:00:00Z`) / 1000 + hour * 3600;

/** One symbol's entry as Yahoo's spark answers it. */
function entry(symbol: string, timestamp: number[], close: Array<number | null>, extra: Record<string, unknown> = {}) {
  return {
    symbol,
    response: [
      {
        meta: { symbol, currency: 'USD', range: '1y', dataGranularity: '1d', regularMarketPrice: close.at(-1) },
        timestamp,
        indicators: { quote: [{ close }] },
        ...extra,
      },
    ],
  };
}
const answerOf = (...result: unknown[]) => ({ spark: { result, error: null } });

const DAYS = ['2024-01-02', '2024-01-03', '2024-01-04'];
const STAMPS = DAYS.map((day) => at(day));

describe('sparkBars (the spark answer parser)', () => {
  it('turns each asked symbol\'s closes into bars dated by its timestamps, the other fields null', () => {
    const answer = answerOf(entry('AAPL', STAMPS, [185.64, 184.25, 181.91]), entry('MSFT', STAMPS, [370.87, 370.6, 367.94]));
    const bars = sparkBars(answer, ['AAPL', 'MSFT']);
    expect([...bars.keys()]).toEqual(['AAPL', 'MSFT']);
    // 14:30 UTC on each day: the seconds are read as seconds, not milliseconds.
    expect(bars.get('AAPL')).toEqual([
      { date: '2024-01-02T14:30:00.000Z', open: null, high: null, low: null, close: 185.64, volume: null },
      { date: '2024-01-03T14:30:00.000Z', open: null, high: null, low: null, close: 184.25, volume: null },
      { date: '2024-01-04T14:30:00.000Z', open: null, high: null, low: null, close: 181.91, volume: null },
    ]);
    expect(bars.get('MSFT')?.map((bar) => bar.close)).toEqual([370.87, 370.6, 367.94]);
    // Spark has no dividend-adjusted close: none is made up from the close.
    for (const bar of [...bars.values()].flat()) expect(bar.adjclose ?? null).toBeNull();
  });

  it('keeps a null close (a day without a trade) as null, in its place', () => {
    const bars = sparkBars(answerOf(entry('SPY', STAMPS, [470.1, null, 468.2])), ['SPY']);
    expect(bars.get('SPY')?.map((bar) => [bar.date.slice(0, 10), bar.close])).toEqual([
      ['2024-01-02', 470.1],
      ['2024-01-03', null],
      ['2024-01-04', 468.2],
    ]);
  });

  it('leaves out a symbol whose entry is missing or misshaped, and keeps the others', () => {
    const good = entry('GOOD', STAMPS, [1, 2, 3]);
    const answer = answerOf(
      good,
      { symbol: 'EMPTY', response: [] }, // no response at all
      { symbol: 'NOMETA', response: [{ timestamp: STAMPS, indicators: { quote: [{ close: [1, 2, 3] }] } }] },
      entry('NOCLOSE', STAMPS, [1, 2, 3], { indicators: { quote: [{}] } }), // as the simulator answers a symbol without closes
      entry('NOQUOTE', STAMPS, [1, 2, 3], { indicators: { quote: [] } }),
      entry('SHORT', STAMPS, [1, 2]), // fewer closes than timestamps: which day is which is unknown
      entry('NOSTAMP', [], []), // no bar at all
      entry('TEXT', STAMPS, ['1', '2', '3'] as unknown as number[]),
      { symbol: 'NOTSTAMPS', response: [{ meta: { symbol: 'NOTSTAMPS' }, indicators: { quote: [{ close: [1] }] } }] },
      entry('ALSOGOOD', STAMPS.slice(0, 1), [42]),
    );
    const asked = ['GOOD', 'EMPTY', 'NOMETA', 'NOCLOSE', 'NOQUOTE', 'SHORT', 'NOSTAMP', 'TEXT', 'NOTSTAMPS', 'ALSOGOOD', 'ABSENT'];
    const bars = sparkBars(answer, asked);
    expect([...bars.keys()].sort()).toEqual(['ALSOGOOD', 'GOOD']);
    expect(bars.get('GOOD')?.map((bar) => bar.close)).toEqual([1, 2, 3]);
    expect(bars.get('ALSOGOOD')).toEqual([{ date: '2024-01-02T14:30:00.000Z', open: null, high: null, low: null, close: 42, volume: null }]);
  });

  it('ignores symbols that were not asked, and keeps the first entry of a symbol answered twice', () => {
    const answer = answerOf(entry('AAPL', STAMPS, [1, 2, 3]), entry('TSLA', STAMPS, [7, 8, 9]), entry('AAPL', STAMPS, [4, 5, 6]));
    const bars = sparkBars(answer, ['AAPL']);
    expect([...bars.keys()]).toEqual(['AAPL']);
    expect(bars.get('AAPL')?.map((bar) => bar.close)).toEqual([1, 2, 3]);
  });

  it('matches asked and answered symbols whatever their case, keyed upper-case', () => {
    const answer = answerOf(entry('BRK-B', STAMPS, [1, 2, 3]), entry('aapl', STAMPS, [4, 5, 6]));
    const bars = sparkBars(answer, ['brk-b', 'AAPL']);
    expect([...bars.keys()].sort()).toEqual(['AAPL', 'BRK-B']);
    expect(bars.get('BRK-B')?.map((bar) => bar.close)).toEqual([1, 2, 3]);
    expect(bars.get('AAPL')?.map((bar) => bar.close)).toEqual([4, 5, 6]);
  });

  it('answers no bars (rather than throwing) for a spark answer whose result is null', () => {
    const bars = sparkBars({ spark: { result: null, error: { code: 'Not Found', description: 'No data found' } } }, ['AAPL']);
    expect(bars.size).toBe(0);
  });

  it('throws SparkShapeError, saying what it got, on an answer that is not spark-shaped', () => {
    const chart = { chart: { result: [{ meta: { symbol: 'AAPL' }, timestamp: STAMPS, indicators: { quote: [{ close: [1, 2, 3] }] } }], error: null } };
    const cases: Array<[unknown, RegExp]> = [
      [chart, /expected object, received undefined/], // no `spark` at all
      [{}, /expected object, received undefined/],
      [null, /expected object, received null/],
      ['<html>Will be right back</html>', /expected object, received string/],
      [{ spark: { result: 'AAPL', error: null } }, /expected array, received string/], // `result` not a list
      [{ spark: { error: null } }, /expected array, received undefined/],
    ];
    for (const [answer, detail] of cases) {
      let thrown: unknown;
      try {
        sparkBars(answer, ['AAPL']);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(answer)).toBeInstanceOf(SparkShapeError);
      expect((thrown as Error).name).toBe('SparkShapeError');
      expect((thrown as Error).message).toMatch(/^not a spark answer: /);
      expect((thrown as Error).message, JSON.stringify(answer)).toMatch(detail);
    }
  });
});

describe('sparkBars: one odd entry loses only its own symbol', () => {
  it('keeps the other symbols when one entry has no response, a null response or no symbol', () => {
    const answer = answerOf(entry('AAPL', STAMPS, [1, 2, 3]), { symbol: 'MSFT', response: null }, { symbol: 'KO' }, { response: [] }, entry('PEP', STAMPS, [4, 5, 6]));
    expect([...sparkBars(answer, ['AAPL', 'MSFT', 'KO', 'PEP']).keys()].sort()).toEqual(['AAPL', 'PEP']);
  });

  it('leaves out a symbol whose closes are all missing, so that its chart is asked', () => {
    const answer = answerOf(entry('AAPL', STAMPS, [null, null, null]), entry('PEP', STAMPS, [null, 5, null]));
    const bars = sparkBars(answer, ['AAPL', 'PEP']);
    expect(bars.has('AAPL')).toBe(false);
    expect(bars.get('PEP')?.map((bar) => bar.close)).toEqual([null, 5, null]);
  });
});

describe('the port\'s sparkBars against the simulator', () => {
  let sim: YahooSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('answers each of 3 symbols with the closes of its chart over the same year, closes only', async () => {
    sim = await startYahooSimulator({ latencyMs: 0, seed: 7 });
    const port = yahooPortFromEnv({ YAHOO_ENDPOINT: sim.url, YAHOO_REQUESTS_PER_SECOND: '40', YAHOO_MAX_RETRIES: '0' });
    const symbols = ['AAPL', 'MSFT', 'SPY'];
    const spark = await port.sparkBars!(symbols);
    expect([...spark.keys()].sort()).toEqual([...symbols].sort());
    expect(sim.stats().byEndpoint.spark).toBe(1); // one request for the three

    const to = new Date();
    const from = new Date(to.getTime() - 366 * 86_400_000);
    for (const symbol of symbols) {
      const sparkSeries = spark.get(symbol)!;
      expect(sparkSeries.length, symbol).toBeGreaterThan(200); // about a year of trading days
      for (const bar of sparkSeries) expect([bar.open, bar.high, bar.low, bar.volume]).toEqual([null, null, null, null]);
      const chart = await port.dailyBars(symbol, from, to);
      expect(chart.some((bar) => bar.open !== null && bar.volume !== null), symbol).toBe(true); // the chart does carry them
      const chartClose = new Map(chart.map((bar) => [bar.date.slice(0, 10), bar.close]));
      const last = sparkSeries.slice(-20);
      expect(new Set(last.map((bar) => bar.date.slice(0, 10))).size).toBe(20);
      for (const bar of last) {
        const day = bar.date.slice(0, 10);
        expect(chartClose.has(day), `${symbol} ${day} in the chart`).toBe(true);
        expect(bar.close, `${symbol} ${day}`).not.toBeNull();
        expect(Math.abs((bar.close as number) - (chartClose.get(day) as number)), `${symbol} ${day}`).toBeLessThanOrEqual(1e-9);
      }
      // Both end on the same latest day.
      expect(last.at(-1)?.date.slice(0, 10)).toBe(chart.at(-1)?.date.slice(0, 10));
    }
  });

  it('answers HTTP 400 to a spark request for 21 symbols, and 200 to one for 20', async () => {
    expect(SPARK_SYMBOLS_PER_REQUEST).toBe(20);
    expect(SPARK_MAX_SYMBOLS).toBe(SPARK_SYMBOLS_PER_REQUEST);
    sim = await startYahooSimulator({ latencyMs: 0, seed: 7 });
    const url = (symbols: string[]) => `${sim!.url}/v7/finance/spark?symbols=${symbols.join(',')}&range=1y&interval=1d`;
    const over = await fetch(url(SP66.slice(0, 21)));
    expect(over.status).toBe(400);
    expect(await over.text()).toMatch(/at most 20 symbols, got 21/);
    const within = await fetch(url(SP66.slice(0, 20)));
    expect(within.status).toBe(200);
    const body = (await within.json()) as { spark: { result: Array<{ symbol: string }> } };
    expect(sparkBars(body, SP66.slice(0, 20)).size).toBe(20);
  });
});
