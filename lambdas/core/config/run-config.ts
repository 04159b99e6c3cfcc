// The run's configuration: DESIGN.md's five variables, a view over the registry
// (settings-registry.ts). A bad value of any variable is an InvalidConfigurationError that
// names the variable, the value and the rule; an unset or empty variable takes its default.
import { loadSettings, type Environment } from './load-settings.js';
import { SETTINGS } from './settings-registry.js';

export interface FinwizConfig {
  batchPrefetchEnabled: boolean;
  /** Alpha Vantage calls per minute. */
  alphaVantageRateLimit: number;
  /** Fewer holdings than this run sequentially. */
  batchPrefetchMinHoldings: number;
  /** Deep-analysis concurrency, or `auto` to size it by the portfolio (see batch-size.ts). */
  deepAnalysisBatchSize: number | 'auto';
  enableAlphaVantage: boolean;
}

/** The environment variables, by config field. */
export const CONFIG_VARIABLES = {
  batchPrefetchEnabled: 'BATCH_PREFETCH_ENABLED',
  alphaVantageRateLimit: 'ALPHA_VANTAGE_RATE_LIMIT',
  batchPrefetchMinHoldings: 'BATCH_PREFETCH_MIN_HOLDINGS',
  deepAnalysisBatchSize: 'DEEP_ANALYSIS_BATCH_SIZE',
  enableAlphaVantage: 'ENABLE_ALPHA_VANTAGE',
} as const satisfies Record<keyof FinwizConfig, string>;

export type ConfigVariable = (typeof CONFIG_VARIABLES)[keyof FinwizConfig];

export const CONFIG_DEFAULTS: Readonly<FinwizConfig> = Object.freeze({
  batchPrefetchEnabled: SETTINGS.BATCH_PREFETCH_ENABLED.defaultValue,
  alphaVantageRateLimit: SETTINGS.ALPHA_VANTAGE_RATE_LIMIT.defaultValue,
  batchPrefetchMinHoldings: SETTINGS.BATCH_PREFETCH_MIN_HOLDINGS.defaultValue,
  deepAnalysisBatchSize: SETTINGS.DEEP_ANALYSIS_BATCH_SIZE.defaultValue,
  enableAlphaVantage: SETTINGS.ENABLE_ALPHA_VANTAGE.defaultValue,
});

/** The rule of each variable, as it appears in error messages. */
export const CONFIG_RULES: Readonly<Record<ConfigVariable, string>> = Object.freeze(
  Object.fromEntries(Object.values(CONFIG_VARIABLES).map((name) => [name, SETTINGS[name].rule])) as Record<ConfigVariable, string>,
);

export { parseBooleanWord, parseWholeNumber } from './setting.js';

/**
 * Parses the configuration from an environment-like record (usually `process.env`).
 * Throws InvalidConfigurationError naming every bad variable, its value and its rule.
 */
export function parseConfig(env: Environment): FinwizConfig {
  const vars = loadSettings(env);
  return {
    batchPrefetchEnabled: vars.BATCH_PREFETCH_ENABLED,
    alphaVantageRateLimit: vars.ALPHA_VANTAGE_RATE_LIMIT,
    batchPrefetchMinHoldings: vars.BATCH_PREFETCH_MIN_HOLDINGS,
    deepAnalysisBatchSize: vars.DEEP_ANALYSIS_BATCH_SIZE,
    enableAlphaVantage: vars.ENABLE_ALPHA_VANTAGE,
  };
}

/** The resolved configuration under the variables' names, to log once per run. */
export function describeConfig(config: FinwizConfig): Record<ConfigVariable, boolean | number | string> {
  return {
    BATCH_PREFETCH_ENABLED: config.batchPrefetchEnabled,
    ALPHA_VANTAGE_RATE_LIMIT: config.alphaVantageRateLimit,
    BATCH_PREFETCH_MIN_HOLDINGS: config.batchPrefetchMinHoldings,
    DEEP_ANALYSIS_BATCH_SIZE: config.deepAnalysisBatchSize,
    ENABLE_ALPHA_VANTAGE: config.enableAlphaVantage,
  };
}
