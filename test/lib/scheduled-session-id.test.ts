// The scheduled session id, run through the local engine (aws-local-stepfunctions) on the very
// definition the stack synthesizes, stopped at Prefetch: each case shows the session id and the
// input Prefetch is given.
import { describe, expect, it } from 'vitest';
import { scheduledSessionIdPrefix } from '../../lib/scheduled-session-id.js';
import { EXECUTION_NAME, untilPrefetch } from './engine.js';
import { resourcesOfType, synth } from './support.js';

describe('session id of a scheduled run (local engine)', () => {
  it('is portfolio-analysis-YYYYMMDD-HHMMSS from the scheduled time, and the whole input reaches Prefetch', async () => {
    const input = { portfolioKey: 'portfolios/main.csv', scheduledTime: '2025-01-25T10:30:00Z', sessionIdPrefix: 'portfolio-analysis' };
    const { event } = await untilPrefetch(input);
    expect(event.sessionId).toBe('portfolio-analysis-20250125-103000');
    expect(event.input).toEqual(input);
  });

  it('keeps leading zeros and takes a named prefix (several schedules)', async () => {
    const { event } = await untilPrefetch({
      portfolioKey: 'portfolios/b.csv',
      scheduledTime: '2026-03-07T06:05:09Z',
      sessionIdPrefix: 'portfolio-analysis-weekly',
    });
    expect(event.sessionId).toBe('portfolio-analysis-weekly-20260307-060509');
  });

  it('an explicit sessionId still wins; without a schedule the execution name is the session id', async () => {
    const given = await untilPrefetch({ portfolioKey: 'portfolios/a.csv', scheduledTime: '2025-01-25T10:30:00Z', sessionIdPrefix: 'p', sessionId: 'mine' });
    expect(given.event.sessionId).toBe('mine');
    const console = await untilPrefetch({ portfolioKey: 'portfolios/x.csv' });
    expect(console.event.sessionId).toBe(EXECUTION_NAME);
    expect(console.event.input).toEqual({ portfolioKey: 'portfolios/x.csv' });
  });

  it.each([
    ['a scheduled time that is not an ISO UTC time', { portfolioKey: 'portfolios/a.csv', scheduledTime: 'tomorrow', sessionIdPrefix: 'p' }],
    ['a scheduled time that is not a string', { portfolioKey: 'portfolios/a.csv', scheduledTime: 20250125, sessionIdPrefix: 'p' }],
    ['a scheduled time without its prefix', { portfolioKey: 'portfolios/a.csv', scheduledTime: '2025-01-25T10:30:00Z' }],
    ['a prefix without a scheduled time', { portfolioKey: 'portfolios/a.csv', sessionIdPrefix: 'p' }],
  ])('fails at once with InvalidInput on %s, before Prefetch', async (_case, input) => {
    const { event, error } = await untilPrefetch(input);
    expect(event).toBeUndefined();
    expect(error?.name).toBe('InvalidInput');
    expect(error?.cause).toMatch(/scheduledTime must be a UTC time such as "2025-01-25T10:30:00Z"/);
  });
});

describe('schedules: two portfolios, each its own expression, time zone and state', () => {
  const two = synth({
    'finwiz:schedules': [
      { name: 'morning', expression: 'cron(30 7 ? * MON-FRI *)', timeZone: 'Europe/Paris', portfolioKey: 'portfolios/europe.csv' },
      { name: 'weekly', expression: 'cron(0 9 ? * SAT *)', timeZone: 'America/New_York', portfolioKey: 'portfolios/us.json', enabled: false },
    ],
  });
  const schedules = resourcesOfType(two.json, 'AWS::Scheduler::Schedule').map(([, r]) => r.Properties);
  const byKey = Object.fromEntries(schedules.map((p) => [JSON.parse(p.Target.Input).portfolioKey as string, p]));

  it('are two schedules, each with its own settings and a scheduled-time input with its own prefix', () => {
    expect(schedules).toHaveLength(2);
    expect(byKey['portfolios/europe.csv']).toMatchObject({
      ScheduleExpression: 'cron(30 7 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      State: 'ENABLED',
    });
    expect(byKey['portfolios/us.json']).toMatchObject({
      ScheduleExpression: 'cron(0 9 ? * SAT *)',
      ScheduleExpressionTimezone: 'America/New_York',
      State: 'DISABLED',
    });
    expect(JSON.parse(byKey['portfolios/europe.csv'].Target.Input)).toEqual({
      portfolioKey: 'portfolios/europe.csv',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      sessionIdPrefix: 'portfolio-analysis-morning',
    });
    expect(JSON.parse(byKey['portfolios/us.json'].Target.Input)).toEqual({
      portfolioKey: 'portfolios/us.json',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      sessionIdPrefix: 'portfolio-analysis-weekly',
    });
  });

  it('a lone schedule uses the plain prefix; a name too long for an 80-character session id is refused', () => {
    const [lone] = resourcesOfType(synth().json, 'AWS::Scheduler::Schedule').map(([, r]) => r.Properties);
    expect(JSON.parse(lone.Target.Input).sessionIdPrefix).toBe('portfolio-analysis');
    expect(scheduledSessionIdPrefix('x'.repeat(45), 2)).toHaveLength(19 + 45);
    expect(() => scheduledSessionIdPrefix('x'.repeat(46), 2)).toThrow(/longer than 80 characters/);
  });
});
