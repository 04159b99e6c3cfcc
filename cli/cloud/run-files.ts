// A run's files in the bucket, copied to a local directory: the report (json, md, and html when
// the run has one) and the metrics; with the per-ticker results for `start --wait`, so that its
// directory holds what a local run's does.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { runKeys } from '../../lambdas/core/run-keys.js';
import { withAwsErrors } from './aws-errors.js';

/** Names below `runs/<sessionId>/`. */
export const REPORT_FILES = /^(report\.(json|md|html)|batch_prefetch_metrics\.json)$/;
export const RUN_OUTPUT_FILES = /^(report\.(json|md|html)|batch_prefetch_metrics\.json|results\/[^/]+\.json)$/;

const listPageSchema = z.object({
  Contents: z.array(z.object({ Key: z.string() })).optional(),
  IsTruncated: z.boolean().optional(),
  NextContinuationToken: z.string().optional(),
});

/** Copy the run's wanted files into `dir`; returns their names (below the run's prefix), sorted. */
export async function downloadRunFiles(
  s3: S3Client,
  bucket: string,
  sessionId: string,
  dir: string,
  wanted: RegExp,
  region?: string,
): Promise<string[]> {
  const prefix = `${runKeys(sessionId).root}/`;
  const context = { action: `read the files of run ${sessionId} in bucket ${bucket}`, region };
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = listPageSchema.parse(
      await withAwsErrors(context, () =>
        s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })),
      ),
    );
    for (const { Key } of page.Contents ?? []) {
      const name = Key.slice(prefix.length);
      if (!wanted.test(name)) continue;
      const answer = await withAwsErrors(context, () => s3.send(new GetObjectCommand({ Bucket: bucket, Key })));
      if (!answer.Body) throw new Error(`s3://${bucket}/${Key} has no body`);
      const target = join(dir, name);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await answer.Body.transformToByteArray());
      names.push(name);
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return names.sort();
}
