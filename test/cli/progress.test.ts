// The CLI as people watch it: progress bars on a terminal (a pseudo-terminal made by util-linux
// `script`), none without one, and the summary either way.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINWIZ_BIN as BIN, spawnOutcome } from '../support/spawn-cli.js';

// Six holdings in batch mode (the minimum lowered), one unknown to the simulator: both bars, a failure.
const ENV = { BATCH_PREFETCH_MIN_HOLDINGS: '3', DEEP_ANALYSIS_BATCH_SIZE: '2', YAHOO_REQUESTS_PER_SECOND: '100', YAHOO_MAX_RETRIES: '0' };
const ESC = '\u001b[';

/** finwiz under a pseudo-terminal: `script` runs it on a pty and copies the terminal's output to its stdout. */
const underPty = (args: string[]) =>
  spawnOutcome('/usr/bin/script', ['-qefc', [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' '), '/dev/null'], ENV);
const withoutPty = (args: string[]) => spawnOutcome(process.execPath, [BIN, ...args], ENV);

async function runArgs(session: string, extra: string[] = []): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'finwiz-progress-'));
  const portfolio = join(dir, 'six.csv');
  await writeFile(portfolio, 'ticker,shares\nAAPL,1\nMSFT,2\nQQQ,3\nKO,4\nNVDA,1\nNOPE,1\n');
  return ['run', '--portfolio', portfolio, '--source', 'sim', '--sim-fail-tickers', 'NOPE', '--out', join(dir, 'out'), '--session-id', session, ...extra];
}

describe('finwiz run progress', () => {
  it('draws a prefetch bar and an analysis bar on a terminal, then the summary', async () => {
    const out = await underPty(await runArgs('pty-bars'));
    expect(out.code).toBe(0);
    const text = out.stdout;
    // The final state of each bar: every ticker done, the failure counted, the last batch.
    expect(text).toMatch(/Prefetch \|[^|]+\| 6\/6 tickers \| 1 failed/);
    expect(text).toMatch(/Analysis \|[^|]+\| 6\/6 tickers \| batch 3\/3 \| 1 failed/);
    // Per-ticker INFO lines would scroll the bars away: they are not printed under them.
    expect(text).not.toContain('Processing AAPL');
    expect(text).toMatch(/Failures \(1\):\s+Ticker\s+Reason\s+-+\s+-+\s+NOPE\s+unknown symbol/);
    expect(text).toMatch(/Report: \S+pty-bars\/report\.html/);
  });

  it('prints no bars and no terminal escapes without a terminal: plain log lines, then the summary', async () => {
    const out = await withoutPty(await runArgs('no-pty'));
    expect(out.code).toBe(0);
    expect(out.stderr + out.stdout).not.toContain('Prefetch |');
    expect(out.stderr + out.stdout).not.toContain(ESC);
    expect(out.stderr).toContain('Processing AAPL');
    expect(out.stdout).toMatch(/^Run no-pty completed in batch mode\./);
    expect(out.stdout).toMatch(/Holdings, best first:\n {2}#\s+Ticker\s+Name\s+Grade\s+Rec\.\s+Composite\s+Weight\n/);
  });

  it('prints no bars on a terminal with --json or --quiet', async () => {
    const json = await underPty(await runArgs('pty-json', ['--json']));
    expect(json.code).toBe(0);
    expect(json.stdout).not.toContain('Prefetch |');
    expect(json.stdout).toMatch(/\{"sessionId":"pty-json",.*"outDir":"[^"]+","simulated":true,"phases":\{[^}]+\},"peakRssMb":[\d.]+\}/);
    const quiet = await underPty(await runArgs('pty-quiet', ['--quiet']));
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('Prefetch |');
    // --quiet: the warnings, and the report's path as the one line of output.
    expect(quiet.stdout.trim().split(/\r?\n/).at(-1)).toMatch(/pty-quiet\/report\.html$/);
    expect(quiet.stdout).not.toContain('Top 5');
  });
});
