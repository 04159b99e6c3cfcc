// `finwiz upload` and `finwiz start [--wait]` against mocked S3, Step Functions and CloudFormation:
// the exact calls, the progress from the Map Run's item counts, and each ending's sentence.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ExecutionAlreadyExists,
  ListMapRunsCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { InvalidInputError } from '../../lambdas/core/errors.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { startCommand, type StartDependencies } from '../../cli/cloud/start-command.js';
import { uploadCommand } from '../../cli/cloud/upload-command.js';
import { CliError, EXIT_FAILURE, EXIT_INVALID } from '../../cli/exit-codes.js';
import { awsError, body, BUCKET, deployedStack, invoke, resetMocks, s3Mock, sfnMock, STATE_MACHINE_ARN } from './cloud-support.js';

const EXECUTION_ARN = `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:my-run`;
const MAP_RUN_ARN = 'arn:aws:states:eu-west-1:123456789012:mapRun:Analysis-abc/Deep analysis:0f1e2d3c';

beforeEach(() => {
  resetMocks();
  deployedStack();
});

async function portfolioFile(name: string, content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'finwiz-cloud-')), name);
  await writeFile(path, content);
  return path;
}

describe('finwiz upload', () => {
  it('puts a valid file under portfolios/<name> and prints the key', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    const csv = 'ticker,shares\nAAPL,10\nMSFT,5\n';
    const path = await portfolioFile('mine.csv', csv);
    const run = await invoke(uploadCommand(), ['--portfolio', path, '--name', 'main.csv']);
    expect(run.error).toBeUndefined();
    expect(run.stdout).toBe('portfolios/main.csv\n');
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: BUCKET, Key: 'portfolios/main.csv', Body: csv, ContentType: 'text/csv; charset=utf-8' },
    ]);
  });

  it('rejects a bad file with the parser\'s message and uploads nothing', async () => {
    const path = await portfolioFile('bad.csv', 'ticker,shares\nAAPL,1\nMSFT,-3\n');
    const run = await invoke(uploadCommand(), ['--portfolio', path]);
    expect(run.error).toBeInstanceOf(InvalidInputError);
    expect((run.error as Error).message).toMatch(/line 3: shares "-3"/);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('parses the file as the key\'s format says: a CSV uploaded as .json is rejected', async () => {
    const path = await portfolioFile('mine.csv', 'ticker\nAAPL\n');
    const run = await invoke(uploadCommand(), ['--portfolio', path, '--name', 'main.json']);
    expect(run.error).toBeInstanceOf(InvalidInputError);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});

describe('finwiz start', () => {
  const noSleep: Partial<StartDependencies> = { sleep: async () => undefined, now: () => new Date('2026-03-02T07:08:09Z') };

  it('uploads a local file, then starts an execution named by the default session id with {portfolioKey}', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });
    const path = await portfolioFile('team.csv', 'ticker\nAAPL\nKO\n');
    const run = await invoke(startCommand(noSleep), ['--portfolio', path]);
    expect(run.error).toBeUndefined();
    expect(s3Mock.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({ Bucket: BUCKET, Key: 'portfolios/team.csv' });
    expect(sfnMock.commandCalls(StartExecutionCommand).map((call) => call.args[0].input)).toEqual([
      {
        stateMachineArn: STATE_MACHINE_ARN,
        name: 'portfolio-analysis-20260302-070809',
        input: JSON.stringify({ portfolioKey: 'portfolios/team.csv' }),
      },
    ]);
    expect(run.stdout).toBe('portfolio-analysis-20260302-070809\n');
    expect(sfnMock.commandCalls(DescribeExecutionCommand)).toHaveLength(0); // no --wait: no polling
  });

  it('uses a portfolios/ key as it is, after checking that it is in the bucket', async () => {
    s3Mock.on(HeadObjectCommand).resolves({});
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });
    const run = await invoke(startCommand(noSleep), ['--portfolio', 'portfolios/main.csv', '--session', 'my-run', '--json']);
    expect(run.error).toBeUndefined();
    expect(s3Mock.commandCalls(HeadObjectCommand)[0]!.args[0].input).toEqual({ Bucket: BUCKET, Key: 'portfolios/main.csv' });
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(sfnMock.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({
      stateMachineArn: STATE_MACHINE_ARN,
      name: 'my-run',
      input: '{"portfolioKey":"portfolios/main.csv"}',
    });
    expect(JSON.parse(run.stdout)).toEqual({ sessionId: 'my-run', executionArn: EXECUTION_ARN, portfolioKey: 'portfolios/main.csv' });
  });

  it('does not start a run of a key that is not in the bucket', async () => {
    s3Mock.on(HeadObjectCommand).rejects(awsError('NotFound', 'UnknownError', 404));
    const run = await invoke(startCommand(noSleep), ['--portfolio', 'portfolios/missing.csv']);
    expect(run.error).toEqual(
      new CliError(
        `portfolios/missing.csv is not in bucket ${BUCKET}: upload it with \`finwiz upload --portfolio FILE\`, or give a local file.`,
        EXIT_INVALID,
      ),
    );
    expect((run.error as CliError).exitCode).toBe(EXIT_INVALID);
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('rejects a session id that cannot be an execution name, and a name already used, as usage errors', async () => {
    const invalid = await invoke(startCommand(noSleep), ['--portfolio', 'portfolios/main.csv', '--session', 'month end']);
    expect(invalid.error).toBeInstanceOf(InvalidInputError);
    expect((invalid.error as Error).message).toContain('--session "month end" is invalid');
    s3Mock.on(HeadObjectCommand).resolves({});
    sfnMock.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} }));
    const taken = await invoke(startCommand(noSleep), ['--portfolio', 'portfolios/main.csv', '--session', 'my-run']);
    expect((taken.error as CliError).message).toBe(
      'A run named my-run already exists: pass another --session (execution names are unique for 90 days).',
    );
    expect((taken.error as CliError).exitCode).toBe(EXIT_INVALID);
  });

  it('--wait shows batch progress from the Map Run item counts, then fetches the report and prints the summary', async () => {
    s3Mock.on(HeadObjectCommand).resolves({});
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });
    const startDate = new Date('2026-03-02T07:08:10Z');
    const outcome = { sessionId: 'my-run', mode: 'batch', fallbackReason: null, totalTickers: 3, successfulTickers: 2, failedTickers: 1, reportKey: 'runs/my-run/report.json' };
    sfnMock
      .on(DescribeExecutionCommand)
      .resolvesOnce({ executionArn: EXECUTION_ARN, stateMachineArn: STATE_MACHINE_ARN, status: 'RUNNING', startDate })
      .resolvesOnce({ executionArn: EXECUTION_ARN, stateMachineArn: STATE_MACHINE_ARN, status: 'RUNNING', startDate })
      .resolvesOnce({ executionArn: EXECUTION_ARN, stateMachineArn: STATE_MACHINE_ARN, status: 'RUNNING', startDate })
      .resolvesOnce({ executionArn: EXECUTION_ARN, stateMachineArn: STATE_MACHINE_ARN, status: 'SUCCEEDED', startDate, output: JSON.stringify(outcome) });
    const mapRun = { executionArn: EXECUTION_ARN, mapRunArn: MAP_RUN_ARN, stateMachineArn: STATE_MACHINE_ARN, startDate: new Date('2026-03-02T07:08:30Z') };
    sfnMock
      .on(ListMapRunsCommand)
      .resolvesOnce({ mapRuns: [] })
      .resolvesOnce({ mapRuns: [mapRun] })
      .resolvesOnce({ mapRuns: [{ ...mapRun, stopDate: new Date('2026-03-02T07:09:30Z') }] });
    const counts = (succeeded: number, failed: number) => ({
      itemCounts: { pending: 0, running: 3 - succeeded - failed, succeeded, failed, timedOut: 0, aborted: 0, total: 3, resultsWritten: 0 },
    });
    sfnMock.on(DescribeMapRunCommand).resolvesOnce(counts(1, 0)).resolvesOnce(counts(2, 1));
    const files: Record<string, string> = {
      'runs/my-run/report.json': '{"session_id":"my-run"}',
      'runs/my-run/report.md': '# FinWiz report',
      'runs/my-run/batch_prefetch_metrics.json': '{"batch_prefetch_metrics":{}}',
      'runs/my-run/results/AAPL.json': '{"ticker":"AAPL"}',
      'runs/my-run/prefetch/AAPL.json': '{"not":"copied"}',
      'runs/my-run/manifest.json': '[]',
    };
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: Object.keys(files).map((Key) => ({ Key })), IsTruncated: false });
    s3Mock.on(GetObjectCommand).callsFake((input: { Key: string }) => ({ Body: body(files[input.Key]!) }));
    const out = await mkdtemp(join(tmpdir(), 'finwiz-wait-'));
    const clock = [0, 20, 80, 80].map((seconds) => new Date(startDate.getTime() + seconds * 1000));
    const slept: number[] = [];
    const run = await invoke(
      startCommand({ pollIntervalMs: 1234, sleep: async (ms) => void slept.push(ms), now: () => clock.shift() ?? new Date() }),
      ['--portfolio', 'portfolios/main.csv', '--session', 'my-run', '--wait', '--out', out],
    );
    expect(run.error).toBeUndefined();
    expect(slept).toEqual([1234, 1234, 1234]);
    expect(sfnMock.commandCalls(ListMapRunsCommand)[0]!.args[0].input).toEqual({ executionArn: EXECUTION_ARN });
    expect(sfnMock.commandCalls(DescribeMapRunCommand)[0]!.args[0].input).toEqual({ mapRunArn: MAP_RUN_ARN });
    const progress = run.stderr.split('\n').filter((line) => line.startsWith('['));
    expect(progress).toEqual([
      '[0.0 s] running: Prefetch (validating the portfolio and fetching market data)',
      '[20.0 s] Deep analysis: 1/3 done',
      '[1m 20s] Deep analysis: 3/3 done, 1 failed; consolidating',
    ]);
    expect(run.stdout).toBe(
      [
        'Run my-run completed in batch mode.',
        'Tickers: 3 total, 2 analysed, 1 failed.',
        '',
        `Report: ${join(out, 'my-run')}/report.html`,
        `        also report.md, report.json, batch_prefetch_metrics.json, results/ in ${join(out, 'my-run')}`,
        '',
      ].join('\n'),
    );
    await expect(readFile(join(out, 'my-run', 'report.md'), 'utf-8')).resolves.toBe('# FinWiz report');
    await expect(readFile(join(out, 'my-run', 'results', 'AAPL.json'), 'utf-8')).resolves.toBe('{"ticker":"AAPL"}');
    await expect(readFile(join(out, 'my-run', 'prefetch', 'AAPL.json'), 'utf-8')).rejects.toThrow();
    expect(s3Mock.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toMatchObject({ Bucket: BUCKET, Prefix: 'runs/my-run/' });
  });

  it('--wait still follows the run when the credentials may not list Map Runs, and says why there is no progress', async () => {
    s3Mock.on(HeadObjectCommand).resolves({});
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });
    const outcome = { sessionId: 'my-run', mode: 'batch', fallbackReason: null, totalTickers: 1, successfulTickers: 1, failedTickers: 0, reportKey: 'runs/my-run/report.json' };
    const base = { executionArn: EXECUTION_ARN, stateMachineArn: STATE_MACHINE_ARN, startDate: new Date() };
    sfnMock
      .on(DescribeExecutionCommand)
      .resolvesOnce({ ...base, status: 'RUNNING' })
      .resolvesOnce({ ...base, status: 'RUNNING' })
      .resolvesOnce({ ...base, status: 'SUCCEEDED', output: JSON.stringify(outcome) });
    sfnMock.on(ListMapRunsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: states:ListMapRuns'));
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });
    const run = await invoke(startCommand(noSleep), ['--portfolio', 'portfolios/main.csv', '--session', 'my-run', '--wait', '--json']);
    expect(run.error).toBeUndefined();
    expect(sfnMock.commandCalls(ListMapRunsCommand)).toHaveLength(1); // asked once, not at every poll
    expect(run.stderr).toContain('(no batch progress: these credentials may not call states:ListMapRuns / DescribeMapRun)');
    expect(JSON.parse(run.stdout)).toMatchObject({ sessionId: 'my-run', successfulTickers: 1 });
  });

  describe('--wait on an execution that did not succeed', () => {
    async function endWith(status: string, error?: string, cause?: string) {
      s3Mock.on(HeadObjectCommand).resolves({});
      sfnMock.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });
      sfnMock.on(DescribeExecutionCommand).resolves({
        executionArn: EXECUTION_ARN,
        stateMachineArn: STATE_MACHINE_ARN,
        status: status as 'FAILED',
        startDate: new Date(),
        error,
        cause,
      });
      const run = await invoke(startCommand(noSleep), ['--portfolio', 'portfolios/main.csv', '--session', 'my-run', '--wait', '--out', outRoot]);
      expect(run.error).toBeInstanceOf(CliError);
      // Only a failure past the input may have left a report worth fetching.
      const looked = status === 'FAILED' && !(error && ['InvalidInput', 'InvalidConfiguration'].includes(error));
      expect(s3Mock.commandCalls(ListObjectsV2Command)).toHaveLength(looked ? 1 : 0);
      return run.error as CliError;
    }
    let outRoot = '';
    beforeEach(async () => {
      outRoot = await mkdtemp(join(tmpdir(), 'finwiz-start-'));
    });

    it("a failed run's report is copied and named in the error", async () => {
      const failed = { status: 'failed', started_at: '2026-12-07T10:00:00.000Z', holdings: [] };
      s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'runs/my-run/report.json' }, { Key: 'runs/my-run/report.md' }] });
      // A fresh body at each read: the second start reads the same objects again.
      s3Mock.on(GetObjectCommand, { Key: 'runs/my-run/report.json' }).callsFake(() => ({ Body: body(JSON.stringify(failed)) }));
      s3Mock.on(GetObjectCommand, { Key: 'runs/my-run/report.md' }).callsFake(() => ({ Body: body('# FinWiz run my-run: failed\n') }));
      s3Mock.on(HeadObjectCommand).resolves({});
      sfnMock.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });
      const describe = { executionArn: EXECUTION_ARN, stateMachineArn: STATE_MACHINE_ARN, status: 'FAILED' as const, error: 'RangeError', cause: 'Invalid array length' };
      sfnMock.on(DescribeExecutionCommand).resolves({ ...describe, startDate: new Date(failed.started_at) });
      const run = await invoke(startCommand(noSleep), ['--portfolio', 'portfolios/main.csv', '--session', 'my-run', '--wait', '--out', outRoot]);
      const path = join(outRoot, 'my-run', 'report.md');
      expect((run.error as CliError).message).toBe(`Run my-run failed with RangeError: Invalid array length. What happened to each ticker: ${path}`);
      expect(await readFile(path, 'utf-8')).toContain('failed');

      // A report an earlier execution left under the session id is not this one's.
      sfnMock.on(DescribeExecutionCommand).resolves({ ...describe, startDate: new Date('2026-12-08T10:00:00.000Z') });
      const again = await invoke(startCommand(noSleep), ['--portfolio', 'portfolios/main.csv', '--session', 'my-run', '--wait', '--out', outRoot]);
      expect((again.error as CliError).message).toBe('Run my-run failed with RangeError: Invalid array length.');
      expect(s3Mock.commandCalls(GetObjectCommand, { Key: 'runs/my-run/report.json' })).toHaveLength(2);
    });

    it('InvalidInput: the cause inside the Lambda error, exit 2', async () => {
      const error = await endWith(
        'FAILED',
        'InvalidInput',
        JSON.stringify({ errorType: 'InvalidInput', errorMessage: 'main.csv line 3: shares "-3" must be a number >= 0' }),
      );
      expect(error.message).toBe('Run my-run failed: InvalidInput: main.csv line 3: shares "-3" must be a number >= 0');
      expect(error.exitCode).toBe(EXIT_INVALID);
    });

    it('another failure: its error and cause, exit 1', async () => {
      const error = await endWith('FAILED', 'SourceUnreachable', 'Yahoo Finance could not be reached (network error: ETIMEDOUT)');
      expect(error.message).toBe('Run my-run failed with SourceUnreachable: Yahoo Finance could not be reached (network error: ETIMEDOUT).');
      expect(error.exitCode).toBe(EXIT_FAILURE);
    });

    it('succeeded with an output that is not a run outcome (a stack of another version)', async () => {
      s3Mock.on(HeadObjectCommand).resolves({});
      sfnMock.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });
      sfnMock
        .on(DescribeExecutionCommand)
        .resolves({ executionArn: EXECUTION_ARN, stateMachineArn: STATE_MACHINE_ARN, status: 'SUCCEEDED', startDate: new Date(), output: '{"done":true}' });
      const run = await invoke(startCommand(noSleep), ['--portfolio', 'portfolios/main.csv', '--session', 'my-run', '--wait']);
      expect((run.error as CliError).message).toBe(
        'Run my-run succeeded, but its output is not the run outcome this CLI knows: is the stack up to date (`npx cdk deploy`)? `finwiz show my-run` may still read it.',
      );
    });

    it('timed out and aborted', async () => {
      expect((await endWith('TIMED_OUT')).message).toBe("Run my-run timed out: it ran past the state machine's time limit.");
      expect((await endWith('ABORTED', 'Stopped', 'by the operator')).message).toBe(
        'Run my-run was aborted: someone stopped the execution (Stopped: by the operator).',
      );
    });
  });
});
