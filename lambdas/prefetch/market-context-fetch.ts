// Fetch what every ticker's analysis shares, once per run: FX rates and the benchmark's bars.
import { describeYahooError } from '../adapters/yahoo-errors.js';
import type { YahooPort } from '../adapters/yahoo-port.js';
import { fxSymbol } from '../core/currency.js';
import type { MarketContext } from '../core/market-context.js';

const ONE_YEAR_MS = 366 * 24 * 3600 * 1000;

type Json = Record<string, unknown>;

export async function fetchMarketContext(
  port: YahooPort,
  options: {
    currencies: string[];
    baseCurrency: string;
    benchmarkSymbol: string;
    now?: Date;
    /** Quotes already fetched this run, by upper-case symbol (the holdings' batch, where the FX
     * symbols of the currencies known beforehand rode along): a rate found there is not asked again. */
    quotes?: Map<string, Json>;
  },
): Promise<MarketContext> {
  const now = options.now ?? new Date();
  const base = options.baseCurrency;
  const known = ratesFrom(options.quotes ?? new Map(), options.currencies, base);
  // Only what the batch did not answer (a currency first seen in a quote, or a failed batch) is asked.
  const missing = options.currencies.filter((currency) => known[currency] === undefined);
  const [asked, benchmark] = await Promise.all([
    fetchRates(port, missing, base),
    // Wrapped so that a port that throws instead of rejecting is a benchmark error too: this never throws.
    (async () => port.dailyBars(options.benchmarkSymbol, new Date(now.getTime() - ONE_YEAR_MS), now))().then(
      (bars) => ({ bars, error: bars.length ? null : 'no price history' }),
      (error: unknown) => ({ bars: [], error: describeYahooError(error) }),
    ),
  ]);
  const rates = { ...known, ...asked };
  return {
    base_currency: base,
    fx_rates: rates,
    fx_missing: options.currencies.filter((currency) => rates[currency] === undefined),
    benchmark: benchmark.error ? null : { symbol: options.benchmarkSymbol, bars: benchmark.bars },
    benchmark_error: benchmark.error ? `${options.benchmarkSymbol}: ${benchmark.error}` : null,
    fetched_at: now.toISOString(),
  };
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
