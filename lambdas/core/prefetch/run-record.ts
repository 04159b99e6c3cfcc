// What Prefetch records about a run for the later steps: `run.json` (written before any
// fetch) and `prefetch-stats.json` (written after the fetch).
import { z } from 'zod';
import { runModeSchema } from '../contracts.js';
import { runSourcesSchema } from '../report/provenance.js';
import { barsPathStatsSchema } from './bars-path.js';

export const runRecordSchema = z.object({
  sessionId: z.string(),
  startedAt: z.string(),
  portfolioKey: z.string().nullable(),
  totalTickers: z.number().int().nonnegative(),
  batchSize: z.number().int().positive(),
  /** Why that batch size (mode/batch-size.ts chooseBatchSize); absent: older runs. */
  batchSizeReason: z.string().optional(),
  totalBatches: z.number().int().nonnegative(),
  initialMode: runModeSchema,
  initialFallbackReason: z.string().nullable(),
  config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** Whether the Alpha Vantage enrichment runs (ENABLE_ALPHA_VANTAGE and a key), and its pace. */
  alphaVantage: z.object({ enabled: z.boolean(), paceSeconds: z.number().int().positive() }).optional(),
  /** Who answers the run's requests: the public services, a simulator, or another endpoint. */
  sources: runSourcesSchema.optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

export const slowDataStatsSchema = z.object({
  ttlDays: z.number().int().nonnegative(),
  /** Tickers whose summary and statements came from the cache, rebased to today's price. */
  reused: z.number().int().nonnegative(),
  /** Tickers whose summary and statements were asked this run. */
  refreshed: z.number().int().nonnegative(),
  /** Funds and indices read from their quote alone: no slow data to ask or keep. */
  notNeeded: z.number().int().nonnegative(),
  /** Why each refreshed ticker was asked (none cached, its day of the refresh cycle, an earnings date, ...). */
  reasons: z.record(z.string(), z.number().int().nonnegative()),
});
export type SlowDataStats = z.infer<typeof slowDataStatsSchema>;

export const prefetchStatsSchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  durationSeconds: z.number().nonnegative(),
  successfulTickers: z.number().int().nonnegative(),
  failedTickers: z.number().int().nonnegative(),
  failedTickerList: z.array(z.string()),
  errorSummary: z.record(z.string(), z.number().int()),
  /** Sum of every ticker's fetch wall time, waits for a turn behind other tickers included. */
  sumFetchSeconds: z.number().nonnegative(),
  /**
   * Sum of every ticker's own service time with Yahoo: its requests on the wire and the backoff
   * before their retries, never its waits for a turn (yahoo-service-time.ts). Absent: older runs.
   */
  sumServiceSeconds: z.number().nonnegative().optional(),
  /** Wall time of what a run fetches once in any mode: the benchmark, the batched quotes, FX rates, the session. */
  contextSeconds: z.number().nonnegative().optional(),
  /** The tickers' Yahoo requests, retries included (a batched quote request shared among its symbols). Absent: older runs. */
  tickerRequests: z.number().nonnegative().optional(),
  /** Every Yahoo request the Prefetch Lambda made (session, benchmark, quotes, FX, the tickers'); absent when chunks fetched. */
  requests: z.number().int().nonnegative().optional(),
  /** The batched quote requests (90 symbols each); a sequential run asks one quote per ticker instead. */
  quoteRequests: z.number().int().nonnegative().optional(),
  /** The client's pace (YAHOO_REQUESTS_PER_SECOND): a sequential run keeps it too. */
  requestsPerSecond: z.number().positive().optional(),
  /** Tickers read from the cross-run cache instead of the network. */
  cacheHits: z.number().int().nonnegative(),
  /** How the daily bars were fetched: spark batches, one chart per ticker, or both. Absent: older runs. */
  barsPath: barsPathStatsSchema.optional(),
  /** Slow data (summary and statements) reused from the cache, or fetched, with why. Absent: older runs. */
  slowData: slowDataStatsSchema.optional(),
  peakRssMb: z.number().nonnegative(),
  /** Chunk Lambdas that fetched (universe scale); absent: one Prefetch Lambda fetched everything. */
  chunks: z.number().int().nonnegative().optional(),
  /** Seconds the prefetch's Lambdas ran (plan, chunks and summary), for the cost estimate. */
  lambdaSeconds: z.number().nonnegative().optional(),
});
export type PrefetchStats = z.infer<typeof prefetchStatsSchema>;
