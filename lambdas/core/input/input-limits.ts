// How large an input a run accepts: at most MAX_HOLDINGS holdings and MAX_PORTFOLIO_BYTES bytes
// of portfolio (a file in S3, or the inline execution input). A larger input fails at once with
// InvalidInput naming the limit and the value, instead of running into a Lambda's memory or
// 15-minute limit half-way through a run. Validated with zod like config.ts.
import { loadSettings, type Environment } from '../config/load-settings.js';
import { SETTINGS } from '../config/settings-registry.js';
import { InvalidInputError } from '../errors.js';

export interface InputLimits {
  /** The most holdings a portfolio may have, after merging duplicates (MAX_HOLDINGS). */
  maxHoldings: number;
  /** The most bytes of a portfolio file or of the inline execution input (MAX_PORTFOLIO_BYTES). */
  maxPortfolioBytes: number;
}

export const INPUT_LIMIT_VARIABLES = {
  maxHoldings: 'MAX_HOLDINGS',
  maxPortfolioBytes: 'MAX_PORTFOLIO_BYTES',
} as const satisfies Record<keyof InputLimits, string>;

export const INPUT_LIMIT_DEFAULTS: Readonly<InputLimits> = Object.freeze({
  maxHoldings: SETTINGS.MAX_HOLDINGS.defaultValue,
  maxPortfolioBytes: SETTINGS.MAX_PORTFOLIO_BYTES.defaultValue,
});

/** Beyond these a single Prefetch could not hold the run anyway (memory, the 15-minute cap). */
export { MAX_HOLDINGS_CEILING, MAX_PORTFOLIO_BYTES_CEILING } from '../config/settings-registry.js';

/** The limits from an environment-like record; throws InvalidConfigurationError on a bad value. */
export function inputLimits(env: Environment): InputLimits {
  const vars = loadSettings(env);
  return { maxHoldings: vars.MAX_HOLDINGS, maxPortfolioBytes: vars.MAX_PORTFOLIO_BYTES };
}

/** Throws InvalidInput when `bytes` of `what` exceed the limit. */
export function checkPortfolioBytes(what: string, bytes: number, limits: InputLimits): void {
  if (bytes > limits.maxPortfolioBytes) {
    throw new InvalidInputError(
      `${what} is ${bytes} bytes, more than MAX_PORTFOLIO_BYTES=${limits.maxPortfolioBytes}`,
    );
  }
}

/** The size of the inline execution input as JSON (what Step Functions counts, too). */
export const inlineInputBytes = (input: unknown): number => new TextEncoder().encode(JSON.stringify(input) ?? '').length;
