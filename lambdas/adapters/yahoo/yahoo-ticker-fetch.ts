// Fetch one ticker's Yahoo data: quoteSummary with the modules the analysis needs (none for a
// fund, index, coin or currency whose quote carries all the analysts read), a company's annual
// statements (fundamentals time series) and one year of daily bars (unless already fetched this run). The quote comes from a batched quote() call made beforehand.
import type { DailyBar, YahooTickerData } from '../../core/prefetch/market-data.js';
import { describeYahooError, isNoFundamentals, UNKNOWN_SYMBOL } from './yahoo-errors.js';
import type { YahooPort } from './yahoo-port.js';
import { positivePrice, rebaseToPrice, type SlowDataEntry } from '../../core/prefetch/slow-data.js';

/** Modules every listing has. */
export const BASE_MODULES = ['price', 'summaryDetail', 'defaultKeyStatistics', 'quoteType'];
/** Company modules: an ETF or index answers them with a 404 ("No fundamentals data found"). */
export const COMPANY_MODULES = ['financialData', 'assetProfile', 'recommendationTrend', 'earnings', 'calendarEvents'];

const COMPANY_QUOTE_TYPES = new Set(['EQUITY']);
const ONE_YEAR_MS = 366 * 24 * 3600 * 1000;
/** Six years back: at least five fiscal years of statements, whatever the fiscal calendar. */
const STATEMENT_YEARS_MS = 6 * 366 * 24 * 3600 * 1000;
const NOT_A_COMPANY = 'not available for this asset type';

export type TickerFetch = { ok: true; data: YahooTickerData } | { ok: false; error: string };

export interface TickerFetchOptions {
  /** This ticker's year of daily bars, already fetched this run (the benchmark's chart, or a
   * spark batch): used instead of asking for them again. */
  bars?: DailyBar[];
  /** Where `bars` came from (default chart). */
  barsSource?: 'chart' | 'spark';
  /** The ticker's slow data from the cache (slow-data.ts), to use instead of asking quoteSummary
   * and the statements again; its valuation is brought to this quote's price. */
  slow?: { entry: SlowDataEntry; ageDays: number };
}

/**
 * Whether this fetch's summary and statements are worth keeping as the ticker's slow data: they
 * were asked this run (not from the cache, not skipped for a fund read from its quote) and came
 * back whole. A transient failure of either is asked again next run.
 */
export function keepsSlowData(data: YahooTickerData): boolean {
  if (data.slowData || data.summaryErrors.all !== undefined || Object.keys(data.summary).length === 0) return false;
  return data.statementsError === undefined || data.statementsError === NOT_A_COMPANY;
}

/**
 * Whether the batched quote already carries all that the analysts read of this listing, so that
 * quoteSummary is not asked. True only for a listing the quote types as something other than a
 * company (ETF, mutual fund, index, coin, currency) and that has its price and currency: the
 * analysts read a non-company listing's type, price and currency only (asset-type.ts,
 * crew-analysis.ts, street-view.ts fall back to `quote.*`), and its BASE_MODULES add nothing they
 * use (test/recorded/etf-quote-recorded.test.ts compares the crew's results on Yahoo's recorded
 * QQQ, BTC-USD and EURUSD=X answers with and without them). A company, an untyped listing, or a
 * quote without a price or currency is still asked.
 */
export function quoteSuffices(quote: Record<string, unknown> | null): boolean {
  if (!quote) return false;
  const { quoteType, regularMarketPrice: price, currency } = quote;
  return (
    typeof quoteType === 'string' &&
    quoteType.trim() !== '' &&
    !COMPANY_QUOTE_TYPES.has(quoteType) &&
    typeof price === 'number' &&
    Number.isFinite(price) &&
    price > 0 &&
    typeof currency === 'string' &&
    currency.trim() !== ''
  );
}

export async function fetchYahooTicker(
  port: YahooPort,
  symbol: string,
  quote: Record<string, unknown> | null,
  now: Date = new Date(),
  options: TickerFetchOptions = {},
): Promise<TickerFetch> {
  const quoteType = typeof quote?.quoteType === 'string' ? quote.quoteType : null;
  const wantsCompany = quoteType === null || COMPANY_QUOTE_TYPES.has(quoteType);
  const known = options.bars?.length ? options.bars : null;
  const price = positivePrice(quote);
  const slow = options.slow && options.slow.entry.price !== null && price !== null ? options.slow : null;
  // A company's annual statements (the published models): one request beside quoteSummary.
  const asksStatements = wantsCompany && !quoteSuffices(quote);
  const [summary, bars, statements] = await Promise.allSettled([
    slow
      ? Promise.resolve({ summary: rebaseToPrice(slow.entry.summary, slow.entry.price!, price!), summaryErrors: slow.entry.summaryErrors })
      : quoteSuffices(quote)
        ? Promise.resolve(noSummary())
        : fetchSummary(port, symbol, wantsCompany),
    known ? Promise.resolve(known) : (async () => port.dailyBars(symbol, new Date(now.getTime() - ONE_YEAR_MS), now))(),
    slow
      ? Promise.resolve(slow.entry.statements ?? null)
      : asksStatements
        ? port.annualStatements(symbol, new Date(now.getTime() - STATEMENT_YEARS_MS), now)
        : Promise.resolve(null),
  ]);
  const summaryPart =
    summary.status === 'fulfilled'
      ? summary.value
      : { summary: {}, summaryErrors: { all: describeYahooError(summary.reason) } };
  const barsError = bars.status === 'rejected' ? describeYahooError(bars.reason) : bars.value.length === 0 ? 'no price history' : null;
  // Partial data is analysed: fundamentals (or a fund's quote) without a chart Yahoo has none of
  // (a 404, an empty history) still make a result, with no technical part and a warning. A chart
  // that failed for a passing reason (429, 5xx, network, timeout) fails the ticker, to be fetched again.
  const chartAbsent = barsError === UNKNOWN_SYMBOL || barsError === 'no price history';
  if (barsError && !(chartAbsent && summary.status === 'fulfilled')) return { ok: false, error: barsError };
  if (summaryPart.summaryErrors.all === UNKNOWN_SYMBOL && quote === null) return { ok: false, error: UNKNOWN_SYMBOL };
  const statementsPart =
    slow && slow.entry.statementsError !== undefined
      ? { statementsError: slow.entry.statementsError }
      : statements.status === 'fulfilled'
        ? statements.value === null
          ? { statementsError: NOT_A_COMPANY }
          : { statements: statements.value }
        : { statementsError: describeYahooError(statements.reason) };
  const barsPart = barsError
    ? { bars: [], barsError }
    : { bars: (bars as PromiseFulfilledResult<DailyBar[]>).value, barsSource: known ? (options.barsSource ?? 'chart') : ('chart' as const) };
  const slowPart = slow
    ? { slowData: { fetched_at: slow.entry.fetched_at, market_at: slow.entry.market_at, age_days: Math.round(slow.ageDays * 100) / 100, rebased_from_price: slow.entry.price! } }
    : {};
  return { ok: true, data: { symbol, quote, ...summaryPart, ...barsPart, ...statementsPart, ...slowPart } };
}

/** A non-company listing read from its quote alone: the company modules are recorded as not
 * available, as when Yahoo is asked for them. */
function noSummary() {
  return { summary: {}, summaryErrors: Object.fromEntries(COMPANY_MODULES.map((module) => [module, NOT_A_COMPANY])) };
}

async function fetchSummary(port: YahooPort, symbol: string, wantsCompany: boolean) {
  const summaryErrors: Record<string, string> = {};
  if (wantsCompany) {
    try {
      const summary = await port.quoteSummary(symbol, [...BASE_MODULES, ...COMPANY_MODULES]);
      // Yahoo leaves out the modules it has no data for (an ETF asked as a company).
      for (const module of COMPANY_MODULES) if (!(module in summary)) summaryErrors[module] = 'not in Yahoo\'s answer';
      return { summary, summaryErrors };
    } catch (error) {
      if (!isNoFundamentals(error)) throw error;
    }
  }
  // An ETF (or a listing the quote did not type): ask only what every listing has.
  for (const module of COMPANY_MODULES) summaryErrors[module] = NOT_A_COMPANY;
  return { summary: await port.quoteSummary(symbol, BASE_MODULES), summaryErrors };
}
