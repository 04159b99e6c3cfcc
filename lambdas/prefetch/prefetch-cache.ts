// The cross-run cache: a ticker's last successful prefetch, reused while younger than the TTL.
import PQueue from 'p-queue';
import type { ObjectStore } from '../adapters/aws/object-store.js';
import { prefetchObjectSchema, type PrefetchObject } from '../core/prefetch/market-data.js';
import { sameSource, type SourceIdentity } from '../core/report/provenance.js';
import { cacheKeys } from '../core/run-keys.js';

const READ_CONCURRENCY = 16;

/** The cached objects of these tickers that are younger than `ttlMinutes` and came from the same
 * kind of source as this run's (`source`), marked as from cache. */
export async function readFreshCache(
  store: ObjectStore,
  tickers: string[],
  ttlMinutes: number,
  now: Date,
  source: SourceIdentity,
): Promise<Map<string, PrefetchObject>> {
  const fresh = new Map<string, PrefetchObject>();
  if (ttlMinutes <= 0) return fresh;
  const queue = new PQueue({ concurrency: READ_CONCURRENCY });
  await Promise.all(
    tickers.map((ticker) =>
      queue.add(async () => {
        // An unreadable cache entry is a miss, never a failure.
        const cached = await store.getJson(cacheKeys.yahoo(ticker), prefetchObjectSchema).catch(() => null);
        if (!cached || cached.failed || !cached.yahoo_finance) return;
        // Simulated data must never stand in for real data (nor one endpoint's for another's);
        // an entry that does not say where it came from is not trusted either.
        if (!cached.origin || !sameSource(cached.origin, source)) return;
        const ageMinutes = (now.getTime() - Date.parse(cached.fetched_at)) / 60_000;
        if (!(ageMinutes >= 0 && ageMinutes < ttlMinutes)) return;
        fresh.set(ticker, { ...cached, source: 'cache', cache_age_minutes: Math.round(ageMinutes * 10) / 10 });
      }),
    ),
  );
  return fresh;
}

export async function writeCache(store: ObjectStore, object: PrefetchObject): Promise<void> {
  if (object.failed || !object.yahoo_finance) return;
  await store.putJson(cacheKeys.yahoo(object.ticker), { ...object, source: 'yahoo' });
}
