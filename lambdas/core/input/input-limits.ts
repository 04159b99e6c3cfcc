// How large an input a run accepts: at most MAX_HOLDINGS holdings and MAX_PORTFOLIO_BYTES bytes
// of portfolio (a file in S3, or the inline execution input). A larger input fails at once with
// InvalidInput naming the limit and the value, instead of running into a Lambda's memory or
// 15-minute limit half-way through a run. Validated with zod like config.ts.
import { z } from 'zod';
import { envVariable, integerIn, parseEnv } from '../config/env-variables.js';
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
  maxHoldings: 10_000,
  maxPortfolioBytes: 5 * 1024 * 1024,
});

/** Beyond these a single Prefetch could not hold the run anyway (memory, the 15-minute cap). */
export const MAX_HOLDINGS_CEILING = 100_000;
export const MAX_PORTFOLIO_BYTES_CEILING = 100 * 1024 * 1024;

const envSchema = z.object({
  MAX_HOLDINGS: envVariable(
    'MAX_HOLDINGS',
    INPUT_LIMIT_DEFAULTS.maxHoldings,
    `must be an integer from 1 to ${MAX_HOLDINGS_CEILING}`,
    integerIn(1, MAX_HOLDINGS_CEILING),
  ),
  MAX_PORTFOLIO_BYTES: envVariable(
    'MAX_PORTFOLIO_BYTES',
    INPUT_LIMIT_DEFAULTS.maxPortfolioBytes,
    `must be an integer from 1024 to ${MAX_PORTFOLIO_BYTES_CEILING} (bytes)`,
    integerIn(1024, MAX_PORTFOLIO_BYTES_CEILING),
  ),
});

/** The limits from an environment-like record; throws InvalidConfigurationError on a bad value. */
export function inputLimits(env: Record<string, string | undefined>): InputLimits {
  const vars = parseEnv(envSchema, Object.values(INPUT_LIMIT_VARIABLES), env);
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
