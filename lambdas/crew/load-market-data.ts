// The Crew's data for one ticker: the prefetched object in batch mode; in sequential mode
// (fallback) the Crew fetches it itself, one ticker at a time.
import type { ObjectStore } from '../adapters/aws/object-store.js';
import { describeYahooError } from '../adapters/yahoo/yahoo-errors.js';
import { fetchYahooTicker } from '../adapters/yahoo/yahoo-ticker-fetch.js';
import { failedPersistently, SHORT_BUDGET, withTickerBudget } from '../adapters/yahoo/ticker-budget.js';
import type { YahooPort } from '../adapters/yahoo/yahoo-port.js';
import type { RunMode } from '../core/contracts.js';
import { prefetchObjectSchema, type YahooTickerData } from '../core/prefetch/market-data.js';
import type { SourceIdentity } from '../core/report/provenance.js';
import { runKeys } from '../core/run-keys.js';

/** Where the data came from: the prefetch object's record, or this Crew's own fetch. */
export interface LoadOrigin {
  fetchedAt: string | null;
  /** Set when Prefetch served the ticker from the cross-run cache. */
  cacheAgeMinutes: number | null;
  /** Who answered (null: not recorded, e.g. an object written before provenance existed). */
  origin: SourceIdentity | null;
}

export type MarketDataLoad = LoadOrigin &
  ({ ok: true; data: YahooTickerData; fetchSeconds: number } | { ok: false; error: string; fetchSeconds: number });

export async function loadMarketData(
  mode: RunMode,
  sessionId: string,
  ticker: string,
  store: ObjectStore,
  yahoo: () => YahooPort,
): Promise<MarketDataLoad> {
  if (mode === 'batch') {
    const object = await store.getJson(runKeys(sessionId).prefetch(ticker), prefetchObjectSchema);
    if (!object) return { ok: false, error: 'no prefetched data', fetchSeconds: 0, fetchedAt: null, cacheAgeMinutes: null, origin: null };
    const from: LoadOrigin = {
      fetchedAt: object.fetched_at,
      cacheAgeMinutes: object.source === 'cache' ? (object.cache_age_minutes ?? 0) : null,
      origin: object.origin ?? null,
    };
    if (object.failed || !object.yahoo_finance) {
      return { ok: false, error: object.error ?? 'prefetch failed', fetchSeconds: object.fetch_duration_seconds, ...from };
    }
    return { ok: true, data: object.yahoo_finance, fetchSeconds: object.fetch_duration_seconds, ...from };
  }
  // A ticker that Prefetch already retried to the end against a server error (the fallback after
  // a high failure rate) gets one more try on a short budget, not the whole deadline again.
  const earlier = await store.getJson(runKeys(sessionId).prefetch(ticker), prefetchObjectSchema).catch(() => null);
  const limits = earlier?.failed && failedPersistently(earlier.error) ? SHORT_BUDGET : {};
  const started = performance.now();
  const port = yahoo();
  const fetched = await withTickerBudget(async () => {
    const quote = await port
      .quote([ticker])
      .then((quotes) => quotes.find((q) => String(q.symbol).toUpperCase() === ticker) ?? null)
      .catch(() => null);
    return fetchYahooTicker(port, ticker, quote);
  }, limits).catch((error: unknown) => ({
    ok: false as const,
    error: describeYahooError(error),
  }));
  const fetchSeconds = (performance.now() - started) / 1000;
  const from: LoadOrigin = { fetchedAt: new Date().toISOString(), cacheAgeMinutes: null, origin: null };
  return fetched.ok
    ? { ok: true, data: fetched.data, fetchSeconds, ...from }
    : { ok: false, error: fetched.error, fetchSeconds, ...from };
}
