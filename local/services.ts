// S3 and DynamoDB as real API endpoints on 127.0.0.1 (s3rver and dynalite), so that the
// handlers run unchanged with real AWS SDK clients.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import dynalite from 'dynalite';

export interface LocalServices {
  s3Endpoint: string;
  dynamoEndpoint: string;
  close(): Promise<void>;
}

/**
 * With `storeDir`, the bucket and the table persist there between runs (s3rver's files and
 * dynalite's LevelDB), so a later run finds the earlier ones (the prefetch cache, history);
 * without it they live in a temporary directory and in memory, and vanish at close.
 */
export async function startLocalServices(bucket: string, storeDir?: string, options: { dynamoDir?: string } = {}): Promise<LocalServices> {
  const directory = storeDir ? join(storeDir, 's3') : await mkdtemp(join(tmpdir(), 'finwiz-s3-'));
  // A reader of a store in use serves a copy of its table (store-snapshot.ts): one process per LevelDB.
  const dynamoDir = options.dynamoDir ?? (storeDir ? join(storeDir, 'dynamodb') : undefined);
  if (dynamoDir) await mkdir(dynamoDir, { recursive: true });
  await mkdir(directory, { recursive: true });
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  rememberBucketConfigs(s3);
  const s3Address = (await s3.run()) as AddressInfo;
  const dynamo: Server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(dynamoDir ? { path: dynamoDir } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    dynamo.once('error', reject);
    dynamo.listen(0, '127.0.0.1', () => resolve());
  });
  const dynamoPort = (dynamo.address() as AddressInfo).port;
  return {
    s3Endpoint: `http://127.0.0.1:${s3Address.port}`,
    dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`,
    async close() {
      await Promise.all([
        s3.close().catch(() => undefined),
        new Promise<void>((resolve) => {
          dynamo.closeAllConnections?.();
          dynamo.close(() => resolve());
        }),
      ]);
      if (!storeDir) await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The part of s3rver's file store that reads and writes a bucket's configurations. */
interface SubresourceStore {
  getSubresource(bucket: string, key: string | undefined, type: string): Promise<unknown>;
  putSubresource(bucket: string, key: string | undefined, config: unknown): Promise<unknown>;
  deleteSubresource(bucket: string, key: string | undefined, type: string): Promise<unknown>;
}

/**
 * s3rver reads the bucket's CORS and website configurations from disk on every request, two
 * file opens that are a third of the file work of a Crew's get and put; a 1,000-ticker run
 * spends seconds on them. They change only through s3rver's own put and delete, which forget
 * what was remembered.
 */
function rememberBucketConfigs(s3: S3rver): void {
  const store = (s3 as unknown as { store: SubresourceStore }).store;
  const read = store.getSubresource.bind(store);
  const put = store.putSubresource.bind(store);
  const remove = store.deleteSubresource.bind(store);
  const remembered = new Map<string, Promise<unknown>>();
  store.getSubresource = (bucket, key, type) => {
    if (key !== undefined) return read(bucket, key, type);
    const name = `${bucket}\n${type}`;
    let config = remembered.get(name);
    if (!config) {
      config = read(bucket, key, type);
      remembered.set(name, config);
      config.catch(() => remembered.delete(name));
    }
    return config;
  };
  store.putSubresource = (bucket, key, config) => {
    remembered.clear();
    return put(bucket, key, config);
  };
  store.deleteSubresource = (bucket, key, type) => {
    remembered.clear();
    return remove(bucket, key, type);
  };
}
