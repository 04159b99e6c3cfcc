// The slow-data cache in S3 (`cache/slow/<TICKER>.json`): read per ticker as its turn comes (so a
// 5,000-ticker universe never holds every summary at once), written after a whole fetch.
import type { ObjectStore } from '../adapters/aws/object-store.js';
import type { YahooTickerData } from '../core/prefetch/market-data.js';
import { nextEarningsOf, positivePrice, slowDataEntrySchema, type SlowDataEntry } from '../core/prefetch/slow-data.js';
import type { SourceIdentity } from '../core/report/provenance.js';
import { cacheKeys } from '../core/run-keys.js';

/** The ticker's cached slow data; an unreadable or misshaped entry is a miss, never a failure. */
export async function readSlowData(store: ObjectStore, ticker: string): Promise<SlowDataEntry | null> {
  return store.getJson(cacheKeys.slow(ticker), slowDataEntrySchema).catch(() => null);
}

/** The entry a fetch leaves for the next runs: this run's summary and statements, at this quote's price. */
export function slowDataEntryOf(ticker: string, data: YahooTickerData, origin: SourceIdentity, fetchedAt: string, marketNow: Date): SlowDataEntry {
  return {
    ticker,
    origin,
    fetched_at: fetchedAt,
    market_at: marketNow.toISOString(),
    price: positivePrice(data.quote),
    next_earnings: nextEarningsOf(data.summary, data.quote),
    summary: data.summary,
    summaryErrors: data.summaryErrors,
    ...(data.statements !== undefined ? { statements: data.statements } : {}),
    ...(data.statementsError !== undefined ? { statementsError: data.statementsError } : {}),
  };
}

export async function writeSlowData(store: ObjectStore, entry: SlowDataEntry): Promise<void> {
  await store.putJson(cacheKeys.slow(entry.ticker), entry);
}
