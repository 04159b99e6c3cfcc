// Where the deployed FinWiz lives: the stack's outputs (BucketName, TableName, StateMachineArn),
// read with CloudFormation DescribeStacks, or given as options by someone who cannot read the
// stack (or deployed it under another name). Shared by every command that talks to the cloud.
import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { z } from 'zod';
import { CliError, EXIT_FAILURE } from '../exit-codes.js';
import { cloudFormationClient } from './aws-clients.js';
import { withAwsErrors } from './aws-errors.js';

/**
 * The stack name `cdk deploy` gives FinWiz: STACK_NAME of lib/finwiz-stack.ts, repeated here so
 * the CLI does not load aws-cdk-lib to start (a test keeps the two equal).
 */
export const DEFAULT_STACK_NAME = 'FinwizStack';

/** The command-line options that say where the stack is (see addStackOptions). */
export interface StackOptions {
  stack?: string;
  region?: string;
  bucket?: string;
  table?: string;
  stateMachineArn?: string;
}

export interface StackOutputs {
  bucket: string;
  table: string;
  stateMachineArn: string;
}
export type StackOutputName = keyof StackOutputs;

/** The CfnOutput ids of FinwizStack, and the option that replaces each. */
const OUTPUTS: Record<StackOutputName, { key: string; option: string }> = {
  bucket: { key: 'BucketName', option: '--bucket' },
  table: { key: 'TableName', option: '--table' },
  stateMachineArn: { key: 'StateMachineArn', option: '--state-machine-arn' },
};
const ALL_OUTPUTS = Object.keys(OUTPUTS) as StackOutputName[];

const describeStacksSchema = z.object({
  Stacks: z
    .array(
      z.object({
        StackStatus: z.string().optional(),
        Outputs: z.array(z.object({ OutputKey: z.string().optional(), OutputValue: z.string().optional() })).optional(),
      }),
    )
    .min(1),
});

/**
 * The outputs in `need` (all three by default). Values given as options win; the stack is read
 * only when one of them is missing. A missing stack, missing credentials or a denied
 * DescribeStacks become one sentence (CliError) that says what to do.
 */
export function resolveStack(options: StackOptions): Promise<StackOutputs>;
export function resolveStack<K extends StackOutputName>(
  options: StackOptions,
  need: readonly K[],
  client?: CloudFormationClient,
): Promise<Pick<StackOutputs, K>>;
export async function resolveStack(
  options: StackOptions,
  need: readonly StackOutputName[] = ALL_OUTPUTS,
  client?: CloudFormationClient,
): Promise<Partial<StackOutputs>> {
  const given = Object.fromEntries(need.flatMap((name) => (options[name] ? [[name, options[name]]] : []))) as Partial<StackOutputs>;
  const missing = need.filter((name) => given[name] === undefined);
  if (missing.length === 0) return given;

  const stack = options.stack ?? DEFAULT_STACK_NAME;
  const cloudFormation = client ?? cloudFormationClient(options.region);
  const answer = await withAwsErrors({ action: `read the outputs of stack ${stack}`, stack, region: options.region }, () =>
    cloudFormation.send(new DescribeStacksCommand({ StackName: stack })),
  );
  const [described] = describeStacksSchema.parse(answer).Stacks;
  const outputs = new Map((described?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
  const resolved: Partial<StackOutputs> = { ...given };
  for (const name of missing) {
    const value = outputs.get(OUTPUTS[name].key);
    if (!value) throw missingOutput(stack, described?.StackStatus, name);
    resolved[name] = value;
  }
  return resolved;
}

function missingOutput(stack: string, status: string | undefined, name: StackOutputName): CliError {
  const { key, option } = OUTPUTS[name];
  if (status?.endsWith('_IN_PROGRESS')) {
    return new CliError(`Stack ${stack} is ${status} and has no output ${key} yet: wait for the deployment to finish, or pass ${option}.`, EXIT_FAILURE);
  }
  const state = status ? ` (${status})` : '';
  return new CliError(
    `Stack ${stack}${state} has no output ${key}: is it the FinWiz stack? Deploy it with \`npx cdk deploy\`, or pass --stack or ${option}.`,
    EXIT_FAILURE,
  );
}
