// The events of the two Lambdas of the chunked prefetch (universe scale), parsed at their boundary.
import { z } from 'zod';
import { prefetchSummarySchema } from '../contracts.js';
import { prefetchChunkItemSchema } from './prefetch-chunking.js';

/** One item of the "Prefetch chunks" Distributed Map, built by its ItemSelector. */
export const prefetchChunkEventSchema = z.object({
  sessionId: z.string(),
  chunk: prefetchChunkItemSchema,
});
export type PrefetchChunkEvent = z.infer<typeof prefetchChunkEventSchema>;

/** What a chunk Lambda returns: counts only, the data and the stats are in S3. */
export const prefetchChunkResultSchema = z.object({
  index: z.number().int().nonnegative(),
  successfulTickers: z.number().int().nonnegative(),
  failedTickers: z.number().int().nonnegative(),
});
export type PrefetchChunkResult = z.infer<typeof prefetchChunkResultSchema>;

/** Event of "Summarise prefetch": the plan's summary, which the chunks' stats complete. */
export const prefetchSummariseEventSchema = z.object({
  sessionId: z.string(),
  plan: prefetchSummarySchema,
});
export type PrefetchSummariseEvent = z.infer<typeof prefetchSummariseEventSchema>;
