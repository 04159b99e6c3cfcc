// Runs the synthesized definition in the local engine (aws-local-stepfunctions) up to Prefetch:
// the Prefetch state is given to `prefetch` (a recorder, or the real handler), and the execution
// stops there. What the state machine does before Prefetch is then visible on its own.
import '../../local/polyfills.js';
import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import { STATE_NAMES } from '../../lib/analysis-state-machine.js';
import { definitionOf, synth } from './support.js';

export const EXECUTION_NAME = 'b5a1e0c2-console-run';

// Caught by Prefetch's InvalidConfiguration catch, which fails the execution at once (any other
// error name would go on to the sequential fallback).
const STOP = 'stop at Prefetch (test)';
class StopAtPrefetch extends Error {
  override name = 'InvalidConfiguration';
}

export interface UntilPrefetch {
  /** The event Prefetch was given, when it was reached. */
  event?: any;
  /** How the execution failed: the error name and cause, as Step Functions reports them. */
  error?: { name: string; cause: string };
}

/** Runs until Prefetch. With `prefetch`, that handler runs first (and may throw, as the real one does). */
export async function untilPrefetch(
  input: unknown,
  prefetch?: (event: unknown) => Promise<unknown>,
): Promise<UntilPrefetch> {
  let event: unknown;
  const asl = definitionOf(synth());
  const machine = new StateMachine(structuredClone(asl) as never, { validationOptions: { checkArn: false, checkPaths: false } });
  const execution = machine.run(input as never, {
    overrides: {
      taskResourceLocalHandlers: {
        [STATE_NAMES.prefetch]: async (e: unknown) => {
          event = e;
          if (prefetch) await prefetch(e);
          throw new StopAtPrefetch(STOP);
        },
      } as never,
    },
    context: { Execution: { Id: `local:${EXECUTION_NAME}`, Name: EXECUTION_NAME, Input: input } } as never,
  });
  try {
    await execution.result;
  } catch (error) {
    if (!(error instanceof ExecutionError)) throw error;
    const cause = error.cause as { name?: string; message?: string };
    if (cause?.message === STOP) return { event };
    return { event, error: { name: String(cause?.name), cause: String(cause?.message) } };
  }
  throw new Error('the execution did not stop at Prefetch');
}
