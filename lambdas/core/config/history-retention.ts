// HISTORY_RETENTION_DAYS: how long the run and per-ticker items stay in DynamoDB (its TTL
// deletes them after `expiresAt`, epoch seconds). Longer than the reports' 90 days by default:
// a trend needs the few numbers of the items, not the reports.
import type { DigestThreshold } from '../history/digest-threshold.js';
import { loadSettings, type Environment } from './load-settings.js';
import { SETTINGS } from './settings-registry.js';

export const DEFAULT_HISTORY_RETENTION_DAYS = SETTINGS.HISTORY_RETENTION_DAYS.defaultValue;
export { MAX_HISTORY_RETENTION_DAYS } from './settings-registry.js';
/** The item attribute that the table's TTL reads. */
export const EXPIRES_AT_ATTRIBUTE = 'expiresAt';

export const historyRetentionDays = (env: Environment): number => loadSettings(env).HISTORY_RETENTION_DAYS;

/** DIGEST_THRESHOLD: which changes send the digest (history/digest-threshold.ts). */
export const digestThreshold = (env: Environment): DigestThreshold => loadSettings(env).DIGEST_THRESHOLD;

/** Epoch seconds `days` after `from` (DynamoDB TTL wants seconds, not milliseconds). */
export const expiresAt = (from: Date, days: number): number => Math.floor(from.getTime() / 1000) + days * 86_400;
