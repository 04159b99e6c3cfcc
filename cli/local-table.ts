// The local store's table for the commands that read it (history, track-record): dynalite on the
// store's directory, as `finwiz run` leaves it, with the SDK pointed at it for the call.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { resetAwsClients } from '../lambdas/adapters/aws/aws-clients.js';
import { CliError, EXIT_INVALID } from './exit-codes.js';
import { storeError } from './store-errors.js';

export async function withLocalTable<T>(storeDir: string, read: (table: string) => Promise<T>): Promise<T> {
  await access(join(storeDir, 'dynamodb')).catch(() => {
    throw new CliError(`No local runs in ${storeDir}: run \`finwiz run\` first, or point --store at its store.`, EXIT_INVALID);
  });
  const [{ openStoreSnapshot }, { LOCAL_BUCKET, LOCAL_TABLE }] = await Promise.all([
    import('../local/store-snapshot.js'),
    import('../local/local-run.js'),
  ]);
  // A copy of the table: a run may hold the store meanwhile, untouched.
  const services = await openStoreSnapshot(LOCAL_BUCKET, storeDir).catch((error: unknown) => {
    throw storeError(storeDir, error);
  });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: services.dynamoEndpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  resetAwsClients();
  try {
    return await read(LOCAL_TABLE);
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') {
      throw new CliError(`The local store ${storeDir} has no runs with history yet: run \`finwiz run\` first.`, EXIT_INVALID);
    }
    // dynalite cannot add an index to a table: a store made before history existed lacks it.
    if (error instanceof Error && /specified index/i.test(error.message)) {
      throw new CliError(`The local store ${storeDir} predates run history (no byPortfolio index): delete it, or omit --portfolio.`, EXIT_INVALID);
    }
    throw error;
  } finally {
    resetAwsClients();
    await services.close();
  }
}

/** Where the table commands read: the local store, or the deployed stack's table. */
export interface TableFlags {
  local?: boolean;
  store?: string;
  stack?: string;
  table?: string;
  region?: string;
}

export const DEFAULT_STORE = join('./finwiz-output', '.store');

/** --local, --store, --stack, --table and --region, as every table command takes them. */
export function addTableOptions(command: Command): Command {
  return command
    .option('--local', 'read the runs of `finwiz run` from the local store')
    .option('--store <dir>', `the local store (default ${DEFAULT_STORE}); implies --local`)
    .option('--stack <name>', 'CloudFormation stack to read the table from (default: FinwizStack)')
    .option('--table <name>', 'the DynamoDB table, instead of the stack output TableName')
    .option('--region <region>', "AWS region of the stack (default: AWS_REGION or your profile's region)");
}
