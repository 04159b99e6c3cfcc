// Fetch every ticker not served by the cache, store one prefetch object per ticker, and
// measure: the failed list, the error summary, the sum of per-ticker fetch times, which path
// the daily bars took (spark or chart), and how much slow data was reused.
import type { Logger } from '@aws-lambda-powertools/logger';
import { peakRssMb } from '../adapters/memory.js';
import type { ObjectStore } from '../adapters/aws/object-store.js';
import { publishProgress } from '../adapters/run-progress.js';
import type { YahooPort } from '../adapters/yahoo/yahoo-port.js';
import type { DailyBar, PrefetchObject } from '../core/prefetch/market-data.js';
import type { SourceIdentity } from '../core/report/provenance.js';
import type { runKeys } from '../core/run-keys.js';
import type { PrefetchStats } from '../core/prefetch/run-record.js';
import { positivePrice, slowDataDecision } from '../core/prefetch/slow-data.js';
import { keepsSlowData, quoteSuffices } from '../adapters/yahoo/yahoo-ticker-fetch.js';
import { writeCache } from './prefetch-cache.js';
import { prefetchTickers } from './prefetch-tickers.js';
import { readSlowData, slowDataEntryOf, writeSlowData } from './slow-data-cache.js';
import { sparkBarsFetcher } from './spark-bars.js';

export interface FetchAllOptions {
  store: ObjectStore;
  keys: ReturnType<typeof runKeys>;
  port: YahooPort;
  tickers: string[];
  concurrency: number;
  quotes: Map<string, Record<string, unknown>>;
  /** Daily bars already fetched this run, by ticker (the benchmark's, when it is also a holding). */
  bars?: Map<string, DailyBar[]>;
  /** Fresh objects from earlier runs: stored for this run without a request. */
  cached: Map<string, PrefetchObject>;
  cacheEnabled: boolean;
  logger: Logger;
  /** Who answers the Yahoo requests, recorded in every object. */
  origin: SourceIdentity;
  /** Sees every object stored for the run, cached or fetched (the run's sector medians are made of them). */
  onObject?: (object: PrefetchObject) => void;
  /** SLOW_DATA_TTL_DAYS: 0 asks every ticker's summary and statements, and keeps none. */
  slowDataTtlDays: number;
  /** The run's market now (SIM_AS_OF's moment, or the clock): what slow data's age is counted to. */
  marketNow: Date;
}

export async function fetchAll(options: FetchAllOptions): Promise<PrefetchStats> {
  const { store, keys, logger, cached } = options;
  const startedAt = new Date();
  const started = performance.now();
  const failedTickerList: string[] = [];
  const errorSummary: Record<string, number> = {};
  let sumFetchSeconds = 0;
  let sumServiceSeconds = 0;
  let tickerRequests = 0;
  for (const object of cached.values()) {
    await store.putJson(keys.prefetch(object.ticker), object);
    options.onObject?.(object);
  }
  const toFetch = options.tickers.filter((ticker) => !cached.has(ticker));
  publishProgress({ kind: 'prefetch-planned', total: options.tickers.length, cached: options.tickers.length - toFetch.length });
  const spark = sparkBarsFetcher(options.concurrency);
  const slowData = { reused: 0, refreshed: 0, notNeeded: 0, reasons: {} as Record<string, number> };
  const ttlDays = options.slowDataTtlDays;
  await prefetchTickers(options.port, toFetch, {
    concurrency: options.concurrency,
    quotes: options.quotes,
    ...(options.bars ? { bars: options.bars } : {}),
    spark,
    async slowFor(ticker, quote) {
      // A fund or an index is read from its quote alone: it has no slow data to ask or keep.
      if (quoteSuffices(quote)) {
        slowData.notNeeded++;
        return null;
      }
      const entry = ttlDays > 0 ? await readSlowData(store, ticker) : null;
      const decision = slowDataDecision({ entry, ticker, now: options.marketNow, ttlDays, source: options.origin, quote });
      if (decision.reuse) {
        slowData.reused++;
        return { entry: entry!, ageDays: decision.ageDays };
      }
      slowData.refreshed++;
      slowData.reasons[decision.reason] = (slowData.reasons[decision.reason] ?? 0) + 1;
      return null;
    },
    async onTicker({ ticker, fetch, fetchedAt, durationSeconds, serviceSeconds, requests }) {
      sumFetchSeconds += durationSeconds;
      sumServiceSeconds += serviceSeconds;
      tickerRequests += requests;
      const object: PrefetchObject = {
        ticker,
        yahoo_finance: fetch.ok ? fetch.data : null,
        failed: !fetch.ok,
        ...(fetch.ok ? {} : { error: fetch.error }),
        fetched_at: fetchedAt,
        fetch_duration_seconds: durationSeconds,
        source: 'yahoo',
        origin: options.origin,
      };
      if (!fetch.ok) {
        failedTickerList.push(ticker);
        errorSummary[fetch.error] = (errorSummary[fetch.error] ?? 0) + 1;
        logger.warn(`Failed to process Yahoo Finance data for ${ticker}: ${fetch.error}`, { ticker });
      }
      await store.putJson(keys.prefetch(ticker), object);
      options.onObject?.(object);
      if (options.cacheEnabled) await writeCache(store, object);
      // Without a price the entry could never be rebased: an older entry is kept instead.
      if (ttlDays > 0 && fetch.ok && keepsSlowData(fetch.data) && positivePrice(fetch.data.quote) !== null) {
        await writeSlowData(store, slowDataEntryOf(ticker, fetch.data, options.origin, fetchedAt, options.marketNow));
      }
      publishProgress({ kind: 'prefetch-ticker', ticker, ok: fetch.ok, reason: fetch.ok ? null : fetch.error });
    },
  });
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationSeconds: (performance.now() - started) / 1000,
    successfulTickers: options.tickers.length - failedTickerList.length,
    failedTickers: failedTickerList.length,
    failedTickerList: failedTickerList.sort(),
    errorSummary,
    sumFetchSeconds,
    sumServiceSeconds,
    tickerRequests,
    cacheHits: cached.size,
    barsPath: spark.stats(),
    slowData: { ...slowData, ttlDays },
    peakRssMb: peakRssMb(),
  };
}
