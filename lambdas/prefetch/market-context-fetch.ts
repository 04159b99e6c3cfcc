// Fetch what every ticker's analysis shares, once per run: the benchmark's bars and FX rates.
import { describeYahooError } from '../adapters/yahoo/yahoo-errors.js';
import type { YahooPort } from '../adapters/yahoo/yahoo-port.js';
import { fxSymbol } from '../core/portfolio/currency.js';
import type { FxHistory } from '../core/portfolio/fx-returns.js';
import type { MarketContext } from '../core/prefetch/market-context.js';
import type { DailyBar } from '../core/prefetch/market-data.js';

const ONE_YEAR_MS = 366 * 24 * 3600 * 1000;

type Json = Record<string, unknown>;

/** The benchmark's year of daily bars, or why there are none (`error`, in words). */
export interface BenchmarkFetch {
  symbol: string;
  bars: DailyBar[];
  error: string | null;
  /** When the bars were asked for: the end of their one-year window. */
  fetchedAt: Date;
}

/** Never throws: a failure (even a port that throws instead of rejecting) is the benchmark's error. */
export async function fetchBenchmark(port: YahooPort, symbol: string, now: Date = new Date()): Promise<BenchmarkFetch> {
  return (async () => port.dailyBars(symbol, new Date(now.getTime() - ONE_YEAR_MS), now))().then(
    (bars) => ({ symbol, bars, error: bars.length ? null : 'no price history', fetchedAt: now }),
    (error: unknown) => ({ symbol, bars: [], error: describeYahooError(error), fetchedAt: now }),
  );
}

/** The market context: the FX rates these currencies need (fetched here) and the benchmark's bars. */
export async function fetchMarketContext(
  port: YahooPort,
  options: {
    currencies: string[];
    baseCurrency: string;
    benchmark: BenchmarkFetch;
    /** Quotes already fetched this run, by upper-case symbol (the holdings' batch, where the FX
     * symbols of the currencies known beforehand rode along): a rate found there is not asked again. */
    quotes?: Map<string, Json>;
  },
): Promise<MarketContext> {
  const { benchmark, baseCurrency: base } = options;
  const known = ratesFrom(options.quotes ?? new Map(), options.currencies, base);
  // Only what the batch did not answer (a currency first seen in a quote, or a failed batch) is asked.
  const missing = options.currencies.filter((currency) => known[currency] === undefined);
  const [fetched, history] = await Promise.all([fetchRates(port, missing, base), fetchFxHistory(port, options.currencies, base, benchmark.fetchedAt)]);
  const rates = { ...known, ...fetched };
  return {
    base_currency: base,
    fx_rates: rates,
    fx_missing: options.currencies.filter((currency) => rates[currency] === undefined),
    fx_history: history,
    benchmark: benchmark.error ? null : { symbol: benchmark.symbol, bars: benchmark.bars },
    benchmark_error: benchmark.error ? `${benchmark.symbol}: ${benchmark.error}` : null,
    fetched_at: benchmark.fetchedAt.toISOString(),
  };
}

/** Each currency's rate over the year, one chart request per currency; a failed one is left out
 * (its holdings' risk figures then stay in their own currency, and the report says so). */
async function fetchFxHistory(port: YahooPort, currencies: string[], base: string, now: Date): Promise<Record<string, FxHistory>> {
  const histories = await Promise.all(
    currencies.map(async (currency) => {
      const bars = await (async () => port.dailyBars(fxSymbol(currency, base), new Date(now.getTime() - ONE_YEAR_MS), now))().catch((): DailyBar[] => []);
      const days = bars.filter((bar) => Number.isFinite(bar.close) && (bar.close ?? 0) > 0);
      return [currency, { dates: days.map((bar) => bar.date.slice(0, 10)), closes: days.map((bar) => bar.close as number) }] as const;
    }),
  );
  return Object.fromEntries(histories.filter(([, history]) => history.dates.length > 1));
}

/** Yahoo's FX symbols (EURUSD=X) of these currencies' rates to the base, to ride in a quote batch. */
export const fxSymbols = (currencies: string[], base: string): string[] => currencies.map((currency) => fxSymbol(currency, base));

async function fetchRates(port: YahooPort, currencies: string[], base: string): Promise<Record<string, number>> {
  if (currencies.length === 0) return {};
  const quotes = await (async () => port.quote(fxSymbols(currencies, base)))().catch((): Json[] => []);
  return ratesFrom(new Map(quotes.map((quote) => [String(quote.symbol).toUpperCase(), quote])), currencies, base);
}

/** Each currency's rate from its FX quote among `quotes` (by upper-case symbol); a rate that is
 * not a positive finite number is left out, never made up. */
function ratesFrom(quotes: Map<string, Json>, currencies: string[], base: string): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const currency of currencies) {
    const rate = quotes.get(fxSymbol(currency, base).toUpperCase())?.regularMarketPrice;
    if (typeof rate === 'number' && Number.isFinite(rate) && rate > 0) rates[currency] = rate;
  }
  return rates;
}
