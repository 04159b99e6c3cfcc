// Where a run's objects live in S3: every key derives from the session id, so any step can
// find what an earlier one wrote, even if that step crashed.

/** Key prefixes in the bucket (DESIGN.md, "Storage"). */
export const RUNS_PREFIX = 'runs/';
export const PORTFOLIOS_PREFIX = 'portfolios/';
/** The cross-run prefetch cache. */
export const CACHE_PREFIX = 'cache/';

export const runKeys = (sessionId: string) => {
  const root = `${RUNS_PREFIX}${sessionId}`;
  return {
    root,
    manifest: `${root}/manifest.json`,
    run: `${root}/run.json`,
    prefetchStats: `${root}/prefetch-stats.json`,
    marketContext: `${root}/market-context.json`,
    /** Universe scale: the chunk list the prefetch Distributed Map reads, each chunk, its stats. */
    prefetchChunkList: `${root}/prefetch-chunks.json`,
    prefetchChunk: (index: number) => `${root}/prefetch-chunks/${index}.json`,
    prefetchChunkStats: (index: number) => `${root}/prefetch-chunks/${index}.stats.json`,
    prefetchPrefix: `${root}/prefetch/`,
    prefetch: (ticker: string) => `${root}/prefetch/${ticker}.json`,
    resultsPrefix: `${root}/results/`,
    result: (ticker: string) => `${root}/results/${ticker}.json`,
    reportJson: `${root}/report.json`,
    reportMarkdown: `${root}/report.md`,
    metrics: `${root}/batch_prefetch_metrics.json`,
    alphaVantagePrefix: `${root}/alpha-vantage/`,
    /** Written once Alpha Vantage is stopped for the run (quota, throttle, no key). */
    alphaVantageStatus: `${root}/alpha-vantage/status.json`,
    /** One Alpha Vantage answer (or the reason there is none): `<TICKER>.OVERVIEW.json`. */
    alphaVantage: (ticker: string, fn: 'OVERVIEW' | 'EARNINGS') => `${root}/alpha-vantage/${ticker}.${fn}.json`,
  };
};

/** Across runs: the last successful prefetch of each ticker (PREFETCH_CACHE_TTL_MINUTES), and
 * its slow data (quoteSummary and statements, SLOW_DATA_TTL_DAYS). */
export const cacheKeys = {
  prefix: CACHE_PREFIX,
  yahoo: (ticker: string) => `${CACHE_PREFIX}yahoo/${ticker}.json`,
  slow: (ticker: string) => `${CACHE_PREFIX}slow/${ticker}.json`,
};
