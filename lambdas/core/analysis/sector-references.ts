// What a holding's valuation and margins are compared with: a reference for its sector. Two kinds,
// the first that has the figure wins:
// - `run_sector_median`: the median of the run's own holdings of the same sector, when at least
//   MIN_RUN_SECTOR_HOLDINGS of them have the figure (Prefetch computes it; it costs no request);
// - `sector_table`: FinWiz's table below, approximate typical figures of US large caps per sector.
//   They are FinWiz's own estimates, rounded, as of SECTOR_TABLE_AS_OF; not a published dataset.
// A finding without either carries `reference: null` and the reason, and the market-wide
// threshold of the fundamental analyst judges it.
import { z } from 'zod';

export const REFERENCE_METRICS = [
  'trailingPE',
  'forwardPE',
  'priceToBook',
  'priceToSales',
  'enterpriseToEbitda',
  'pegRatio',
  'profitMargins',
  'operatingMargins',
  'returnOnEquity',
] as const;
export type ReferenceMetric = (typeof REFERENCE_METRICS)[number];

export const referenceSchema = z.object({
  value: z.number(),
  source: z.string(),
  as_of: z.string(),
  kind: z.enum(['run_sector_median', 'sector_table']),
});
export type Reference = z.infer<typeof referenceSchema>;

/** Per sector, per metric: the run's own medians (market-context.json's `sector_medians`). */
export const sectorMediansSchema = z.record(
  z.string(),
  z.record(z.string(), z.object({ value: z.number(), n: z.number().int().positive() })),
);
export type SectorMedians = z.infer<typeof sectorMediansSchema>;

export const MIN_RUN_SECTOR_HOLDINGS = 5;
export const SECTOR_TABLE_AS_OF = '2025-12-31';
export const SECTOR_TABLE_SOURCE = 'FinWiz sector table (approximate US large-cap figures, FinWiz estimates; README "Sector references")';

type Row = Partial<Record<ReferenceMetric, number>>;
/** Yahoo's sector names. Multiples as Yahoo gives them; margins and ROE as fractions. */
export const SECTOR_TABLE: Readonly<Record<string, Row>> = {
  Technology: { trailingPE: 30, forwardPE: 25, priceToBook: 7, priceToSales: 6, enterpriseToEbitda: 20, pegRatio: 1.8, profitMargins: 0.2, operatingMargins: 0.25, returnOnEquity: 0.25 },
  'Communication Services': { trailingPE: 22, forwardPE: 19, priceToBook: 3.5, priceToSales: 3, enterpriseToEbitda: 12, pegRatio: 1.4, profitMargins: 0.12, operatingMargins: 0.18, returnOnEquity: 0.15 },
  'Consumer Cyclical': { trailingPE: 22, forwardPE: 19, priceToBook: 4, priceToSales: 1.5, enterpriseToEbitda: 13, pegRatio: 1.6, profitMargins: 0.07, operatingMargins: 0.1, returnOnEquity: 0.18 },
  'Consumer Defensive': { trailingPE: 22, forwardPE: 20, priceToBook: 4.5, priceToSales: 1.2, enterpriseToEbitda: 14, pegRatio: 2.5, profitMargins: 0.06, operatingMargins: 0.09, returnOnEquity: 0.2 },
  Healthcare: { trailingPE: 24, forwardPE: 17, priceToBook: 4, priceToSales: 3, enterpriseToEbitda: 14, pegRatio: 1.7, profitMargins: 0.1, operatingMargins: 0.15, returnOnEquity: 0.16 },
  'Financial Services': { trailingPE: 15, forwardPE: 13, priceToBook: 1.5, priceToSales: 3, pegRatio: 1.5, profitMargins: 0.22, operatingMargins: 0.3, returnOnEquity: 0.11 },
  Industrials: { trailingPE: 23, forwardPE: 20, priceToBook: 4.5, priceToSales: 2, enterpriseToEbitda: 15, pegRatio: 2, profitMargins: 0.09, operatingMargins: 0.13, returnOnEquity: 0.18 },
  Energy: { trailingPE: 12, forwardPE: 12, priceToBook: 1.8, priceToSales: 1.2, enterpriseToEbitda: 6, pegRatio: 1.5, profitMargins: 0.09, operatingMargins: 0.12, returnOnEquity: 0.14 },
  Utilities: { trailingPE: 18, forwardPE: 17, priceToBook: 2, priceToSales: 2.5, enterpriseToEbitda: 12, pegRatio: 2.8, profitMargins: 0.13, operatingMargins: 0.2, returnOnEquity: 0.1 },
  'Real Estate': { trailingPE: 35, forwardPE: 35, priceToBook: 2.2, priceToSales: 6, enterpriseToEbitda: 18, pegRatio: 3, profitMargins: 0.18, operatingMargins: 0.3, returnOnEquity: 0.07 },
  'Basic Materials': { trailingPE: 18, forwardPE: 15, priceToBook: 2.2, priceToSales: 1.6, enterpriseToEbitda: 9, pegRatio: 1.6, profitMargins: 0.08, operatingMargins: 0.12, returnOnEquity: 0.12 },
};

export type ReferenceLookup = { reference: Reference; reason?: undefined } | { reference: null; reason: string };

/** The reference of a metric for a sector: the run's median when it has enough holdings, else the table. */
export function referenceFor(
  metric: ReferenceMetric,
  sector: string | null,
  medians: SectorMedians | null,
  runDate: string,
): ReferenceLookup {
  if (sector === null) return { reference: null, reason: 'no sector known' };
  const median = medians?.[sector]?.[metric];
  if (median && median.n >= MIN_RUN_SECTOR_HOLDINGS) {
    return {
      reference: { value: median.value, source: `median of this run's ${median.n} ${sector} holdings`, as_of: runDate, kind: 'run_sector_median' },
    };
  }
  const value = SECTOR_TABLE[sector]?.[metric];
  if (value === undefined) return { reference: null, reason: `no reference for ${sector}` };
  return { reference: { value, source: SECTOR_TABLE_SOURCE, as_of: SECTOR_TABLE_AS_OF, kind: 'sector_table' } };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The run's own sector medians from its holdings' figures: per sector and metric, over the
 * holdings that have a positive figure (a negative multiple is a loss, not a price level).
 */
export function runSectorMedians(holdings: ReadonlyArray<{ sector: string; figures: Partial<Record<ReferenceMetric, number>> }>): SectorMedians {
  const values = new Map<string, Map<ReferenceMetric, number[]>>();
  for (const { sector, figures } of holdings) {
    const bySector = values.get(sector) ?? new Map<ReferenceMetric, number[]>();
    for (const metric of REFERENCE_METRICS) {
      const value = figures[metric];
      if (value !== undefined && Number.isFinite(value) && value > 0) bySector.set(metric, [...(bySector.get(metric) ?? []), value]);
    }
    values.set(sector, bySector);
  }
  const out: SectorMedians = {};
  for (const [sector, metrics] of values) {
    out[sector] = Object.fromEntries([...metrics].map(([metric, list]) => [metric, { value: Number(median(list).toPrecision(6)), n: list.length }]));
  }
  return out;
}
