// The shapes that travel between the states of the state machine and the objects in S3.
// Every handler parses its event with these schemas: they are the boundary.
import { crewCrashSchema } from './analysis/crew-crash.js';
import { z } from 'zod';

/** One position of the portfolio, after parsing and merging duplicate tickers. */
export const holdingSchema = z.object({
  ticker: z.string(),
  name: z.string().optional(),
  shares: z.number().nonnegative().optional(),
  costBasis: z.number().nonnegative().optional(),
  currency: z.string().optional(),
});
export type Holding = z.infer<typeof holdingSchema>;

/** One item of `runs/<sessionId>/manifest.json` (a JSON array, read by the Map's ItemReader). */
export const manifestItemSchema = holdingSchema.extend({
  index: z.number().int().nonnegative(),
  /** Share of the portfolio's market value at prefetch time; null or absent when unknown. */
  weight: z.number().nullable().optional(),
});
export type ManifestItem = z.infer<typeof manifestItemSchema>;

export const runModeSchema = z.enum(['batch', 'sequential']);
export type RunMode = z.infer<typeof runModeSchema>;

/** Event of the Prefetch Lambda. `input` is the raw execution input, validated by Prefetch. */
export const prefetchEventSchema = z.object({
  sessionId: z.string(),
  input: z.unknown(),
  executionStartTime: z.string().optional(),
});
export type PrefetchEvent = z.infer<typeof prefetchEventSchema>;

/** What Prefetch returns: small, it becomes the whole state. */
export const prefetchSummarySchema = z.object({
  sessionId: z.string(),
  mode: runModeSchema,
  fallbackReason: z.string().nullable(),
  fallbackAt: z.string().nullable(),
  totalTickers: z.number().int().nonnegative(),
  successfulTickers: z.number().int().nonnegative(),
  failedTickers: z.number().int().nonnegative(),
  failureRate: z.number().min(0).max(1),
  batchSize: z.number().int().positive(),
  totalBatches: z.number().int().nonnegative(),
  /**
   * The Alpha Vantage enrichment stage: enabled when ENABLE_ALPHA_VANTAGE is true and a key is
   * available; `paceSeconds` (ceil(60 / ALPHA_VANTAGE_RATE_LIMIT)) is what its Wait states wait.
   */
  alphaVantage: z.object({
    enabled: z.boolean(),
    paceSeconds: z.number().int().positive(),
  }),
  /**
   * Universe scale: present when Prefetch only planned, and a Distributed Map of chunk Lambdas
   * fetches (`count` chunks, `concurrency` at once); `planSeconds` is how long the plan ran.
   */
  prefetchChunks: z
    .object({
      count: z.number().int().positive(),
      concurrency: z.number().int().positive(),
      planSeconds: z.number().nonnegative(),
    })
    .optional(),
});
export type PrefetchSummary = z.infer<typeof prefetchSummarySchema>;

export const alphaVantageFunctionSchema = z.enum(['OVERVIEW', 'EARNINGS']);

/** One item of the Alpha Vantage enrichment Map, built by its ItemSelector. */
export const enrichItemSchema = z.object({
  sessionId: z.string(),
  ticker: z.string(),
  paceSeconds: z.number().int().positive(),
});
export type EnrichItem = z.infer<typeof enrichItemSchema>;

/** Event of the Enrich Lambda: one Alpha Vantage call. */
export const enrichEventSchema = z.object({
  sessionId: z.string(),
  ticker: z.string().trim().min(1),
  function: alphaVantageFunctionSchema,
});
export type EnrichEvent = z.infer<typeof enrichEventSchema>;

/** What the Enrich Lambda returns (the enrichment's Choice reads `exhausted`). */
export const enrichResultSchema = z.object({
  ticker: z.string(),
  function: alphaVantageFunctionSchema,
  /** An answer with data was stored. */
  ok: z.boolean(),
  /** Alpha Vantage is stopped for the rest of the run (quota, throttle or no key): end the item. */
  exhausted: z.boolean(),
});
export type EnrichResult = z.infer<typeof enrichResultSchema>;

/** Event of the Crew Lambda: one Map item, built by the Map's ItemSelector. */
export const crewEventSchema = z.object({
  sessionId: z.string(),
  mode: runModeSchema,
  holding: manifestItemSchema,
  batchSize: z.number().int().positive(),
  totalTickers: z.number().int().nonnegative(),
  /** Set when the state machine caught this ticker's Crew crashing: write its failed result, naming the error. */
  crash: crewCrashSchema.optional(),
});
export type CrewEvent = z.infer<typeof crewEventSchema>;

/** Event of the Consolidate Lambda: the state after either Map (the Prefetch summary or the crash record). */
export const consolidateEventSchema = z.object({
  sessionId: z.string(),
  executionStartTime: z.string().optional(),
  state: z
    .object({
      mode: runModeSchema.optional(),
      fallbackReason: z.string().nullable().optional(),
      fallbackAt: z.string().nullable().optional(),
      error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
    })
    .passthrough(),
});
export type ConsolidateEvent = z.infer<typeof consolidateEventSchema>;

const stepErrorSchema = z.object({ Error: z.string().optional(), Cause: z.string().optional() }).passthrough();

/**
 * Event of Consolidate's failure mode ("Report failed run"): where the run stopped, the error it
 * stopped on, and the state there (with the execution input when Prefetch had not written the manifest).
 */
export const failedRunEventSchema = z.object({
  sessionId: z.string(),
  executionStartTime: z.string().optional(),
  failure: z.object({ stage: z.enum(['prefetch', 'analysis', 'consolidate']), error: stepErrorSchema }),
  state: z.object({ input: z.unknown().optional(), error: stepErrorSchema.optional() }).passthrough(),
});
export type FailedRunEvent = z.infer<typeof failedRunEventSchema>;

/** What "Report failed run" returns, into `$.runError`: the error the execution fails with, and the report. */
export const failedRunOutcomeSchema = z.object({ Error: z.string(), Cause: z.string(), reportKey: z.string(), totalTickers: z.number().int().nonnegative() });
export type FailedRunOutcome = z.infer<typeof failedRunOutcomeSchema>;

/** What Consolidate returns: the run's outcome, also what `finwiz run --json` prints (plus outDir). */
export const runOutcomeSchema = z.object({
  sessionId: z.string(),
  mode: runModeSchema,
  fallbackReason: z.string().nullable(),
  totalTickers: z.number().int().nonnegative(),
  successfulTickers: z.number().int().nonnegative(),
  failedTickers: z.number().int().nonnegative(),
  reportKey: z.string(),
  /** A presigned link to report.html, when REPORT_LINK_EXPIRY_SECONDS > 0 (see report-link-config.ts). */
  reportUrl: z.string().url().optional(),
  /** The report's data came (in part) from a simulator: not market data. */
  simulated: z.boolean().optional(),
});
export type RunOutcome = z.infer<typeof runOutcomeSchema>;
