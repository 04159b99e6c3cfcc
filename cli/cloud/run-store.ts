// The bucket and the table that hold the runs, with their clients: the deployed stack's, or the
// local store of `finwiz run` served on 127.0.0.1. `runs` and `show` read both with the same code.
import { stat } from 'node:fs/promises';
import { CliError, EXIT_FAILURE } from '../exit-codes.js';
import { cloudStoreClients, localStoreClients, type StoreClients } from './aws-clients.js';
import { resolveStack, type StackOptions } from './stack-outputs.js';
import { checkLocalOptions, DEFAULT_LOCAL_STORE, type LocalOptions } from './stack-options.js';

export interface RunStore extends StoreClients {
  bucket: string;
  table: string;
  /** The --region asked for, for messages (the cloud only). */
  region?: string;
  /** Where the runs are, for messages: "stack FinwizStack", "the local store finwiz-output/.store". */
  label: string;
  /** Whether the runs are the local store's (hints then name `finwiz run`, not the console). */
  local: boolean;
  close(): Promise<void>;
}

export async function openRunStore(options: StackOptions & LocalOptions): Promise<RunStore> {
  checkLocalOptions(options);
  if (options.local) return openLocalRunStore(options.store ?? DEFAULT_LOCAL_STORE);
  const { bucket, table } = await resolveStack(options, ['bucket', 'table']);
  const clients = cloudStoreClients(options.region);
  return {
    ...clients,
    bucket,
    table,
    region: options.region,
    label: options.bucket && options.table ? `table ${table}` : `stack ${options.stack ?? 'FinwizStack'}`,
    local: false,
    close: async () => destroy(clients),
  };
}

/** Serve the store that `finwiz run --store DIR` wrote, read-only in intent, until close. */
export async function openLocalRunStore(storeDir: string): Promise<RunStore> {
  const found = await stat(storeDir).catch(() => undefined);
  if (!found?.isDirectory()) {
    throw new CliError(`There is no local store at ${storeDir}: run \`finwiz run\` first, or pass --store with its directory.`, EXIT_FAILURE);
  }
  // Loaded here: the local engine is not needed by the cloud commands.
  const [{ startLocalServices }, { LOCAL_BUCKET, LOCAL_TABLE }] = await Promise.all([
    import('../../local/services.js'),
    import('../../local/local-run.js'),
  ]);
  const services = await startLocalServices(LOCAL_BUCKET, storeDir);
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

function destroy(clients: StoreClients): void {
  clients.s3.destroy();
  clients.dynamo.destroy();
}
