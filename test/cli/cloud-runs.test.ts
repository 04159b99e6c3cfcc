// `finwiz runs` and `finwiz show` against a mocked table and bucket: the query of the index,
// its pagination, the listing, and a run's summary and files.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { runsCommand } from '../../cli/cloud/runs-command.js';
import { showCommand } from '../../cli/cloud/show-command.js';
import { CliError, EXIT_FAILURE, EXIT_INVALID } from '../../cli/exit-codes.js';
import { awsError, body, BUCKET, cfnMock, ddbMock, deployedStack, invoke, resetMocks, s3Mock, TABLE } from './cloud-support.js';

beforeEach(() => {
  resetMocks();
  deployedStack();
});

/** A run item as Consolidate writes it (trimmed of the metrics). */
function runItem(sessionId: string, startedAt: string, extra: Record<string, unknown> = {}) {
  return {
    pk: `RUN#${sessionId}`,
    sk: 'RUN',
    gsi1pk: 'RUNS',
    gsi1sk: `${startedAt}#${sessionId}`,
    sessionId,
    startedAt,
    finishedAt: startedAt,
    portfolioKey: 'portfolios/main.csv',
    mode: 'batch',
    fallbackReason: null,
    totalTickers: 66,
    successfulTickers: 64,
    failedTickers: 2,
    durationSeconds: 83.4,
    reportKey: `runs/${sessionId}/report.json`,
    metrics: { session_id: sessionId },
    ...extra,
  };
}

const query = (input: Record<string, unknown>) => ({
  TableName: TABLE,
  IndexName: 'byStartedAt',
  KeyConditionExpression: 'gsi1pk = :runs',
  ExpressionAttributeValues: { ':runs': 'RUNS' },
  ScanIndexForward: false,
  ...input,
});

describe('finwiz runs', () => {
  it('queries the byStartedAt index newest first, following LastEvaluatedKey until the limit', async () => {
    const run5 = runItem('run-5', '2026-03-05T06:00:00.000Z');
    const run4 = runItem('run-4', '2026-03-04T06:00:00.000Z', { mode: 'sequential', fallbackReason: 'Portfolio has 6 holdings' });
    const run3 = runItem('run-3', '2026-03-03T06:00:00.000Z');
    const page2Key = { pk: 'RUN#run-4', sk: 'RUN', gsi1pk: 'RUNS', gsi1sk: '2026-03-04T06:00:00.000Z#run-4' };
    const page1Key = { pk: 'RUN#run-5', sk: 'RUN', gsi1pk: 'RUNS', gsi1sk: '2026-03-05T06:00:00.000Z#run-5' };
    ddbMock
      .on(QueryCommand)
      .resolvesOnce({ Items: [run5], LastEvaluatedKey: page1Key })
      // DynamoDB may answer a page with no items and a key (a filtered or size-cut page).
      .resolvesOnce({ Items: [], LastEvaluatedKey: page1Key })
      .resolvesOnce({ Items: [run4], LastEvaluatedKey: page2Key })
      .resolvesOnce({ Items: [run3], LastEvaluatedKey: { pk: 'RUN#run-3' } });
    const run = await invoke(runsCommand(), ['--limit', '3', '--json']);
    expect(run.error).toBeUndefined();
    expect(ddbMock.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual([
      query({ Limit: 3, ExclusiveStartKey: undefined }),
      query({ Limit: 2, ExclusiveStartKey: page1Key }),
      query({ Limit: 2, ExclusiveStartKey: page1Key }),
      query({ Limit: 1, ExclusiveStartKey: page2Key }),
    ]);
    const listed = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(listed.map((item) => item.sessionId)).toEqual(['run-5', 'run-4', 'run-3']);
    expect(listed[1]).toMatchObject({ mode: 'sequential', fallbackReason: 'Portfolio has 6 holdings', durationSeconds: 83.4 });
    expect(listed[0]).not.toHaveProperty('metrics');
  });

  it('stops at the last page when there are fewer runs than the limit, and prints a table', async () => {
    ddbMock.on(QueryCommand).resolvesOnce({ Items: [runItem('portfolio-analysis-20260305-060000', '2026-03-05T06:00:03.120Z')] });
    const run = await invoke(runsCommand(), []);
    expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(1);
    expect(ddbMock.commandCalls(QueryCommand)[0]!.args[0].input.Limit).toBe(20);
    expect(run.stdout.split('\n')).toEqual([
      'SESSION                             STARTED (UTC)        MODE   TICKERS  OK  FAILED  DURATION',
      'portfolio-analysis-20260305-060000  2026-03-05 06:00:03  batch       66  64       2  1m 23s',
      '',
    ]);
  });

  it('says so when there are no runs, and uses --table without reading the stack', async () => {
    ddbMock.on(QueryCommand).resolves({ Items: [] });
    const run = await invoke(runsCommand(), ['--table', 'my-table']);
    expect(run.stdout).toBe('No finished runs in table my-table yet.\n');
    expect(cfnMock.commandCalls(DescribeStacksCommand)).toHaveLength(0);
    expect(ddbMock.commandCalls(QueryCommand)[0]!.args[0].input.TableName).toBe('my-table');
  });

  it('turns a denied Query into one sentence', async () => {
    ddbMock.on(QueryCommand).rejects(awsError('AccessDeniedException', 'User x is not authorized to perform: dynamodb:Query on resource: table'));
    const run = await invoke(runsCommand(), ['--region', 'eu-west-1']);
    expect((run.error as CliError).message).toBe(
      `Access denied: the AWS credentials in use may not list the runs in table ${TABLE} in region eu-west-1 (User x is not authorized to perform: dynamodb:Query on resource: table).`,
    );
    expect((run.error as CliError).exitCode).toBe(EXIT_FAILURE);
  });

  it('rejects --local with cloud options, and a bad --limit, as usage errors', async () => {
    const mixed = await invoke(runsCommand(), ['--local', '--stack', 'FinwizProd']);
    expect(mixed.error).toEqual(new CliError('--local reads the local store and cannot be combined with --stack.', EXIT_INVALID));
    expect((mixed.error as CliError).exitCode).toBe(EXIT_INVALID);
    const limit = await invoke(runsCommand(), ['--limit', '0']);
    expect(limit.stderr).toContain('"0" is not a whole number >= 1.');
    expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(0);
  });
});

describe('finwiz show', () => {
  const files: Record<string, string> = {
    'runs/my-run/report.json': '{"session_id":"my-run"}',
    'runs/my-run/report.md': '# FinWiz report',
    'runs/my-run/report.html': '<html></html>',
    'runs/my-run/batch_prefetch_metrics.json': '{"batch_prefetch_metrics":{}}',
    'runs/my-run/results/AAPL.json': '{}',
    'runs/my-run/manifest.json': '[]',
  };
  function bucketWith(keys: string[]) {
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: keys.map((Key) => ({ Key })), IsTruncated: false });
    s3Mock.on(GetObjectCommand).callsFake((input: { Key: string }) => ({ Body: body(files[input.Key]!) }));
  }

  it('prints the summary of the run item and copies the report files, not the rest', async () => {
    ddbMock.on(GetCommand).resolves({ Item: runItem('my-run', '2026-03-05T06:00:03.120Z', { mode: 'sequential', fallbackReason: 'High failure rate: 60.0% (3/5)' }) });
    bucketWith(Object.keys(files));
    const out = join(await mkdtemp(join(tmpdir(), 'finwiz-show-')), 'here');
    const run = await invoke(showCommand({ openFile: () => true }), ['my-run', '--out', out]);
    expect(run.error).toBeUndefined();
    expect(ddbMock.commandCalls(GetCommand)[0]!.args[0].input).toEqual({ TableName: TABLE, Key: { pk: 'RUN#my-run', sk: 'RUN' } });
    expect(s3Mock.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toMatchObject({ Bucket: BUCKET, Prefix: 'runs/my-run/' });
    expect(run.stdout.split('\n')).toEqual([
      'Run my-run completed in sequential mode (fallback: High failure rate: 60.0% (3/5)).',
      'Started 2026-03-05 06:00:03 UTC, took 1m 23s; portfolio portfolios/main.csv.',
      'Tickers: 66 total, 64 analysed, 2 failed.',
      `Files in ${out}: batch_prefetch_metrics.json, report.html, report.json, report.md`,
      '',
    ]);
    expect(s3Mock.commandCalls(GetObjectCommand).map((call) => call.args[0].input.Key).sort()).toEqual([
      'runs/my-run/batch_prefetch_metrics.json',
      'runs/my-run/report.html',
      'runs/my-run/report.json',
      'runs/my-run/report.md',
    ]);
    await expect(readFile(join(out, 'report.md'), 'utf-8')).resolves.toBe('# FinWiz report');
  });

  it('follows the pages of the bucket listing', async () => {
    ddbMock.on(GetCommand).resolves({ Item: runItem('my-run', '2026-03-05T06:00:03.120Z') });
    s3Mock
      .on(ListObjectsV2Command)
      .resolvesOnce({ Contents: [{ Key: 'runs/my-run/report.json' }], IsTruncated: true, NextContinuationToken: 'page-2' })
      .resolvesOnce({ Contents: [{ Key: 'runs/my-run/report.md' }], IsTruncated: false });
    s3Mock.on(GetObjectCommand).callsFake((input: { Key: string }) => ({ Body: body(files[input.Key]!) }));
    const out = await mkdtemp(join(tmpdir(), 'finwiz-show-'));
    const run = await invoke(showCommand(), ['my-run', '--out', out, '--json']);
    expect(s3Mock.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input.ContinuationToken)).toEqual([undefined, 'page-2']);
    expect(JSON.parse(run.stdout)).toMatchObject({ sessionId: 'my-run', dir: out, files: [join(out, 'report.json'), join(out, 'report.md')] });
  });

  it('--open prints the path of report.html and hands it to the opener', async () => {
    ddbMock.on(GetCommand).resolves({ Item: runItem('my-run', '2026-03-05T06:00:03.120Z') });
    bucketWith(Object.keys(files));
    const out = await mkdtemp(join(tmpdir(), 'finwiz-show-'));
    const opened: string[] = [];
    const run = await invoke(showCommand({ openFile: (path) => opened.push(path) > 0 }), ['my-run', '--out', out, '--open']);
    expect(run.error).toBeUndefined();
    expect(opened).toEqual([join(out, 'report.html')]);
    expect(run.stdout).toContain(`Report: ${join(out, 'report.html')}\n`);
    await expect(readFile(join(out, 'report.html'), 'utf-8')).resolves.toBe('<html></html>');
  });

  it('--open on a run without report.html says so and still succeeds', async () => {
    ddbMock.on(GetCommand).resolves({ Item: runItem('my-run', '2026-03-05T06:00:03.120Z') });
    bucketWith(['runs/my-run/report.json', 'runs/my-run/report.md']);
    const out = await mkdtemp(join(tmpdir(), 'finwiz-show-'));
    const opened: string[] = [];
    const run = await invoke(showCommand({ openFile: (path) => opened.push(path) > 0 }), ['my-run', '--out', out, '--open']);
    expect(run.error).toBeUndefined();
    expect(opened).toEqual([]);
    expect(run.stderr).toContain(`run my-run has no report.html (runs made before HTML reports have none); read ${join(out, 'report.md')}.`);
  });

  it('a session that does not exist is one sentence, and nothing is downloaded', async () => {
    ddbMock.on(GetCommand).resolves({});
    const run = await invoke(showCommand(), ['no-such-run']);
    expect(run.error).toEqual(
      new CliError(
        'There is no finished run no-such-run in stack FinwizStack: `finwiz runs` lists the runs (a run is listed once it has finished).',
        EXIT_FAILURE,
      ),
    );
    expect(s3Mock.commandCalls(ListObjectsV2Command)).toHaveLength(0);
  });
});
