// What tells an operator that a run went wrong without reading logs: one SNS topic (optionally
// mailed), alarms on a failed execution, a fallback to the sequential mode, a high failure rate
// and any Lambda error, and a dashboard of the run metrics that Consolidate publishes in EMF
// (lambdas/core/metrics/run-metric-values.ts: namespace FinWiz, dimension service).
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RUN_METRIC_NAMES, RUN_METRICS_NAMESPACE, type RunMetricName } from '../lambdas/core/metrics/run-metric-values.js';

export interface ObservabilityProps {
  readonly stateMachine: sfn.StateMachine;
  /** The functions whose errors raise an alarm, by a readable name (used in alarm ids). */
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  /** The `service` dimension of the run metrics (the functions' POWERTOOLS_SERVICE_NAME). */
  readonly service: string;
  /** A run whose failure rate is above this fraction (0..1) raises an alarm. */
  readonly failureRateThreshold: number;
  /** Mailed every alarm when set (the address must confirm the subscription). */
  readonly alarmEmail?: string;
}

/** A run happens once per schedule; five minutes holds one run's metrics without mixing runs. */
const PERIOD = Duration.minutes(5);

export class Observability extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: {
    readonly executionFailed: cloudwatch.Alarm;
    readonly fallback: cloudwatch.Alarm;
    readonly failureRate: cloudwatch.Alarm;
    readonly lambdaErrors: Readonly<Record<string, cloudwatch.Alarm>>;
  };
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'FinWiz alarms',
      // Only TLS publishers (the SNS3 rule); CloudWatch publishes over TLS.
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const notify = new actions.SnsAction(this.topic);

    const runMetric = (name: RunMetricName, statistic: string, label?: string) =>
      new cloudwatch.Metric({
        namespace: RUN_METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { service: props.service },
        statistic,
        period: PERIOD,
        ...(label ? { label } : {}),
      });
    const alarm = (
      alarmId: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      comparisonOperator: cloudwatch.ComparisonOperator,
      description: string,
    ) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold,
        comparisonOperator,
        evaluationPeriods: 1,
        // No run, no data: quiet, not an alarm.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(notify);
      return a;
    };
    const GTE = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;

    const executionFailed = alarm(
      'ExecutionFailedAlarm',
      props.stateMachine.metricFailed({ period: PERIOD, statistic: 'Sum' }),
      1,
      GTE,
      'A FinWiz analysis execution failed (InvalidInput, InvalidConfiguration, SourceUnreachable or a crash of Consolidate): see the execution in the Step Functions console.',
    );
    const fallback = alarm(
      'FallbackAlarm',
      runMetric(RUN_METRIC_NAMES.fallback, 'Maximum'),
      1,
      GTE,
      'A FinWiz run fell back to the sequential mode (more than half the prefetches failed, or Prefetch crashed): the run finished, slowly; its report says why.',
    );
    const failureRate = alarm(
      'FailureRateAlarm',
      runMetric(RUN_METRIC_NAMES.failureRate, 'Maximum'),
      props.failureRateThreshold,
      cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      `More than ${Math.round(props.failureRateThreshold * 1000) / 10}% of a FinWiz run's tickers failed: the report lists them with their reasons.`,
    );
    const lambdaErrors: Record<string, cloudwatch.Alarm> = {};
    for (const [name, fn] of Object.entries(props.functions)) {
      lambdaErrors[name] = alarm(
        `${name}ErrorsAlarm`,
        fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        1,
        GTE,
        `The FinWiz ${name} Lambda failed (an error, a timeout or out of memory): see its log group.`,
      );
    }
    this.alarms = { executionFailed, fallback, failureRate, lambdaErrors };

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(14),
    });
    const N = RUN_METRIC_NAMES;
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [executionFailed, fallback, failureRate, ...Object.values(lambdaErrors)],
        width: 24,
        height: 4,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Tickers per run',
        left: [runMetric(N.tickers, 'Maximum', 'tickers'), runMetric(N.failedTickers, 'Maximum', 'failed')],
        right: [runMetric(N.cacheHits, 'Maximum', 'cache hits')],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Failure rate and fallback',
        left: [runMetric(N.failureRate, 'Maximum', 'failure rate')],
        leftAnnotations: [{ value: props.failureRateThreshold, label: 'alarm', color: cloudwatch.Color.RED }],
        right: [runMetric(N.fallback, 'Maximum', 'fallback (0/1)')],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Run durations (seconds)',
        left: [
          runMetric(N.prefetchDuration, 'Maximum', 'prefetch'),
          runMetric(N.crewDuration, 'Maximum', 'crew'),
          runMetric(N.totalDuration, 'Maximum', 'total'),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Executions',
        left: [
          props.stateMachine.metricStarted({ period: PERIOD, statistic: 'Sum', label: 'started' }),
          props.stateMachine.metricSucceeded({ period: PERIOD, statistic: 'Sum', label: 'succeeded' }),
          props.stateMachine.metricFailed({ period: PERIOD, statistic: 'Sum', label: 'failed' }),
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Lambda errors',
        left: Object.entries(props.functions).map(([name, fn]) => fn.metricErrors({ period: PERIOD, statistic: 'Sum', label: name })),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda duration (p95, ms)',
        left: Object.entries(props.functions).map(([name, fn]) => fn.metricDuration({ period: PERIOD, statistic: 'p95', label: name })),
        width: 12,
      }),
    );
  }
}
