// The per-run figures published as CloudWatch metrics (namespace FinWiz), taken from the
// batch_prefetch_metrics object Consolidate has just built: the alarms and the dashboard read
// exactly what the run's own metrics file says.
import type { BatchPrefetchMetrics } from './run-metrics.js';

export const RUN_METRICS_NAMESPACE = 'FinWiz';

/** The metric names: the CloudWatch alarms and dashboard (lib/observability.ts) use these. */
export const RUN_METRIC_NAMES = {
  tickers: 'Tickers',
  failedTickers: 'FailedTickers',
  failureRate: 'FailureRate',
  fallback: 'Fallback',
  prefetchDuration: 'PrefetchDuration',
  crewDuration: 'CrewDuration',
  totalDuration: 'TotalDuration',
  cacheHits: 'CacheHits',
} as const;

export type RunMetricName = (typeof RUN_METRIC_NAMES)[keyof typeof RUN_METRIC_NAMES];
export type RunMetricUnit = 'Count' | 'Seconds' | 'None';

export interface RunMetricValue {
  readonly name: RunMetricName;
  readonly unit: RunMetricUnit;
  readonly value: number;
}

export interface RunMetricInput {
  readonly metrics: BatchPrefetchMetrics['batch_prefetch_metrics'];
  /**
   * The run was meant to be sequential from the start (BATCH_PREFETCH_ENABLED=false, or fewer
   * holdings than BATCH_PREFETCH_MIN_HOLDINGS): that is the configuration, not a fallback, and
   * must not raise the fallback alarm on every run.
   */
  readonly plannedSequential: boolean;
}

export function runMetricValues({ metrics: m, plannedSequential }: RunMetricInput): RunMetricValue[] {
  const N = RUN_METRIC_NAMES;
  const failureRate = m.total_tickers > 0 ? m.failed_tickers / m.total_tickers : 0;
  return [
    { name: N.tickers, unit: 'Count', value: m.total_tickers },
    { name: N.failedTickers, unit: 'Count', value: m.failed_tickers },
    // A fraction 0..1, like the failure rate that decides the mode.
    { name: N.failureRate, unit: 'None', value: Math.round(failureRate * 10_000) / 10_000 },
    { name: N.fallback, unit: 'Count', value: m.mode === 'sequential' && !plannedSequential ? 1 : 0 },
    { name: N.prefetchDuration, unit: 'Seconds', value: m.prefetch_duration_seconds },
    { name: N.crewDuration, unit: 'Seconds', value: m.crew_execution_duration_seconds },
    { name: N.totalDuration, unit: 'Seconds', value: m.total_duration_seconds },
    { name: N.cacheHits, unit: 'Count', value: m.cache_hits },
  ];
}
