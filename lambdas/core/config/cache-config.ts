// PREFETCH_CACHE_TTL_MINUTES: a ticker fetched by an earlier run less than this long ago is
// read from S3 instead of the network. 0 (the default) turns the cache off.
import { InvalidConfigurationError } from '../errors.js';

export const MAX_CACHE_TTL_MINUTES = 7 * 24 * 60;

export function prefetchCacheTtlMinutes(env: Record<string, string | undefined>): number {
  const raw = env.PREFETCH_CACHE_TTL_MINUTES?.trim();
  if (!raw) return 0;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > MAX_CACHE_TTL_MINUTES) {
    throw new InvalidConfigurationError(
      `PREFETCH_CACHE_TTL_MINUTES="${raw}" is invalid: must be a whole number of minutes from 0 (off) to ${MAX_CACHE_TTL_MINUTES}`,
    );
  }
  return value;
}
