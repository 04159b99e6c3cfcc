// Exit codes other tools rely on: 0 the run completed (failed tickers included),
// 2 invalid input or configuration, 1 anything else.
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID = 2;

/** Errors a user fixes by changing the input or the configuration. */
export const INVALID_ERROR_NAMES = new Set(['InvalidInput', 'InvalidConfiguration']);

/** An error that the CLI reports as one sentence with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
