// The daily bars of many tickers in few requests: Yahoo's spark endpoint answers 20 symbols at a
// time, where the chart endpoint answers one. The first spark request of a run is checked before
// any other is sent: if it fails or is not spark-shaped, the run asks each ticker's chart, as it
// did before spark. A ticker a spark answer leaves out (or a batch that fails) gets its own chart
// request later (yahoo-ticker-fetch.ts), so no ticker is lost. Which path ran is counted.
import PQueue from 'p-queue';
import { describeYahooError, isTransientYahooError } from '../adapters/yahoo/yahoo-errors.js';
import type { YahooPort } from '../adapters/yahoo/yahoo-port.js';
import { SPARK_SYMBOLS_PER_REQUEST, SparkShapeError } from '../adapters/yahoo/yahoo-spark.js';
import { barsPathOf, type BarsPathStats } from '../core/prefetch/bars-path.js';
import type { DailyBar } from '../core/prefetch/market-data.js';

export interface SparkBars {
  /** Bars of the tickers the spark answers carried in full, by ticker. */
  fetchOne(port: YahooPort, tickers: string[]): Promise<Map<string, DailyBar[]>>;
  stats(): BarsPathStats;
}

/** One run's (or one chunk Lambda's) spark state: whether spark works, and what it served. */
export function sparkBarsFetcher(concurrency: number): SparkBars {
  let verdict: 'unchecked' | 'works' | 'unusable' = 'unchecked';
  let reason: string | null = null;
  let sparkRequests = 0;
  let sparkTickers = 0;
  let chartTickers = 0;
  let failedBatches = 0;

  async function batch(port: YahooPort, symbols: string[]): Promise<Map<string, DailyBar[]> | Error> {
    sparkRequests++;
    try {
      return await port.sparkBars!(symbols);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  return {
    async fetchOne(port, tickers) {
      const served = new Map<string, DailyBar[]>();
      if (tickers.length === 0) return served;
      if (!port.sparkBars || verdict === 'unusable') {
        reason ??= 'the Yahoo port has no spark endpoint';
        chartTickers += tickers.length;
        return served;
      }
      const batches: string[][] = [];
      for (let start = 0; start < tickers.length; start += SPARK_SYMBOLS_PER_REQUEST) batches.push(tickers.slice(start, start + SPARK_SYMBOLS_PER_REQUEST));
      // Until one spark answer has come back, batches go one at a time. A refusal (an answer
      // not shaped like spark, a 4xx) means this Yahoo has no usable spark: every ticker's chart
      // is asked. A transient failure (5xx, timeout, network) costs that batch only.
      while (verdict === 'unchecked' && batches.length > 0) {
        const symbols = batches.shift()!;
        const first = await batch(port, symbols);
        if (!(first instanceof Error)) {
          verdict = 'works';
          for (const [symbol, bars] of first) served.set(symbol, bars);
        } else if (refusesSpark(first)) {
          verdict = 'unusable';
          reason = `the first spark request failed (${describeSparkError(first)}): every ticker's chart is asked instead`;
          failedBatches++;
          // Nothing was served yet: a success would have ended the check.
          chartTickers += tickers.length;
          return served;
        } else {
          failedBatches++;
          reason ??= `a spark request failed (${describeSparkError(first)}): its tickers' charts are asked instead`;
        }
      }
      const queue = new PQueue({ concurrency: Math.max(1, concurrency) });
      const answers = await Promise.all(batches.map((symbols) => queue.add(() => batch(port, symbols))));
      for (const answer of answers) {
        if (answer instanceof Error) {
          failedBatches++;
          reason ??= `a spark request failed (${describeSparkError(answer)}): its tickers' charts are asked instead`;
          continue;
        }
        for (const [symbol, bars] of answer) served.set(symbol, bars);
      }
      const left = tickers.filter((ticker) => !served.has(ticker.toUpperCase()));
      if (left.length > 0) reason ??= `spark answers left out ${left.length} ticker(s): their charts are asked instead`;
      sparkTickers += tickers.length - left.length;
      chartTickers += left.length;
      return keyedAsAsked(tickers, served);
    },
    stats: () => ({
      path: barsPathOf(sparkTickers, chartTickers),
      sparkRequests,
      sparkTickers,
      chartTickers,
      failedSparkRequests: failedBatches,
      reason,
    }),
  };
}

/** Keyed by the ticker as asked (the answer's symbol is upper-cased). */
function keyedAsAsked(tickers: string[], served: Map<string, DailyBar[]>): Map<string, DailyBar[]> {
  return new Map(tickers.filter((ticker) => served.has(ticker.toUpperCase())).map((ticker) => [ticker, served.get(ticker.toUpperCase())!]));
}

/** An answer that says this endpoint will not serve spark: a misshaped answer, or any failure
 * that is not transient (a client error). */
const refusesSpark = (error: Error): boolean => error instanceof SparkShapeError || !isTransientYahooError(error);

/** What went wrong with a spark request, for the metrics: a 404 there is not an unknown symbol. */
function describeSparkError(error: Error): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number' && code >= 400) return `HTTP ${code}`;
  return error instanceof SparkShapeError ? error.message : describeYahooError(error);
}
