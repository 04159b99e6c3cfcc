import { describe, expect, it } from 'vitest';
import { readSettings } from '../../lib/settings.js';
import { onlyResourceOfType, resourcesOfType, synth } from './support.js';

const s = synth();
const [topicId, topic] = onlyResourceOfType(s.json, 'AWS::SNS::Topic', 'Observability');
const [smId] = onlyResourceOfType(s.json, 'AWS::StepFunctions::StateMachine');
const alarms = resourcesOfType(s.json, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
const fnIds = Object.fromEntries(s.stack.lambdaHandlers().map((h) => [h.name, h.logicalId]));
const runMetricAlarm = (name: string) => alarms.filter((a) => a.Namespace === 'FinWiz' && a.MetricName === name);

describe('alarms', () => {
  it('all notify the one alarm topic, and only on ALARM', () => {
    expect(alarms.length).toBe(3 + 4);
    for (const a of alarms) {
      expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(a.EvaluationPeriods).toBe(1);
      expect(a.TreatMissingData).toBe('notBreaching');
      expect(typeof a.AlarmDescription).toBe('string');
    }
  });

  it('fire when an execution fails (ExecutionsFailed of this state machine >= 1)', () => {
    const [a, ...more] = alarms.filter((x) => x.Namespace === 'AWS/States');
    expect(more).toEqual([]);
    expect(a).toMatchObject({
      MetricName: 'ExecutionsFailed',
      Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: smId } }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('fire on a fallback to the sequential mode (the EMF Fallback metric >= 1, dimension service only)', () => {
    const [a, ...more] = runMetricAlarm('Fallback');
    expect(more).toEqual([]);
    expect(a).toMatchObject({
      Dimensions: [{ Name: 'service', Value: 'finwiz' }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('fire on a failure rate above finwiz:failureRateAlarmThreshold (default 0.2)', () => {
    expect(runMetricAlarm('FailureRate')).toEqual([
      expect.objectContaining({
        Dimensions: [{ Name: 'service', Value: 'finwiz' }],
        Statistic: 'Maximum',
        Threshold: 0.2,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    ]);
    const other = synth({ 'finwiz:failureRateAlarmThreshold': '0.35' });
    const rate = resourcesOfType(other.json, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties).find((a) => a.MetricName === 'FailureRate');
    expect(rate.Threshold).toBe(0.35);
  });

  it('fire on any error of each of the four Lambdas', () => {
    const errors = alarms.filter((a) => a.Namespace === 'AWS/Lambda');
    expect(errors.every((a) => a.MetricName === 'Errors' && a.Statistic === 'Sum' && a.Threshold === 1)).toBe(true);
    expect(errors.map((a) => a.Dimensions[0].Value.Ref).sort()).toEqual(
      [fnIds.prefetch, fnIds.crew, fnIds.consolidate, fnIds.enrich].sort(),
    );
  });
});

describe('alarm topic', () => {
  it('accepts only TLS publishers and has no subscription unless finwiz:alarmEmail is set', () => {
    const policy = onlyResourceOfType(s.json, 'AWS::SNS::TopicPolicy', 'Observability')[1];
    expect(policy.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    );
    expect(topic.Properties.Subscription).toBeUndefined();
    expect(resourcesOfType(s.json, 'AWS::SNS::Subscription')).toEqual([]);
  });

  it('mails finwiz:alarmEmail', () => {
    const mailed = synth({ 'finwiz:alarmEmail': 'ops@example.com' });
    const [topicRef] = onlyResourceOfType(mailed.json, 'AWS::SNS::Topic', 'Observability');
    const [, sub] = onlyResourceOfType(mailed.json, 'AWS::SNS::Subscription');
    expect(sub.Properties).toEqual({ Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicRef } });
  });

  it('is an output, with the dashboard name', () => {
    s.template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId } });
    const [dashboardId] = onlyResourceOfType(s.json, 'AWS::CloudWatch::Dashboard');
    s.template.hasOutput('DashboardName', { Value: { Ref: dashboardId } });
  });
});

describe('dashboard', () => {
  it('shows every run metric of namespace FinWiz, the executions, the Lambda errors and the alarms', () => {
    const [, dashboard] = onlyResourceOfType(s.json, 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const metric of ['Tickers', 'FailedTickers', 'FailureRate', 'Fallback', 'PrefetchDuration', 'CrewDuration', 'TotalDuration', 'CacheHits']) {
      expect(body).toContain(`\\"FinWiz\\",\\"${metric}\\",\\"service\\",\\"finwiz\\"`);
    }
    expect(body).toContain('ExecutionsFailed');
    expect(body).toContain('ExecutionsStarted');
    expect(body).toContain('\\"AWS/Lambda\\",\\"Errors\\"');
    expect(body).toContain('\\"type\\":\\"alarm\\"');
  });
});

describe('settings of the operations', () => {
  const node = (ctx: Record<string, unknown>) => ({ tryGetContext: (k: string) => ctx[k] }) as never;

  it('validate finwiz:failureRateAlarmThreshold, finwiz:alarmEmail and finwiz:nag', () => {
    const defaults = readSettings(node({}));
    expect(defaults).toMatchObject({ failureRateAlarmThreshold: 0.2, nag: false });
    expect(defaults.alarmEmail).toBeUndefined();
    expect(readSettings(node({ 'finwiz:failureRateAlarmThreshold': 1, 'finwiz:nag': 'true', 'finwiz:alarmEmail': 'a@b.io' }))).toMatchObject({
      failureRateAlarmThreshold: 1,
      nag: true,
      alarmEmail: 'a@b.io',
    });
    for (const bad of [0, '0', 1.5, '-0.1', 'high', '20%']) {
      expect(() => readSettings(node({ 'finwiz:failureRateAlarmThreshold': bad }))).toThrow(/finwiz:failureRateAlarmThreshold.*fraction/);
    }
    expect(() => readSettings(node({ 'finwiz:alarmEmail': 'ops' }))).toThrow(/finwiz:alarmEmail.*e-mail/);
    expect(() => readSettings(node({ 'finwiz:nag': 'perhaps' }))).toThrow(/finwiz:nag/);
  });

  it('map finwiz:maxHoldings and finwiz:maxPortfolioBytes to MAX_HOLDINGS and MAX_PORTFOLIO_BYTES', () => {
    expect(readSettings(node({ 'finwiz:maxHoldings': 500, 'finwiz:maxPortfolioBytes': '1048576' })).handlerConfig).toEqual({
      MAX_HOLDINGS: '500',
      MAX_PORTFOLIO_BYTES: '1048576',
    });
  });
});
