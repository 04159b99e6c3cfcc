// Prefetch-chunk Lambda (universe scale): fetch one chunk of the manifest, as Prefetch fetches a
// whole small portfolio, and leave the chunk's stats in S3 for "Summarise prefetch". A ticker's
// failure is data in its prefetch object; only an infrastructure fault throws, and then the
// summary counts the chunk's tickers as failed.
import { withInvocationMemory, type InvocationMemory } from '../adapters/memory.js';
import { requiredEnv } from '../adapters/aws/aws-clients.js';
import { createLogger } from '../adapters/logger.js';
import { s3ObjectStore } from '../adapters/aws/object-store.js';
import { yahooPortFromEnv } from '../adapters/yahoo/yahoo-source.js';
import { prefetchChunkEventSchema, type PrefetchChunkResult } from '../core/prefetch/prefetch-chunk-events.js';
import { prefetchChunkObjectSchema } from '../core/prefetch/prefetch-chunking.js';
import { publicSource } from '../core/report/provenance.js';
import { validateSessionId } from '../core/input/portfolio.js';
import { runKeys } from '../core/run-keys.js';
import { runRecordSchema } from '../core/prefetch/run-record.js';
import { runNow } from '../core/config/as-of-day.js';
import { fetchAll } from '../prefetch/fetch-all.js';
import { readFreshCache } from '../prefetch/prefetch-cache.js';
import { loadSettings } from '../core/config/load-settings.js';

const logger = createLogger('prefetch-chunk');

export const handler = (event: unknown): Promise<PrefetchChunkResult> => withInvocationMemory((memory) => fetchChunk(event, memory));

async function fetchChunk(event: unknown, memory: InvocationMemory): Promise<PrefetchChunkResult> {
  // Every setting, before any work: a bad one fails here, naming it.
  const settings = loadSettings(process.env);
  const started = performance.now();
  const { sessionId, chunk } = prefetchChunkEventSchema.parse(event);
  validateSessionId(sessionId);
  const keys = runKeys(sessionId);
  const store = s3ObjectStore(requiredEnv('BUCKET_NAME'));
  const object = await store.getJson(chunk.key, prefetchChunkObjectSchema);
  if (!object) throw new Error(`No chunk object at ${chunk.key}`);
  const concurrency = settings.YAHOO_CONCURRENCY;
  const cacheTtl = settings.PREFETCH_CACHE_TTL_MINUTES;
  // Who answers Yahoo requests was found once by Prefetch (run.json): every chunk's data carries it.
  const record = await store.getJson(keys.run, runRecordSchema);
  const origin = record?.sources?.yahoo_finance ?? publicSource('yahoo');
  const cached = await readFreshCache(store, object.tickers, cacheTtl, new Date(), origin);
  // The process's pacer is NOT reset here: chunks that share a process (the local engine, a warm
  // container) share one budget, and a slow-down after a 429 belongs to the whole run.
  const stats = await fetchAll({
    store,
    keys,
    port: yahooPortFromEnv(),
    tickers: object.tickers,
    concurrency,
    quotes: new Map(Object.entries(object.quotes)),
    cached,
    cacheEnabled: cacheTtl > 0,
    slowDataTtlDays: settings.SLOW_DATA_TTL_DAYS,
    marketNow: runNow(settings.SIM_AS_OF),
    logger,
    origin,
  });
  await store.putJson(keys.prefetchChunkStats(chunk.index), {
    ...stats,
    requestsPerSecond: settings.YAHOO_REQUESTS_PER_SECOND,
    lambdaSeconds: (performance.now() - started) / 1000,
    peakRssMb: memory.peakMb(),
  });
  logger.info(
    `Prefetch chunk ${chunk.index + 1}: ${stats.successfulTickers}/${object.tickers.length} tickers in ${stats.durationSeconds.toFixed(2)}s`,
    { sessionId },
  );
  return { index: chunk.index, successfulTickers: stats.successfulTickers, failedTickers: stats.failedTickers };
}
