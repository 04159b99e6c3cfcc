// A whole local run on REAL recorded Yahoo answers (served from 127.0.0.1): no simulated-data
// banner anywhere, `simulated: false` in report.json and every result, no CLI line; the data is
// labelled with the endpoint it came from, and its real (old) dates are flagged as stale.
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { printRunSummary } from '../../cli/run-summary.js';
import { crewResultSchema } from '../../lambdas/core/analysis/crew-result.js';
import { SIMULATED_BANNER } from '../../lambdas/core/report/provenance.js';
import { installLogSink } from '../../local/log-sink.js';
import { runLocal, type LocalRunResult } from '../../local/local-run.js';
import { startRecordedYahooServer, type RecordedYahooServer } from './recorded-yahoo-server.js';
import { yahoo2025Recordings } from './replay-fetch.js';

installLogSink('quiet', () => {});

let server: RecordedYahooServer;
let run: LocalRunResult;
const read = (name: string) => readFile(join(run.outDir, name), 'utf-8');

beforeAll(async () => {
  server = await startRecordedYahooServer(yahoo2025Recordings());
  const dir = await mkdtemp(join(tmpdir(), 'finwiz-recorded-'));
  const portfolio = join(dir, 'recorded.csv');
  await writeFile(portfolio, 'ticker,shares\nAAPL,10\nAMZN,5\nQQQ,3\n');
  const previous = { ...process.env };
  // Batch mode for three holdings; no retries or pacing needed on the loopback.
  Object.assign(process.env, { BATCH_PREFETCH_MIN_HOLDINGS: '1', YAHOO_MAX_RETRIES: '0', YAHOO_REQUESTS_PER_SECOND: '100' });
  try {
    run = await runLocal({ portfolioPath: portfolio, yahooEndpoint: server.url, outDir: join(dir, 'out') });
  } finally {
    for (const key of ['BATCH_PREFETCH_MIN_HOLDINGS', 'YAHOO_MAX_RETRIES', 'YAHOO_REQUESTS_PER_SECOND']) {
      if (previous[key] === undefined) delete process.env[key];
      else process.env[key] = previous[key];
    }
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('a local run on recorded real Yahoo answers', () => {
  it('analyses the recorded tickers; AMZN, with no recorded chart, gets a result from what exists', async () => {
    expect(run).toMatchObject({ mode: 'batch', totalTickers: 3, successfulTickers: 3, failedTickers: 0 });
    const report = JSON.parse(await read('report.json')) as { failures: Array<{ ticker: string }> };
    expect(report.failures).toEqual([]);
    const amzn = crewResultSchema.parse(JSON.parse(await read(join('results', 'AMZN.json'))));
    expect(amzn.technical).toBeNull();
    expect(amzn.fundamental).not.toBeNull();
    expect(amzn.warnings.some((warning) => warning.startsWith('No price history'))).toBe(true);
    // Every request was a data request the recordings answer: none was spent asking who answers.
    expect(server.unanswered).toEqual([]);
    // Spark, which the recordings cannot answer, was asked once: its failure sent every ticker to
    // its own chart, and the metrics say so.
    expect(server.sparkRequests).toHaveLength(1);
    const metrics = JSON.parse(await read('batch_prefetch_metrics.json')) as { batch_prefetch_metrics: { bars_path: { path: string; chartTickers: number; reason: string } } };
    expect(metrics.batch_prefetch_metrics.bars_path).toMatchObject({ path: 'chart', sparkTickers: 0, chartTickers: 3 });
    expect(metrics.batch_prefetch_metrics.bars_path.reason).toMatch(/^the first spark request failed \(.*404.*\): every ticker's chart is asked instead$/);
  });

  it('has no simulated-data banner in report.md, report.json, the results or the CLI summary', async () => {
    const markdown = await read('report.md');
    expect(markdown).not.toContain(SIMULATED_BANNER);
    const html = await read('report.html');
    expect(html).toContain('</html>');
    expect(html).not.toContain(SIMULATED_BANNER);
    expect(markdown.split('\n')[0]).toMatch(/^# FinWiz portfolio analysis/);
    const report = JSON.parse(await read('report.json')) as { simulated: boolean; provenance: { yahoo_finance: Record<string, unknown> } };
    expect(report.simulated).toBe(false);
    for (const file of await readdir(join(run.outDir, 'results'))) {
      expect(crewResultSchema.parse(JSON.parse(await read(join('results', file)))).simulated, file).toBe(false);
    }
    expect(run.simulated).toBe(false);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      printRunSummary(run, null, { json: false, quiet: false, simulated: run.simulated === true });
      const printed = write.mock.calls.map(([chunk]) => String(chunk)).join('');
      expect(printed).toContain('Tickers: 3 total');
      expect(printed).not.toContain(SIMULATED_BANNER);
    } finally {
      write.mockRestore();
    }
  });

  it('labels the data with the endpoint it came from and the recorded dates, and flags the old bars as stale', async () => {
    const report = JSON.parse(await read('report.json')) as { provenance: { yahoo_finance: Record<string, unknown> } };
    expect(report.provenance.yahoo_finance).toMatchObject({ origin: 'endpoint', endpoint: server.url, simulated: false });
    const aapl = crewResultSchema.parse(JSON.parse(await read('results/AAPL.json')));
    expect(aapl.provenance.yahoo_finance).toMatchObject({ origin: 'endpoint', endpoint: server.url, simulated: false, cache_age_minutes: null });
    // The recorded chart ends on 2020-11-06: years old, so stale, with the reason.
    expect(aapl.provenance.yahoo_finance?.newest_bar_as_of).toMatch(/^2020-11-0/);
    expect(aapl.stale).toBe(true);
    expect(aapl.rationale.at(-1)).toMatch(/^Confidence lowered: the newest bar is \d+ trading days old \(2020-11-0\d\)/);
    const metrics = JSON.parse(await read('batch_prefetch_metrics.json'));
    expect(metrics.batch_prefetch_metrics.data_sources.yahoo_finance.tickers_by_origin).toMatchObject({ endpoint: 3, simulated: 0, yahoo: 0 });
    expect(await read('report.md')).toContain(`Yahoo Finance through ${server.url}`);
  });
});
