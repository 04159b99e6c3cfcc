// downloadPrefix past 1,000 keys: s3rver's ListObjectsV2 continuation tokens need the DES
// cipher, which OpenSSL 3 refuses, so a 1,000-ticker run once failed at the download with
// InternalError. Paged by Marker, every object arrives.
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PQueue from 'p-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetAwsClients } from '../../lambdas/adapters/aws/aws-clients.js';
import { downloadPrefix, putObject } from '../../local/local-store.js';
import { startLocalServices, type LocalServices } from '../../local/services.js';

const BUCKET = 'finwiz-store-test';
const ENV = ['AWS_ENDPOINT_URL_S3', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;
let services: LocalServices;
const previous: Record<string, string | undefined> = {};

beforeAll(async () => {
  services = await startLocalServices(BUCKET);
  for (const name of ENV) previous[name] = process.env[name];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: services.s3Endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  });
  resetAwsClients();
});
afterAll(async () => {
  for (const name of ENV) {
    if (previous[name] === undefined) delete process.env[name];
    else process.env[name] = previous[name];
  }
  resetAwsClients();
  await services.close();
});

describe('downloadPrefix', () => {
  it('copies every wanted object of a prefix holding more than 1,000 keys', async () => {
    const queue = new PQueue({ concurrency: 16 });
    const names = Array.from({ length: 1050 }, (_, i) => `T${String(i).padStart(4, '0')}`);
    await Promise.all(names.map((name) => queue.add(() => putObject(BUCKET, `runs/s/results/${name}.json`, `{"t":"${name}"}`))));
    await putObject(BUCKET, 'runs/s/prefetch/ZZZ.json', '{}');
    const dir = await mkdtemp(join(tmpdir(), 'finwiz-download-'));

    const count = await downloadPrefix(BUCKET, 'runs/s/', dir, (name) => name.startsWith('results/'));

    expect(count).toBe(1050);
    expect((await readdir(join(dir, 'results'))).sort()).toEqual(names.map((name) => `${name}.json`));
  });
});
