// s3rver's bucket configurations are remembered between requests (services.ts): what a put or a
// delete of the configuration changes must still show at the next request.
import { DeleteBucketCorsCommand, PutBucketCorsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServices, type LocalServices } from '../../local/services.js';

const BUCKET = 'finwiz-services-test';
let services: LocalServices;
let s3: S3Client;

beforeAll(async () => {
  services = await startLocalServices(BUCKET);
  s3 = new S3Client({
    endpoint: services.s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'report.html', Body: '<p>hi</p>' }));
});
afterAll(async () => {
  s3.destroy();
  await services.close();
});

const allowedOrigin = async () =>
  (await fetch(`${services.s3Endpoint}/${BUCKET}/report.html`, { headers: { origin: 'https://example.com' } })).headers.get(
    'access-control-allow-origin',
  );

describe('startLocalServices', () => {
  it('serves a CORS configuration put after requests that found none, and forgets it once deleted', async () => {
    expect(await allowedOrigin()).toBeNull();
    expect(await allowedOrigin()).toBeNull();
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: BUCKET,
        CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['https://example.com'], AllowedMethods: ['GET'] }] },
      }),
    );
    expect(await allowedOrigin()).toBe('https://example.com');
    await s3.send(new DeleteBucketCorsCommand({ Bucket: BUCKET }));
    expect(await allowedOrigin()).toBeNull();
  });
});
