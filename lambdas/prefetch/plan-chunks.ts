// Universe scale: instead of fetching, write the manifest's tickers as chunk objects (each with
// the quotes already fetched for it) and the chunk list the "Prefetch chunks" Distributed Map
// reads. Each chunk is then fetched by its own Lambda, within its own 15 minutes.
import PQueue from 'p-queue';
import type { ObjectStore } from '../adapters/aws/object-store.js';
import {
  chunkConcurrency,
  splitIntoChunks,
  type PrefetchChunkConfig,
  type PrefetchChunkItem,
  type PrefetchChunkObject,
} from '../core/prefetch/prefetch-chunking.js';
import type { runKeys } from '../core/run-keys.js';

const WRITE_CONCURRENCY = 8;

export interface ChunkPlan {
  count: number;
  concurrency: number;
}

export async function planChunks(options: {
  store: ObjectStore;
  keys: ReturnType<typeof runKeys>;
  tickers: string[];
  quotes: Map<string, Record<string, unknown>>;
  config: PrefetchChunkConfig;
  /** One chunk Lambda's pace (YAHOO_REQUESTS_PER_SECOND). */
  perLambdaRequestsPerSecond: number;
}): Promise<ChunkPlan> {
  const { store, keys, quotes } = options;
  const chunks = splitIntoChunks(options.tickers, options.config.chunkSize);
  const items: PrefetchChunkItem[] = chunks.map((tickers, index) => ({ index, key: keys.prefetchChunk(index), size: tickers.length }));
  const queue = new PQueue({ concurrency: WRITE_CONCURRENCY });
  await Promise.all(
    chunks.map((tickers, index) =>
      queue.add(() => {
        const object: PrefetchChunkObject = {
          index,
          tickers,
          quotes: Object.fromEntries(tickers.flatMap((ticker) => (quotes.has(ticker) ? [[ticker, quotes.get(ticker)!]] : []))),
        };
        return store.putJson(keys.prefetchChunk(index), object);
      }),
    ),
  );
  // The list last: the Map reads it, and every chunk it names must already be there.
  await store.putJson(keys.prefetchChunkList, items);
  return {
    count: chunks.length,
    concurrency: chunkConcurrency(options.config.totalRequestsPerSecond, options.perLambdaRequestsPerSecond, chunks.length),
  };
}
