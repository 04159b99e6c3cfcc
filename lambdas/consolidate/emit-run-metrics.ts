// The run's CloudWatch metrics, after its report is written. Observability must never fail a
// run: a problem here is a warning in the log, and the report stands.
import type { Logger } from '@aws-lambda-powertools/logger';
import { publishRunMetrics } from '../adapters/aws/run-metrics-emf.js';
import { runMetricValues, type RunMetricInput } from '../core/metrics/run-metric-values.js';
import { errorMessage } from '../core/errors.js';

export function emitRunMetrics(input: RunMetricInput, logger: Pick<Logger, 'warn'>): void {
  try {
    publishRunMetrics(runMetricValues(input));
  } catch (error) {
    logger.warn(`Run metrics not published: ${errorMessage(error)}`);
  }
}
