// `runs/<sessionId>/market-context.json`: what every ticker's analysis shares, fetched once
// per run with the batch: FX rates to the base currency and the benchmark's daily bars.
import { z } from 'zod';
import { dailyBarSchema } from './market-data.js';
import { sectorMediansSchema } from '../analysis/sector-references.js';
import { fxHistorySchema } from '../portfolio/fx-returns.js';

export const marketContextSchema = z.object({
  base_currency: z.string(),
  /** Units of the base currency per unit of each major currency. */
  fx_rates: z.record(z.string(), z.number()),
  /** Currencies whose rate could not be fetched: values in them are left out of totals. */
  fx_missing: z.array(z.string()),
  /** Per currency, its rate's daily closes over the year: the holdings' returns in the base currency.
   * A currency without one (its chart failed) is absent, and its holdings' returns stay in it. */
  fx_history: z.record(z.string(), fxHistorySchema).optional(),
  benchmark: z.object({ symbol: z.string(), bars: z.array(dailyBarSchema) }).nullable(),
  benchmark_error: z.string().nullable(),
  fetched_at: z.string(),
  /** Per sector and metric, the median of the run's own holdings (Prefetch, batch mode; absent otherwise). */
  sector_medians: sectorMediansSchema.optional(),
});
export type MarketContext = z.infer<typeof marketContextSchema>;
