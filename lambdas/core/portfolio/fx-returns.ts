// A holding's daily returns in the base currency: a London listing held by a dollar investor
// gains or loses with the pound too. From the returns in the listing's currency and the daily
// closes of its rate to the base (units of base per unit, as EURUSD=X):
//   r_base[t] = (1 + r[t]) * fx[t] / fx[t-1] - 1,
// with fx on a date the rate's latest close at or before it (FX and a stock market keep
// different holidays). Only the rate's change matters, so a currency quoted in minor units
// (GBp) converts like its major one.
import { z } from 'zod';
import { round5, type CompactReturns } from './compact-returns.js';

export const fxHistorySchema = z.object({
  dates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  closes: z.array(z.number()),
}).refine((h) => h.dates.length === h.closes.length, { message: 'dates and closes must have the same length' });

export type FxHistory = z.infer<typeof fxHistorySchema>;

/** The rate's latest positive close at or before `date`, or null before its history. */
function rateOn(history: FxHistory, date: string): number | null {
  let lo = 0;
  let hi = history.dates.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((history.dates[mid] as string) <= date) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = found; i >= 0; i--) {
    const close = history.closes[i] as number;
    if (Number.isFinite(close) && close > 0) return close;
  }
  return null;
}

/**
 * The series in the base currency. A return needs the rate on its own date and on the date
 * before it in the series, so the first return (whose previous date the series does not carry)
 * and any return before the rate's history are left out; the alignment of the portfolio's
 * returns drops such days for every holding anyway.
 */
export function returnsInBase(series: { readonly dates: readonly string[]; readonly returns: readonly number[] }, history: FxHistory): CompactReturns {
  const out: CompactReturns = { dates: [], returns: [] };
  for (let i = 1; i < series.dates.length; i++) {
    const date = series.dates[i] as string;
    const now = rateOn(history, date);
    const before = rateOn(history, series.dates[i - 1] as string);
    if (now === null || before === null) continue;
    out.dates.push(date);
    out.returns.push(round5((1 + (series.returns[i] as number)) * (now / before) - 1));
  }
  return out;
}
