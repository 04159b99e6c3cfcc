// A ticker's slow data: its quoteSummary (profile, valuation inputs, analyst view, earnings) and
// its annual statements change weekly to quarterly, not daily. Kept across runs in S3
// (`cache/slow/<TICKER>.json`) with their own TTL (SLOW_DATA_TTL_DAYS), refreshed early once an
// earnings date has passed, and spread so that a daily run refreshes about 1/TTL of its tickers a
// day. The price-dependent figures of a reused summary are brought to today's price.
import { z } from 'zod';
import { annualStatementsSchema } from './market-data.js';
import { sameSource, sourceIdentitySchema, type SourceIdentity } from '../report/provenance.js';

const DAY_MS = 86_400_000;

export const slowDataEntrySchema = z.object({
  ticker: z.string(),
  origin: sourceIdentitySchema,
  /** Real clock time of the fetch. */
  fetched_at: z.string(),
  /** The market moment the data is of: the run's now (SIM_AS_OF's moment, or the real clock). */
  market_at: z.string(),
  /** The quote's price when the summary was fetched: the base its valuation figures are at. */
  price: z.number().positive().nullable(),
  /** The next earnings date then known, if any. */
  next_earnings: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  summaryErrors: z.record(z.string(), z.string()),
  statements: annualStatementsSchema.nullable().optional(),
  statementsError: z.string().optional(),
});
export type SlowDataEntry = z.infer<typeof slowDataEntrySchema>;

export type SlowDataDecision = { reuse: true; ageDays: number } | { reuse: false; reason: string };

/** The day of the TTL cycle on which a ticker's slow data is refreshed: the same for a ticker on
 * every run, spread evenly over the tickers (FNV-1a of the symbol). */
export function refreshSlot(ticker: string, ttlDays: number): number {
  let hash = 0x811c9dc5;
  for (const char of ticker.toUpperCase()) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % ttlDays;
}

const epochDay = (t: number) => Math.floor(t / DAY_MS);

/** A date as Yahoo or our JSON gives it: a Date, an ISO string, or epoch seconds (ms above 1e12). */
export function instantOf(value: unknown): number | null {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : null;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The next earnings date a summary (calendarEvents) or quote (earningsTimestampStart) names. */
export function nextEarningsOf(summary: Record<string, unknown>, quote: Record<string, unknown> | null): string | null {
  const calendar = isRecord(summary.calendarEvents) ? summary.calendarEvents : null;
  const earnings = calendar && isRecord(calendar.earnings) ? calendar.earnings : null;
  const dates = Array.isArray(earnings?.earningsDate) ? earnings.earningsDate : [];
  const t = instantOf(dates[0]) ?? instantOf(quote?.earningsTimestampStart);
  return t === null ? null : new Date(t).toISOString();
}

export interface SlowDataQuery {
  entry: SlowDataEntry | null;
  ticker: string;
  /** The run's now (market time). */
  now: Date;
  ttlDays: number;
  source: SourceIdentity;
  /** This run's quote of the ticker: its price to rebase on, its last earnings date. */
  quote: Record<string, unknown> | null;
}

/** Whether a ticker's cached slow data serves this run, or why it is fetched again. */
export function slowDataDecision(q: SlowDataQuery): SlowDataDecision {
  const { entry, now, ttlDays } = q;
  if (ttlDays <= 0) return { reuse: false, reason: 'SLOW_DATA_TTL_DAYS is 0' };
  if (!entry) return { reuse: false, reason: 'none cached' };
  if (!sameSource(entry.origin, q.source)) return { reuse: false, reason: 'cached from another source' };
  const at = Date.parse(entry.market_at);
  const ageMs = now.getTime() - at;
  if (!Number.isFinite(ageMs) || ageMs < 0) return { reuse: false, reason: 'cached for a later day than this run' };
  const ageDays = ageMs / DAY_MS;
  if (ageDays >= ttlDays) return { reuse: false, reason: `${Math.floor(ageDays)} days old (SLOW_DATA_TTL_DAYS=${ttlDays})` };
  const next = instantOf(entry.next_earnings);
  const last = instantOf(q.quote?.earningsTimestamp);
  // Yahoo brings its figures and statements up to date hours to days after a report: data
  // fetched before it, or within EARNINGS_SETTLE_DAYS after it, is asked again.
  const reported = [next, last].find((t) => t !== null && t <= now.getTime() && at < t + EARNINGS_SETTLE_DAYS * DAY_MS);
  if (reported !== undefined) {
    return { reuse: false, reason: `earnings on ${new Date(reported!).toISOString().slice(0, 10)}: asked again until ${EARNINGS_SETTLE_DAYS} days after` };
  }
  const today = epochDay(now.getTime());
  if (epochDay(at) < today && today % ttlDays === refreshSlot(q.ticker, ttlDays)) return { reuse: false, reason: 'its day of the refresh cycle' };
  const price = positivePrice(q.quote);
  if (entry.price === null || price === null) return { reuse: false, reason: 'no price to bring the cached valuation to' };
  // A split changes the share count and the price, not the company: the cached per-share
  // figures would be rebased as if the company had lost or gained that much.
  const thenShares = sharesOf(entry.summary, entry.price);
  const nowShares = sharesOf(q.quote ?? {}, price);
  if (thenShares !== null && nowShares !== null && Math.abs(nowShares / thenShares - 1) > SHARES_TOLERANCE) {
    return { reuse: false, reason: 'shares outstanding changed since it was fetched (a split?)' };
  }
  if (price / entry.price > MAX_PRICE_MOVE || entry.price / price > MAX_PRICE_MOVE) {
    return { reuse: false, reason: `the price moved more than ${MAX_PRICE_MOVE}x since it was fetched` };
  }
  return { reuse: true, ageDays };
}

/** Days after an earnings date during which slow data is still asked again. */
export const EARNINGS_SETTLE_DAYS = 3;
/** A share count that moved more than this (10%) since the fetch: a split or a large issue. */
const SHARES_TOLERANCE = 0.1;
/** A price that moved more than this factor since the fetch is not rebased (a split the share
 * count did not show, or news big enough that the slow figures are stale too). */
const MAX_PRICE_MOVE = 1.5;

/** The share count a quote or summary gives (sharesOutstanding), else its market cap over the price. */
function sharesOf(source: Record<string, unknown>, price: number): number | null {
  const stats = isRecord(source.defaultKeyStatistics) ? source.defaultKeyStatistics : null;
  const detail = isRecord(source.summaryDetail) ? source.summaryDetail : null;
  const shares = [source.sharesOutstanding, stats?.sharesOutstanding].find(finite);
  if (shares !== undefined && shares > 0) return shares;
  const cap = [source.marketCap, detail?.marketCap].find(finite);
  return cap !== undefined && cap > 0 ? cap / price : null;
}

export function positivePrice(quote: Record<string, unknown> | null): number | null {
  const price = quote?.regularMarketPrice;
  return typeof price === 'number' && Number.isFinite(price) && price > 0 ? price : null;
}

/** Figures that are price / something slow (earnings, book, sales, growth): they move with the price. */
const PRICE_RATIOS: Record<string, readonly string[]> = {
  summaryDetail: ['trailingPE', 'forwardPE', 'priceToSalesTrailing12Months', 'marketCap'],
  defaultKeyStatistics: ['forwardPE', 'trailingPE', 'priceToBook', 'pegRatio', 'trailingPegRatio'],
  price: ['marketCap'],
};
/** Figures that are something slow / price: they move against it. */
const INVERSE_RATIOS: Record<string, readonly string[]> = {
  summaryDetail: ['dividendYield', 'trailingAnnualDividendYield'],
};
/** Enterprise value over something slow: the enterprise value moves by the change of market cap. */
const EV_RATIOS = ['enterpriseToEbitda', 'enterpriseToRevenue'] as const;

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * A cached summary brought from the price it was fetched at to today's: each price ratio scales
 * by today / then (exact while its denominator, a slow figure, is unchanged), the enterprise value
 * moves by the market cap's change (debt and cash unchanged), the price fields are today's.
 */
export function rebaseToPrice(summary: Record<string, unknown>, fromPrice: number, toPrice: number): Record<string, unknown> {
  const k = toPrice / fromPrice;
  const out: Record<string, unknown> = { ...summary };
  const module = (name: string): Record<string, unknown> | null => {
    if (!isRecord(summary[name])) return null;
    if (out[name] === summary[name]) out[name] = { ...(summary[name] as Record<string, unknown>) };
    return out[name] as Record<string, unknown>;
  };
  const oldCap = [summary.summaryDetail, summary.price].map((m) => (isRecord(m) ? m.marketCap : undefined)).find(finite);
  for (const [name, fields] of Object.entries(PRICE_RATIOS)) {
    const m = module(name);
    if (m) for (const field of fields) if (finite(m[field])) m[field] = m[field] * k;
  }
  for (const [name, fields] of Object.entries(INVERSE_RATIOS)) {
    const m = module(name);
    if (m) for (const field of fields) if (finite(m[field])) m[field] = m[field] / k;
  }
  const stats = module('defaultKeyStatistics');
  if (stats && finite(stats.enterpriseValue) && oldCap !== undefined) {
    const oldEv = stats.enterpriseValue;
    const newEv = oldEv + oldCap * (k - 1);
    stats.enterpriseValue = newEv;
    for (const field of EV_RATIOS) if (finite(stats[field]) && oldEv !== 0) stats[field] = stats[field] * (newEv / oldEv);
  }
  // Scaled, not replaced: a module may quote in another unit than the quote (pence, agorot).
  const price = module('price');
  if (price && finite(price.regularMarketPrice)) price.regularMarketPrice = price.regularMarketPrice * k;
  const financial = module('financialData');
  if (financial && finite(financial.currentPrice)) financial.currentPrice = financial.currentPrice * k;
  return out;
}
