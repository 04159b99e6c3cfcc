// A holding's price chart as the report draws it: adjusted closes with SMA 50 and SMA 200,
// carried in the Crew's result so that Consolidate needs neither the prefetched bars (absent
// in sequential mode) nor the memory to hold them for a large portfolio. The SMAs are taken
// over the whole series first, then every series is thinned to at most MAX_CHART_POINTS, so a
// result grows by a few kilobytes whatever the history length.
import { SMA } from 'trading-signals';
import { z } from 'zod';
import { adjustedSeries, SMA_LONG, SMA_SHORT } from '../analysis/analysts/technical-analyst.js';
import type { DailyBar } from '../prefetch/market-data.js';

/** About half a year of points for one year of daily bars: enough for a 700-pixel-wide chart. */
export const MAX_CHART_POINTS = 130;
/** Significant digits kept per figure: a chart cannot show more, and JSON stays small. */
const DIGITS = 5;

const price = z.number().positive();
export const priceChartSchema = z
  .object({
    /** YYYY-MM-DD of each point, oldest first. */
    days: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
    close: z.array(price),
    /** null where the history is still shorter than the average's period. */
    sma50: z.array(price.nullable()),
    sma200: z.array(price.nullable()),
  })
  .refine((c) => c.close.length === c.days.length && c.sma50.length === c.days.length && c.sma200.length === c.days.length, {
    message: 'every series of a price chart has one value per day',
  });
export type PriceChart = z.infer<typeof priceChartSchema>;

const round = (value: number) => Number(value.toPrecision(DIGITS));

function smaSeries(closes: number[], period: number): Array<number | null> {
  if (closes.length < period) return closes.map(() => null);
  return new SMA(period).updates(closes, false).map((value) => (typeof value === 'number' && Number.isFinite(value) ? value : null));
}

/** The chart of these bars; null with fewer than two usable closes (nothing to draw). */
export function buildPriceChart(bars: DailyBar[]): PriceChart | null {
  const series = adjustedSeries(bars);
  if (series.length < 2) return null;
  const closes = series.map((point) => point.close);
  const sma50 = smaSeries(closes, SMA_SHORT);
  const sma200 = smaSeries(closes, SMA_LONG);
  // Keep the last point always (today's price), stepping back by a fixed stride.
  const stride = Math.ceil(series.length / MAX_CHART_POINTS);
  const picked: number[] = [];
  for (let i = series.length - 1; i >= 0; i -= stride) picked.unshift(i);
  const orNull = (value: number | null | undefined) => (value === null || value === undefined ? null : round(value));
  const chart = {
    days: picked.map((i) => series[i]!.day),
    close: picked.map((i) => round(closes[i]!)),
    sma50: picked.map((i) => orNull(sma50[i])),
    sma200: picked.map((i) => orNull(sma200[i])),
  };
  // Consolidate reads results through crewResultSchema: a chart it would reject (an odd bar
  // date) must cost the chart, never make the whole result unreadable.
  const checked = priceChartSchema.safeParse(chart);
  return checked.success ? checked.data : null;
}
