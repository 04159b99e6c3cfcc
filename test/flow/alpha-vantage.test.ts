// The Alpha Vantage enrichment stage through the local engine: the very state machine of the
// stack (Distributed Map -> inline Map over the manifest, Wait states paced by paceSeconds), the
// Yahoo simulator and the Alpha Vantage simulator on 127.0.0.1.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAlphaVantageSimulator, simulatedOverview, type AlphaVantageSimulator } from '../../sim/alpha-vantage-simulator.js';
import { csvTickers, runFlow } from './support.js';

const KEY = 'test-key';
// 100 calls a minute -> paceSeconds = ceil(60 / 100) = 1: two Waits of 1 s per ticker.
const PACE_MS = 1000;
let portfolio = '';
let tickers: string[] = [];
let av: AlphaVantageSimulator | undefined;

beforeAll(async () => {
  // 12 holdings of the example portfolio: batch mode (BATCH_PREFETCH_MIN_HOLDINGS=10).
  const example = (await readFile('examples/portfolio.csv', 'utf-8')).trim().split(/\r?\n/);
  const dir = await mkdtemp(join(tmpdir(), 'finwiz-av-flow-'));
  portfolio = join(dir, 'twelve.csv');
  await writeFile(portfolio, `${example.slice(0, 13).join('\n')}\n`);
  tickers = await csvTickers(portfolio);
  expect(tickers).toHaveLength(12);
});
afterEach(async () => {
  await av?.close();
  av = undefined;
});

const env = (url: string) => ({
  ENABLE_ALPHA_VANTAGE: 'true',
  ALPHA_VANTAGE_API_KEY: KEY,
  ALPHA_VANTAGE_RATE_LIMIT: '100',
  ALPHA_VANTAGE_BASE_URL: url,
  BATCH_PREFETCH_MIN_HOLDINGS: '10',
});

type Result = { ticker: string; status: string; fundamental: { details: Array<{ metric: string; value: number | null; source: string }> } | null };

describe('Alpha Vantage enrichment through the local engine', () => {
  it('enriches all 12 tickers at the pace, and the analysts cite Alpha Vantage for figures Yahoo lacked', async () => {
    av = await startAlphaVantageSimulator({ apiKey: KEY });
    const run = await runFlow(portfolio, { env: env(av.url) });

    expect(run.result).toMatchObject({ mode: 'batch', totalTickers: 12, successfulTickers: 12, failedTickers: 0 });
    const m = run.metrics.batch_prefetch_metrics as Record<string, any>;
    expect(m.data_sources.alpha_vantage).toMatchObject({
      enabled: true,
      successful_tickers: 12,
      failed_tickers: 0,
      quota_reached: false,
      quota_message: null,
    });
    expect(m.data_sources.alpha_vantage.duration_seconds).toBeGreaterThan(0);
    // Provenance: the Alpha Vantage endpoint is the simulator, found out by its header, and every
    // result that used its figures says so, with when they were fetched.
    expect(m.data_sources.alpha_vantage).toMatchObject({ origin: 'simulated', endpoint: av.url, simulated: true });
    const first = JSON.parse(await readFile(join(run.result.outDir, 'results', `${tickers[0]}.json`), 'utf-8'));
    expect(first.provenance.alpha_vantage).toMatchObject({ origin: 'simulated', endpoint: av.url, simulated: true });
    expect(Date.parse(first.provenance.alpha_vantage.fetched_at)).not.toBeNaN();

    // One OVERVIEW and one EARNINGS per ticker, in manifest order, one at a time...
    const requests = av.requests();
    expect(requests.map((r) => `${r.symbol}.${r.function}`)).toEqual(tickers.flatMap((t) => [`${t}.OVERVIEW`, `${t}.EARNINGS`]));
    expect(requests.every((r) => r.answer === 'data')).toBe(true);
    // ...never faster than the pace: a Wait of paceSeconds lies between any two calls.
    for (let i = 1; i < requests.length; i++) {
      expect(requests[i]!.at - requests[i - 1]!.at).toBeGreaterThanOrEqual(PACE_MS - 20);
    }

    // The stage has its own duration: its 24 calls lie between Prefetch and the crews, a pace
    // apart, so it took at least 23 paces; the crews' Map, after it, is far shorter than that.
    expect(m.alpha_vantage_stage_seconds).toBeGreaterThanOrEqual((23 * PACE_MS) / 1000 - 0.5);
    expect(m.crew_execution_duration_seconds).toBeLessThan(m.alpha_vantage_stage_seconds / 2);

    // Figures Yahoo lacked come from Alpha Vantage, with the source named; the value is the simulator's.
    const results: Result[] = await Promise.all(
      tickers.map(async (t) => JSON.parse(await readFile(join(run.result.outDir, 'results', `${t}.json`), 'utf-8')) as Result),
    );
    const cited = results.flatMap((r) =>
      (r.fundamental?.details ?? []).filter((f) => f.source.startsWith('alpha_vantage:')).map((f) => ({ ticker: r.ticker, ...f })),
    );
    expect(cited.length).toBeGreaterThan(0);
    for (const finding of cited) {
      const field = /^alpha_vantage:OVERVIEW\.(\w+)$/.exec(finding.source)?.[1];
      expect(field, finding.source).toBeDefined();
      expect(finding.value).toBe(Number(simulatedOverview(finding.ticker)[field!]));
    }
    // The simulated Yahoo leaves out the PEG ratio of companies with little growth: those are the ones filled.
    expect(cited.some((f) => f.metric === 'pegRatio')).toBe(true);
    // And the key is nowhere in what the run wrote or logged.
    expect(run.logs.join('\n')).not.toContain(KEY);
    expect(JSON.stringify(results)).not.toContain(KEY);
  });

  it('after a quota answer: no further request, every ticker still ok, the quota in the metrics', async () => {
    av = await startAlphaVantageSimulator({ apiKey: KEY, quotaAfter: 3 });
    const run = await runFlow(portfolio, { env: env(av.url) });

    expect(run.result).toMatchObject({ mode: 'batch', totalTickers: 12, successfulTickers: 12, failedTickers: 0 });
    expect(run.report.holdings.every((h) => h.status === 'ok')).toBe(true);

    // Three answers with data, one quota answer, then silence for the rest of the run.
    const requests = av.requests();
    expect(requests.map((r) => r.answer)).toEqual(['data', 'data', 'data', 'quota']);
    expect(requests.map((r) => `${r.symbol}.${r.function}`)).toEqual([
      `${tickers[0]}.OVERVIEW`,
      `${tickers[0]}.EARNINGS`,
      `${tickers[1]}.OVERVIEW`,
      `${tickers[1]}.EARNINGS`,
    ]);

    const alphaVantage = (run.metrics.batch_prefetch_metrics as Record<string, any>).data_sources.alpha_vantage;
    expect(alphaVantage).toMatchObject({ enabled: true, successful_tickers: 2, failed_tickers: 10, quota_reached: true });
    expect(alphaVantage.quota_message).toMatch(/quota.*per day/i);
    expect(alphaVantage.quota_message).not.toContain(KEY);
    expect(run.reportMarkdown).toContain('Alpha Vantage quota reached');
    expect(run.logs.some((line) => line.includes('Alpha Vantage stopped for the rest of the run'))).toBe(true);
  });
});
