// Which way a run's daily bars came: spark batches (20 tickers a request, closes only), one chart
// request per ticker, or both (the tickers a spark answer left out). The metrics say which.
import { z } from 'zod';

export const barsPathStatsSchema = z.object({
  path: z.enum(['spark', 'chart', 'spark and chart']),
  sparkRequests: z.number().int().nonnegative(),
  /** Tickers whose bars a spark answer carried. */
  sparkTickers: z.number().int().nonnegative(),
  /** Tickers whose chart was asked instead (spark unusable, a failed batch, left out). */
  chartTickers: z.number().int().nonnegative(),
  failedSparkRequests: z.number().int().nonnegative(),
  /** Why any ticker's chart was asked; null when spark served every ticker. */
  reason: z.string().nullable(),
});
export type BarsPathStats = z.infer<typeof barsPathStatsSchema>;

/** The path a run's bars took, from how many tickers each way served. */
export const barsPathOf = (sparkTickers: number, chartTickers: number): BarsPathStats['path'] =>
  sparkTickers === 0 ? 'chart' : chartTickers === 0 ? 'spark' : 'spark and chart';

/** The chunks' paths as one (universe scale): the first reason found is kept. */
export function mergeBarsPaths(parts: readonly BarsPathStats[]): BarsPathStats | undefined {
  if (parts.length === 0) return undefined;
  const sum = (pick: (p: BarsPathStats) => number) => parts.reduce((total, p) => total + pick(p), 0);
  const sparkTickers = sum((p) => p.sparkTickers);
  const chartTickers = sum((p) => p.chartTickers);
  return {
    path: barsPathOf(sparkTickers, chartTickers),
    sparkRequests: sum((p) => p.sparkRequests),
    sparkTickers,
    chartTickers,
    failedSparkRequests: sum((p) => p.failedSparkRequests),
    reason: parts.find((p) => p.reason !== null)?.reason ?? null,
  };
}
