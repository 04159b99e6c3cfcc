// The local store's problems as the CLI says them: one sentence naming the store, exit 1.
import { DamagedStore, TableInUse } from '../local/store-check.js';
import type { LockHolder } from '../local/store-lock.js';
import { SnapshotUnavailable } from '../local/store-snapshot.js';
import { CliError, EXIT_FAILURE } from './exit-codes.js';

export const holderText = (holder: LockHolder | null): string =>
  holder === null ? 'an unknown run (its lock file is unreadable)' : `run ${holder.sessionId} (pid ${holder.pid} on ${holder.host}) since ${holder.since}`;

export function storeInUseError(storeDir: string, holder: LockHolder | null): CliError {
  return new CliError(`The local store ${storeDir} is in use by ${holderText(holder)}; run without --no-wait to wait for it.`, EXIT_FAILURE);
}

/** The store error as a CliError, or the error unchanged. */
export function storeError(storeDir: string, error: unknown): unknown {
  if (error instanceof DamagedStore) {
    return new CliError(
      `The local store is damaged: ${error.path} ${error.problem}; move ${error.path} aside (or delete it) to start that part afresh, or point --store at another directory. Nothing in the store was changed.`,
      EXIT_FAILURE,
      { cause: error },
    );
  }
  if (error instanceof TableInUse) {
    return new CliError(`The local store ${storeDir} has its table open in another process: try again once it has finished.`, EXIT_FAILURE, { cause: error });
  }
  if (error instanceof SnapshotUnavailable) {
    return new CliError(`Cannot read the local store ${storeDir} while its run writes to it (${error.message}): try again in a moment.`, EXIT_FAILURE, { cause: error });
  }
  return error;
}
