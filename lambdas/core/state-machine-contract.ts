// The state machine's contract, declared once and imported by the stack (lib/), the local engine
// (local/), the CLI (cli/) and the handlers: the handlers' names, the error names Step Functions
// catches, the failure rate above which a run falls back, and the bucket's key prefixes and
// formats. Keys per run are in run-keys.ts; this file turns them into the definition's formats.
import { HIGH_FAILURE_RATE_THRESHOLD } from './mode/fallback-decision.js';
import { ERROR_NAMES } from './errors.js';
import { runKeys } from './run-keys.js';

/** The Lambda handlers, one folder each under lambdas/ (kebab case of the name). */
export const HANDLER_NAMES = ['prefetch', 'crew', 'consolidate', 'enrich', 'prefetchChunk', 'prefetchSummary'] as const;
export type HandlerName = (typeof HANDLER_NAMES)[number];

/** The folder of a handler under lambdas/ (prefetchChunk -> prefetch-chunk). */
export const handlerFolder = (name: HandlerName): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export { ERROR_NAMES } from './errors.js';

/** Errors thrown by the Prefetch Lambda that fail the execution at once (no fallback). */
export const PREFETCH_FATAL_ERRORS = ERROR_NAMES;

/** Above this prefetch failure rate the run falls back to the sequential analysis. */
export const MAX_PREFETCH_FAILURE_RATE = HIGH_FAILURE_RATE_THRESHOLD;

export { CACHE_PREFIX, PORTFOLIOS_PREFIX, RUNS_PREFIX } from './run-keys.js';

/** A run key as a States.Format over `$.sessionId`: the session id becomes `{}`. */
const format = (key: (keys: ReturnType<typeof runKeys>) => string): string => key(runKeys('{}'));

/** Key of the manifest of a run, as a States.Format over `$.sessionId`. */
export const MANIFEST_KEY_FORMAT = format((keys) => keys.manifest);
/** Key of the prefetch chunk list (universe scale), as a States.Format over `$.sessionId`. */
export const PREFETCH_CHUNK_LIST_KEY_FORMAT = format((keys) => keys.prefetchChunkList);
