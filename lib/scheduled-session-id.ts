// A scheduled run's session id: `portfolio-analysis-20250125-103000`, built inside the state
// machine from the Scheduler's <aws.scheduler.scheduled-time> (e.g. 2025-01-25T10:30:00Z), so
// the S3 prefix of a run says when it was meant to start, not a random execution name.
//
// Each split uses ONE separator character. Step Functions treats every character of the
// splitter as a delimiter, aws-local-stepfunctions splits on the whole splitter string: with a
// single character both mean the same, so the local engine runs exactly what the cloud runs.
// Step Functions allows at most 10 intrinsic functions per field, hence two Pass states.
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

/** What EventBridge Scheduler replaces with the invocation's scheduled time (UTC, ISO 8601). */
export const SCHEDULER_SCHEDULED_TIME = '<aws.scheduler.scheduled-time>';
/** The prefix of a scheduled run's session id (as the original FinWiz named its sessions). */
export const SCHEDULED_SESSION_ID_PREFIX = 'portfolio-analysis';
/** `-YYYYMMDD-HHMMSS` */
const STAMP_LENGTH = 16;
/** The longest session id Prefetch accepts (SESSION_ID_PATTERN in lambdas/core/input/portfolio.ts). */
const MAX_SESSION_ID_LENGTH = 80;

/** The fields a schedule adds to the execution input. */
export interface ScheduledInputFields {
  readonly scheduledTime: string;
  readonly sessionIdPrefix: string;
}

/**
 * The session-id prefix of one schedule. A lone schedule gets `portfolio-analysis`; with several,
 * each adds its (unique) name, so two schedules that fire at the same second never share a run's
 * S3 prefix.
 */
export function scheduledSessionIdPrefix(scheduleName: string, scheduleCount: number): string {
  const prefix = scheduleCount === 1 ? SCHEDULED_SESSION_ID_PREFIX : `${SCHEDULED_SESSION_ID_PREFIX}-${scheduleName}`;
  if (prefix.length + STAMP_LENGTH > MAX_SESSION_ID_LENGTH) {
    throw new Error(
      `Schedule "${scheduleName}": its session ids (${prefix}-YYYYMMDD-HHMMSS) would be longer than ${MAX_SESSION_ID_LENGTH} characters; use a shorter name`,
    );
  }
  return prefix;
}

/** The execution input a schedule sends: the portfolio, the scheduled time and the prefix. */
export function scheduledInput(portfolioKey: string, sessionIdPrefix: string): Record<string, string> {
  const fields: ScheduledInputFields = { scheduledTime: SCHEDULER_SCHEDULED_TIME, sessionIdPrefix };
  return { portfolioKey, ...fields };
}

export interface ScheduledSessionIdNames {
  readonly split: string;
  readonly use: string;
  readonly invalid: string;
}

export interface ScheduledSessionIdStates {
  /** The input carries a usable scheduled time and prefix. */
  readonly whenScheduled: sfn.Condition;
  /** The input carries a scheduled time that cannot be used (checked after whenScheduled). */
  readonly whenBadSchedule: sfn.Condition;
  readonly first: sfn.Pass;
  /** Leaves `{sessionId, input}` like the other session-id states; chain Prefetch after it. */
  readonly last: sfn.Pass;
  /** Fails with InvalidInput and a cause that names the fields. */
  readonly invalid: sfn.Fail;
}

const at = (i: number, array: string) => sfn.JsonPath.arrayGetItem(sfn.JsonPath.stringAt(array), i);

export function scheduledSessionIdStates(
  scope: Construct,
  names: ScheduledSessionIdNames,
  invalidInputError: string,
): ScheduledSessionIdStates {
  const time = '$.scheduledTime';
  const prefix = '$.sessionIdPrefix';
  // 2025-01-25T10:30:00Z: the shape Scheduler always sends; anything else is a hand-made input.
  const whenScheduled = sfn.Condition.and(
    sfn.Condition.isPresent(time),
    sfn.Condition.isString(time),
    sfn.Condition.stringMatches(time, '*-*-*T*:*:*Z'),
    sfn.Condition.isPresent(prefix),
    sfn.Condition.isString(prefix),
  );
  const whenBadSchedule = sfn.Condition.or(sfn.Condition.isPresent(time), sfn.Condition.isPresent(prefix));

  const halves = sfn.JsonPath.stringSplit(sfn.JsonPath.stringAt(time), 'T');
  const first = sfn.Pass.jsonPath(scope, names.split, {
    parameters: {
      // "2025-01-25" -> ["2025", "01", "25"]
      date: sfn.JsonPath.stringSplit(sfn.JsonPath.arrayGetItem(halves, 0), '-'),
      // "10:30:00Z" -> "10:30:00" -> ["10", "30", "00"]
      time: sfn.JsonPath.stringSplit(
        sfn.JsonPath.arrayGetItem(sfn.JsonPath.stringSplit(sfn.JsonPath.arrayGetItem(halves, 1), 'Z'), 0),
        ':',
      ),
      input: sfn.JsonPath.objectAt('$'),
    },
  });
  const last = sfn.Pass.jsonPath(scope, names.use, {
    parameters: {
      sessionId: sfn.JsonPath.format(
        '{}-{}{}{}-{}{}{}',
        sfn.JsonPath.stringAt(`$.input.sessionIdPrefix`),
        at(0, '$.date'),
        at(1, '$.date'),
        at(2, '$.date'),
        at(0, '$.time'),
        at(1, '$.time'),
        at(2, '$.time'),
      ),
      input: sfn.JsonPath.objectAt('$.input'),
    },
  });
  first.next(last);
  const invalid = sfn.Fail.jsonPath(scope, names.invalid, {
    error: invalidInputError,
    cause:
      'scheduledTime and sessionIdPrefix go together: scheduledTime must be a UTC time such as "2025-01-25T10:30:00Z" ' +
      `(what EventBridge Scheduler puts for ${SCHEDULER_SCHEDULED_TIME}) and sessionIdPrefix a string such as "${SCHEDULED_SESSION_ID_PREFIX}"`,
  });
  return { whenScheduled, whenBadSchedule, first, last, invalid };
}
