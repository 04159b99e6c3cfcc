// One ticker's market data as Prefetch stores it (`runs/<sessionId>/prefetch/<TICKER>.json`)
// and as the Crew reads it. Yahoo's answers are kept close to their wire shape so that the
// analysts can cite the very figure Yahoo gave.
import { z } from 'zod';
import { sourceIdentitySchema } from '../report/provenance.js';

export const dailyBarSchema = z.object({
  date: z.string(), // ISO date-time of the bar
  open: z.number().nullable(),
  high: z.number().nullable(),
  low: z.number().nullable(),
  close: z.number().nullable(),
  adjclose: z.number().nullable().optional(),
  volume: z.number().nullable(),
});
export type DailyBar = z.infer<typeof dailyBarSchema>;

/** Fiscal years, oldest first: each period's end date and the figures Yahoo gave for it. */
export const annualStatementsSchema = z.object({
  years: z.array(z.object({ period_end: z.string(), values: z.record(z.string(), z.number()) })),
});
export type AnnualStatements = z.infer<typeof annualStatementsSchema>;

export const yahooTickerDataSchema = z.object({
  symbol: z.string(),
  /** quote() fields for this symbol (regularMarketPrice, currency, quoteType, ...). */
  quote: z.record(z.string(), z.unknown()).nullable(),
  /** quoteSummary() modules that answered, by module name. */
  summary: z.record(z.string(), z.unknown()),
  /** quoteSummary modules that failed, with the reason (an ETF has no financialData). */
  summaryErrors: z.record(z.string(), z.string()),
  /** One year of daily bars, oldest first (empty when the chart did not answer: see barsError). */
  bars: z.array(dailyBarSchema),
  /** Why there are no bars (the chart answered 404, or nothing): the rest is still analysed. */
  barsError: z.string().optional(),
  /** A company's annual statements (Yahoo's fundamentals time series); absent for other listings. */
  statements: annualStatementsSchema.nullable().optional(),
  /** Why the statements are missing: the request failed, or the listing is not a company. */
  statementsError: z.string().optional(),
  /** Where the bars came from: a chart request (OHLCV, dividend-adjusted close) or a spark batch
   * (closes only, split-adjusted but not dividend-adjusted). Absent: chart (older objects). */
  barsSource: z.enum(['chart', 'spark']).optional(),
  /** Set when the summary and statements came from the slow-data cache (SLOW_DATA_TTL_DAYS)
   * instead of this run's requests: when they were fetched, how old, the price they were rebased from. */
  slowData: z
    .object({ fetched_at: z.string(), market_at: z.string(), age_days: z.number().nonnegative(), rebased_from_price: z.number().positive() })
    .optional(),
});
export type YahooTickerData = z.infer<typeof yahooTickerDataSchema>;

export const prefetchObjectSchema = z.object({
  ticker: z.string(),
  yahoo_finance: yahooTickerDataSchema.nullable(),
  alpha_vantage: z.record(z.string(), z.unknown()).nullable().optional(),
  failed: z.boolean(),
  error: z.string().optional(),
  fetched_at: z.string(),
  fetch_duration_seconds: z.number().nonnegative(),
  /** `cache` when an earlier run's fetch was reused (PREFETCH_CACHE_TTL_MINUTES). */
  source: z.enum(['yahoo', 'cache']).optional(),
  cache_age_minutes: z.number().nonnegative().optional(),
  /** Who answered the fetch (also behind a cache hit): Yahoo, the simulator, or an endpoint. */
  origin: sourceIdentitySchema.optional(),
});
export type PrefetchObject = z.infer<typeof prefetchObjectSchema>;
