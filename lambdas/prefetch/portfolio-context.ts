// What the whole portfolio shares, prepared once per run in every mode: the quotes (batched),
// FX rates to the base currency, the benchmark's bars (fetched before, see the handler), and
// each holding's weight.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ObjectStore } from '../adapters/aws/object-store.js';
import type { YahooPort } from '../adapters/yahoo/yahoo-port.js';
import type { ManifestItem } from '../core/contracts.js';
import type { MarketContext } from '../core/prefetch/market-context.js';
import { currenciesNeedingRates } from '../core/portfolio/currency.js';
import { SourceUnreachableError } from '../core/errors.js';
import { sourceUnreachableSentence } from '../core/prefetch/source-unreachable.js';
import type { PrefetchObject } from '../core/prefetch/market-data.js';
import { portfolioWeights, quotedPrice } from '../core/portfolio/portfolio-weights.js';
import type { runKeys } from '../core/run-keys.js';
import { fetchMarketContext, fxSymbols, type BenchmarkFetch } from './market-context-fetch.js';
import { fetchQuotes, QUOTE_SYMBOLS_PER_REQUEST } from './prefetch-tickers.js';

export interface PortfolioContext {
  /** Quotes of the tickers not served by the cache. */
  quotes: Map<string, Record<string, unknown>>;
  /** The manifest with each holding's weight. */
  manifest: ManifestItem[];
  /** What was written to market-context.json. */
  context: MarketContext;
  /** The batched quote requests asked (a sequential run asks one per ticker instead). */
  quoteRequests: number;
}

export async function preparePortfolioContext(options: {
  port: YahooPort;
  store: ObjectStore;
  keys: ReturnType<typeof runKeys>;
  manifest: ManifestItem[];
  cached: Map<string, PrefetchObject>;
  concurrency: number;
  baseCurrency: string;
  /** The benchmark's bars, fetched first (the run's first Yahoo answer says who answers). */
  benchmark: BenchmarkFetch;
  logger: Logger;
  /** The custom Yahoo endpoint (YAHOO_ENDPOINT), named in the unreachable sentence. */
  endpoint?: string | null;
}): Promise<PortfolioContext> {
  const { port, store, keys, manifest, cached, baseCurrency, logger } = options;
  const tickers = manifest.map((item) => item.ticker);
  const toQuote = tickers.filter((ticker) => !cached.has(ticker));
  // The rates of the currencies known before any quote (declared in the portfolio, or a cached
  // quote's) ride in the holdings' quote requests instead of a request of their own.
  const knownCurrencies = currenciesNeedingRates(
    [...manifest.map((item) => item.currency), ...[...cached.values()].map((object) => quotedPrice(object.yahoo_finance?.quote ?? undefined)?.currency)],
    baseCurrency,
  );
  const riders = toQuote.length ? fxSymbols(knownCurrencies, baseCurrency).filter((symbol) => !toQuote.includes(symbol)) : [];
  const answered = await fetchQuotes(port, [...toQuote, ...riders], options.concurrency);
  const quotes = new Map(toQuote.flatMap((ticker) => (answered.has(ticker) ? [[ticker, answered.get(ticker)!] as const] : [])));
  const quoteOf = (ticker: string) => quotes.get(ticker) ?? cached.get(ticker)?.yahoo_finance?.quote ?? undefined;
  const prices = new Map(
    tickers.flatMap((ticker) => {
      const price = quotedPrice(quoteOf(ticker));
      return price ? [[ticker, price] as const] : [];
    }),
  );
  const currencies = currenciesNeedingRates(
    [...[...prices.values()].map((price) => price.currency), ...manifest.map((item) => item.currency)],
    baseCurrency,
  );
  const context = await fetchMarketContext(port, { currencies, baseCurrency, benchmark: options.benchmark, quotes: answered });
  // Not one quote and the benchmark refused by the network: the source is unreachable, and a
  // sequential fallback retrying every ticker to its deadline could not do better.
  const quoted = tickers.length - cached.size;
  if (quoted > 0 && quotes.size === 0 && context.benchmark_error && /network error/.test(context.benchmark_error)) {
    throw new SourceUnreachableError(sourceUnreachableSentence(context.benchmark_error, options.endpoint ?? null));
  }
  if (context.benchmark_error) logger.warn(`Benchmark unavailable, no beta this run: ${context.benchmark_error}`);
  if (context.fx_missing.length) logger.warn(`No FX rate to ${baseCurrency} for ${context.fx_missing.join(', ')}`);
  await store.putJson(keys.marketContext, context);
  const weights = portfolioWeights(manifest, prices, context.fx_rates, baseCurrency);
  const weighted = manifest.map((item) => ({ ...item, weight: weights.get(item.ticker) ?? null }));
  await store.putJson(keys.manifest, weighted);
  const quoteRequests = Math.ceil((toQuote.length + riders.length) / QUOTE_SYMBOLS_PER_REQUEST);
  return { quotes, manifest: weighted, context, quoteRequests };
}
