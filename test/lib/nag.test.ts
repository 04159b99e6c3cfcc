// cdk-nag's AwsSolutions checks over the synthesized stack: no unacknowledged error or warning,
// whatever the optional features; every acknowledgment (lib/nag-suppressions.ts) has a reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { afterAll, describe, expect, it } from 'vitest';
import { createFinwizApp, type FinwizStack } from '../../lib/finwiz-stack.js';
import { nagChecks } from '../../lib/nag-suppressions.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finwiz-nag-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const build = (context: Record<string, unknown> = {}) =>
  createFinwizApp({ skipBundling: true, outdir: path.join(tmp, String(n++)), context });

/** Every finding as `severity rule at path`. */
function findings(stack: FinwizStack): string[] {
  const report = nagChecks(stack.node.root).validateScope(stack);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`));
}

describe('cdk-nag AwsSolutions', () => {
  it.each([
    ['the default stack', {}],
    [
      'every optional feature (Alpha Vantage secret, Bedrock narrative, alarm e-mail, several schedules)',
      {
        'finwiz:enableAlphaVantage': true,
        'finwiz:alphaVantageSecretName': 'finwiz/alpha-vantage',
        'finwiz:crewLlm': 'bedrock',
        'finwiz:bedrockModelId': 'us.amazon.nova-lite-v1:0',
        'finwiz:alarmEmail': 'ops@example.com',
        'finwiz:schedules': [
          { name: 'a', expression: 'cron(0 6 ? * MON-FRI *)', portfolioKey: 'portfolios/a.csv' },
          { name: 'b', expression: 'rate(7 days)', portfolioKey: 'portfolios/b.csv', enabled: false },
        ],
      },
    ],
  ])('%s has no unacknowledged error or warning', (_name, context) => {
    expect(findings(build(context).stack)).toEqual([]);
  });

  it('every acknowledgment gives a specific reason', () => {
    const { stack } = build();
    const acknowledged = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      // Each entry is { "<prefix>::<rule id>": "<reason>" }.
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([key, reason]) => ({ id: key.replace(/^[A-Za-z]+::/, ''), reason })));
    expect(acknowledged.length).toBeGreaterThan(10);
    for (const { id, reason } of acknowledged) {
      expect(id).toMatch(/^AwsSolutions-/);
      expect(reason.length, id).toBeGreaterThan(60);
    }
  });

  it('catches a new wildcard: acknowledging runs/*/results/* does not cover a grant on the whole bucket', () => {
    const { stack } = build();
    stack.crewFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: [stack.bucket.arnForObjects('*')] }));
    expect(findings(stack)).toEqual([expect.stringMatching(/^error AwsSolutions-IAM5\[Resource::<StorageBucket[0-9A-F]+\.Arn>\/\*\] at FinwizStack\/Functions\/Crew\//)]);
  });

  it("acknowledges a function's S3 wildcards on that function only: the Crew may not read runs/* unnoticed", () => {
    const { stack } = build();
    stack.crewFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [stack.bucket.arnForObjects('runs/*')] }));
    expect(findings(stack)).toEqual([expect.stringMatching(/^error AwsSolutions-IAM5\[Resource::<StorageBucket[0-9A-F]+\.Arn>\/runs\/\*\] at FinwizStack\/Functions\/Crew\//)]);
  });

  it('has no finding with the narrative on an OpenAI-compatible server, its key secret and its budget', () => {
    const { stack } = build({
      'finwiz:crewLlm': 'openai',
      'finwiz:llmBaseUrl': 'https://api.openai.com/v1',
      'finwiz:llmModel': 'gpt-4o-mini',
      'finwiz:llmSecretName': 'finwiz/openai',
      'finwiz:llmBudgetUsd': 1,
    });
    expect(findings(stack)).toEqual([]);
  });

  it('with finwiz:nag the app runs the checks at synth and an unacknowledged finding fails it', () => {
    const clean = build({ 'finwiz:nag': true });
    expect(() => clean.app.synth()).not.toThrow();
    const dirty = build({ 'finwiz:nag': 'true' });
    dirty.stack.crewFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    expect(() => dirty.app.synth()).toThrow(/AwsSolutions-IAM5/);
  });
});
