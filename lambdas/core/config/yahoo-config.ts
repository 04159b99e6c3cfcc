// How hard the prefetch may press Yahoo: tickers in flight, requests per second, retries and
// time limits. A view over the registry (settings-registry.ts): a bad value is an
// InvalidConfigurationError naming the variable, the value and the rule.
import { loadSettings, type Environment } from './load-settings.js';
import { MAX_TICKER_DEADLINE_MS, SETTINGS } from './settings-registry.js';

export interface YahooSourceConfig {
  /** Tickers fetched at once (YAHOO_CONCURRENCY). */
  concurrency: number;
  /** Requests per second to Yahoo, for the whole process (YAHOO_REQUESTS_PER_SECOND). */
  requestsPerSecond: number;
  /** Retries of one request after a 429, a 5xx, a network error or a timeout (YAHOO_MAX_RETRIES). */
  maxRetries: number;
  /** Timeout of every single attempt, ms (YAHOO_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** No retry of a request starts (nor runs) later than this after the request was made, ms
   * (YAHOO_TICKER_DEADLINE_MS). Per request: a ticker's quoteSummary and chart run side by side. */
  tickerDeadlineMs: number;
}

export const YAHOO_VARIABLES = {
  concurrency: 'YAHOO_CONCURRENCY',
  requestsPerSecond: 'YAHOO_REQUESTS_PER_SECOND',
  maxRetries: 'YAHOO_MAX_RETRIES',
  requestTimeoutMs: 'YAHOO_REQUEST_TIMEOUT_MS',
  tickerDeadlineMs: 'YAHOO_TICKER_DEADLINE_MS',
} as const satisfies Record<keyof YahooSourceConfig, string>;

export type YahooVariable = (typeof YAHOO_VARIABLES)[keyof YahooSourceConfig];

export const YAHOO_DEFAULTS: Readonly<YahooSourceConfig> = Object.freeze({
  concurrency: SETTINGS.YAHOO_CONCURRENCY.defaultValue,
  requestsPerSecond: SETTINGS.YAHOO_REQUESTS_PER_SECOND.defaultValue,
  maxRetries: SETTINGS.YAHOO_MAX_RETRIES.defaultValue,
  requestTimeoutMs: SETTINGS.YAHOO_REQUEST_TIMEOUT_MS.defaultValue,
  tickerDeadlineMs: SETTINGS.YAHOO_TICKER_DEADLINE_MS.defaultValue,
});

export const DEFAULT_YAHOO_CONCURRENCY = YAHOO_DEFAULTS.concurrency;

/** Below the Lambda's 15-minute cap, with room for the rest of the invocation. */
export { MAX_TICKER_DEADLINE_MS };

export const YAHOO_RULES: Readonly<Record<YahooVariable, string>> = Object.freeze(
  Object.fromEntries(Object.values(YAHOO_VARIABLES).map((name) => [name, SETTINGS[name].rule])) as Record<YahooVariable, string>,
);

/**
 * The Yahoo source's configuration from an environment-like record (usually `process.env`).
 * Throws InvalidConfigurationError naming every bad variable, its value and its rule.
 */
export function yahooSourceConfig(env: Environment): YahooSourceConfig {
  const vars = loadSettings(env);
  return {
    concurrency: vars.YAHOO_CONCURRENCY,
    requestsPerSecond: vars.YAHOO_REQUESTS_PER_SECOND,
    maxRetries: vars.YAHOO_MAX_RETRIES,
    requestTimeoutMs: vars.YAHOO_REQUEST_TIMEOUT_MS,
    tickerDeadlineMs: vars.YAHOO_TICKER_DEADLINE_MS,
  };
}

/** The resolved configuration under the variables' names, to log once per run. */
export function describeYahooSourceConfig(config: YahooSourceConfig): Record<YahooVariable, number> {
  return {
    YAHOO_CONCURRENCY: config.concurrency,
    YAHOO_REQUESTS_PER_SECOND: config.requestsPerSecond,
    YAHOO_MAX_RETRIES: config.maxRetries,
    YAHOO_REQUEST_TIMEOUT_MS: config.requestTimeoutMs,
    YAHOO_TICKER_DEADLINE_MS: config.tickerDeadlineMs,
  };
}

/**
 * Tickers fetched at once (YAHOO_CONCURRENCY). Validates every Yahoo variable, so a caller
 * that checks the configuration at start-up with it hears about any of them.
 */
export function yahooConcurrency(env: Environment): number {
  return yahooSourceConfig(env).concurrency;
}
