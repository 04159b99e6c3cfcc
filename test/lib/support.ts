// Shared helpers of the CDK tests: a fast in-process synth (no bundling), the state machine
// definition with fake ARNs, and IAM look-ups.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { extractDefinition, type TemplateToken } from '../../lib/extract-definition.js';
import { createFinwizApp, type FinwizStack } from '../../lib/finwiz-stack.js';

export const FAKE_ACCOUNT = '123456789012';
export const FAKE_REGION = 'eu-west-2';

export interface Synthesized {
  readonly stack: FinwizStack;
  readonly template: Template;
  readonly json: Record<string, any>;
}

const cache = new Map<string, Synthesized>();

/** Synthesizes the stack without bundling (cached per context). */
export function synth(context?: Record<string, unknown>): Synthesized {
  const key = JSON.stringify(context ?? {});
  let hit = cache.get(key);
  if (!hit) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'finwiz-cdk-test-'));
    let template: Template;
    let stack: FinwizStack;
    try {
      stack = createFinwizApp({ skipBundling: true, outdir, ...(context ? { context } : {}) }).stack;
      template = Template.fromStack(stack);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
    hit = { stack, template, json: template.toJSON() };
    cache.set(key, hit);
  }
  return hit;
}

export function resourcesOfType(json: Record<string, any>, type: string): [string, any][] {
  return Object.entries(json.Resources as Record<string, any>).filter(([, r]) => r.Type === type);
}

/** The one resource of a type; with `under`, the one whose logical id starts with that construct id. */
export function onlyResourceOfType(json: Record<string, any>, type: string, under?: string): [string, any] {
  const found = resourcesOfType(json, type).filter(([id]) => under === undefined || id.startsWith(under));
  if (found.length !== 1) throw new Error(`expected one ${type}${under ? ` under ${under}` : ''}, found ${found.length}`);
  return found[0]!;
}

/**
 * A resolver for the tests: pseudo parameters, bucket names and Lambda ARNs become fixed fake
 * strings; any other token throws, so an unexpected intrinsic in the definition fails a test.
 */
export function fakeResolver(json: Record<string, any>): (token: TemplateToken) => string {
  const resources = json.Resources as Record<string, any>;
  return (token) => {
    if (typeof token.Ref === 'string') {
      if (token.Ref === 'AWS::Partition') return 'aws';
      if (token.Ref === 'AWS::Region') return FAKE_REGION;
      if (token.Ref === 'AWS::AccountId') return FAKE_ACCOUNT;
      if (resources[token.Ref]?.Type === 'AWS::S3::Bucket') return `bucket-${token.Ref.toLowerCase()}`;
    }
    const getAtt = token['Fn::GetAtt'];
    if (Array.isArray(getAtt) && getAtt[1] === 'Arn' && resources[getAtt[0]]?.Type === 'AWS::Lambda::Function') {
      return `arn:aws:lambda:${FAKE_REGION}:${FAKE_ACCOUNT}:function:${getAtt[0]}`;
    }
    throw new Error(`unexpected token in the definition: ${JSON.stringify(token)}`);
  };
}

export function fakeLambdaArn(logicalId: string): string {
  return `arn:aws:lambda:${FAKE_REGION}:${FAKE_ACCOUNT}:function:${logicalId}`;
}

/** The ASL of the synthesized state machine, with fake ARNs. */
export function definitionOf(s: Synthesized): Record<string, any> {
  return extractDefinition(s.json, fakeResolver(s.json)) as Record<string, any>;
}

/** Logical id of the IAM role a Lambda function runs as. */
export function roleOfFunction(json: Record<string, any>, functionLogicalId: string): string {
  const role = json.Resources[functionLogicalId]?.Properties?.Role?.['Fn::GetAtt']?.[0];
  if (typeof role !== 'string') throw new Error(`no role for ${functionLogicalId}`);
  return role;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement of every AWS::IAM::Policy attached to the role, and of its inline/managed policies. */
export function statementsOfRole(json: Record<string, any>, roleLogicalId: string): Statement[] {
  const statements: Statement[] = [];
  for (const [, r] of resourcesOfType(json, 'AWS::IAM::Policy')) {
    const roles = (r.Properties.Roles ?? []) as { Ref?: string }[];
    if (roles.some((x) => x.Ref === roleLogicalId)) statements.push(...r.Properties.PolicyDocument.Statement);
  }
  const role = json.Resources[roleLogicalId];
  for (const p of role?.Properties?.Policies ?? []) statements.push(...p.PolicyDocument.Statement);
  return statements;
}

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** Whether an IAM action pattern (with * and ?) grants the given action. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
    'i',
  );
  return re.test(action);
}

/** Allowed statements of the role that grant the action. */
export function statementsGranting(json: Record<string, any>, roleLogicalId: string, action: string): Statement[] {
  return statementsOfRole(json, roleLogicalId).filter(
    (s) => s.Effect === 'Allow' && actionsOf(s).some((a) => actionMatches(a, action)),
  );
}

/** Renders an IAM resource (string, Fn::GetAtt, Fn::Join) as text, tokens as `${LogicalId.Attr}`. */
export function resourceText(resource: unknown): string {
  if (typeof resource === 'string') return resource;
  const r = resource as Record<string, any>;
  if (r.Ref) return `\${${r.Ref}}`;
  if (r['Fn::GetAtt']) return `\${${r['Fn::GetAtt'][0]}.${r['Fn::GetAtt'][1]}}`;
  if (r['Fn::Join']) return (r['Fn::Join'][1] as unknown[]).map(resourceText).join(r['Fn::Join'][0]);
  return JSON.stringify(r);
}

export const resourcesOf = (s: Statement): string[] =>
  (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map(resourceText);
