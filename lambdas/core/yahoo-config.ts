// How hard the prefetch may press Yahoo: parallel tickers in flight (YAHOO_CONCURRENCY).
import { z } from 'zod';
import { InvalidConfigurationError } from './errors.js';

export const DEFAULT_YAHOO_CONCURRENCY = 8;

const concurrencySchema = z.coerce.number().int().min(1).max(64);

export function yahooConcurrency(env: Record<string, string | undefined>): number {
  const raw = env.YAHOO_CONCURRENCY?.trim();
  if (!raw) return DEFAULT_YAHOO_CONCURRENCY;
  const parsed = concurrencySchema.safeParse(raw);
  if (!parsed.success || !/^\d+$/.test(raw)) {
    throw new InvalidConfigurationError(`YAHOO_CONCURRENCY="${raw}" is invalid: must be an integer from 1 to 64`);
  }
  return parsed.data;
}
