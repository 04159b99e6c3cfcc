// What a local run tells its caller while it goes: the Prefetch's per-ticker outcomes (from the
// handler's diagnostics channel) and each Crew's outcome (from wrapping the Crew handler, whose
// event says the ticker's place in the Map). Lambda code is untouched by any of it.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { RUN_PROGRESS_CHANNEL, type PrefetchProgress } from '../lambdas/adapters/run-progress.js';
import { crewEventSchema, prefetchSummarySchema } from '../lambdas/core/contracts.js';
import type { HandlerName } from './local-definition.js';

export type RunProgressEvent =
  | { type: 'prefetch-started'; total: number; cached: number }
  | { type: 'prefetch-ticker'; ticker: string; ok: boolean; reason: string | null }
  /** Prefetch returned: the mode the analysis runs in, and its size. */
  | { type: 'prefetch-finished'; mode: 'batch' | 'sequential'; fallbackReason: string | null; totalTickers: number; batchSize: number; totalBatches: number }
  /** One Crew finished; `index` is the ticker's place in the portfolio (0-based). */
  | { type: 'analysis-ticker'; ticker: string; ok: boolean; index: number; totalTickers: number; batchSize: number }
  /** A Map is about to start over the run's manifest of `total` holdings (sizes the bar after a Prefetch crash). */
  | { type: 'manifest-read'; total: number }
  | { type: 'consolidate-started' };

export type RunProgressListener = (event: RunProgressEvent) => void;
type Handler = (event: unknown) => Promise<unknown>;

export interface RunObserver {
  /** The handler, reporting its outcome to the listener; the handler's own result is unchanged. */
  wrap(name: HandlerName, handler: Handler): Handler;
  dispose(): void;
}

export function observeRun(listener: RunProgressListener): RunObserver {
  // A listener that throws must not break the run it watches.
  const emit = (event: RunProgressEvent) => {
    try {
      listener(event);
    } catch {
      // ignored on purpose
    }
  };
  const onMessage = (message: unknown) => {
    const event = message as PrefetchProgress;
    if (event.kind === 'prefetch-planned') emit({ type: 'prefetch-started', total: event.total, cached: event.cached });
    else if (event.kind === 'prefetch-ticker') emit({ type: 'prefetch-ticker', ticker: event.ticker, ok: event.ok, reason: event.reason });
  };
  subscribe(RUN_PROGRESS_CHANNEL, onMessage);
  return {
    wrap(name, handler) {
      if (name === 'prefetch') {
        return async (event) => {
          const result = await handler(event);
          const summary = prefetchSummarySchema.safeParse(result);
          if (summary.success) {
            const { mode, fallbackReason, totalTickers, batchSize, totalBatches } = summary.data;
            emit({ type: 'prefetch-finished', mode, fallbackReason, totalTickers, batchSize, totalBatches });
          }
          return result;
        };
      }
      if (name === 'crew') {
        return async (event) => {
          const result = await handler(event);
          const crew = crewEventSchema.safeParse(event);
          const status = (result as { status?: unknown } | null)?.status;
          if (crew.success) {
            const { holding, totalTickers, batchSize } = crew.data;
            emit({ type: 'analysis-ticker', ticker: holding.ticker, ok: status === 'ok', index: holding.index, totalTickers, batchSize });
          }
          return result;
        };
      }
      if (name === 'read-manifest') {
        return async (event) => {
          const result = await handler(event);
          if (Array.isArray(result)) emit({ type: 'manifest-read', total: result.length });
          return result;
        };
      }
      if (name === 'consolidate') {
        return async (event) => {
          emit({ type: 'consolidate-started' });
          return handler(event);
        };
      }
      return handler;
    },
    dispose: () => unsubscribe(RUN_PROGRESS_CHANNEL, onMessage),
  };
}
