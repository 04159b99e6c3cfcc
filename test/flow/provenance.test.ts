// Provenance through the local engine: a run whose Yahoo endpoint is the simulator (given as a
// plain --yahoo-endpoint URL, not --source sim) is labelled simulated everywhere: the banner on
// top of report.md, `simulated: true` in report.json and in every result, the CLI summary line;
// every result says per source where its data came from, and the metrics agree with the results.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { printRunSummary } from '../../cli/run-summary.js';
import { crewResultSchema, type CrewResult } from '../../lambdas/core/analysis/crew-result.js';
import { SIMULATED_BANNER } from '../../lambdas/core/report/provenance.js';
import { runFlow, type FlowRun } from './support.js';

const EXAMPLE = 'examples/portfolio.csv';

async function results(run: FlowRun): Promise<CrewResult[]> {
  return Promise.all(
    run.resultFiles.map(async (file) => crewResultSchema.parse(JSON.parse(await readFile(join(run.result.outDir, 'results', file), 'utf-8')))),
  );
}

function cliSummary(run: FlowRun, json: boolean): string {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    // As `finwiz run` calls it: simulated when the report says so (the run had no --source sim).
    printRunSummary(run.result, null, { json, quiet: false, simulated: run.result.simulated === true });
    return write.mock.calls.map(([chunk]) => String(chunk)).join('');
  } finally {
    write.mockRestore();
  }
}

describe('a run whose endpoint is the simulator', () => {
  it('is labelled simulated in report.md, report.json, every result, the metrics and the CLI summary', async () => {
    const run = await runFlow(EXAMPLE);
    const report = run.report as unknown as {
      simulated: boolean;
      started_at: string;
      provenance: { simulated: boolean; yahoo_finance: { endpoint: string } & Record<string, unknown> };
    };
    const endpoint = report.provenance.yahoo_finance.endpoint;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Learnt from the simulator's answers to the data requests, not from a request of its own.
    expect(run.simStats.byEndpoint.other).toBe(0);

    // report.md: the banner is the very first line.
    expect(run.reportMarkdown.split('\n')[0]).toContain(SIMULATED_BANNER);
    expect(run.reportMarkdown).toContain(`FinWiz simulator at ${endpoint}`);
    // report.html: the banner opens the page.
    const html = await readFile(join(run.result.outDir, 'report.html'), 'utf-8');
    expect(html).toMatch(new RegExp(`<body>\\s*<div class="banner" role="alert" id="simulated-banner">${SIMULATED_BANNER}</div>`));
    expect(run.reportMarkdown).toContain('## Data sources');
    // report.json
    expect(report.simulated).toBe(true);
    expect(report.provenance.yahoo_finance).toMatchObject({ origin: 'simulated', endpoint, simulated: true });
    // Every result, ok or not.
    const all = await results(run);
    expect(all).toHaveLength(66);
    const started = Date.parse(report.started_at);
    for (const result of all) {
      expect(result.simulated).toBe(true);
      const yahoo = result.provenance.yahoo_finance!;
      expect(yahoo).toMatchObject({ origin: 'simulated', endpoint, simulated: true, cache_age_minutes: null });
      expect(Date.parse(yahoo.fetched_at!)).toBeGreaterThanOrEqual(started - 1000);
      // The as-of times are the data's own: the newest bar's and the quote's.
      expect(yahoo.newest_bar_as_of).toBe(result.newest_bar_at);
      expect(yahoo.quote_as_of).toBe(result.quote_at);
      expect(yahoo.newest_bar_as_of).not.toBeNull();
      expect(result.provenance.alpha_vantage).toBeNull();
    }
    // The metrics' data_sources agree with the results.
    const sources = run.metrics.batch_prefetch_metrics.data_sources as Record<string, Record<string, unknown>>;
    expect(run.metrics.batch_prefetch_metrics.simulated).toBe(true);
    expect(sources.yahoo_finance).toMatchObject({ origin: 'simulated', endpoint, simulated: true });
    expect(sources.yahoo_finance!.tickers_by_origin).toEqual({ yahoo: 0, alpha_vantage: 0, simulated: 66, endpoint: 0, cache: 0 });
    expect(sources.alpha_vantage).toMatchObject({ enabled: false, simulated: false, origin: null });
    // The CLI: a line in the summary, and the flag in --json.
    expect(run.result.simulated).toBe(true);
    expect(cliSummary(run, false)).toContain(`Data: ${SIMULATED_BANNER}`);
    expect(JSON.parse(cliSummary(run, true))).toMatchObject({ simulated: true });
  });

  it('labels the results of the sequential analysis too, which fetch their own data', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'finwiz-six-')), 'six.csv');
    await writeFile(path, 'ticker,shares\nAAPL,1\nMSFT,2\nQQQ,3\nSPY,1\nNVDA,1\nNOPE,4\n');
    const run = await runFlow(path, { sim: { failTickers: ['NOPE'] } });
    expect(run.result).toMatchObject({ mode: 'sequential', failedTickers: 1, simulated: true });
    const all = await results(run);
    expect(all.map((result) => [result.ticker, result.status, result.simulated, result.provenance.yahoo_finance?.origin])).toEqual([
      ['AAPL', 'ok', true, 'simulated'],
      ['MSFT', 'ok', true, 'simulated'],
      ['NOPE', 'failed', true, 'simulated'],
      ['NVDA', 'ok', true, 'simulated'],
      ['QQQ', 'ok', true, 'simulated'],
      ['SPY', 'ok', true, 'simulated'],
    ]);
    expect(run.reportMarkdown.split('\n')[0]).toContain(SIMULATED_BANNER);
  });
});
