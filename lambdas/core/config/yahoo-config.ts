// How hard the prefetch may press Yahoo: tickers in flight, requests per second, retries and
// time limits. Validated with zod like config.ts: a bad value is an InvalidConfigurationError
// naming the variable, the value and the rule; an unset or blank variable takes its default.
import { z } from 'zod';
import { envVariable, integerIn, parseEnv } from './env-variables.js';

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

export const DEFAULT_YAHOO_CONCURRENCY = 8;

export const YAHOO_DEFAULTS: Readonly<YahooSourceConfig> = Object.freeze({
  concurrency: DEFAULT_YAHOO_CONCURRENCY,
  // Yahoo's unofficial guide: about 600 requests per minute.
  requestsPerSecond: 10,
  maxRetries: 4,
  requestTimeoutMs: 10_000,
  tickerDeadlineMs: 60_000,
});

/** Below the Lambda's 15-minute cap, with room for the rest of the invocation. */
export const MAX_TICKER_DEADLINE_MS = 840_000;

export const YAHOO_RULES: Readonly<Record<YahooVariable, string>> = Object.freeze({
  YAHOO_CONCURRENCY: 'must be an integer from 1 to 64',
  YAHOO_REQUESTS_PER_SECOND: 'must be a positive number up to 100 (requests per second, e.g. 10 or 0.5)',
  YAHOO_MAX_RETRIES: 'must be an integer from 0 to 10',
  YAHOO_REQUEST_TIMEOUT_MS: 'must be an integer from 1000 to 60000 (milliseconds)',
  YAHOO_TICKER_DEADLINE_MS: `must be an integer from 1000 to ${MAX_TICKER_DEADLINE_MS} (milliseconds), at least YAHOO_REQUEST_TIMEOUT_MS`,
});

const variable = (name: YahooVariable, fallback: number, parse: (raw: string) => number | undefined) =>
  envVariable(name, fallback, YAHOO_RULES[name], parse);

/** A plain decimal ("10", "0.5", "2.25"); no sign, exponent, hex or trailing text. */
const positiveUpTo = (max: number) => (raw: string) => {
  const text = raw.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  const value = Number(text);
  return value > 0 && value <= max ? value : undefined;
};

const envSchema = z
  .object({
    YAHOO_CONCURRENCY: variable('YAHOO_CONCURRENCY', YAHOO_DEFAULTS.concurrency, integerIn(1, 64)),
    YAHOO_REQUESTS_PER_SECOND: variable('YAHOO_REQUESTS_PER_SECOND', YAHOO_DEFAULTS.requestsPerSecond, positiveUpTo(100)),
    YAHOO_MAX_RETRIES: variable('YAHOO_MAX_RETRIES', YAHOO_DEFAULTS.maxRetries, integerIn(0, 10)),
    YAHOO_REQUEST_TIMEOUT_MS: variable('YAHOO_REQUEST_TIMEOUT_MS', YAHOO_DEFAULTS.requestTimeoutMs, integerIn(1000, 60_000)),
    YAHOO_TICKER_DEADLINE_MS: variable(
      'YAHOO_TICKER_DEADLINE_MS',
      YAHOO_DEFAULTS.tickerDeadlineMs,
      integerIn(1000, MAX_TICKER_DEADLINE_MS),
    ),
  })
  .superRefine((vars, ctx) => {
    // A deadline shorter than one attempt's timeout could never let a retry start.
    if (vars.YAHOO_TICKER_DEADLINE_MS < vars.YAHOO_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['YAHOO_TICKER_DEADLINE_MS'],
        message: `YAHOO_TICKER_DEADLINE_MS=${JSON.stringify(String(vars.YAHOO_TICKER_DEADLINE_MS))} is invalid: ${YAHOO_RULES.YAHOO_TICKER_DEADLINE_MS} (${vars.YAHOO_REQUEST_TIMEOUT_MS})`,
      });
    }
  });

/**
 * The Yahoo source's configuration from an environment-like record (usually `process.env`).
 * Throws InvalidConfigurationError naming every bad variable, its value and its rule.
 */
export function yahooSourceConfig(env: Record<string, string | undefined>): YahooSourceConfig {
  const vars = parseEnv(envSchema, Object.values(YAHOO_VARIABLES), env);
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
export function yahooConcurrency(env: Record<string, string | undefined>): number {
  return yahooSourceConfig(env).concurrency;
}
