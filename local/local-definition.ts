// The state machine definition as the local engine runs it: synthesized in-process from the
// very CDK stack that `cdk deploy` ships, tokens resolved to local names, and each Map's
// ItemReader (which aws-local-stepfunctions ignores) replaced by a task that reads the
// manifest from the local S3 (DESIGN.md, "Local engine").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { extractDefinition } from '../lib/extract-definition.js';
import { createFinwizApp } from '../lib/finwiz-stack.js';
import type { HandlerName as LambdaHandlerName } from '../lambdas/core/state-machine-contract.js';

/** A handler of the stack, or the local engine's own task that stands in for a Map's ItemReader. */
export type HandlerName = LambdaHandlerName | 'read-manifest';
type Json = Record<string, unknown>;

export const LOCAL_ACCOUNT = '123456789012';
export const LOCAL_REGION = 'us-east-1';
const READ_MANIFEST_ARN = `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:LocalManifestReader`;

export interface LocalDefinition {
  definition: Json;
  /** Task state name -> the handler that runs it. */
  taskHandlers: Record<string, HandlerName>;
  /** Task state name -> its function's configured timeout in seconds (as Lambda enforces it). */
  taskTimeouts: Record<string, number>;
  /** The table's CloudFormation properties, to create the same table in dynalite. */
  tableProperties: Json;
}

export function buildLocalDefinition(bucketName: string): LocalDefinition {
  // The cloud assembly is only read here; a directory of our own is removed right after.
  const outdir = mkdtempSync(join(tmpdir(), 'finwiz-cdk-'));
  const { app, stack } = createFinwizApp({ skipBundling: true, outdir });
  let template: { Resources: Record<string, Json> };
  try {
    template = app.synth().getStackByName(stack.stackName).template as typeof template;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as CfnFunction | CfnBucket | CfnTable);
  const functionArn = (id: string) => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${id}`;
  const handlerByArn = new Map<string, HandlerName>([
    [functionArn(logicalId(stack.prefetchFunction)), 'prefetch'],
    [functionArn(logicalId(stack.crewFunction)), 'crew'],
    [functionArn(logicalId(stack.consolidateFunction)), 'consolidate'],
    [functionArn(logicalId(stack.enrichFunction)), 'enrich'],
    [functionArn(logicalId(stack.prefetchChunkFunction)), 'prefetchChunk'],
    [functionArn(logicalId(stack.prefetchSummaryFunction)), 'prefetchSummary'],
    [READ_MANIFEST_ARN, 'read-manifest'],
  ]);
  const bucketId = logicalId(stack.bucket);
  const definition = extractDefinition(template, (token) => resolveToken(token, bucketId, bucketName, functionArn)) as Json;
  replaceItemReaders(definition);
  forEachState(definition, (_name, state) => {
    // aws-local-stepfunctions writes a key named "$" for `ResultPath: "$"`; omitting the field
    // has the same meaning in the States language (the result replaces the input).
    if (state.ResultPath === '$') delete state.ResultPath;
  });
  const taskHandlers: Record<string, HandlerName> = {};
  const taskTimeouts: Record<string, number> = {};
  forEachState(definition, (name, state) => {
    if (state.Type !== 'Task') return;
    const resource = String(state.Resource);
    const handler = handlerByArn.get(resource);
    if (!handler) throw new Error(`Local engine: no handler for task "${name}" (${resource})`);
    taskHandlers[name] = handler;
    const fn = template.Resources[resource.slice(resource.lastIndexOf(':') + 1)] as { Properties?: { Timeout?: number } } | undefined;
    if (fn?.Properties?.Timeout) {
      taskTimeouts[name] = fn.Properties.Timeout;
      // aws-local-stepfunctions gives a Task without TimeoutSeconds the spec's 60 s; Step Functions
      // gives it 99999999. Let the function's own timeout decide, as in the cloud: a 100-second
      // prefetch chunk must not be cut at 60 s and the next one started beside it.
      state.TimeoutSeconds ??= fn.Properties.Timeout + 60;
    }
  });
  const table = template.Resources[logicalId(stack.table)] as { Properties: Json };
  return { definition, taskHandlers, taskTimeouts, tableProperties: table.Properties };
}

function resolveToken(token: object, bucketId: string, bucketName: string, functionArn: (id: string) => string): string {
  const t = token as Json;
  if ('Ref' in t) {
    if (t.Ref === bucketId) return bucketName;
    if (t.Ref === 'AWS::Partition') return 'aws';
    if (t.Ref === 'AWS::Region') return LOCAL_REGION;
    if (t.Ref === 'AWS::AccountId') return LOCAL_ACCOUNT;
    if (t.Ref === 'AWS::URLSuffix') return 'amazonaws.com';
  }
  const getAtt = t['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[1] === 'Arn') return functionArn(String(getAtt[0]));
  throw new Error(`Local engine cannot resolve ${JSON.stringify(token)}`);
}

type StatesContainer = { States: Record<string, Json>; StartAt: string };

function forEachState(container: Json, visit: (name: string, state: Json, parent: StatesContainer) => void): void {
  const c = container as unknown as StatesContainer;
  for (const [name, state] of Object.entries(c.States)) {
    visit(name, state, c);
    const inner = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
    if (inner) forEachState(inner, visit);
    for (const branch of (state.Branches as Json[] | undefined) ?? []) forEachState(branch, visit);
  }
}

/**
 * aws-local-stepfunctions silently ignores ItemReader, ResultWriter, ItemBatcher and the
 * tolerated-failure fields. Before each such Map, insert a task that reads the manifest and
 * feeds the Map through ItemsPath; emulate a tolerated failure with a Catch on the child task.
 */
function replaceItemReaders(definition: Json): void {
  const maps: Array<{ name: string; state: Json; parent: StatesContainer }> = [];
  forEachState(definition, (name, state, parent) => {
    if (state.Type === 'Map' && state.ItemReader) maps.push({ name, state, parent });
  });
  for (const { name, state, parent } of maps) {
    const reader = state.ItemReader as { Parameters: Json };
    const readerName = `${name} (read manifest)`;
    const itemsPath = '$.__manifestItems';
    parent.States[readerName] = {
      Type: 'Task',
      Resource: READ_MANIFEST_ARN,
      Parameters: reader.Parameters,
      ResultPath: itemsPath,
      Next: name,
      // A reader that fails is the Map failing (States.ItemReaderFailed in the cloud): the Map's catchers take it.
      ...(state.Catch ? { Catch: state.Catch } : {}),
    };
    redirect(parent, name, readerName);
    const tolerated = Number(state.ToleratedFailurePercentage ?? 0) > 0 || state.ToleratedFailurePercentagePath !== undefined;
    for (const field of ['ItemReader', 'ResultWriter', 'ItemBatcher', 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'ToleratedFailureCount', 'Label']) {
      delete state[field];
    }
    state.ItemsPath = itemsPath;
    const processor = state.ItemProcessor as Json & StatesContainer;
    processor.ProcessorConfig = { Mode: 'INLINE' };
    if (tolerated) tolerateChildFailures(processor, `${name}: child failure tolerated`);
  }
}

function redirect(container: StatesContainer, from: string, to: string): void {
  if (container.StartAt === from) container.StartAt = to;
  for (const [name, state] of Object.entries(container.States)) {
    if (name === to) continue;
    if (state.Next === from) state.Next = to;
    if (state.Default === from) state.Default = to;
    for (const rule of (state.Choices as Json[] | undefined) ?? []) if (rule.Next === from) rule.Next = to;
    for (const catcher of (state.Catch as Json[] | undefined) ?? []) if (catcher.Next === from) catcher.Next = to;
  }
}

/** State names are unique across the whole definition, nested ones included. */
function tolerateChildFailures(processor: StatesContainer, toleratedName: string): void {
  for (const state of Object.values(processor.States)) {
    if (state.Type !== 'Task') continue;
    state.Catch = [...((state.Catch as Json[] | undefined) ?? []), { ErrorEquals: ['States.ALL'], ResultPath: null, Next: toleratedName }];
  }
  processor.States[toleratedName] = { Type: 'Pass', Result: { tolerated: true }, End: true };
}
