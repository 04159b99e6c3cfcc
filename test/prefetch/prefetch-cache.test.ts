// The cross-run cache never lets one source's data stand in for another's: simulated data is
// never served to a run on real Yahoo (nor real data to a simulated run), one endpoint's data
// never to another endpoint, and an entry that does not say where it came from is not trusted.
import { describe, expect, it } from 'vitest';
import type { PrefetchObject } from '../../lambdas/core/prefetch/market-data.js';
import type { SourceIdentity } from '../../lambdas/core/report/provenance.js';
import { readFreshCache, writeCache } from '../../lambdas/prefetch/prefetch-cache.js';
import { memoryStore } from '../support/memory-store.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const YAHOO: SourceIdentity = { origin: 'yahoo', endpoint: null };
const SIM_A: SourceIdentity = { origin: 'simulated', endpoint: 'http://127.0.0.1:4010' };
const SIM_B: SourceIdentity = { origin: 'simulated', endpoint: 'http://127.0.0.1:4020' };
const PROXY: SourceIdentity = { origin: 'endpoint', endpoint: 'http://proxy:8080' };

const fetched = (ticker: string, origin: SourceIdentity | undefined): PrefetchObject => ({
  ticker,
  yahoo_finance: { symbol: ticker, quote: null, summary: {}, summaryErrors: {}, bars: [] },
  failed: false,
  fetched_at: new Date(NOW.getTime() - 10 * 60_000).toISOString(),
  fetch_duration_seconds: 0.5,
  source: 'yahoo',
  ...(origin ? { origin } : {}),
});

async function cachedFor(written: SourceIdentity | undefined, reader: SourceIdentity): Promise<PrefetchObject | undefined> {
  const store = memoryStore();
  await writeCache(store, fetched('AAPL', written));
  return (await readFreshCache(store, ['AAPL'], 60, NOW, reader)).get('AAPL');
}

describe('readFreshCache and the source of the cached data', () => {
  it('serves an entry to a run on the same source, marked as cache with its age and its origin', async () => {
    expect(await cachedFor(YAHOO, YAHOO)).toMatchObject({ source: 'cache', cache_age_minutes: 10, origin: YAHOO });
    expect(await cachedFor(PROXY, PROXY)).toMatchObject({ source: 'cache', origin: PROXY });
    // Any simulator is the same deterministic market, whatever port it listened on.
    expect(await cachedFor(SIM_A, SIM_B)).toMatchObject({ source: 'cache', origin: SIM_A });
  });

  it('never serves simulated data to a real run, nor real data to a simulated one', async () => {
    expect(await cachedFor(SIM_A, YAHOO)).toBeUndefined();
    expect(await cachedFor(SIM_A, PROXY)).toBeUndefined();
    expect(await cachedFor(YAHOO, SIM_A)).toBeUndefined();
  });

  it("never serves one endpoint's data to another, nor an entry without its origin", async () => {
    expect(await cachedFor(PROXY, YAHOO)).toBeUndefined();
    expect(await cachedFor(YAHOO, PROXY)).toBeUndefined();
    expect(await cachedFor(undefined, YAHOO)).toBeUndefined();
  });
});
