// The compact daily return series a Crew result carries for Consolidate: simple returns in
// the base currency, rounded to 5 decimals (0.001%), dates once. Small enough for 5,000
// holdings x 252 days in one Lambda's memory.
import { z } from 'zod';

export const compactReturnsSchema = z.object({
  dates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  returns: z.array(z.number().finite()),
}).refine((s) => s.dates.length === s.returns.length, { message: 'dates and returns must have the same length' });

export type CompactReturns = z.infer<typeof compactReturnsSchema>;

/** A return to 5 decimals (0.001%), as the compact series keeps it. */
export const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;

/**
 * From daily closes in the quote currency and the FX rate to the base currency on the same
 * dates: r[t] = (P[t] fx[t]) / (P[t-1] fx[t-1]) - 1. Days with a missing or non-positive price are skipped.
 */
export function compactReturns(dates: readonly string[], closes: readonly number[], fx: readonly number[] | number = 1): CompactReturns {
  const rate = (i: number): number => (typeof fx === 'number' ? fx : (fx[i] ?? Number.NaN));
  const out: CompactReturns = { dates: [], returns: [] };
  let previous: number | null = null;
  closes.forEach((close, i) => {
    const value = close * rate(i);
    if (!Number.isFinite(value) || value <= 0) return;
    if (previous !== null) {
      out.dates.push(dates[i] ?? '');
      out.returns.push(round5(value / previous - 1));
    }
    previous = value;
  });
  return out;
}
