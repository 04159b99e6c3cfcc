// HISTORY_RETENTION_DAYS: how long the run and per-ticker items stay in DynamoDB (its TTL
// deletes them after `expiresAt`, epoch seconds). Longer than the reports' 90 days by default:
// a trend needs the few numbers of the items, not the reports.
import { InvalidConfigurationError } from '../errors.js';

export const DEFAULT_HISTORY_RETENTION_DAYS = 365;
export const MAX_HISTORY_RETENTION_DAYS = 3650;
/** The item attribute that the table's TTL reads. */
export const EXPIRES_AT_ATTRIBUTE = 'expiresAt';

export function historyRetentionDays(env: Record<string, string | undefined>): number {
  const raw = env.HISTORY_RETENTION_DAYS?.trim();
  if (!raw) return DEFAULT_HISTORY_RETENTION_DAYS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > MAX_HISTORY_RETENTION_DAYS) {
    throw new InvalidConfigurationError(
      `HISTORY_RETENTION_DAYS="${raw}" is invalid: must be a whole number of days from 1 to ${MAX_HISTORY_RETENTION_DAYS}`,
    );
  }
  return value;
}

/** Epoch seconds `days` after `from` (DynamoDB TTL wants seconds, not milliseconds). */
export const expiresAt = (from: Date, days: number): number => Math.floor(from.getTime() / 1000) + days * 86_400;
