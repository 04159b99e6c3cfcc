// Removing old prefetch data from a local store, through its own S3 endpoint (s3rver on
// 127.0.0.1), so s3rver's files stay as s3rver writes them.
import { DeleteObjectCommand, ListObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import PQueue from 'p-queue';
import { RUNS_PREFIX } from '../lambdas/core/run-keys.js';
import { prunable, sessionOf, type StoredObject } from './prune-selection.js';

const DELETE_CONCURRENCY = 8;

export interface PruneOutcome {
  objects: number;
  runs: number;
  /** The removed objects' sizes, bytes (s3rver's metadata files beside them not counted). */
  bytes: number;
}

export async function pruneStore(s3: S3Client, bucket: string, now: Date, keepDays: number): Promise<PruneOutcome> {
  const objects: StoredObject[] = [];
  // ListObjects (v1) paged by Marker: s3rver's V2 continuation tokens fail on OpenSSL 3 (local-store.ts).
  let marker: string | undefined;
  for (;;) {
    const page = await s3.send(new ListObjectsCommand({ Bucket: bucket, Prefix: RUNS_PREFIX, Marker: marker }));
    for (const object of page.Contents ?? []) {
      marker = object.Key;
      objects.push({ key: object.Key!, size: object.Size ?? 0, lastModified: object.LastModified ?? now });
    }
    if (page.IsTruncated !== true || marker === undefined) break;
  }
  const chosen = prunable(objects, now, keepDays);
  const queue = new PQueue({ concurrency: DELETE_CONCURRENCY });
  await Promise.all(chosen.map((object) => queue.add(() => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.key })))));
  return {
    objects: chosen.length,
    runs: new Set(chosen.map((object) => sessionOf(object.key))).size,
    bytes: chosen.reduce((sum, object) => sum + object.size, 0),
  };
}
