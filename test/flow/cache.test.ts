// PREFETCH_CACHE_TTL_MINUTES: a second run of the same portfolio within the TTL makes no
// Yahoo request for the cached tickers, and the metrics say how many came from the cache.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installLogSink } from '../../local/log-sink.js';
import { runLocal } from '../../local/local-run.js';
import { startYahooSimulator } from '../../sim/yahoo-simulator.js';

installLogSink('quiet', () => {});

describe('the prefetch cache across local runs', () => {
  it('serves the second run from the cache: no quote, quoteSummary or chart request for the holdings', async () => {
    const storeDir = await mkdtemp(join(tmpdir(), 'finwiz-store-'));
    const outDir = await mkdtemp(join(tmpdir(), 'finwiz-out-'));
    const simulator = await startYahooSimulator({ latencyMs: 1 });
    process.env.PREFETCH_CACHE_TTL_MINUTES = '60';
    try {
      const first = await runLocal({ portfolioPath: 'examples/portfolio.csv', yahooEndpoint: simulator.url, outDir, storeDir, sessionId: 'cache-1' });
      expect(first.successfulTickers).toBe(66);
      const firstRequests = simulator.stats();
      // The benchmark's chart, and the other 65 holdings' bars in 4 spark requests.
      expect(firstRequests.byEndpoint.chart).toBe(1);
      expect(firstRequests.byEndpoint.spark).toBe(4);
      simulator.resetStats();

      const second = await runLocal({ portfolioPath: 'examples/portfolio.csv', yahooEndpoint: simulator.url, outDir, storeDir, sessionId: 'cache-2' });
      expect(second.successfulTickers).toBe(66);
      const requests = simulator.stats();
      expect(requests.byEndpoint.quoteSummary).toBe(0);
      expect(requests.byEndpoint.quote).toBe(0);
      // Only the benchmark's bars are fetched again; its answer also said who answers (the cache
      // serves simulated data to a simulated run only), so that is the second run's one request.
      expect(requests.byEndpoint.chart).toBe(1);
      expect(requests.requests).toBe(1);
      const { readFile } = await import('node:fs/promises');
      const metrics = JSON.parse(await readFile(join(second.outDir, 'batch_prefetch_metrics.json'), 'utf-8'));
      expect(metrics.batch_prefetch_metrics.cache_hits).toBe(66);
      const firstMetrics = JSON.parse(await readFile(join(first.outDir, 'batch_prefetch_metrics.json'), 'utf-8'));
      expect(firstMetrics.batch_prefetch_metrics.cache_hits).toBe(0);
      // Provenance: the second run's data is labelled cache, with its age, and still simulated.
      const aapl = JSON.parse(await readFile(join(second.outDir, 'results', 'AAPL.json'), 'utf-8'));
      expect(aapl.simulated).toBe(true);
      expect(aapl.provenance.yahoo_finance).toMatchObject({ origin: 'cache', simulated: true, endpoint: simulator.url });
      expect(aapl.provenance.yahoo_finance.cache_age_minutes).toBeGreaterThanOrEqual(0);
      expect(metrics.batch_prefetch_metrics.data_sources.yahoo_finance.tickers_by_origin).toMatchObject({ cache: 66, simulated: 0 });
      expect(second.simulated).toBe(true);
    } finally {
      delete process.env.PREFETCH_CACHE_TTL_MINUTES;
      await simulator.close();
    }
  });
});
