// The table and the bucket that hold the runs, with their clients: the deployed stack's, or the
// local store of `finwiz run` served on 127.0.0.1. `runs` and `show` read both with the same code.
import { stat } from 'node:fs/promises';
import { CliError, EXIT_FAILURE } from '../exit-codes.js';
import { storeError } from '../store-errors.js';
import { cloudStoreClients, localStoreClients, type StoreClients } from './aws-clients.js';
import { DEFAULT_STACK_NAME, resolveStack, type StackOptions } from './stack-outputs.js';
import { checkLocalOptions, DEFAULT_LOCAL_STORE, type LocalOptions } from './stack-options.js';

/** The table of the runs: what listing them needs. */
export interface RunTable {
  dynamo: StoreClients['dynamo'];
  table: string;
  /** The --region asked for, for messages (the cloud only). */
  region?: string;
  /** Where the runs are, for messages: "stack FinwizStack", "the local store finwiz-output/.store". */
  label: string;
  /** Whether the runs are the local store's (hints then name `finwiz run`, not the console). */
  local: boolean;
  close(): Promise<void>;
}

/** The table and the bucket: what showing a run and copying its files needs. */
export interface RunStore extends RunTable {
  s3: StoreClients['s3'];
  bucket: string;
}

/** The table only: `runs --table T` then needs no stack (nor DescribeStacks permission). */
export async function openRunTable(options: StackOptions & LocalOptions): Promise<RunTable> {
  checkLocalOptions(options);
  if (options.local) return openLocalRunStore(options.store ?? DEFAULT_LOCAL_STORE);
  const { table } = await resolveStack(options, ['table']);
  const clients = cloudStoreClients(options.region);
  return { ...clients, table, ...cloudLabels(options, options.table !== undefined), close: async () => destroy(clients) };
}

export async function openRunStore(options: StackOptions & LocalOptions): Promise<RunStore> {
  checkLocalOptions(options);
  if (options.local) return openLocalRunStore(options.store ?? DEFAULT_LOCAL_STORE);
  const { bucket, table } = await resolveStack(options, ['bucket', 'table']);
  const clients = cloudStoreClients(options.region);
  const given = options.bucket !== undefined && options.table !== undefined;
  return { ...clients, bucket, table, ...cloudLabels(options, given), close: async () => destroy(clients) };
}

function cloudLabels(options: StackOptions, namesGiven: boolean): Pick<RunTable, 'region' | 'label' | 'local'> {
  return {
    region: options.region,
    label: namesGiven ? `table ${options.table}` : `stack ${options.stack ?? DEFAULT_STACK_NAME}`,
    local: false,
  };
}

/** Serve the store that `finwiz run --store DIR` wrote, until close. */
export async function openLocalRunStore(storeDir: string): Promise<RunStore> {
  const found = await stat(storeDir).catch(() => undefined);
  if (!found?.isDirectory()) {
    throw new CliError(`There is no local store at ${storeDir}: run \`finwiz run\` first, or pass --store with its directory.`, EXIT_FAILURE);
  }
  // Loaded here: the local engine is not needed by the cloud commands.
  const [{ openStoreSnapshot }, { LOCAL_BUCKET, LOCAL_TABLE }] = await Promise.all([
    import('../../local/store-snapshot.js'),
    import('../../local/local-run.js'),
  ]);
  // A copy of the table: a run may hold the store meanwhile, untouched.
  const services = await openStoreSnapshot(LOCAL_BUCKET, storeDir).catch((error: unknown) => {
    throw storeError(storeDir, error);
  });
  const clients = localStoreClients({ s3: services.s3Endpoint, dynamo: services.dynamoEndpoint });
  return {
    ...clients,
    bucket: LOCAL_BUCKET,
    table: LOCAL_TABLE,
    label: `the local store ${storeDir}`,
    local: true,
    async close() {
      destroy(clients);
      await services.close();
    },
  };
}

function destroy(clients: Partial<StoreClients>): void {
  clients.s3?.destroy();
  clients.dynamo?.destroy();
}
