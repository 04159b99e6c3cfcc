// Where a local run's time went: the prefetch (every prefetch handler, chunked or not), the
// analysis (from the end of the prefetch to the start of Consolidate: the crews, or the fallback),
// the consolidation, and the setup around them (local services, definition, copying the outputs).
import type { HandlerName } from './local-definition.js';

export interface RunPhases {
  wall_s: number;
  setup_s: number;
  prefetch_s: number;
  analysis_s: number;
  consolidate_s: number;
}

type Handler = (event: unknown) => Promise<unknown>;
type Phase = 'prefetch' | 'consolidate';
interface Span {
  start: number;
  end: number;
}

const PHASE_OF: Partial<Record<HandlerName, Phase>> = {
  prefetch: 'prefetch',
  prefetchChunk: 'prefetch',
  prefetchSummary: 'prefetch',
  consolidate: 'consolidate',
};

const seconds = (ms: number) => Math.round(ms) / 1000;

/** Times the handlers it wraps; `phases()` at the end of the run. */
export function phaseClock(now: () => number = () => performance.now()) {
  const started = now();
  const spans: Partial<Record<Phase, Span>> = {};
  return {
    wrap(name: HandlerName, handler: Handler): Handler {
      const phase = PHASE_OF[name];
      if (!phase) return handler;
      return async (event) => {
        const start = now();
        try {
          return await handler(event);
        } finally {
          const span = spans[phase];
          const end = now();
          spans[phase] = span ? { start: Math.min(span.start, start), end: Math.max(span.end, end) } : { start, end };
        }
      };
    },
    /** Null when the run did not reach both Prefetch and Consolidate. */
    phases(): RunPhases | null {
      const { prefetch, consolidate } = spans;
      if (!prefetch || !consolidate) return null;
      const wall = now() - started;
      return {
        wall_s: seconds(wall),
        setup_s: seconds(wall - (consolidate.end - prefetch.start)),
        prefetch_s: seconds(prefetch.end - prefetch.start),
        analysis_s: seconds(Math.max(0, consolidate.start - prefetch.end)),
        consolidate_s: seconds(consolidate.end - consolidate.start),
      };
    },
  };
}
