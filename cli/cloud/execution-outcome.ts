// How a followed execution ended, in the CLI's terms: the run outcome of a success, or the one
// sentence (and exit code) of a failure, a timeout or an abort.
import { z } from 'zod';
import { runOutcomeSchema, type RunOutcome } from '../../lambdas/core/contracts.js';
import { CliError, EXIT_FAILURE, EXIT_INVALID, INVALID_ERROR_NAMES } from '../exit-codes.js';
import type { ExecutionDescription } from './execution-watch.js';

/** The one sentence for an execution that did not succeed. */
export function executionEnded(sessionId: string, execution: ExecutionDescription): CliError {
  const cause = readableCause(execution.cause);
  const details = [execution.error, cause].filter(Boolean).join(': ');
  switch (execution.status) {
    case 'FAILED':
      if (execution.error && INVALID_ERROR_NAMES.has(execution.error)) return new CliError(`Run ${sessionId} failed: ${details}`, EXIT_INVALID);
      return new CliError(`Run ${sessionId} failed with ${details || 'no error recorded'}.`, EXIT_FAILURE);
    case 'TIMED_OUT':
      return new CliError(`Run ${sessionId} timed out: it ran past the state machine's time limit${details ? ` (${details})` : ''}.`, EXIT_FAILURE);
    case 'ABORTED':
      return new CliError(`Run ${sessionId} was aborted: someone stopped the execution${details ? ` (${details})` : ''}.`, EXIT_FAILURE);
    default:
      return new CliError(`Run ${sessionId} ended with status ${execution.status}${details ? `: ${details}` : ''}.`, EXIT_FAILURE);
  }
}

/** What Consolidate returned, the execution's output; a stack of another version may return something else. */
export function runOutcome(sessionId: string, output: string | undefined): RunOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output ?? 'null');
  } catch {
    parsed = undefined;
  }
  const outcome = runOutcomeSchema.safeParse(parsed);
  if (outcome.success) return outcome.data;
  throw new CliError(
    `Run ${sessionId} succeeded, but its output is not the run outcome this CLI knows: is the stack up to date (\`npx cdk deploy\`)? \`finwiz show ${sessionId}\` may still read it.`,
    EXIT_FAILURE,
  );
}

/** A Lambda's cause is its error as JSON; the message inside is what a person needs. */
function readableCause(cause: string | undefined): string | undefined {
  if (!cause) return undefined;
  try {
    const parsed = z.object({ errorMessage: z.string() }).safeParse(JSON.parse(cause));
    if (parsed.success) return parsed.data.errorMessage;
  } catch {
    // not JSON: the cause as written
  }
  return cause;
}
