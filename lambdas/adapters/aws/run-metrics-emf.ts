// Publishes a run's metrics as CloudWatch Embedded Metric Format: one JSON line on stdout that
// CloudWatch Logs turns into metrics, no API call and no extra permission. One dimension,
// `service` (POWERTOOLS_SERVICE_NAME), so the alarms match every run; the session id would make
// one metric per run, which nothing could alarm on. Off in local runs (POWERTOOLS_DEV).
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { RUN_METRICS_NAMESPACE, type RunMetricUnit, type RunMetricValue } from '../../core/metrics/run-metric-values.js';

const UNITS: Record<RunMetricUnit, (typeof MetricUnit)[keyof typeof MetricUnit]> = {
  Count: MetricUnit.Count,
  Seconds: MetricUnit.Seconds,
  None: MetricUnit.NoUnit,
};

/** The `service` dimension of the run metrics. */
export const metricsService = (env: NodeJS.ProcessEnv = process.env): string => env.POWERTOOLS_SERVICE_NAME || 'finwiz';

export function publishRunMetrics(values: readonly RunMetricValue[], env: NodeJS.ProcessEnv = process.env): void {
  // A fresh instance per run: nothing of an earlier invocation of a warm container is carried over.
  const metrics = new Metrics({ namespace: RUN_METRICS_NAMESPACE, serviceName: metricsService(env) });
  for (const { name, unit, value } of values) metrics.addMetric(name, UNITS[unit], value);
  metrics.publishStoredMetrics();
}
