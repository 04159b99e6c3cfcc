// A chunk's PrefetchStats for the tests of their aggregation: one minute, 10 tickers, no failure.
import type { PrefetchStats } from '../../lambdas/core/prefetch/run-record.js';

export const prefetchStatsOf = (over: Partial<PrefetchStats>): PrefetchStats => ({
  startedAt: '2026-01-05T10:00:00.000Z',
  finishedAt: '2026-01-05T10:01:00.000Z',
  durationSeconds: 60,
  successfulTickers: 10,
  failedTickers: 0,
  failedTickerList: [],
  errorSummary: {},
  sumFetchSeconds: 100,
  cacheHits: 0,
  peakRssMb: 100,
  ...over,
});
