// `finwiz history` as a user meets it before any run: help with an example, the stack's table
// found like every cloud command, and one-sentence errors.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { describe, expect, it } from 'vitest';
import { historyTable } from '../../cli/history-command.js';
import { formatTickerHistory } from '../../cli/history-format.js';
import { awsError, cfnMock, deployedStack, resetMocks, TABLE } from './cloud-support.js';
import { finwiz } from '../support/spawn-cli.js';

describe('finwiz history', () => {
  it('reads the table of the deployed stack when neither --local nor --table is given', async () => {
    resetMocks();
    deployedStack();
    await expect(historyTable({ stack: 'FinwizProd' })).resolves.toBe(TABLE);
    expect(cfnMock.commandCalls(DescribeStacksCommand).map((call) => call.args[0].input)).toEqual([{ StackName: 'FinwizProd' }]);
    await expect(historyTable({ table: 'given-table' })).resolves.toBe('given-table');
    expect(cfnMock.commandCalls(DescribeStacksCommand)).toHaveLength(1);
    cfnMock.on(DescribeStacksCommand).rejects(awsError('ValidationError', 'Stack with id FinwizStack does not exist'));
    await expect(historyTable({})).rejects.toThrow(/Stack FinwizStack does not exist.*npx cdk deploy/);
  });

  it('explains itself with --help, with an example', async () => {
    const help = await finwiz(['history', '--help']);
    expect(help.code).toBe(0);
    for (const option of ['--portfolio', '--limit', '--local', '--store', '--table', '--region', '--json']) expect(help.stdout).toContain(option);
    expect(help.stdout).toContain('npx finwiz history AAPL --local --portfolio examples/finwiz-original.csv');
  });

  it('exits 2 with one sentence when the local store is empty or the limit is not a number', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'finwiz-empty-store-'));
    const none = await finwiz(['history', 'AAPL', '--store', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`No local runs in ${empty}`);
    const badLimit = await finwiz(['history', 'AAPL', '--local', '--limit', '0']);
    expect(badLimit.code).toBe(2);
  });

  it('prints one line per run with the change since the run before, and says when there is none', () => {
    const point = (session: string, composite: number | null, grade: string) => ({
      session_id: session,
      started_at: `2025-01-0${session.slice(-1)}T06:00:00.000Z`,
      portfolio_key: 'portfolios/main.csv',
      status: composite === null ? ('failed' as const) : ('ok' as const),
      composite_score: composite,
      grade,
      recommendation: composite === null ? 'WAIT' : 'HOLD',
    });
    const text = formatTickerHistory('AAPL', [point('run-3', 0.71, 'C'), point('run-2', null, 'N/A'), point('run-1', 0.78, 'B')], 'portfolios/main.csv');
    expect(text.split('\n')).toEqual([
      'AAPL in the last 3 runs of portfolios/main.csv, newest first:',
      'started (UTC)     session  grade   rec.  composite  change',
      '2025-01-03 06:00  run-3    C       HOLD  0.71',
      '2025-01-02 06:00  run-2    failed  WAIT  —',
      '2025-01-01 06:00  run-1    B       HOLD  0.78',
      '',
    ]);
    const moved = formatTickerHistory('AAPL', [point('run-2', 0.71, 'C'), point('run-1', 0.78, 'B')], 'portfolios/main.csv');
    expect(moved.split('\n')[2]).toBe('2025-01-02 06:00  run-2    C      HOLD  0.71       -0.07');
    expect(formatTickerHistory('ZZZ', [], null)).toBe('No completed run holds ZZZ.\n');
  });
});
