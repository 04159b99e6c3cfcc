// Taking the local store for a run (or a prune): wait for a run that holds it, saying once
// who and since when; or, with --no-wait, refuse. A lock whose run is gone is taken over.
import { mkdir } from 'node:fs/promises';
import { checkStore, TableInUse } from '../local/store-check.js';
import { readInterrupted } from '../local/interrupted-run.js';
import { acquireStoreLock, StoreInUse, type StoreLock } from '../local/store-lock.js';
import { CliError, EXIT_FAILURE } from './exit-codes.js';
import { holderText, storeError, storeInUseError } from './store-errors.js';

const TABLE_POLL_MS = 500;

export async function holdStore(storeDir: string, sessionId: string, wait: boolean, signal?: AbortSignal): Promise<StoreLock> {
  try {
    await mkdir(storeDir, { recursive: true });
  } catch (error) {
    throw new CliError(`The local store ${storeDir} cannot be a directory (${(error as Error).message}): point --store elsewhere.`, EXIT_FAILURE, { cause: error });
  }
  let lock: StoreLock;
  try {
    lock = await acquireStoreLock(storeDir, {
      sessionId,
      wait,
      signal,
      onWaiting: (holder) => process.stderr.write(`finwiz: the local store ${storeDir} is in use by ${holderText(holder)}: waiting for it to finish.\n`),
      onStale: (holder) =>
        process.stderr.write(`finwiz: warning: taking over the local store ${storeDir} from ${holderText(holder)}, which is no longer running.\n`),
    });
  } catch (error) {
    if (error instanceof StoreInUse) throw storeInUseError(storeDir, error.holder);
    throw error;
  }
  try {
    // A process that does not take the lock (a reader of an older finwiz) may still have the table open.
    for (let told = false; ; told = true) {
      try {
        await checkStore(storeDir);
        break;
      } catch (error) {
        if (!(error instanceof TableInUse)) throw error;
        if (!wait) throw storeError(storeDir, error);
        if (!told) process.stderr.write(`finwiz: the table of the local store ${storeDir} is open in another process: waiting for it.\n`);
        await new Promise((resolve) => setTimeout(resolve, TABLE_POLL_MS));
        if (signal?.aborted) throw signal.reason;
      }
    }
  } catch (error) {
    await lock.release();
    throw storeError(storeDir, error);
  }
  return lock;
}

/** A rerun of an interrupted session says what it does. */
export async function announceRerun(storeDir: string, sessionId: string): Promise<void> {
  const earlier = await readInterrupted(storeDir, sessionId);
  if (!earlier) return;
  const of = earlier.total === null ? '' : ` of ${earlier.total}`;
  process.stderr.write(
    `finwiz: run ${sessionId} was interrupted at ${earlier.at} (${earlier.prefetched}${of} tickers prefetched, ${earlier.analysed} analysed): starting it over; tickers prefetched less than PREFETCH_CACHE_TTL_MINUTES ago come from the cache.\n`,
  );
}
