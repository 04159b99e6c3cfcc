// `batch_prefetch_metrics.json` in the exact shape of the original FinWiz file. Every figure
// is measured except the sequential estimate, which says it is one and how it is made: what
// a run fetches once (benchmark, batched quotes, FX), plus each ticker's own service time with
// Yahoo (its requests on the wire and its retry backoff, not its waits for a turn behind the
// other tickers), at least the run's requests at the client's pace, plus the quote requests a
// sequential run asks one ticker at a time, plus each ticker's analysis time.
import type { AlphaVantageUsage } from '../alpha-vantage/alpha-vantage-run.js';
import type { RunMode } from '../contracts.js';
import type { RunSources } from '../report/provenance.js';
import { runProvenance } from '../report/provenance-summary.js';
import type { RunCostEstimate } from './run-cost.js';
import type { ExpectedNarrativeCost } from '../analysis/narrative-budget.js';
import type { PrefetchStats } from '../prefetch/run-record.js';
import type { MemoryFigures } from './memory-figures.js';
import { errorSummary, type ReportRow } from '../report/ticker-outcome.js';

export interface RunMeasurements {
  sessionId: string;
  timestamp: string;
  mode: RunMode;
  fallbackReason: string | null;
  fallbackAt: string | null;
  batchSize: number;
  /** Why that batch size (chooseBatchSize); null or absent: not recorded. */
  batchSizeReason?: string | null;
  totalBatches: number;
  rows: ReportRow[];
  /** Null when Prefetch did not fetch (sequential from the start, or crashed). */
  prefetch: PrefetchStats | null;
  /** The crews' Map alone (crew-span.ts). */
  crewSeconds: number;
  /** The Alpha Vantage stage between Prefetch and the crews; null when it did not run. */
  alphaVantageStageSeconds?: number | null;
  totalSeconds: number;
  memoryUsageMb: number;
  peakMemoryUsageMb: number;
  /** Whose memory, per function (memory-figures.ts); absent: not measured. */
  memory?: MemoryFigures;
  alphaVantageEnabled: boolean;
  /** What the enrichment stage did (its stored answers); absent: enabled as above, nothing measured. */
  alphaVantage?: AlphaVantageUsage;
  /** Who answered the run's requests (run.json); null or absent when not recorded. */
  sources?: RunSources | null;
  /** The narrative's plan as the settings gave it before the run: its expected cost and cap; absent: no narrative. */
  llmPlan?: { modelId: string; expected: ExpectedNarrativeCost; budgetUsd: number | null; pricesAsOf: string | null } | null;
  /** The run's estimated AWS cost (run-cost.ts); null until Consolidate has it. */
  estimatedCost?: RunCostEstimate | null;
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

export function buildBatchPrefetchMetrics(m: RunMeasurements) {
  const failed = m.rows.filter((row) => row.status === 'failed');
  const successful = m.rows.length - failed.length;
  // In batch mode the fetch times come from Prefetch; in sequential mode each Crew measured its
  // own, one ticker at a time (no other ticker to wait behind).
  const service = m.prefetch && m.mode === 'batch' ? (m.prefetch.sumServiceSeconds ?? m.prefetch.sumFetchSeconds) : null;
  const context = m.prefetch && m.mode === 'batch' ? (m.prefetch.contextSeconds ?? 0) : 0;
  // A sequential run keeps the client's pace too: its fetching takes at least requests / rate.
  const requests = m.prefetch && m.mode === 'batch' ? (m.prefetch.requests ?? m.prefetch.tickerRequests ?? null) : null;
  const rate = m.prefetch?.requestsPerSecond ?? null;
  const floor = requests !== null && rate ? requests / rate : null;
  const measuredFetch = service !== null ? Math.max(context + service, floor ?? 0) : sum(m.rows.map((r) => r.fetchSeconds));
  // A sequential run asks each ticker's quote and chart on its own, and every ticker's summary and
  // statements, where this run batched the quotes and the bars and reused slow data: that many
  // more requests, each taking this run's mean time a request (or the pace, if longer).
  const fetchedTickers = Math.max(0, m.rows.length - (m.prefetch?.cacheHits ?? 0));
  const measured = service !== null && requests !== null;
  const extraQuotes = measured && m.prefetch?.quoteRequests !== undefined ? Math.max(0, fetchedTickers - m.prefetch.quoteRequests) : 0;
  const bars = m.prefetch?.barsPath;
  const extraCharts = measured && bars ? Math.max(0, bars.sparkTickers - bars.sparkRequests) : 0;
  // A reused company's summary and statements: two requests (a fund's one, counted as two: an estimate).
  const extraSlow = measured ? (m.prefetch?.slowData?.reused ?? 0) * 2 : 0;
  const perRequest = requests ? Math.max(rate ? 1 / rate : 0, (context + (service ?? 0)) / requests) : 0;
  const unbatchedQuotes = extraQuotes * perRequest;
  const unbatchedBars = extraCharts * perRequest;
  const reusedSlow = extraSlow * perRequest;
  const fetchSeconds = measuredFetch + unbatchedQuotes + unbatchedBars + reusedSlow;
  const analysisSeconds = sum(m.rows.map((r) => r.analysisSeconds));
  const estimatedSequential = fetchSeconds + analysisSeconds;
  const yahooFailed = m.prefetch && m.mode === 'batch' ? m.prefetch.failedTickers : failed.length;
  const av = m.alphaVantage;
  const provenance = runProvenance(m.rows, m.sources ?? null);
  const avProvenance = provenance.alpha_vantage;
  return {
    batch_prefetch_metrics: {
      session_id: m.sessionId,
      timestamp: m.timestamp,
      total_tickers: m.rows.length,
      successful_tickers: successful,
      failed_tickers: failed.length,
      // All of Prefetch's fetching: the once-per-run part (benchmark, quotes, FX) and the tickers'.
      prefetch_duration_seconds: round((m.prefetch?.durationSeconds ?? 0) + (m.prefetch?.contextSeconds ?? 0)),
      crew_execution_duration_seconds: round(m.crewSeconds),
      total_duration_seconds: round(m.totalSeconds),
      time_savings_percentage:
        estimatedSequential > 0 ? round(((estimatedSequential - m.totalSeconds) / estimatedSequential) * 100, 1) : 0,
      estimated_sequential_time_seconds: round(estimatedSequential),
      // Added beside the original keys: the parts of the durations above, and what the estimate
      // is made of (it is an estimate, not a measurement).
      prefetch_context_seconds: round(m.prefetch?.contextSeconds ?? 0),
      alpha_vantage_stage_seconds: m.alphaVantageStageSeconds == null ? null : round(m.alphaVantageStageSeconds),
      sequential_estimate: {
        method:
          service !== null
            ? "estimate: the run's once-per-run fetches (benchmark, quotes, FX) + each ticker's own Yahoo service time (requests on the wire and retry backoff, no waiting for a turn), but never less than the run's Yahoo requests / YAHOO_REQUESTS_PER_SECOND (a sequential run keeps that pace too), + the requests this run saved and a sequential run asks (one quote per ticker where quotes were batched, one chart per ticker a spark batch served, a summary and a statements request per ticker whose slow data was reused; each at this run's mean time a request), + each ticker's analysis time"
            : "estimate: each ticker's fetch time, measured one ticker at a time by its Crew, + its analysis time",
        context_seconds: round(context),
        ticker_fetch_seconds: round(service ?? fetchSeconds),
        requests: requests === null ? null : Math.round(requests),
        requests_per_second: rate,
        rate_limit_floor_seconds: floor === null ? null : round(floor),
        unbatched_quote_seconds: round(unbatchedQuotes),
        unbatched_bars_seconds: round(unbatchedBars),
        reused_slow_data_seconds: round(reusedSlow),
        saved_requests: extraQuotes + extraCharts + extraSlow,
        analysis_seconds: round(analysisSeconds),
      },
      batch_size: m.batchSize,
      // Added beside the original keys: why that batch size (auto by holdings and, locally, memory).
      batch_size_reason: m.batchSizeReason ?? null,
      total_batches: m.totalBatches,
      memory_usage_mb: m.memoryUsageMb,
      peak_memory_usage_mb: m.peakMemoryUsageMb,
      // Added beside the original keys: whose memory the peak is, per function.
      memory: m.memory ?? null,
      failed_ticker_list: failed.map((row) => row.ticker).sort(),
      error_summary: errorSummary(m.rows),
      data_sources: {
        yahoo_finance: {
          enabled: true,
          successful_tickers: m.rows.length - yahooFailed,
          failed_tickers: yahooFailed,
          duration_seconds: round(m.prefetch ? m.prefetch.durationSeconds + (m.prefetch.contextSeconds ?? 0) : fetchSeconds),
          // Added beside the original fields: who answered, and where each ticker's data came from.
          origin: provenance.yahoo_finance.origin,
          endpoint: provenance.yahoo_finance.endpoint,
          simulated: provenance.yahoo_finance.simulated,
          tickers_by_origin: provenance.yahoo_finance.tickers_by_origin,
        },
        alpha_vantage: {
          enabled: av?.enabled ?? m.alphaVantageEnabled,
          successful_tickers: av?.successfulTickers ?? 0,
          failed_tickers: av?.failedTickers ?? 0,
          duration_seconds: round(av?.durationSeconds ?? 0),
          // Added beside the original fields: a quota or throttle answer stopped Alpha Vantage for the run.
          quota_reached: av?.quotaReached ?? false,
          quota_message: av?.quotaMessage ?? null,
          origin: avProvenance?.origin ?? null,
          endpoint: avProvenance?.endpoint ?? null,
          simulated: avProvenance?.simulated ?? false,
        },
      },
      // Added beside the original fields.
      simulated: provenance.simulated,
      cache_hits: m.prefetch?.cacheHits ?? 0,
      // Which way the daily bars came (spark batches, charts, or both) and why any chart was asked.
      bars_path: m.prefetch?.barsPath ?? null,
      // The slow data (summary, statements) reused from the cache or fetched, and why.
      slow_data: m.prefetch?.slowData ?? null,
      llm: llmMetrics(m),
      mode: m.mode,
      fallback_reason: m.fallbackReason,
      fallback_at: m.fallbackAt,
      estimated_cost_usd: m.estimatedCost ?? null,
    },
  };
}
export type BatchPrefetchMetrics = ReturnType<typeof buildBatchPrefetchMetrics>;

/** The narrative's tokens and cost; a cost nobody knows is null ("unknown"), never 0. */
function llmMetrics(m: RunMeasurements) {
  const used = m.rows.filter((row) => row.llm !== null);
  const unknown = used.filter((row) => row.llm?.cost_usd === null).map((row) => row.ticker).sort();
  const plan = m.llmPlan ?? null;
  return {
    tickers: used.length,
    input_tokens: sum(used.map((row) => row.llm?.input_tokens ?? 0)),
    output_tokens: sum(used.map((row) => row.llm?.output_tokens ?? 0)),
    cost_usd: unknown.length > 0 ? null : round(sum(used.map((row) => row.llm?.cost_usd ?? 0)), 6),
    // Added beside the fields above (issue 19).
    cost_unknown_tickers: unknown,
    model_id: plan?.modelId ?? null,
    prices_as_of: plan?.pricesAsOf ?? null,
    expected_cost_usd: plan?.expected.usd ?? null,
    expected_input_tokens_per_ticker: plan?.expected.inputTokensPerTicker ?? null,
    expected_output_tokens_per_ticker: plan?.expected.outputTokensPerTicker ?? null,
    budget_usd: plan?.budgetUsd ?? null,
    budget_skipped_tickers: m.rows.filter((row) => row.narrativeSkippedForBudget === true).map((row) => row.ticker).sort(),
  };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
