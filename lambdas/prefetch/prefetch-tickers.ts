// Fetch every ticker with bounded concurrency: one quote() request per chunk of symbols, the
// chunk's daily bars in spark batches (spark-bars.ts), then per ticker quoteSummary and the
// statements (unless its slow data is reused) and its chart if no spark answer carried it. Each
// outcome is handed over as soon as it is known, so nothing accumulates in memory and one failure
// never stops the others.
import PQueue from 'p-queue';
import { describeYahooError } from '../adapters/yahoo/yahoo-errors.js';
import type { YahooPort } from '../adapters/yahoo/yahoo-port.js';
import { fetchYahooTicker, type TickerFetch, type TickerFetchOptions } from '../adapters/yahoo/yahoo-ticker-fetch.js';
import type { DailyBar } from '../core/prefetch/market-data.js';
import { yahooServiceTime } from '../adapters/yahoo/yahoo-service-time.js';
import { withTickerBudget } from '../adapters/yahoo/ticker-budget.js';
import type { SparkBars } from './spark-bars.js';

/**
 * Symbols in one quote() request. Yahoo's v7 quote has answered at most 99 symbols since March
 * 2025: a request for more fails (quantmod #432/#433 moved to 99 after two weeks of failures
 * above it; yahoo-finance2 #901 capped its own quoteCombine at 100). 90 keeps a margin under that,
 * and the URL stays short (about 90 x 10 characters). The 66-ticker example is one request.
 */
export const QUOTE_SYMBOLS_PER_REQUEST = 90;

/** Tickers taken at a time: whole quote requests (2 x 90) and whole spark requests (9 x 20), so
 * no request is asked for a remainder in the middle of the portfolio. */
const WINDOW = 2 * QUOTE_SYMBOLS_PER_REQUEST;
/** Slow-data reads from S3 at once: enough to finish a window's while its spark batches answer. */
const SLOW_READS_AT_ONCE = 16;

export interface TickerOutcome {
  ticker: string;
  fetch: TickerFetch;
  fetchedAt: string;
  /** This ticker's own requests plus its share of the batched quote request. */
  durationSeconds: number;
  /** The ticker's own service time (requests on the wire, retry backoff), its waits for a turn excluded. */
  serviceSeconds: number;
  /** Its Yahoo requests, retries included (its share of a batched quote request as a fraction). */
  requests: number;
}

export interface PrefetchOptions {
  concurrency: number;
  onTicker: (outcome: TickerOutcome) => Promise<void>;
  /** Quotes already fetched for the whole portfolio (fetchQuotes); asked per chunk otherwise. */
  quotes?: Map<string, Record<string, unknown>>;
  /** Daily bars already fetched this run, by ticker (the benchmark's): not asked again. */
  bars?: Map<string, DailyBar[]>;
  /** Batches the chunk's daily bars; without it each ticker's chart is asked. */
  spark?: SparkBars;
  /** The ticker's reusable slow data, looked up as its turn comes (null: fetch it). */
  slowFor?: (ticker: string, quote: Record<string, unknown> | null) => Promise<TickerFetchOptions['slow'] | null>;
}

export async function prefetchTickers(port: YahooPort, tickers: string[], options: PrefetchOptions): Promise<void> {
  const queue = new PQueue({ concurrency: options.concurrency });
  const slowReads = new PQueue({ concurrency: SLOW_READS_AT_ONCE });
  // A failure to store an outcome is an infrastructure fault: stop queueing and rethrow it.
  let storeFailure: unknown;
  for (let start = 0; start < tickers.length && storeFailure === undefined; start += WINDOW) {
    const chunk = tickers.slice(start, start + WINDOW);
    const quoteStarted = performance.now();
    const quotes = options.quotes ?? (await fetchQuotes(port, chunk, options.concurrency));
    // The window's slow-data lookups (S3 reads) run while its spark batches are on the wire.
    const slowLookups = new Map(
      chunk.map((ticker) => [ticker, slowReads.add(async () => (await options.slowFor?.(ticker, quotes.get(ticker) ?? null)) ?? null).catch(() => null)]),
    );
    const sparked = options.spark ? await options.spark.fetchOne(port, chunk.filter((ticker) => !options.bars?.has(ticker))) : new Map<string, DailyBar[]>();
    const quoteShare = (performance.now() - quoteStarted) / 1000 / chunk.length;
    for (const ticker of chunk) {
      if (storeFailure !== undefined) break;
      // Keep the queue short so that a 10,000-ticker portfolio does not hold 10,000 promises.
      await queue.onSizeLessThan(options.concurrency * 2);
      queue.add(async () => {
        const started = performance.now();
        const quote = quotes.get(ticker) ?? null;
        const fetch = await withTickerBudget(async () => {
          const slow = (await slowLookups.get(ticker)) ?? null;
          const known = options.bars?.get(ticker);
          const bars = known ? { bars: known } : sparked.has(ticker) ? { bars: sparked.get(ticker)!, barsSource: 'spark' as const } : {};
          return fetchYahooTicker(port, ticker, quote, new Date(), { ...bars, ...(slow ? { slow } : {}) });
        }).catch((error: unknown): TickerFetch => ({ ok: false, error: describeYahooError(error) }));
        await options.onTicker({
          ticker,
          fetch,
          fetchedAt: new Date().toISOString(),
          durationSeconds: (performance.now() - started) / 1000 + quoteShare,
          serviceSeconds: yahooServiceTime.take(ticker),
          requests: yahooServiceTime.takeRequests(ticker),
        });
      }).catch((error: unknown) => {
        storeFailure ??= error;
      });
    }
  }
  await queue.onIdle();
  if (storeFailure !== undefined) throw storeFailure;
}

/** Quotes of every ticker, one request per chunk of symbols, chunks in parallel. */
export async function fetchQuotes(
  port: YahooPort,
  tickers: string[],
  concurrency: number,
): Promise<Map<string, Record<string, unknown>>> {
  const queue = new PQueue({ concurrency });
  const chunks: string[][] = [];
  for (let start = 0; start < tickers.length; start += QUOTE_SYMBOLS_PER_REQUEST) {
    chunks.push(tickers.slice(start, start + QUOTE_SYMBOLS_PER_REQUEST));
  }
  const answers = await Promise.all(chunks.map((chunk) => queue.add(() => quoteChunk(port, chunk))));
  return new Map(answers.flatMap((answer) => [...answer]));
}

/** A failed quote request is not fatal: each ticker's own requests decide its fate. */
async function quoteChunk(port: YahooPort, chunk: string[]): Promise<Map<string, Record<string, unknown>>> {
  try {
    const answer = await port.quote(chunk);
    return new Map(answer.map((quote) => [String(quote.symbol).toUpperCase(), quote]));
  } catch {
    return new Map();
  }
}
