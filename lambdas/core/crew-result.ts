// `runs/<sessionId>/results/<TICKER>.json`: one ticker's analysis, ok or failed.
// A per-ticker problem is data, not an exception: a failed result carries the reason.
import { z } from 'zod';
import { runModeSchema } from './contracts.js';

export const basicFiguresSchema = z.object({
  lastPrice: z.number(),
  currency: z.string().nullable(),
  week52Low: z.number(),
  week52High: z.number(),
  /** Where the last price sits in the 52-week range, 0 = low, 1 = high. */
  week52Position: z.number().min(0).max(1),
  oneYearReturn: z.number(),
  annualisedVolatility: z.number().nonnegative(),
  bars: z.number().int().nonnegative(),
});
export type BasicFigures = z.infer<typeof basicFiguresSchema>;

export const crewResultSchema = z.object({
  ticker: z.string(),
  name: z.string().nullable(),
  status: z.enum(['ok', 'failed']),
  error: z.string().nullable(),
  mode: runModeSchema,
  figures: basicFiguresSchema.nullable(),
  score: z.number().min(0).max(1).nullable(),
  durations: z.object({
    fetch_seconds: z.number().nonnegative(),
    analysis_seconds: z.number().nonnegative(),
    total_seconds: z.number().nonnegative(),
  }),
  peak_rss_mb: z.number().nonnegative(),
  analysed_at: z.string(),
});
export type CrewResult = z.infer<typeof crewResultSchema>;
