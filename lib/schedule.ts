// EventBridge Scheduler: each schedule starts the analysis state machine with a portfolio key
// and its scheduled time, from which the state machine makes the session id
// (portfolio-analysis-YYYYMMDD-HHMMSS, see scheduled-session-id.ts).
// One role for all schedules, allowed only states:StartExecution on this state machine.
import { Aws, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { scheduledInput, scheduledSessionIdPrefix } from './scheduled-session-id.js';
import type { ScheduleDefinition } from './settings.js';

export interface AnalysisSchedulesProps {
  readonly stateMachine: sfn.IStateMachine;
  readonly schedules: readonly ScheduleDefinition[];
}

export class AnalysisSchedules extends Construct {
  readonly role: iam.Role;
  /** The schedules, keyed by definition name. */
  readonly schedules: ReadonlyMap<string, scheduler.Schedule>;

  constructor(scope: Construct, id: string, props: AnalysisSchedulesProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      description: 'EventBridge Scheduler: start the FinWiz analysis',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    });

    const schedules = new Map<string, scheduler.Schedule>();
    for (const def of props.schedules) {
      if (schedules.has(def.name)) throw new Error(`Duplicate schedule name "${def.name}"`);
      const schedule = new scheduler.Schedule(this, `Schedule-${def.name}`, {
        description: `FinWiz analysis "${def.name}" of s3://<bucket>/${def.portfolioKey}`,
        schedule: scheduler.ScheduleExpression.expression(
          def.expression,
          def.timeZone ? TimeZone.of(def.timeZone) : undefined,
        ),
        enabled: def.enabled ?? true,
        target: new targets.StepFunctionsStartExecution(props.stateMachine, {
          role: this.role, // the target grants states:StartExecution on the state machine to it
          input: scheduler.ScheduleTargetInput.fromObject(
            scheduledInput(def.portfolioKey, scheduledSessionIdPrefix(def.name, props.schedules.length)),
          ),
          retryAttempts: 3,
        }),
      });
      schedules.set(def.name, schedule);
    }
    this.schedules = schedules;
  }
}
