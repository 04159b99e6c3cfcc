// How old a ticker's data is: the newest bar and the quote's market time, in hours, and the
// newest bar's age in trading days, which decides whether the data is stale.
import { DEFAULT_STALE_AFTER_TRADING_DAYS } from '../config/freshness-config.js';
import type { YahooTickerData } from '../prefetch/market-data.js';
import { tradingDaysBetween } from './trading-days.js';

export interface DataFreshness {
  newestBarAt: string | null;
  quoteAt: string | null;
  /** Hours since the newest of the two; null when neither is known. */
  hours: number | null;
  /** Trading days (weekdays) since the newest bar's date; null without a readable bar. */
  barAgeTradingDays: number | null;
  /** The newest bar is older than the threshold (STALE_AFTER_TRADING_DAYS). */
  stale: boolean;
}

export function dataFreshness(
  data: YahooTickerData,
  now: Date,
  staleAfterTradingDays: number = DEFAULT_STALE_AFTER_TRADING_DAYS,
): DataFreshness {
  const newestBar = data.bars.length ? Date.parse(data.bars[data.bars.length - 1]!.date) : NaN;
  const quoteTime = quoteMarketTime(data.quote);
  const times = [newestBar, quoteTime].filter((time) => Number.isFinite(time));
  const newest = times.length ? Math.max(...times) : NaN;
  const hours = Number.isFinite(newest) ? Math.max(0, Math.round(((now.getTime() - newest) / 3_600_000) * 10) / 10) : null;
  // The bars are what the analysts read: a fresh quote over old bars is still stale analysis.
  const barAgeTradingDays = Number.isFinite(newestBar) ? tradingDaysBetween(new Date(newestBar), now) : null;
  return {
    newestBarAt: Number.isFinite(newestBar) ? new Date(newestBar).toISOString() : null,
    quoteAt: Number.isFinite(quoteTime) ? new Date(quoteTime).toISOString() : null,
    hours,
    barAgeTradingDays,
    stale: barAgeTradingDays !== null && barAgeTradingDays > staleAfterTradingDays,
  };
}

/** quote.regularMarketTime: a Date after yahoo-finance2's coercion, an ISO string once stored as JSON. */
function quoteMarketTime(quote: Record<string, unknown> | null): number {
  const value = quote?.regularMarketTime;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return Date.parse(value);
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
  return NaN;
}
