// What `finwiz prune --local` removes: a run's prefetched market data (per-ticker objects,
// prefetch chunks, Alpha Vantage answers) older than the days kept. Reports, results, the
// manifest, metrics, the cross-run cache and the table's history stay.
import { RUNS_PREFIX } from '../lambdas/core/run-keys.js';

const PREFETCH_PARTS = /^[^/]+\/(prefetch|prefetch-chunks|alpha-vantage)\//;

export interface StoredObject {
  key: string;
  size: number;
  lastModified: Date;
}

/** Whether the key is a run's prefetch data. */
export const isPrefetchData = (key: string): boolean => key.startsWith(RUNS_PREFIX) && PREFETCH_PARTS.test(key.slice(RUNS_PREFIX.length));

/** The objects to remove: prefetch data written more than `keepDays` days before `now`. */
export function prunable(objects: readonly StoredObject[], now: Date, keepDays: number): StoredObject[] {
  const cutoff = now.getTime() - keepDays * 86_400_000;
  return objects.filter((object) => isPrefetchData(object.key) && object.lastModified.getTime() < cutoff);
}

/** The session id of a run's key. */
export const sessionOf = (key: string): string => key.slice(RUNS_PREFIX.length).split('/', 1)[0] ?? '';
