import { describe, expect, it } from 'vitest';
import { readSchedules } from '../../lib/settings.js';
import { onlyResourceOfType, resourcesOf, resourcesOfType, statementsOfRole, synth } from './support.js';

const schedulesOf = (json: Record<string, any>): any[] =>
  resourcesOfType(json, 'AWS::Scheduler::Schedule').map(([, r]) => r.Properties);

describe('schedule', () => {
  const s = synth();
  const [smId] = onlyResourceOfType(s.json, 'AWS::StepFunctions::StateMachine');

  it('by default starts the state machine on weekdays at 06:00 London time with the main portfolio', () => {
    const [schedule, ...more] = schedulesOf(s.json);
    expect(more).toEqual([]);
    expect(schedule).toMatchObject({
      ScheduleExpression: 'cron(0 6 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/London',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: { Ref: smId } },
    });
    expect(JSON.parse(schedule.Target.Input)).toEqual({
      portfolioKey: 'portfolios/main.csv',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      sessionIdPrefix: 'portfolio-analysis',
    });
  });

  it('uses a role that scheduler.amazonaws.com of this account assumes and that may only start this state machine', () => {
    const [schedule] = schedulesOf(s.json);
    const roleId = schedule.Target.RoleArn['Fn::GetAtt'][0] as string;
    const role = s.json.Resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = statementsOfRole(s.json, roleId);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Action: 'states:StartExecution' });
    expect(resourcesOf(statements[0]!)).toEqual([`\${${smId}}`]);
  });

  it('takes expression, time zone, portfolio and enabled from the individual context keys', () => {
    const other = synth({
      'finwiz:scheduleExpression': 'rate(1 day)',
      'finwiz:scheduleTimeZone': 'America/New_York',
      'finwiz:portfolioKey': 'portfolios/other.json',
      'finwiz:scheduleEnabled': 'false',
    });
    const [schedule] = schedulesOf(other.json);
    expect(schedule).toMatchObject({
      ScheduleExpression: 'rate(1 day)',
      ScheduleExpressionTimezone: 'America/New_York',
      State: 'DISABLED',
    });
    expect(JSON.parse(schedule.Target.Input)).toMatchObject({ portfolioKey: 'portfolios/other.json' });
  });

  it('takes a list of schedules from finwiz:schedules (array or JSON text), all on the same role', () => {
    const list = [
      { name: 'morning', expression: 'cron(0 6 ? * MON-FRI *)', timeZone: 'Europe/London', portfolioKey: 'portfolios/a.csv' },
      { name: 'weekly', expression: 'cron(0 9 ? * SAT *)', portfolioKey: 'portfolios/b.json', enabled: false },
    ];
    for (const value of [list, JSON.stringify(list)]) {
      const other = synth({ 'finwiz:schedules': value });
      const schedules = schedulesOf(other.json);
      expect(schedules).toHaveLength(2);
      const byInput = Object.fromEntries(schedules.map((x) => [JSON.parse(x.Target.Input).portfolioKey, x]));
      expect(byInput['portfolios/a.csv']).toMatchObject({
        ScheduleExpression: 'cron(0 6 ? * MON-FRI *)',
        ScheduleExpressionTimezone: 'Europe/London',
        State: 'ENABLED',
      });
      expect(byInput['portfolios/b.json']).toMatchObject({ ScheduleExpression: 'cron(0 9 ? * SAT *)', State: 'DISABLED' });
      expect(byInput['portfolios/b.json'].ScheduleExpressionTimezone).toBe('Etc/UTC'); // CDK's default
      expect(new Set(schedules.map((x) => x.Target.RoleArn['Fn::GetAtt'][0])).size).toBe(1);
    }
  });

  it('rejects bad schedule definitions with a message that names the problem', () => {
    const node = (ctx: Record<string, unknown>) => ({ tryGetContext: (k: string) => ctx[k] }) as never;
    const one = { name: 'a', expression: 'cron(0 6 * * ? *)', portfolioKey: 'portfolios/a.csv' };
    expect(readSchedules(node({ 'finwiz:schedules': [one] }))).toEqual([{ ...one, enabled: true }]);
    expect(() => readSchedules(node({ 'finwiz:schedules': [one, one] }))).toThrow(/duplicate name "a"/);
    expect(() => readSchedules(node({ 'finwiz:schedules': [{ ...one, portfolioKey: 'other/a.csv' }] }))).toThrow(
      /portfolioKey.*portfolios\//,
    );
    expect(() => readSchedules(node({ 'finwiz:schedules': [{ ...one, expression: 'every day' }] }))).toThrow(
      /expression/,
    );
    expect(() => readSchedules(node({ 'finwiz:schedules': [{ ...one, name: 'has space' }] }))).toThrow(/name/);
    expect(() => readSchedules(node({ 'finwiz:schedules': { a: one } }))).toThrow(/array/);
    expect(() => readSchedules(node({ 'finwiz:schedules': '[not json' }))).toThrow(/JSON/);
    expect(() => readSchedules(node({ 'finwiz:scheduleEnabled': 'maybe' }))).toThrow(/finwiz:scheduleEnabled/);
    expect(() => synth({ 'finwiz:portfolioKey': '/etc/passwd' })).toThrow(/portfolios\//);
  });
});
