// The run's configuration: five environment variables, validated with zod when a handler
// starts. A bad value is an error that names the variable, the value and the rule; it never
// falls back to the default silently. An unset or empty variable takes its default.
import { z } from 'zod';
import { envVariable, integerIn, parseEnv } from './env-variables.js';

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
  batchPrefetchEnabled: true,
  alphaVantageRateLimit: 5,
  batchPrefetchMinHoldings: 10,
  deepAnalysisBatchSize: 5,
  enableAlphaVantage: false,
});

/** The rule of each variable, as it appears in error messages. */
export const CONFIG_RULES: Readonly<Record<ConfigVariable, string>> = Object.freeze({
  BATCH_PREFETCH_ENABLED: 'must be a boolean (true/false, 1/0, yes/no, on/off)',
  ALPHA_VANTAGE_RATE_LIMIT: 'must be an integer from 1 to 100 (calls per minute)',
  BATCH_PREFETCH_MIN_HOLDINGS: 'must be an integer >= 1 (the fewest holdings that run in batch mode)',
  DEEP_ANALYSIS_BATCH_SIZE: 'must be an integer >= 1 or "auto"',
  ENABLE_ALPHA_VANTAGE: 'must be a boolean (true/false, 1/0, yes/no, on/off)',
});

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** The value of a boolean variable, or undefined when it is not one of the accepted spellings. */
export function parseBooleanWord(raw: string): boolean | undefined {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

export { parseWholeNumber } from './env-variables.js';

const variable = <T>(name: ConfigVariable, fallback: T, parse: (raw: string) => T | undefined) =>
  envVariable(name, fallback, CONFIG_RULES[name], parse);

const envSchema = z.object({
  BATCH_PREFETCH_ENABLED: variable('BATCH_PREFETCH_ENABLED', CONFIG_DEFAULTS.batchPrefetchEnabled, parseBooleanWord),
  ALPHA_VANTAGE_RATE_LIMIT: variable('ALPHA_VANTAGE_RATE_LIMIT', CONFIG_DEFAULTS.alphaVantageRateLimit, integerIn(1, 100)),
  BATCH_PREFETCH_MIN_HOLDINGS: variable(
    'BATCH_PREFETCH_MIN_HOLDINGS',
    CONFIG_DEFAULTS.batchPrefetchMinHoldings,
    integerIn(1, Number.MAX_SAFE_INTEGER),
  ),
  DEEP_ANALYSIS_BATCH_SIZE: variable<number | 'auto'>(
    'DEEP_ANALYSIS_BATCH_SIZE',
    CONFIG_DEFAULTS.deepAnalysisBatchSize,
    (raw) => (raw.trim().toLowerCase() === 'auto' ? 'auto' : integerIn(1, Number.MAX_SAFE_INTEGER)(raw)),
  ),
  ENABLE_ALPHA_VANTAGE: variable('ENABLE_ALPHA_VANTAGE', CONFIG_DEFAULTS.enableAlphaVantage, parseBooleanWord),
});

/**
 * Parses the configuration from an environment-like record (usually `process.env`).
 * Throws InvalidConfigurationError naming every bad variable, its value and its rule.
 */
export function parseConfig(env: Record<string, string | undefined>): FinwizConfig {
  const vars = parseEnv(envSchema, Object.values(CONFIG_VARIABLES), env);
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
