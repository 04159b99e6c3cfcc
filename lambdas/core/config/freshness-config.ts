// STALE_AFTER_TRADING_DAYS: a ticker whose newest daily bar is older than this many trading days
// is stale: flagged in its result and the report, its confidence lowered with the reason.
import { loadSettings, type Environment } from './load-settings.js';
import { SETTINGS } from './settings-registry.js';

export { MAX_STALE_AFTER_TRADING_DAYS } from './settings-registry.js';
export const STALE_VARIABLE = SETTINGS.STALE_AFTER_TRADING_DAYS.name;
export const DEFAULT_STALE_AFTER_TRADING_DAYS = SETTINGS.STALE_AFTER_TRADING_DAYS.defaultValue;
export const STALE_RULE = SETTINGS.STALE_AFTER_TRADING_DAYS.rule;

/** Throws InvalidConfigurationError naming the variable, its value and the rule. */
export const staleAfterTradingDays = (env: Environment): number => loadSettings(env).STALE_AFTER_TRADING_DAYS;
