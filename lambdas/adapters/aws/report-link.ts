// A presigned GET link to an object of the bucket (report.html), so that whoever reads the
// execution's output can open the report without AWS credentials of their own. The presigner is
// loaded at the first link: a run without REPORT_LINK_EXPIRY_SECONDS never pays for it.
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from './aws-clients.js';

export async function presignedGetUrl(bucket: string, key: string, expiresInSeconds: number): Promise<string> {
  const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
  return getSignedUrl(s3Client(), new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: expiresInSeconds });
}
