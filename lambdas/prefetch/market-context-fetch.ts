// Fetch what every ticker's analysis shares, once per run: FX rates and the benchmark's bars.
import { describeYahooError } from '../adapters/yahoo-errors.js';
import type { YahooPort } from '../adapters/yahoo-port.js';
import { fxSymbol } from '../core/currency.js';
import type { MarketContext } from '../core/market-context.js';

const ONE_YEAR_MS = 366 * 24 * 3600 * 1000;

export async function fetchMarketContext(
  port: YahooPort,
  options: { currencies: string[]; baseCurrency: string; benchmarkSymbol: string; now?: Date },
): Promise<MarketContext> {
  const now = options.now ?? new Date();
  const base = options.baseCurrency;
  const [rates, benchmark] = await Promise.all([
    fetchRates(port, options.currencies, base),
    // Wrapped so that a port that throws instead of rejecting is a benchmark error too: this never throws.
    (async () => port.dailyBars(options.benchmarkSymbol, new Date(now.getTime() - ONE_YEAR_MS), now))().then(
      (bars) => ({ bars, error: bars.length ? null : 'no price history' }),
      (error: unknown) => ({ bars: [], error: describeYahooError(error) }),
    ),
  ]);
  return {
    base_currency: base,
    fx_rates: rates,
    fx_missing: options.currencies.filter((currency) => rates[currency] === undefined),
    benchmark: benchmark.error ? null : { symbol: options.benchmarkSymbol, bars: benchmark.bars },
    benchmark_error: benchmark.error ? `${options.benchmarkSymbol}: ${benchmark.error}` : null,
    fetched_at: now.toISOString(),
  };
}

async function fetchRates(port: YahooPort, currencies: string[], base: string): Promise<Record<string, number>> {
  if (currencies.length === 0) return {};
  const symbols = currencies.map((currency) => fxSymbol(currency, base));
  const quotes = await (async () => port.quote(symbols))().catch(() => []);
  const rates: Record<string, number> = {};
  for (const currency of currencies) {
    const quote = quotes.find((q) => String(q.symbol).toUpperCase() === fxSymbol(currency, base).toUpperCase());
    const rate = quote?.regularMarketPrice;
    if (typeof rate === 'number' && Number.isFinite(rate) && rate > 0) rates[currency] = rate;
  }
  return rates;
}
