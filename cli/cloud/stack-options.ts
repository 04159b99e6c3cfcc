// The options that say which deployed FinWiz a command talks to, and, for the commands that
// read runs, the local store instead (`--local`).
import type { Command } from 'commander';
import { CliError, EXIT_INVALID } from '../exit-codes.js';
import { DEFAULT_STACK_NAME, type StackOptions, type StackOutputName } from './stack-outputs.js';

/** Where `finwiz run` keeps its store unless told otherwise (its --out default + /.store). */
export const DEFAULT_LOCAL_STORE = 'finwiz-output/.store';

export interface LocalOptions {
  local?: boolean;
  store?: string;
}

/** --stack and --region, and the option of each output the command uses. */
export function addStackOptions(command: Command, outputs: readonly StackOutputName[]): Command {
  command
    .option('--stack <name>', `CloudFormation stack to read the outputs from (default: ${DEFAULT_STACK_NAME})`)
    .option('--region <region>', "AWS region of the stack (default: AWS_REGION or your profile's region)");
  if (outputs.includes('bucket')) command.option('--bucket <name>', 'the bucket, instead of the stack output BucketName');
  if (outputs.includes('table')) command.option('--table <name>', 'the table, instead of the stack output TableName');
  if (outputs.includes('stateMachineArn')) {
    command.option('--state-machine-arn <arn>', 'the state machine, instead of the stack output StateMachineArn');
  }
  return command;
}

export function addLocalOptions(command: Command): Command {
  return command
    .option('--local', 'read the runs of `finwiz run` on this machine instead of the cloud')
    .option('--store <dir>', `the local store to read with --local (default: ${DEFAULT_LOCAL_STORE}, the default of \`finwiz run\`)`);
}

/** --local reads a store on disk: options that name a cloud resource make no sense with it. */
export function checkLocalOptions(options: StackOptions & LocalOptions): void {
  const cloud = (['stack', 'region', 'bucket', 'table', 'stateMachineArn'] as const).filter((name) => options[name] !== undefined);
  if (options.local && cloud.length > 0) {
    const flags = cloud.map((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ');
    throw new CliError(`--local reads the local store and cannot be combined with ${flags}.`, EXIT_INVALID);
  }
  if (!options.local && options.store !== undefined) throw new CliError('--store needs --local.', EXIT_INVALID);
}
