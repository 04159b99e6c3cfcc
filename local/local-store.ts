// The local bucket and table: created like the stack's, read back after a run.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CreateTableCommand, ListTablesCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { dynamoClient, s3Client } from '../lambdas/adapters/aws/aws-clients.js';

/** Create the table unless a persistent store already has it. */
export async function createTable(tableName: string, properties: Record<string, unknown>): Promise<void> {
  const p = properties as Omit<CreateTableCommandInput, 'TableName'>;
  const existing = await dynamoClient().send(new ListTablesCommand({}));
  if (existing.TableNames?.includes(tableName)) return;
  await dynamoClient().send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: p.KeySchema,
      AttributeDefinitions: p.AttributeDefinitions,
      GlobalSecondaryIndexes: p.GlobalSecondaryIndexes,
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

export async function putObject(bucket: string, key: string, body: string): Promise<void> {
  await s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

export async function readJsonObject(bucket: string, key: string): Promise<unknown> {
  const answer = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return JSON.parse((await answer.Body?.transformToString('utf-8')) ?? 'null');
}

/** Copy the wanted objects under `prefix` to `dir`, keeping the key's path below the prefix. */
export async function downloadPrefix(
  bucket: string,
  prefix: string,
  dir: string,
  wanted: (name: string) => boolean = () => true,
): Promise<number> {
  // ListObjects (v1) paged by Marker: s3rver answers a truncated ListObjectsV2 page with a
  // continuation token made with the DES cipher, which OpenSSL 3 (Node 17 and later) refuses, so
  // any listing past 1,000 keys failed with InternalError.
  let startAfter: string | undefined;
  let count = 0;
  let more = false;
  do {
    const page = await s3Client().send(new ListObjectsCommand({ Bucket: bucket, Prefix: prefix, Marker: startAfter }));
    for (const object of page.Contents ?? []) {
      const key = object.Key!;
      startAfter = key;
      if (!wanted(key.slice(prefix.length))) continue;
      const answer = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const target = join(dir, key.slice(prefix.length));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await answer.Body!.transformToByteArray());
      count++;
    }
    more = page.IsTruncated === true && startAfter !== undefined;
  } while (more);
  return count;
}
