// Per-ticker progress of the Prefetch, published on a Node diagnostics channel. In Lambda nobody
// subscribes and a publish is a no-op; the local engine subscribes to drive the CLI's progress
// bars. The handler thus knows nothing of terminals, and the CLI nothing of the handler's loop.
import { channel } from 'node:diagnostics_channel';

export const RUN_PROGRESS_CHANNEL = 'finwiz:run-progress';

export type PrefetchProgress =
  /** Prefetch is about to fetch `total` tickers; `cached` of them were served by the cache at once. */
  | { kind: 'prefetch-planned'; total: number; cached: number }
  /** One ticker fetched: ok, or failed with the reason. */
  | { kind: 'prefetch-ticker'; ticker: string; ok: boolean; reason: string | null };

const progress = channel(RUN_PROGRESS_CHANNEL);

export function publishProgress(event: PrefetchProgress): void {
  if (progress.hasSubscribers) progress.publish(event);
}
