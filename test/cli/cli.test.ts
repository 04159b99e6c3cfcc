// The finwiz command as other tools call it: exit codes, --json on stdout, logs on stderr.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINWIZ_BIN as BIN, finwiz } from '../support/spawn-cli.js';

/** A loopback port that nothing listens on (it was free a moment ago): connections are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function tempFile(name: string, content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'finwiz-cli-')), name);
  await writeFile(path, content);
  return path;
}

describe('finwiz run', () => {
  it('--json prints exactly one JSON object on stdout and exits 0; logs go to stderr', async () => {
    const out = await mkdtemp(join(tmpdir(), 'finwiz-out-'));
    const portfolio = await tempFile('six.csv', 'ticker,shares\nAAPL,1\nMSFT,2\nQQQ,3\nSPY,1\nNVDA,1\nKO,4\n');
    const run = await finwiz(['run', '--portfolio', portfolio, '--source', 'sim', '--out', out, '--session-id', 'cli-json-test', '--json']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(summary).sort()).toEqual(
      ['failedTickers', 'fallbackReason', 'mode', 'outDir', 'peakRssMb', 'phases', 'sessionId', 'simulated', 'successfulTickers', 'totalTickers'].sort(),
    );
    // Where the run's time went: the phases add up to the wall time, and the process's peak memory.
    const phases = summary.phases as Record<'wall_s' | 'setup_s' | 'prefetch_s' | 'analysis_s' | 'consolidate_s', number>;
    expect(phases.prefetch_s).toBeGreaterThan(0);
    expect(phases.consolidate_s).toBeGreaterThan(0);
    expect(phases.setup_s + phases.prefetch_s + phases.analysis_s + phases.consolidate_s).toBeCloseTo(phases.wall_s, 1);
    expect(summary.peakRssMb).toBeGreaterThan(30);
    expect(summary).toMatchObject({ sessionId: 'cli-json-test', mode: 'sequential', totalTickers: 6, successfulTickers: 6, failedTickers: 0 });
    // --source sim: the data is simulated, and the machine-readable summary says so.
    expect(summary.simulated).toBe(true);
    expect(summary.outDir).toBe(join(out, 'cli-json-test'));
    expect(run.stderr).toContain('Falling back to sequential mode');
    const report = JSON.parse(await readFile(join(out, 'cli-json-test', 'report.json'), 'utf-8')) as { holdings: unknown[] };
    expect(report.holdings).toHaveLength(6);
    await expect(readFile(join(out, 'cli-json-test', 'batch_prefetch_metrics.json'), 'utf-8')).resolves.toContain('"batch_prefetch_metrics"');
    await expect(readFile(join(out, 'cli-json-test', 'report.md'), 'utf-8')).resolves.toContain('| KO |');
  });

  it('exits 2 with the row and field named for an invalid portfolio, and prints nothing on stdout', async () => {
    const portfolio = await tempFile('bad.csv', 'ticker,shares\nAAPL,1\nMSFT,-3\n');
    const run = await finwiz(['run', '--portfolio', portfolio, '--source', 'sim', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/InvalidInput: .*line 3: shares "-3"/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace without --verbose
  });

  it('exits 2 naming the variable, the value and the rule for a bad configuration', async () => {
    const portfolio = await tempFile('ok.csv', 'ticker\nAAPL\n');
    const run = await finwiz(['run', '--portfolio', portfolio, '--source', 'sim'], { ALPHA_VANTAGE_RATE_LIMIT: '500' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ALPHA_VANTAGE_RATE_LIMIT="500" is invalid: must be an integer from 1 to 100');
  });

  it("exits 2 at start for a Crew's setting too: CREW_LLM, and its cross-field rule, in the same form", async () => {
    const bogus = await finwiz(['run', '--portfolio', 'examples/portfolio.csv', '--source', 'sim'], { CREW_LLM: 'bogus' });
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toBe('finwiz: CREW_LLM="bogus" is invalid: must be none, bedrock or openai\n');
    const noModel = await finwiz(['run', '--portfolio', 'examples/portfolio.csv', '--source', 'sim'], { CREW_LLM: 'bedrock' });
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/^finwiz: BEDROCK_MODEL_ID=\(unset\) is invalid: must be a Bedrock model id/);
  });

  it('exits 2 at start for the narrative on an OpenAI-compatible server without its URL or model, or with a negative budget or price', async () => {
    const args = ['run', '--portfolio', 'examples/portfolio.csv', '--source', 'sim'];
    const noUrl = await finwiz(args, { CREW_LLM: 'openai', LLM_MODEL: 'llama3.1' });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/^finwiz: LLM_BASE_URL=\(unset\) is invalid: must be the http\(s\) base URL/);
    const noModel = await finwiz(args, { CREW_LLM: 'openai', LLM_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/^finwiz: LLM_MODEL=\(unset\) is invalid/);
    const negative = await finwiz(args, { CREW_LLM: 'openai', LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MODEL: 'gpt-4o-mini', LLM_BUDGET_USD: '-1' });
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/^finwiz: LLM_BUDGET_USD="-1" is invalid: must be a number >= 0/);
    const price = await finwiz(args, { LLM_INPUT_USD_PER_MTOK: '-0.5', LLM_OUTPUT_USD_PER_MTOK: '1' });
    expect(price.code).toBe(2);
    expect(price.stderr).toContain('LLM_INPUT_USD_PER_MTOK="-0.5" is invalid: must be a number >= 0');
  });

  it('exits 2 for a missing portfolio file and for a bad option value', async () => {
    const missing = await finwiz(['run', '--portfolio', '/nonexistent/portfolio.csv', '--source', 'sim']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Portfolio file not found: /nonexistent/portfolio.csv');
    const badOption = await finwiz(['run', '--portfolio', 'examples/portfolio.csv', '--source', 'sim', '--sim-fail-rate', '1.5']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('--sim-fail-rate');
    // --sim-as-of: a day that is not a calendar day, and the option without the simulator.
    const badDay = await finwiz(['run', '--portfolio', 'examples/portfolio.csv', '--source', 'sim', '--sim-as-of', '2026-02-30']);
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toContain('"2026-02-30" is not a calendar day YYYY-MM-DD');
    const noSim = await finwiz(['run', '--portfolio', 'examples/portfolio.csv', '--sim-as-of', '2026-01-05']);
    expect(noSim.code).toBe(2);
    expect(noSim.stderr).toContain('The --sim-* options need --source sim.');
  });

  it('stops early with exit 1 and one sentence when the Yahoo endpoint refuses every connection', async () => {
    const port = await closedPort();
    const run = await finwiz(['run', '--portfolio', 'examples/portfolio.csv', '--yahoo-endpoint', `http://127.0.0.1:${port}`, '--json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `finwiz: Yahoo Finance (through http://127.0.0.1:${port}) could not be reached (network error: ECONNREFUSED, connection refused)`,
    );
    expect(run.stderr).toContain('the network or a proxy is the likely cause');
    expect(run.stderr).toContain('--source sim');
    // It stopped at the portfolio's quotes: no ticker was fetched or analysed one by one.
    expect(run.stderr).not.toMatch(/Processing [A-Z]/);
    // And it says where the report of what happened is: every ticker of the example, not analysed.
    const path = /What happened to each ticker: (\S+report\.md)/.exec(run.stderr)?.[1];
    expect(path).toBeDefined();
    const markdown = await readFile(path!, 'utf-8');
    expect(markdown.match(/^\| [^|\s]+ \| not analysed \|/gm)).toHaveLength(66);
  });
});

describe('finwiz --help and sim-yahoo', () => {
  it('documents every run option with an example', async () => {
    const help = await finwiz(['run', '--help']);
    expect(help.code).toBe(0);
    for (const option of ['--portfolio', '--source', '--yahoo-endpoint', '--out', '--session-id', '--json', '--sim-latency-ms', '--sim-rate-limit', '--sim-fail-tickers', '--sim-fail-rate', '--sim-error-rate']) {
      expect(help.stdout).toContain(option);
    }
    expect(help.stdout).toContain('npx finwiz run --portfolio examples/portfolio.csv --source sim');
  });

  it('sim-yahoo prints its base URL on the first line and serves until stopped', async () => {
    const child = spawn(process.execPath, [BIN, 'sim-yahoo', '--sim-latency-ms', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const firstLine = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        if (buffered.includes('\n')) resolve(buffered.split('\n')[0]!);
      });
      child.on('error', reject);
      child.on('close', () => reject(new Error('sim-yahoo exited early')));
    });
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const chart = await fetch(`${firstLine}/v8/finance/chart/AAPL?interval=1d&period1=0&period2=${Math.floor(Date.now() / 1000)}`);
    expect(chart.status).toBe(200);
    const body = (await chart.json()) as { chart: { result: Array<{ meta: { symbol: string } }> } };
    expect(body.chart.result[0]!.meta.symbol).toBe('AAPL');
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
  });
});
