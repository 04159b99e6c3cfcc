import { Template } from 'aws-cdk-lib/assertions';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CreateFinwizAppOptions,
  createFinwizApp as createApp,
  readCdkJsonContext,
  STACK_NAME,
} from '../../lib/finwiz-stack.js';

// Every App makes its assembly directory at construction: keep them in one temp dir, removed after.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finwiz-app-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const createFinwizApp = (options: CreateFinwizAppOptions) => createApp({ outdir: path.join(tmp, String(n++)), ...options });

const cdkJson = JSON.parse(fs.readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
const recommended = createRequire(import.meta.url)('aws-cdk-lib/recommended-feature-flags.json') as Record<
  string,
  unknown
>;

describe('cdk.json', () => {
  it('runs bin/app.ts with tsx and never phones home', () => {
    expect(cdkJson.app).toBe('npx tsx bin/app.ts');
    expect(cdkJson.notices).toBe(false);
    expect(cdkJson.versionReporting).toBe(false);
    expect(cdkJson.context['cli-telemetry']).toBe(false);
  });

  it('has every recommended feature flag of this aws-cdk-lib, ResultWriterV2 included', () => {
    expect(cdkJson.context['@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2']).toBe(true);
    expect(Object.keys(recommended).length).toBeGreaterThan(50);
    for (const [flag, value] of Object.entries(recommended)) expect([flag, cdkJson.context[flag]]).toEqual([flag, value]);
  });

  it('has the schedule defaults', () => {
    expect(cdkJson.context).toMatchObject({
      'finwiz:scheduleExpression': 'cron(0 6 ? * MON-FRI *)',
      'finwiz:scheduleTimeZone': 'Europe/London',
      'finwiz:portfolioKey': 'portfolios/main.csv',
      'finwiz:scheduleEnabled': true,
    });
  });
});

describe('createFinwizApp', () => {
  it('creates the FinwizStack, env-agnostic', () => {
    const { app, stack } = createFinwizApp({ skipBundling: true });
    expect(stack.stackName).toBe(STACK_NAME);
    expect(STACK_NAME).toBe('FinwizStack');
    expect(app.node.children).toContain(stack);
    expect(Stack.of(stack.bucket)).toBe(stack);
    expect(stack.environment).toBe('aws://unknown-account/unknown-region');
  });

  it('applies the cdk.json context in-process, so the template matches `cdk synth`', () => {
    expect(readCdkJsonContext()).toEqual(cdkJson.context);
    const { stack } = createFinwizApp({ skipBundling: true });
    for (const [key, value] of Object.entries(cdkJson.context)) expect(stack.node.tryGetContext(key)).toEqual(value);
  });

  it('lets options.context override cdk.json', () => {
    const { stack } = createFinwizApp({ skipBundling: true, context: { 'finwiz:scheduleTimeZone': 'Asia/Tokyo' } });
    expect(stack.node.tryGetContext('finwiz:scheduleTimeZone')).toBe('Asia/Tokyo');
    expect(stack.settings.schedules[0]!.timeZone).toBe('Asia/Tokyo');
  });

  it('with skipBundling, sets aws:cdk:bundling-stacks to [] and it wins over any context', () => {
    const skipped = createFinwizApp({ skipBundling: true, context: { [cxapi.BUNDLING_STACKS]: ['**'] } });
    expect(skipped.stack.node.tryGetContext(cxapi.BUNDLING_STACKS)).toEqual([]);
    expect(skipped.stack.bundlingRequired).toBe(false);
    // (without skipBundling the stack bundles: see bundling.test.ts)
  });

  it('exposes the resources the local engine needs', () => {
    const { stack } = createFinwizApp({ skipBundling: true });
    // Each one a resource of the synthesized template, of its kind, under the logical id the local engine resolves.
    const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string }>;
    const kinds = {
      bucket: 'AWS::S3::Bucket',
      table: 'AWS::DynamoDB::Table',
      prefetchFunction: 'AWS::Lambda::Function',
      crewFunction: 'AWS::Lambda::Function',
      consolidateFunction: 'AWS::Lambda::Function',
      enrichFunction: 'AWS::Lambda::Function',
      stateMachine: 'AWS::StepFunctions::StateMachine',
    } as const;
    for (const [p, type] of Object.entries(kinds) as Array<[keyof typeof kinds, string]>) {
      expect(resources[stack.getLogicalId(stack[p].node.defaultChild as never)]?.Type, p).toBe(type);
    }
    const ids = stack.lambdaHandlers().map((h) => h.logicalId);
    expect(new Set(ids).size).toBe(6);
    for (const h of stack.lambdaHandlers()) expect(fs.existsSync(h.entry)).toBe(true);
  });
});
