// "Summarise prefetch" Lambda (universe scale): after the chunk Lambdas, the stats of the whole
// prefetch and the same summary Prefetch returns for a small portfolio, which the mode Choice
// reads. A chunk without stats (crashed, timed out) counts all its tickers as failed.
import PQueue from 'p-queue';
import { requiredEnv } from '../adapters/aws/aws-clients.js';
import { createLogger } from '../adapters/logger.js';
import { s3ObjectStore, type ObjectStore } from '../adapters/aws/object-store.js';
import type { PrefetchSummary } from '../core/contracts.js';
import { prefetchSummariseEventSchema } from '../core/prefetch/prefetch-chunk-events.js';
import {
  aggregateChunkStats,
  prefetchChunkItemSchema,
  prefetchChunkObjectSchema,
  type MissingChunk,
} from '../core/prefetch/prefetch-chunking.js';
import { runKeys } from '../core/run-keys.js';
import { prefetchStatsSchema, type PrefetchStats } from '../core/prefetch/run-record.js';
import { decideAfterPrefetch, failureRate } from '../core/mode/fallback-decision.js';
import { loadSettings } from '../core/config/load-settings.js';

const logger = createLogger('prefetch-summary');
const READ_CONCURRENCY = 16;

export const handler = async (event: unknown): Promise<PrefetchSummary> => {
  // Every setting, before any work: a bad one fails here, naming it.
  loadSettings(process.env);
  const started = performance.now();
  const { sessionId, plan } = prefetchSummariseEventSchema.parse(event);
  const keys = runKeys(sessionId);
  const store = s3ObjectStore(requiredEnv('BUCKET_NAME'));
  const list = await store.getJson(keys.prefetchChunkList, prefetchChunkItemSchema.array());
  if (!list) throw new Error(`No prefetch chunk list for session ${sessionId}`);
  const { found, missing } = await readChunkStats(store, keys, list.map((item) => item.index));
  if (missing.length) logger.warn(`Prefetch chunks without stats (crashed or timed out): ${missing.map((m) => m.index + 1).join(', ')}`, { sessionId });
  const aggregated = aggregateChunkStats(found, missing, new Date());
  const summaryLambdaSeconds = (performance.now() - started) / 1000;
  const stats: PrefetchStats = {
    ...aggregated,
    lambdaSeconds: (aggregated.lambdaSeconds ?? 0) + (plan.prefetchChunks?.planSeconds ?? 0) + summaryLambdaSeconds,
  };
  await store.putJson(keys.prefetchStats, stats);
  const total = plan.totalTickers;
  logger.info(`Prefetch completed: ${stats.successfulTickers}/${total} tickers in ${stats.durationSeconds.toFixed(2)}s (${list.length} chunks)`, {
    sessionId,
  });
  const after = decideAfterPrefetch({ total, failed: Math.min(total, stats.failedTickers) });
  if (after.reason) logger.warn(`Falling back to sequential mode: ${after.reason}`, { sessionId });
  return {
    ...plan,
    mode: after.mode,
    fallbackReason: after.reason,
    fallbackAt: after.reason ? new Date().toISOString() : null,
    successfulTickers: stats.successfulTickers,
    failedTickers: stats.failedTickers,
    failureRate: failureRate(Math.min(total, stats.failedTickers), total),
    batchSize: after.mode === 'batch' ? plan.batchSize : 1,
    totalBatches: after.mode === 'batch' ? plan.totalBatches : total,
  };
};

async function readChunkStats(
  store: ObjectStore,
  keys: ReturnType<typeof runKeys>,
  indexes: number[],
): Promise<{ found: PrefetchStats[]; missing: MissingChunk[] }> {
  const queue = new PQueue({ concurrency: READ_CONCURRENCY });
  const found: PrefetchStats[] = [];
  const missing: MissingChunk[] = [];
  await Promise.all(
    indexes.map((index) =>
      queue.add(async () => {
        const stats = await store.getJson(keys.prefetchChunkStats(index), prefetchStatsSchema);
        if (stats) return void found.push(stats);
        const chunk = await store.getJson(keys.prefetchChunk(index), prefetchChunkObjectSchema);
        missing.push({ index, tickers: chunk?.tickers ?? [] });
      }),
    ),
  );
  missing.sort((a, b) => a.index - b.index);
  return { found, missing };
}
