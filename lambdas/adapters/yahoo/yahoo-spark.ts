// Yahoo's spark endpoint (/v7/finance/spark): one year of daily closes for up to 20 symbols in one
// request, where the chart endpoint needs one request per symbol. Its answer is checked here: a
// symbol whose entry is missing or shaped otherwise is left out of the bars, so that the caller
// fetches its chart instead; an answer that is not spark-shaped at all throws.
import { z } from 'zod';
import type { DailyBar } from '../../core/prefetch/market-data.js';

/** Symbols in one spark request: Yahoo refuses more than 20 (widely reported by its users; the
 * simulator enforces the same cap). */
export const SPARK_SYMBOLS_PER_REQUEST = 20;

export class SparkShapeError extends Error {
  override readonly name = 'SparkShapeError';
}

const sparkResponseSchema = z.object({
  meta: z.object({ symbol: z.string() }).passthrough(),
  timestamp: z.array(z.number()),
  indicators: z.object({ quote: z.array(z.object({ close: z.array(z.number().nullable()) }).passthrough()).min(1) }).passthrough(),
});

const sparkEntrySchema = z.object({ symbol: z.string(), response: z.array(z.unknown()) }).passthrough();

const sparkAnswerSchema = z.object({
  spark: z.object({
    // Each entry is checked on its own (below): one odd entry loses only its symbol.
    result: z.array(z.unknown()).nullable(),
    error: z.unknown().nullable(),
  }),
});

const finiteOrNull = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/**
 * The bars of each asked symbol that the answer carries in full: as many closes as timestamps,
 * at least one bar. Spark gives closes only (split-adjusted, not dividend-adjusted): open, high,
 * low, volume and the adjusted close are null.
 */
export function sparkBars(answer: unknown, asked: readonly string[]): Map<string, DailyBar[]> {
  const parsed = sparkAnswerSchema.safeParse(answer);
  if (!parsed.success) throw new SparkShapeError(`not a spark answer: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`);
  const wanted = new Set(asked.map((symbol) => symbol.toUpperCase()));
  const bars = new Map<string, DailyBar[]>();
  for (const raw of parsed.data.spark.result ?? []) {
    const item = sparkEntrySchema.safeParse(raw);
    if (!item.success) continue;
    const entry = item.data;
    const symbol = entry.symbol.toUpperCase();
    if (!wanted.has(symbol) || bars.has(symbol)) continue;
    const response = sparkResponseSchema.safeParse(entry.response[0]);
    if (!response.success) continue;
    const { timestamp, indicators } = response.data;
    const close = indicators.quote[0]!.close;
    // Closes all missing serve nothing: that symbol's chart is asked instead.
    if (timestamp.length === 0 || close.length !== timestamp.length || !close.some((c) => finiteOrNull(c) !== null)) continue;
    bars.set(
      symbol,
      timestamp.map((seconds, i) => ({
        date: new Date(seconds * 1000).toISOString(),
        open: null,
        high: null,
        low: null,
        close: finiteOrNull(close[i]),
        volume: null,
      })),
    );
  }
  return bars;
}
