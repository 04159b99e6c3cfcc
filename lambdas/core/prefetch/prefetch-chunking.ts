// Universe scale: one Prefetch Lambda cannot fetch thousands of tickers within its 15 minutes at
// Yahoo's 10 requests a second. Beyond PREFETCH_CHUNK_THRESHOLD tickers, Prefetch only plans: it
// splits the manifest into chunks, and a Distributed Map runs one prefetch-chunk Lambda per chunk,
// as many at once as the rate budget allows. This file is the arithmetic of that plan.
import { z } from 'zod';
import { loadSettings, type Environment } from '../config/load-settings.js';
import { SETTINGS } from '../config/settings-registry.js';
import { type PrefetchStats, type SlowDataStats } from './run-record.js';
import { mergeBarsPaths } from './bars-path.js';

export interface PrefetchChunkConfig {
  /** More tickers than this (strictly) and the prefetch runs in chunks (PREFETCH_CHUNK_THRESHOLD). */
  threshold: number;
  /** Tickers per chunk (PREFETCH_CHUNK_SIZE). */
  chunkSize: number;
  /** Yahoo requests a second allowed to the whole run, all chunk Lambdas together
   * (PREFETCH_TOTAL_REQUESTS_PER_SECOND); unset: one Lambda's rate, so chunks run one at a time. */
  totalRequestsPerSecond: number | null;
}

export const PREFETCH_CHUNK_DEFAULTS = Object.freeze({
  threshold: SETTINGS.PREFETCH_CHUNK_THRESHOLD.defaultValue,
  chunkSize: SETTINGS.PREFETCH_CHUNK_SIZE.defaultValue,
});

/** At 10 requests a second and about 2 requests a ticker, 3,000 tickers take ~10 minutes: inside 15. */
export { MAX_CHUNK_SIZE } from '../config/settings-registry.js';

export const PREFETCH_CHUNK_VARIABLES = ['PREFETCH_CHUNK_THRESHOLD', 'PREFETCH_CHUNK_SIZE', 'PREFETCH_TOTAL_REQUESTS_PER_SECOND'] as const;

export function prefetchChunkConfig(env: Environment): PrefetchChunkConfig {
  const vars = loadSettings(env);
  return {
    threshold: vars.PREFETCH_CHUNK_THRESHOLD,
    chunkSize: vars.PREFETCH_CHUNK_SIZE,
    totalRequestsPerSecond: vars.PREFETCH_TOTAL_REQUESTS_PER_SECOND,
  };
}

/** Whether a portfolio of `tickers` holdings is prefetched in chunks. */
export const isChunked = (tickers: number, config: Pick<PrefetchChunkConfig, 'threshold'>): boolean =>
  tickers > config.threshold;

/** The tickers split into consecutive chunks of at most `size`, in manifest order. */
export function splitIntoChunks<T>(items: readonly T[], size: number): T[][] {
  if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`chunk size must be an integer >= 1, got ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * How many chunk Lambdas may fetch at once: each is paced at `perLambdaRps` by its own pacer, so
 * the whole run stays within `totalRps` when floor(total / per-Lambda) of them run together.
 * Never below 1 (a budget smaller than one Lambda's rate still runs, one chunk at a time), never
 * above the number of chunks.
 */
export function chunkConcurrency(totalRps: number | null, perLambdaRps: number, chunks: number): number {
  const allowed = totalRps === null ? 1 : Math.floor(totalRps / perLambdaRps + 1e-9);
  return Math.max(1, Math.min(allowed, Math.max(1, chunks)));
}

/** One chunk as the Distributed Map reads it from the chunk list. */
export const prefetchChunkItemSchema = z.object({
  index: z.number().int().nonnegative(),
  /** S3 key of the chunk object (its tickers and their quotes). */
  key: z.string().min(1),
  size: z.number().int().positive(),
});
export type PrefetchChunkItem = z.infer<typeof prefetchChunkItemSchema>;

/** A chunk object: the tickers to fetch and the quotes Prefetch already has for them. */
export const prefetchChunkObjectSchema = z.object({
  index: z.number().int().nonnegative(),
  tickers: z.array(z.string()).min(1),
  quotes: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type PrefetchChunkObject = z.infer<typeof prefetchChunkObjectSchema>;

/** A chunk that left no stats (its Lambda crashed or timed out): every ticker of it failed. */
export interface MissingChunk {
  index: number;
  tickers: string[];
}

export const CHUNK_CRASHED_REASON = 'prefetch chunk crashed or timed out';

/**
 * The stats of the whole prefetch from its chunks' stats: counts summed, lists merged, the wall
 * time from the first chunk's start to the last one's finish (chunks may overlap), the peak the
 * largest of the chunks'. A missing chunk's tickers count as failed, with the reason.
 */
export function aggregateChunkStats(
  chunks: readonly PrefetchStats[],
  missing: readonly MissingChunk[],
  fallbackTime: Date,
): PrefetchStats {
  const failedTickerList = [...chunks.flatMap((c) => c.failedTickerList), ...missing.flatMap((m) => m.tickers)].sort();
  const errorSummary: Record<string, number> = {};
  for (const c of chunks) for (const [reason, n] of Object.entries(c.errorSummary)) errorSummary[reason] = (errorSummary[reason] ?? 0) + n;
  const missingTickers = missing.reduce((n, m) => n + m.tickers.length, 0);
  if (missingTickers) errorSummary[CHUNK_CRASHED_REASON] = (errorSummary[CHUNK_CRASHED_REASON] ?? 0) + missingTickers;
  const starts = chunks.map((c) => Date.parse(c.startedAt));
  const finishes = chunks.map((c) => Date.parse(c.finishedAt));
  const startedAt = starts.length ? new Date(Math.min(...starts)) : fallbackTime;
  const finishedAt = finishes.length ? new Date(Math.max(...finishes)) : fallbackTime;
  const sum = (pick: (c: PrefetchStats) => number) => chunks.reduce((total, c) => total + pick(c), 0);
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: Math.max(0, (finishedAt.getTime() - startedAt.getTime()) / 1000),
    successfulTickers: sum((c) => c.successfulTickers),
    failedTickers: sum((c) => c.failedTickers) + missingTickers,
    failedTickerList,
    errorSummary,
    sumFetchSeconds: sum((c) => c.sumFetchSeconds),
    // Only when every chunk measured them: a partial sum would understate the estimate.
    ...(chunks.length && chunks.every((c) => c.sumServiceSeconds !== undefined) ? { sumServiceSeconds: sum((c) => c.sumServiceSeconds ?? 0) } : {}),
    ...(chunks.length && chunks.every((c) => c.tickerRequests !== undefined) ? { tickerRequests: sum((c) => c.tickerRequests ?? 0) } : {}),
    ...(chunks[0]?.requestsPerSecond !== undefined ? { requestsPerSecond: chunks[0].requestsPerSecond } : {}),
    cacheHits: sum((c) => c.cacheHits),
    ...optional('barsPath', mergeBarsPaths(chunks.flatMap((c) => (c.barsPath ? [c.barsPath] : [])))),
    ...optional('slowData', mergeSlowData(chunks.flatMap((c) => (c.slowData ? [c.slowData] : [])))),
    peakRssMb: Math.max(0, ...chunks.map((c) => c.peakRssMb)),
    chunks: chunks.length + missing.length,
    lambdaSeconds: sum((c) => c.lambdaSeconds ?? c.durationSeconds),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/** The chunks' slow-data counts as one: counts and reasons summed. */
export function mergeSlowData(parts: readonly SlowDataStats[]): SlowDataStats | undefined {
  if (parts.length === 0) return undefined;
  const reasons: Record<string, number> = {};
  for (const part of parts) for (const [reason, n] of Object.entries(part.reasons)) reasons[reason] = (reasons[reason] ?? 0) + n;
  return {
    ttlDays: parts[0]!.ttlDays,
    reused: parts.reduce((n, p) => n + p.reused, 0),
    refreshed: parts.reduce((n, p) => n + p.refreshed, 0),
    notNeeded: parts.reduce((n, p) => n + p.notNeeded, 0),
    reasons,
  };
}
