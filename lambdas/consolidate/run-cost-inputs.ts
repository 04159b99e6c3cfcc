// The run's estimated AWS cost from what Consolidate knows at the end: the path the run took,
// each step's measured seconds, the rows and the metrics' LLM tokens.
import type { AlphaVantageUsage } from '../core/alpha-vantage/alpha-vantage-run.js';
import type { RunMode } from '../core/contracts.js';
import { estimateRunCost, type RunCostEstimate } from '../core/metrics/run-cost.js';
import type { BatchPrefetchMetrics } from '../core/metrics/run-metrics.js';
import type { PrefetchStats } from '../core/prefetch/run-record.js';
import type { ReportRow } from '../core/report/ticker-outcome.js';

export function runCostOf(o: {
  metrics: BatchPrefetchMetrics;
  mode: RunMode;
  rows: ReportRow[];
  /** Null when Prefetch did not fetch (sequential from the start, or crashed): its seconds are unknown. */
  prefetch: PrefetchStats | null;
  alphaVantage: AlphaVantageUsage;
  consolidateSeconds: number;
}): RunCostEstimate {
  const m = o.metrics.batch_prefetch_metrics;
  const chunks = o.prefetch?.chunks ?? 0;
  return estimateRunCost({
    tickers: o.rows.length,
    mode: o.mode,
    prefetchChunks: chunks,
    alphaVantageTickers: o.alphaVantage.enabled ? o.alphaVantage.successfulTickers + o.alphaVantage.failedTickers : 0,
    lambdaSeconds: {
      // A chunked prefetch's plan, chunks and summary are all in lambdaSeconds, billed here at the
      // Prefetch size (the summary's smaller size makes this a slight overestimate).
      prefetch: o.prefetch ? (o.prefetch.lambdaSeconds ?? o.prefetch.durationSeconds) : 0,
      crew: o.rows.reduce((total, row) => total + (row.crewSeconds ?? 0), 0),
      enrich: o.alphaVantage.durationSeconds,
      consolidate: o.consolidateSeconds,
    },
    runItemKb: Buffer.byteLength(JSON.stringify(m)) / 1024,
    llm: { inputTokens: m.llm.input_tokens, outputTokens: m.llm.output_tokens, costUsd: m.llm.cost_usd },
  });
}
