// Exit codes other tools rely on: 0 the run completed (failed tickers included),
// 2 invalid input or configuration, 1 anything else.
import { ERROR_NAMES } from '../lambdas/core/state-machine-contract.js';
import { FinwizError } from '../lambdas/core/errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID = 2;
/** Stopped by a signal: 128 + its number, as a shell reports it. */
export const EXIT_SIGINT = 130;
export const EXIT_SIGTERM = 143;

/** Errors a user fixes by changing the input or the configuration. */
export const INVALID_ERROR_NAMES: ReadonlySet<string> = new Set([ERROR_NAMES.invalidInput, ERROR_NAMES.invalidConfiguration]);

/** An error that the CLI reports as one sentence with its exit code. */
export class CliError extends FinwizError {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
