// The FinWiz stack, and the factory that builds the app around it (for `cdk synth`/`cdk deploy`,
// the local engine and the tests alike).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type { Construct } from 'constructs';
import { AnalysisStateMachine } from './analysis-state-machine.js';
import { DigestNotification } from './digest-notification.js';
import { Functions, HANDLER_ENTRIES, HANDLER_EXPORT, SERVICE_NAME, type HandlerName } from './functions.js';
import { applyNagSuppressions, nagChecks } from './nag-suppressions.js';
import { Observability } from './observability.js';
import { AnalysisSchedules } from './schedule.js';
import { type FinwizSettings, readSettings } from './settings.js';
import { Storage } from './storage.js';

export const STACK_NAME = 'FinwizStack';

/** Where a function of the template comes from: what a local engine needs to run it in-process. */
export interface LambdaHandlerInfo {
  readonly name: HandlerName;
  /** Logical id of the AWS::Lambda::Function in the template. */
  readonly logicalId: string;
  /** Absolute path of the TypeScript handler module. */
  readonly entry: string;
  /** Name of the exported handler function. */
  readonly exportName: string;
}

export class FinwizStack extends Stack {
  readonly settings: FinwizSettings;
  readonly bucket: s3.Bucket;
  readonly table: dynamodb.Table;
  readonly prefetchFunction: nodejs.NodejsFunction;
  readonly crewFunction: nodejs.NodejsFunction;
  readonly consolidateFunction: nodejs.NodejsFunction;
  readonly enrichFunction: nodejs.NodejsFunction;
  readonly prefetchChunkFunction: nodejs.NodejsFunction;
  readonly prefetchSummaryFunction: nodejs.NodejsFunction;
  readonly stateMachine: sfn.StateMachine;
  readonly schedules: AnalysisSchedules;
  readonly observability: Observability;
  readonly digestTopic: sns.Topic;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, {
      description: 'FinWiz batch analysis: prefetch, deep analysis per ticker, consolidated report',
      ...props,
    });
    this.settings = readSettings(this.node);

    const storage = new Storage(this, 'Storage', { runRetentionDays: this.settings.runRetentionDays });
    this.bucket = storage.bucket;
    this.table = storage.table;

    const functions = new Functions(this, 'Functions', {
      bucket: this.bucket,
      table: this.table,
      handlerConfig: this.settings.handlerConfig,
    });
    this.prefetchFunction = functions.prefetch;
    this.crewFunction = functions.crew;
    this.consolidateFunction = functions.consolidate;
    this.enrichFunction = functions.enrich;
    this.digestTopic = new DigestNotification(this, 'Digest', { publisher: this.consolidateFunction }).topic;
    this.prefetchChunkFunction = functions.prefetchChunk;
    this.prefetchSummaryFunction = functions.prefetchSummary;

    this.stateMachine = new AnalysisStateMachine(this, 'Analysis', {
      bucket: this.bucket,
      prefetch: this.prefetchFunction,
      crew: this.crewFunction,
      consolidate: this.consolidateFunction,
      enrich: this.enrichFunction,
      prefetchChunk: this.prefetchChunkFunction,
      prefetchSummary: this.prefetchSummaryFunction,
    }).stateMachine;

    this.schedules = new AnalysisSchedules(this, 'Schedules', {
      stateMachine: this.stateMachine,
      schedules: this.settings.schedules,
    });

    this.observability = new Observability(this, 'Observability', {
      stateMachine: this.stateMachine,
      functions: {
        Prefetch: this.prefetchFunction,
        Crew: this.crewFunction,
        Consolidate: this.consolidateFunction,
        Enrich: this.enrichFunction,
      },
      service: SERVICE_NAME,
      failureRateThreshold: this.settings.failureRateAlarmThreshold,
      ...(this.settings.alarmEmail ? { alarmEmail: this.settings.alarmEmail } : {}),
    });
    applyNagSuppressions(this);

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: this.observability.dashboard.dashboardName });
    new CfnOutput(this, 'DigestTopicArn', { value: this.digestTopic.topicArn });
  }

  /** Logical id -> handler module of each function. */
  lambdaHandlers(): LambdaHandlerInfo[] {
    const fns: Record<HandlerName, lambda.Function> = {
      prefetch: this.prefetchFunction,
      crew: this.crewFunction,
      consolidate: this.consolidateFunction,
      enrich: this.enrichFunction,
      prefetchChunk: this.prefetchChunkFunction,
      prefetchSummary: this.prefetchSummaryFunction,
    };
    return (Object.keys(fns) as HandlerName[]).map((name) => ({
      name,
      logicalId: this.getLogicalId(fns[name].node.defaultChild as lambda.CfnFunction),
      entry: HANDLER_ENTRIES[name],
      exportName: HANDLER_EXPORT,
    }));
  }
}

export interface CreateFinwizAppOptions {
  /** Skip esbuild bundling of the functions (in-process synth for the local engine and tests). */
  readonly skipBundling?: boolean;
  /** Context that wins over cdk.json and the CLI's context (e.g. `finwiz:*` settings). */
  readonly context?: Record<string, unknown>;
  /**
   * Run CDK's built-in CloudFormation validation at synth. Default: on, except with skipBundling
   * (it is most of an in-process synth's time; same effect as CDK_VALIDATION=false).
   */
  readonly validation?: boolean;
  /** Cloud assembly directory; default: cdk.out under the CLI, a temporary directory otherwise. */
  readonly outdir?: string;
}

const CDK_JSON = fileURLToPath(new URL('../cdk.json', import.meta.url));

/**
 * The `context` of cdk.json (feature flags and finwiz:* defaults). The CLI passes it to the app
 * itself; reading it here too makes an in-process synth (no CLI) produce the same template.
 */
export function readCdkJsonContext(file: string = CDK_JSON): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read the CDK context from ${file}: ${(err as Error).message}`);
  }
  const context = (parsed as { context?: unknown }).context;
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    throw new Error(`${file} has no "context" object`);
  }
  return context as Record<string, unknown>;
}

export function createFinwizApp(options: CreateFinwizAppOptions = {}): { app: App; stack: FinwizStack } {
  const skipBundling = options.skipBundling ?? false;
  const app = new App({
    // Defaults; the CLI's context (cdk.json, cdk.context.json, -c) overrides them...
    context: readCdkJsonContext(),
    // ...and these override everything.
    postCliContext: {
      ...options.context,
      ...(skipBundling ? { [cxapi.BUNDLING_STACKS]: [] } : {}),
    },
    builtinCloudFormationValidation: options.validation ?? !skipBundling,
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const stack = new FinwizStack(app, STACK_NAME);
  // cdk-nag's AwsSolutions checks fail the synth on any unacknowledged finding (finwiz:nag).
  if (stack.settings.nag) Validations.of(app).addPlugins(nagChecks(app));
  return { app, stack };
}
