// The street view: what Yahoo's sell-side analysts say about a company — the latest
// recommendation trend with a consensus label, the price targets, the number of analysts and
// the upside from the current price. Figures are Yahoo's, as given; only `upside`,
// `trend.total`, `trend.mean` and `consensus` are computed here. Pure: data in, view out.
import { z } from 'zod';
import type { YahooTickerData } from '../../prefetch/market-data.js';

export const CONSENSUS_LABELS = ['strong buy', 'buy', 'hold', 'sell', 'strong sell'] as const;
export type Consensus = (typeof CONSENSUS_LABELS)[number];

/**
 * The consensus label of a 1..5 mean (1 strong buy, 5 strong sell; Yahoo's recommendationMean
 * scale): <= 1.5 strong buy, <= 2.5 buy, <= 3.5 hold, <= 4.5 sell, above strong sell.
 */
export const CONSENSUS_BANDS: ReadonlyArray<{ upTo: number; label: Consensus }> = [
  { upTo: 1.5, label: 'strong buy' },
  { upTo: 2.5, label: 'buy' },
  { upTo: 3.5, label: 'hold' },
  { upTo: 4.5, label: 'sell' },
  { upTo: 5, label: 'strong sell' },
];

const count = z.number().finite().nonnegative();
const price = z.number().finite().positive();

export const recommendationTrendSchema = z.object({
  /** Yahoo's period, `0m` for the current month. */
  period: z.string(),
  strongBuy: count,
  buy: count,
  hold: count,
  sell: count,
  strongSell: count,
  /** strongBuy + buy + hold + sell + strongSell. */
  total: count,
  /** The counts' mean on the 1 (strong buy) .. 5 (strong sell) scale. */
  mean: z.number().finite().min(1).max(5),
});
export type RecommendationTrend = z.infer<typeof recommendationTrendSchema>;

export const streetViewSchema = z.object({
  /** True when Yahoo had any street figure (trend, targets, recommendation) for the ticker. */
  available: z.boolean(),
  /** The price the upside is measured from, and where it came from (`yahoo:financialData.currentPrice`). */
  currentPrice: price.nullable(),
  currentPriceSource: z.string().nullable(),
  /** The quote currency of the prices and targets (price.currency, else the quote's). */
  currency: z.string().nullable(),
  targetLowPrice: price.nullable(),
  targetMeanPrice: price.nullable(),
  targetMedianPrice: price.nullable(),
  targetHighPrice: price.nullable(),
  /** targetMeanPrice / currentPrice - 1 (0.1 = 10% above the current price). */
  upside: z.number().finite().nullable(),
  /** financialData.numberOfAnalystOpinions. */
  analystCount: count.nullable(),
  /** Yahoo's 1 (strong buy) .. 5 (strong sell) mean. */
  recommendationMean: z.number().finite().nullable(),
  /** Yahoo's key: `strong_buy`, `buy`, `hold`, `underperform`, `sell`, `none`. */
  recommendationKey: z.string().nullable(),
  /** The latest period of the recommendation trend (null when it has no analyst). */
  trend: recommendationTrendSchema.nullable(),
  /** From the latest trend's counts, else from recommendationMean (CONSENSUS_BANDS). */
  consensus: z.enum(CONSENSUS_LABELS).nullable(),
  consensusSource: z.enum(['recommendationTrend', 'recommendationMean']).nullable(),
});
export type StreetView = z.infer<typeof streetViewSchema>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

function moduleOf(data: YahooTickerData, name: string): Record<string, unknown> | null {
  const module = data.summary[name];
  return isRecord(module) ? module : null;
}

/** A finite number (a `{raw, fmt}` figure gives its raw), else null. */
function finite(value: unknown): number | null {
  const raw = isRecord(value) && 'raw' in value ? value.raw : value;
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
}

const positive = (value: unknown): number | null => {
  const n = finite(value);
  return n !== null && n > 0 ? n : null;
};

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

export function consensusOf(mean: number): Consensus {
  return CONSENSUS_BANDS.find((band) => mean <= band.upTo)?.label ?? 'strong sell';
}

const COUNT_KEYS = ['strongBuy', 'buy', 'hold', 'sell', 'strongSell'] as const;

/** Months back of a period: `0m` -> 0, `-1m` -> 1; unknown periods sort last. */
function monthsBack(period: unknown): number {
  const match = typeof period === 'string' ? /^(-?\d+)m$/.exec(period) : null;
  return match ? Math.abs(Number(match[1])) : Number.POSITIVE_INFINITY;
}

/** The latest period of recommendationTrend.trend, or null when there is none with analysts. */
export function latestTrend(data: YahooTickerData): RecommendationTrend | null {
  const periods = moduleOf(data, 'recommendationTrend')?.trend;
  if (!Array.isArray(periods)) return null;
  const candidates = periods.filter(isRecord);
  if (candidates.length === 0) return null;
  // Yahoo lists 0m first; do not rely on the order.
  const latest = candidates.reduce((best, item) => (monthsBack(item.period) < monthsBack(best.period) ? item : best));
  const counts = Object.fromEntries(
    COUNT_KEYS.map((key) => {
      const n = finite(latest[key]);
      return [key, n !== null && n >= 0 ? n : 0];
    }),
  ) as Record<(typeof COUNT_KEYS)[number], number>;
  const total = COUNT_KEYS.reduce((sum, key) => sum + counts[key], 0);
  if (total <= 0 || !Number.isFinite(total)) return null;
  const mean = COUNT_KEYS.reduce((sum, key, i) => sum + (i + 1) * counts[key], 0) / total;
  return { period: text(latest.period) ?? 'unknown', ...counts, total, mean };
}

/** The current price: financialData.currentPrice, else price.regularMarketPrice, else the quote's. */
function currentPrice(data: YahooTickerData): { value: number; source: string } | null {
  const candidates: Array<[unknown, string]> = [
    [moduleOf(data, 'financialData')?.currentPrice, 'financialData.currentPrice'],
    [moduleOf(data, 'price')?.regularMarketPrice, 'price.regularMarketPrice'],
    [data.quote?.regularMarketPrice, 'quote.regularMarketPrice'],
  ];
  for (const [value, path] of candidates) {
    const n = positive(value);
    if (n !== null) return { value: n, source: `yahoo:${path}` };
  }
  return null;
}

function upsideOf(target: number | null, current: number | null): number | null {
  if (target === null || current === null) return null;
  const upside = target / current - 1;
  return Number.isFinite(upside) ? upside : null;
}

export function streetView(data: YahooTickerData): StreetView {
  const financial = moduleOf(data, 'financialData');
  const current = currentPrice(data);
  const targetMeanPrice = positive(financial?.targetMeanPrice);
  const trend = latestTrend(data);
  const recommendationMean = finite(financial?.recommendationMean);
  const validMean = recommendationMean !== null && recommendationMean >= 1 && recommendationMean <= 5 ? recommendationMean : null;
  const analystCount = finite(financial?.numberOfAnalystOpinions);
  const recommendationKey = text(financial?.recommendationKey);

  const view: StreetView = {
    available: false,
    currentPrice: current?.value ?? null,
    currentPriceSource: current?.source ?? null,
    currency: text(moduleOf(data, 'price')?.currency) ?? text(data.quote?.currency),
    targetLowPrice: positive(financial?.targetLowPrice),
    targetMeanPrice,
    targetMedianPrice: positive(financial?.targetMedianPrice),
    targetHighPrice: positive(financial?.targetHighPrice),
    upside: upsideOf(targetMeanPrice, current?.value ?? null),
    analystCount: analystCount !== null && analystCount >= 0 ? analystCount : null,
    recommendationMean,
    recommendationKey: recommendationKey === 'none' ? null : recommendationKey,
    trend,
    consensus: trend ? consensusOf(trend.mean) : validMean !== null ? consensusOf(validMean) : null,
    consensusSource: trend ? 'recommendationTrend' : validMean !== null ? 'recommendationMean' : null,
  };
  view.available =
    view.trend !== null ||
    view.targetLowPrice !== null ||
    view.targetMeanPrice !== null ||
    view.targetMedianPrice !== null ||
    view.targetHighPrice !== null ||
    view.recommendationMean !== null ||
    view.recommendationKey !== null ||
    (view.analystCount ?? 0) > 0;
  return view;
}
