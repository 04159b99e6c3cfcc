// A portfolio file put under `portfolios/` in the bucket, where schedules and `start` find it.
// It is parsed first with the very parser Prefetch uses, so a bad file is rejected with the
// parser's message before AWS is asked anything, not minutes later in the cloud.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { parseExecutionInput, parsePortfolioFile, portfolioFormat } from '../../lambdas/core/input/portfolio.js';
import { CliError, EXIT_INVALID } from '../exit-codes.js';
import { awsErrorName, explainAwsError, withAwsErrors } from './aws-errors.js';

/** Where portfolios live in the bucket (PORTFOLIOS_PREFIX of lib/storage.ts: Prefetch may read only these). */
export { PORTFOLIOS_PREFIX } from '../../lambdas/core/state-machine-contract.js';
import { PORTFOLIOS_PREFIX } from '../../lambdas/core/state-machine-contract.js';

/** A portfolio file that passed the parser, with the key it goes to. */
export interface CheckedPortfolio {
  key: string;
  content: string;
  holdings: number;
}

/** Read and parse the file; its key is `portfolios/<name>` (default: the file's name). */
export async function checkPortfolioFile(path: string, name?: string): Promise<CheckedPortfolio> {
  const key = `${PORTFOLIOS_PREFIX}${name ?? basename(path)}`;
  checkPortfolioKey(key);
  const content = await readFile(path, 'utf-8').catch(() => {
    throw new CliError(`Portfolio file not found: ${path}`, EXIT_INVALID);
  });
  // Parsed under the key's name: the key's extension decides how Prefetch will read it.
  const holdings = parsePortfolioFile(basename(key), content);
  return { key, content, holdings: holdings.length };
}

/** Throws InvalidInput naming what is wrong with the key, as Prefetch would. */
export function checkPortfolioKey(key: string): void {
  parseExecutionInput({ portfolioKey: key });
}

export async function putPortfolio(s3: S3Client, bucket: string, portfolio: CheckedPortfolio, region?: string): Promise<void> {
  await withAwsErrors({ action: `upload to bucket ${bucket}`, region }, () =>
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: portfolio.key,
        Body: portfolio.content,
        ContentType: portfolioFormat(portfolio.key) === 'json' ? 'application/json' : 'text/csv; charset=utf-8',
      }),
    ),
  );
}

/** Whether the key exists in the bucket (a run of a missing portfolio would fail with InvalidInput). */
export async function portfolioExists(s3: S3Client, bucket: string, key: string, region?: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    const name = awsErrorName(error);
    if (name === 'NotFound' || name === 'NoSuchKey') return false;
    throw explainAwsError(error, { action: `read ${key} in bucket ${bucket}`, region }) ?? error;
  }
}
