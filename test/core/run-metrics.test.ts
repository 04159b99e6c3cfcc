import { describe, expect, it } from 'vitest';
import type { PrefetchStats } from '../../lambdas/core/prefetch/run-record.js';
import { buildBatchPrefetchMetrics, type RunMeasurements } from '../../lambdas/core/metrics/run-metrics.js';
import { toReportRow, type ReportRow } from '../../lambdas/core/report/ticker-outcome.js';
import { failedCrewResult, okCrewResult } from '../support/crew-result-builder.js';
import { ORIGINAL_METRICS_KEYS } from '../support/finwiz-metrics-keys.js';

const ORIGINAL_KEYS = ORIGINAL_METRICS_KEYS;
// Added beside them (allowed by the design; none may replace an original key).
const ADDED_KEYS = ['mode', 'fallback_reason', 'fallback_at', 'llm', 'cache_hits', 'simulated', 'estimated_cost_usd', 'sequential_estimate', 'prefetch_context_seconds', 'alpha_vantage_stage_seconds', 'memory', 'bars_path', 'slow_data', 'batch_size_reason'];
const PROVENANCE_KEYS = ['endpoint', 'origin', 'simulated'];
const SOURCE_KEYS = ['duration_seconds', 'enabled', 'failed_tickers', 'successful_tickers'];

function row(
  ticker: string,
  status: 'ok' | 'failed',
  fetchSeconds: number,
  analysisSeconds: number,
  reason: string | null = null,
  llm: ReportRow['llm'] = null,
): ReportRow {
  const holding = { ticker, index: 0 };
  return status === 'ok'
    ? toReportRow({ holding, result: okCrewResult(ticker, { composite: 0.5, fetchSeconds, analysisSeconds, llm }) })
    : toReportRow({ holding, result: failedCrewResult(ticker, reason ?? 'unknown symbol', { fetchSeconds }) });
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

const rows: ReportRow[] = [
  row('MSFT', 'ok', 1.5, 2),
  row('ZZZZ', 'failed', 0.5, 0, 'unknown symbol'),
  row('AAPL', 'ok', 1, 3),
  row('BAD', 'failed', 0.25, 0, 'HTTP 500'),
  row('QQQQ', 'failed', 0.25, 0, 'unknown symbol'),
];

const prefetch: PrefetchStats = {
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: '2025-01-01T00:00:02.000Z',
  durationSeconds: 2,
  successfulTickers: 3,
  failedTickers: 2,
  failedTickerList: ['BAD', 'ZZZZ'],
  errorSummary: { 'unknown symbol': 1, 'HTTP 500': 1 },
  // 10 s of fetch wall time in a 2 s prefetch: the tickers mostly waited for a turn behind each
  // other. Their own time with Yahoo was 1.6 s, and the once-per-run fetches took 0.4 s.
  sumFetchSeconds: 10,
  sumServiceSeconds: 1.6,
  contextSeconds: 0.4,
  cacheHits: 0,
  peakRssMb: 120,
};

function measurements(overrides: Partial<RunMeasurements> = {}): RunMeasurements {
  return {
    sessionId: 'sess-1',
    timestamp: '2025-01-01T00:00:10.000Z',
    mode: 'batch',
    fallbackReason: null,
    fallbackAt: null,
    batchSize: 3,
    totalBatches: 2,
    rows,
    prefetch,
    crewSeconds: 4,
    totalSeconds: 6,
    memoryUsageMb: 100,
    peakMemoryUsageMb: 150,
    alphaVantageEnabled: false,
    ...overrides,
  };
}

describe('buildBatchPrefetchMetrics shape', () => {
  it('has exactly the FinWiz keys, with the documented additions beside them', () => {
    const metrics = buildBatchPrefetchMetrics(measurements());
    expect(Object.keys(metrics)).toEqual(['batch_prefetch_metrics']);
    const m = metrics.batch_prefetch_metrics;
    for (const key of ORIGINAL_KEYS) expect(m).toHaveProperty(key);
    expect(Object.keys(m).sort()).toEqual([...ORIGINAL_KEYS, ...ADDED_KEYS].sort());
    expect(Object.keys(m.data_sources).sort()).toEqual(['alpha_vantage', 'yahoo_finance']);
    // The original four, and the provenance fields (and Alpha Vantage's quota fields) added beside them.
    expect(Object.keys(m.data_sources.yahoo_finance).sort()).toEqual([...SOURCE_KEYS, ...PROVENANCE_KEYS, 'tickers_by_origin'].sort());
    expect(Object.keys(m.data_sources.alpha_vantage).sort()).toEqual(
      [...SOURCE_KEYS, ...PROVENANCE_KEYS, 'quota_message', 'quota_reached'].sort(),
    );
  });

  it('has the expected value types and survives a JSON round trip unchanged', () => {
    const metrics = buildBatchPrefetchMetrics(measurements());
    const m = metrics.batch_prefetch_metrics;
    expect(m).toMatchObject({
      session_id: 'sess-1',
      timestamp: '2025-01-01T00:00:10.000Z',
      total_tickers: 5,
      successful_tickers: 2,
      failed_tickers: 3,
      prefetch_duration_seconds: 2.4,
      crew_execution_duration_seconds: 4,
      total_duration_seconds: 6,
      batch_size: 3,
      total_batches: 2,
      memory_usage_mb: 100,
      peak_memory_usage_mb: 150,
      mode: 'batch',
      fallback_reason: null,
      fallback_at: null,
    });
    for (const source of [m.data_sources.yahoo_finance, m.data_sources.alpha_vantage]) {
      expect(typeof source.enabled).toBe('boolean');
      expect(typeof source.successful_tickers).toBe('number');
      expect(typeof source.failed_tickers).toBe('number');
      expect(typeof source.duration_seconds).toBe('number');
    }
    expect(JSON.parse(JSON.stringify(metrics))).toEqual(metrics);
  });
});

describe('buildBatchPrefetchMetrics figures', () => {
  it("batch mode: the estimate counts the tickers' own service time, never their waits for a turn", () => {
    const m = buildBatchPrefetchMetrics(measurements()).batch_prefetch_metrics;
    // 0.4 (once per run) + 1.6 (service) + 2 + 3 (analysis) = 7, not the 10 s of fetch wall time;
    // rows' own fetchSeconds (3.5) are ignored.
    expect(m.estimated_sequential_time_seconds).toBe(7);
    // (7 - 6) / 7 = 14.3 %
    expect(m.time_savings_percentage).toBe(14.3);
    expect(m.prefetch_duration_seconds).toBe(2.4);
    expect(m.data_sources.yahoo_finance).toMatchObject({ enabled: true, successful_tickers: 3, failed_tickers: 2, duration_seconds: 2.4 });
    // A run recorded before service times existed falls back to its fetch wall times: 10 + 0.4 + 5.
    const older = { ...prefetch, sumServiceSeconds: undefined };
    expect(buildBatchPrefetchMetrics(measurements({ prefetch: older })).batch_prefetch_metrics.estimated_sequential_time_seconds).toBe(15.4);
  });

  it('batch mode: the service time, but never less than the requests at the client\'s pace', () => {
    // 190 requests at 9.8 a second take at least 19.388 s one after the other, whatever each one's latency.
    const fast = { ...prefetch, sumServiceSeconds: 4.5, contextSeconds: 0.5, requests: 190, requestsPerSecond: 9.8 };
    const paced = buildBatchPrefetchMetrics(measurements({ prefetch: fast })).batch_prefetch_metrics;
    expect(paced.estimated_sequential_time_seconds).toBe(round3(190 / 9.8 + 5));
    expect(paced.sequential_estimate).toMatchObject({ requests: 190, requests_per_second: 9.8, rate_limit_floor_seconds: round3(190 / 9.8), context_seconds: 0.5, ticker_fetch_seconds: 4.5 });
    // Slow answers: the service time is above the floor and is the estimate.
    const slow = { ...fast, sumServiceSeconds: 30 };
    expect(buildBatchPrefetchMetrics(measurements({ prefetch: slow })).batch_prefetch_metrics.estimated_sequential_time_seconds).toBe(30.5 + 5);
    // One batched quote request for the 5 tickers: a sequential run asks 4 more, each at the pace (1/9.8 s > 5 s / 190).
    const batched = buildBatchPrefetchMetrics(measurements({ prefetch: { ...fast, quoteRequests: 1 } })).batch_prefetch_metrics;
    expect(batched.sequential_estimate.unbatched_quote_seconds).toBe(round3(4 / 9.8));
    expect(batched.estimated_sequential_time_seconds).toBe(round3(190 / 9.8 + 4 / 9.8 + 5));
    // Cached tickers were not fetched: no quote of theirs to add.
    const cachedRun = buildBatchPrefetchMetrics(measurements({ prefetch: { ...fast, quoteRequests: 1, cacheHits: 3 } })).batch_prefetch_metrics;
    expect(cachedRun.sequential_estimate.unbatched_quote_seconds).toBe(round3(1 / 9.8));
    // Spark served 4 tickers' bars in 1 request and 2 tickers' slow data were reused: a sequential
    // run asks 3 more charts and 2 x 2 summary and statements requests, each at the pace.
    const barsPath = { path: 'spark' as const, sparkRequests: 1, sparkTickers: 4, chartTickers: 0, failedSparkRequests: 0, reason: null };
    const slowData = { ttlDays: 7, reused: 2, refreshed: 3, notNeeded: 0, reasons: { 'none cached': 3 } };
    const saved = buildBatchPrefetchMetrics(measurements({ prefetch: { ...fast, quoteRequests: 1, barsPath, slowData } })).batch_prefetch_metrics;
    expect(saved.sequential_estimate).toMatchObject({ unbatched_bars_seconds: round3(3 / 9.8), reused_slow_data_seconds: round3(4 / 9.8), saved_requests: 4 + 3 + 4 });
    expect(saved.estimated_sequential_time_seconds).toBe(round3(190 / 9.8 + 11 / 9.8 + 5));
    expect(saved.bars_path).toEqual(barsPath);
    expect(saved.slow_data).toEqual(slowData);
    // Chunks: the tickers' requests stand in for the Lambda's count.
    const chunked = { ...fast, requests: undefined, tickerRequests: 98 };
    expect(buildBatchPrefetchMetrics(measurements({ prefetch: chunked })).batch_prefetch_metrics.estimated_sequential_time_seconds).toBe(10 + 5);
  });

  it("sequential mode: sequential estimate = rows' fetchSeconds + analysis, even when Prefetch ran", () => {
    for (const stats of [null, prefetch]) {
      const m = buildBatchPrefetchMetrics(
        measurements({ mode: 'sequential', prefetch: stats, fallbackReason: 'Failure rate 60% > 50%', fallbackAt: '2025-01-01T00:00:03.000Z', totalSeconds: 7 }),
      ).batch_prefetch_metrics;
      // fetch 1.5 + 0.5 + 1 + 0.25 + 0.25 = 3.5; analysis 5; total 8.5
      expect(m.estimated_sequential_time_seconds).toBe(8.5);
      // (8.5 - 7) / 8.5 = 17.647 % -> 17.6
      expect(m.time_savings_percentage).toBe(17.6);
      expect(m.mode).toBe('sequential');
      expect(m.fallback_reason).toBe('Failure rate 60% > 50%');
      expect(m.fallback_at).toBe('2025-01-01T00:00:03.000Z');
      expect(m.data_sources.yahoo_finance.failed_tickers).toBe(3);
      expect(m.data_sources.yahoo_finance.successful_tickers).toBe(2);
    }
    const noPrefetch = buildBatchPrefetchMetrics(measurements({ mode: 'sequential', prefetch: null })).batch_prefetch_metrics;
    expect(noPrefetch.prefetch_duration_seconds).toBe(0);
    expect(noPrefetch.data_sources.yahoo_finance.duration_seconds).toBe(3.5);
  });

  it('reports negative savings when the run took longer than the estimate, and 0 with nothing measured', () => {
    // The estimate is 7 s: a 14 s run took twice as long.
    expect(buildBatchPrefetchMetrics(measurements({ totalSeconds: 14 })).batch_prefetch_metrics.time_savings_percentage).toBe(-100);
    const empty = buildBatchPrefetchMetrics(measurements({ rows: [], prefetch: null, mode: 'sequential', totalSeconds: 1 }));
    expect(empty.batch_prefetch_metrics).toMatchObject({
      total_tickers: 0,
      estimated_sequential_time_seconds: 0,
      time_savings_percentage: 0,
      failed_ticker_list: [],
      error_summary: {},
    });
  });

  it('rounds durations to milliseconds', () => {
    const m = buildBatchPrefetchMetrics(
      measurements({ crewSeconds: 4.123456, totalSeconds: 6.98765, prefetch: { ...prefetch, durationSeconds: 1.23449, contextSeconds: 0.0000049 } }),
    ).batch_prefetch_metrics;
    expect(m.crew_execution_duration_seconds).toBe(4.123);
    expect(m.total_duration_seconds).toBe(6.988);
    expect(m.prefetch_duration_seconds).toBe(1.234);
  });

  it('lists failed tickers sorted and summarises errors by reason', () => {
    const m = buildBatchPrefetchMetrics(measurements()).batch_prefetch_metrics;
    expect(m.failed_ticker_list).toEqual(['BAD', 'QQQQ', 'ZZZZ']);
    expect(m.error_summary).toEqual({ 'unknown symbol': 2, 'HTTP 500': 1 });
  });

  it('reports Alpha Vantage as enabled or not', () => {
    expect(buildBatchPrefetchMetrics(measurements({ alphaVantageEnabled: true })).batch_prefetch_metrics.data_sources.alpha_vantage.enabled).toBe(true);
    expect(buildBatchPrefetchMetrics(measurements()).batch_prefetch_metrics.data_sources.alpha_vantage.enabled).toBe(false);
  });
});

describe('buildBatchPrefetchMetrics llm', () => {
  const NO_PLAN = {
    cost_unknown_tickers: [],
    model_id: null,
    prices_as_of: null,
    expected_cost_usd: null,
    expected_input_tokens_per_ticker: null,
    expected_output_tokens_per_ticker: null,
    budget_usd: null,
    budget_skipped_tickers: [],
  };
  const priced: ReportRow[] = [
    row('AAPL', 'ok', 1, 1, null, { model_id: 'anthropic.model', input_tokens: 1000, output_tokens: 250, cost_usd: 0.0012345 }),
    row('MSFT', 'ok', 1, 1, null, { model_id: 'anthropic.model', input_tokens: 2000, output_tokens: 500, cost_usd: 0.0024691 }),
    row('KO', 'ok', 1, 1),
    row('ZZZZ', 'failed', 0.5, 0, 'unknown symbol'),
  ];

  it('sums the LLM usage over the tickers that used it, with the cost rounded to 6 decimals', () => {
    const m = buildBatchPrefetchMetrics(measurements({ rows: priced })).batch_prefetch_metrics;
    expect(m.llm).toEqual({ tickers: 2, input_tokens: 3000, output_tokens: 750, cost_usd: 0.003704, ...NO_PLAN });
  });

  it('gives an unknown cost (null, never a partial sum) when a ticker ran on a model without a price, and names it', () => {
    const withUnknown = [...priced, row('NVDA', 'ok', 1, 1, null, { model_id: 'other.model', input_tokens: 10, output_tokens: 5, cost_usd: null })];
    const m = buildBatchPrefetchMetrics(measurements({ rows: withUnknown })).batch_prefetch_metrics;
    expect(m.llm).toMatchObject({ tickers: 3, input_tokens: 3010, output_tokens: 755, cost_usd: null, cost_unknown_tickers: ['NVDA'] });
  });

  it('carries the plan made before the run and names the tickers the budget left without a narrative', () => {
    const skipped = [
      ...priced,
      { ...row('TSLA', 'ok', 1, 1), narrativeSkippedForBudget: true },
      { ...row('AMD', 'ok', 1, 1), narrativeSkippedForBudget: true },
    ];
    const llmPlan = { modelId: 'gpt-4o-mini', expected: { tickers: 6, inputTokensPerTicker: 1800, outputTokensPerTicker: 800, usd: 0.00450 }, budgetUsd: 0.004, pricesAsOf: '2025-05' };
    const m = buildBatchPrefetchMetrics(measurements({ rows: skipped, llmPlan })).batch_prefetch_metrics;
    expect(m.llm).toMatchObject({
      model_id: 'gpt-4o-mini',
      prices_as_of: '2025-05',
      expected_cost_usd: 0.0045,
      expected_input_tokens_per_ticker: 1800,
      expected_output_tokens_per_ticker: 800,
      budget_usd: 0.004,
      budget_skipped_tickers: ['AMD', 'TSLA'],
    });
  });

  it('is all zeros when no ticker used the LLM', () => {
    expect(buildBatchPrefetchMetrics(measurements()).batch_prefetch_metrics.llm).toEqual({
      tickers: 0,
      input_tokens: 0,
      output_tokens: 0,
      cost_usd: 0,
      ...NO_PLAN,
    });
  });
});
