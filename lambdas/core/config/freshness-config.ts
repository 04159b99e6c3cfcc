// STALE_AFTER_TRADING_DAYS: a ticker whose newest daily bar is older than this many trading days
// is stale: flagged in its result and the report, its confidence lowered with the reason.
// Validated with zod like the other variables: a bad value names the variable, value and rule.
import { z } from 'zod';
import { envVariable, integerIn, parseEnv } from './env-variables.js';

export const STALE_VARIABLE = 'STALE_AFTER_TRADING_DAYS';
/** About a calendar week of sessions. */
export const DEFAULT_STALE_AFTER_TRADING_DAYS = 5;
/** A year of sessions: beyond it the check would say nothing. */
export const MAX_STALE_AFTER_TRADING_DAYS = 260;
export const STALE_RULE = `must be an integer from 1 to ${MAX_STALE_AFTER_TRADING_DAYS} (trading days: weekdays; holidays are not known and count as trading days)`;

const envSchema = z.object({
  [STALE_VARIABLE]: envVariable(STALE_VARIABLE, DEFAULT_STALE_AFTER_TRADING_DAYS, STALE_RULE, integerIn(1, MAX_STALE_AFTER_TRADING_DAYS)),
});

/** Throws InvalidConfigurationError naming the variable, its value and the rule. */
export function staleAfterTradingDays(env: Record<string, string | undefined>): number {
  return parseEnv(envSchema, [STALE_VARIABLE], env)[STALE_VARIABLE];
}
