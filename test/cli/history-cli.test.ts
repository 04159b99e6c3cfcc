// `finwiz history` as a user meets it before any run: help with an example, and one-sentence
// errors with exit code 2 when it does not know where the runs are.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTickerHistory } from '../../cli/history-format.js';

const BIN = new URL('../../bin/finwiz.mjs', import.meta.url).pathname;

function finwiz(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('finwiz history', () => {
  it('explains itself with --help, with an example', async () => {
    const help = await finwiz(['history', '--help']);
    expect(help.code).toBe(0);
    for (const option of ['--portfolio', '--limit', '--local', '--store', '--table', '--region', '--json']) expect(help.stdout).toContain(option);
    expect(help.stdout).toContain('npx finwiz history AAPL --local --portfolio examples/finwiz-original.csv');
  });

  it('exits 2 with one sentence when it does not know where the runs are, or the store is empty', async () => {
    const nowhere = await finwiz(['history', 'AAPL']);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr.trim()).toBe('finwiz: Say where the runs are: --local [--store DIR] for local runs, or --table NAME [--region R] for the cloud.');
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
