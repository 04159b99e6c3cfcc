// Ctrl-C (SIGINT) and SIGTERM during `finwiz run`: the first one stops the run (no state starts
// after it, the servers close, the store's lock is released); a second one ends at once.
import type { RunProgressEvent } from '../local/run-progress.js';
import { EXIT_SIGINT, EXIT_SIGTERM } from './exit-codes.js';

export interface RunInterruption {
  signal: AbortSignal;
  /** The signal received, if any. */
  received(): 'SIGINT' | 'SIGTERM' | null;
  exitCode(): number;
  /** Counts the tickers done, for the message. */
  onProgress(event: RunProgressEvent): void;
  counts(): { total: number | null; prefetched: number; analysed: number };
  dispose(): void;
}

export function watchInterruption(): RunInterruption {
  const controller = new AbortController();
  let received: 'SIGINT' | 'SIGTERM' | null = null;
  let total: number | null = null;
  let prefetched = 0;
  let analysed = 0;
  const on = (signal: 'SIGINT' | 'SIGTERM') => () => {
    if (received) process.exit(signal === 'SIGINT' ? EXIT_SIGINT : EXIT_SIGTERM);
    received = signal;
    controller.abort(new Error(`${signal} received`));
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    received: () => received,
    exitCode: () => (received === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT),
    onProgress(event) {
      if (event.type === 'prefetch-started') {
        total = event.total;
        prefetched += event.cached;
      }
      else if (event.type === 'manifest-read') total ??= event.total;
      else if (event.type === 'prefetch-ticker') prefetched++;
      else if (event.type === 'analysis-ticker') analysed++;
      else if (event.type === 'prefetch-finished') prefetched = Math.max(prefetched, event.totalTickers);
    },
    counts: () => ({ total, prefetched: total === null ? prefetched : Math.min(total, prefetched), analysed }),
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
