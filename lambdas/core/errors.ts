// The errors the core throws on purpose, all on one base that keeps the `cause`. Step Functions catches a Node Lambda's error by
// its `name` (the `errorType` of the invocation result), so the names are part of the
// contract of the state machine: `InvalidInput` fails the execution at once, with no retry
// and no fallback; `InvalidConfiguration` is a startup error of a handler.

/**
 * Errors Step Functions matches by name (a Node Lambda's error `name` is its `errorType`): each
 * fails the execution at once, with no retry and no fallback (state-machine-contract.ts).
 */
export const ERROR_NAMES = {
  invalidInput: 'InvalidInput',
  invalidConfiguration: 'InvalidConfiguration',
  /** Every Yahoo request failed with a network error: a sequential fallback could not do better. */
  sourceUnreachable: 'SourceUnreachable',
} as const;

/** How many problems a message lists before it says "and N more". */
export const MAX_LISTED_PROBLEMS = 20;

/**
 * Joins problems into one readable message: the first `max` separated by '; ', then
 * `and N more <what>` when there are more.
 */
export function joinProblems(problems: readonly string[], max = MAX_LISTED_PROBLEMS, what = 'problems'): string {
  const listed = problems.slice(0, max);
  const rest = problems.length - listed.length;
  return rest > 0 ? [...listed, `and ${rest} more ${what}`].join('; ') : listed.join('; ');
}

/**
 * The base of every FinWiz error: a stable `name` (Step Functions matches it) and the
 * underlying error as `cause`, so a log or a report can say what lay beneath.
 */
export abstract class FinwizError extends Error {
  abstract override readonly name: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The message of anything thrown: an Error's message, or the value as text. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** The execution input or a portfolio file is wrong; the message names the field/row. */
export class InvalidInputError extends FinwizError {
  override readonly name = ERROR_NAMES.invalidInput;
  /** Every problem found, each a self-contained sentence (the message may list only the first 20). */
  readonly problems: readonly string[];

  constructor(message: string, problems?: readonly string[]) {
    super(message);
    this.problems = problems ?? [message];
  }

  /** One error for many problems, listing up to MAX_LISTED_PROBLEMS of them. */
  static fromProblems(problems: readonly string[], what = 'problems'): InvalidInputError {
    return new InvalidInputError(joinProblems(problems, MAX_LISTED_PROBLEMS, what), problems);
  }
}

/** An environment variable has a bad value; the message names the variable, value and rule. */
export class InvalidConfigurationError extends FinwizError {
  override readonly name = ERROR_NAMES.invalidConfiguration;
  readonly problems: readonly string[];

  constructor(message: string, problems?: readonly string[]) {
    super(message);
    this.problems = problems ?? [message];
  }
}

/** Every request to the market-data source failed with a network error: nothing to analyse. */
export class SourceUnreachableError extends FinwizError {
  override readonly name = ERROR_NAMES.sourceUnreachable;
}
