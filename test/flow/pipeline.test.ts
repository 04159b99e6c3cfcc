// The whole pipeline through the local engine against the simulated Yahoo on 127.0.0.1.
import type { buildBatchPrefetchMetrics } from '../../lambdas/core/metrics/run-metrics.js';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatedTickerFails } from '../../sim/yahoo-simulator.js';
import { csvTickers, markdownTableCounts, runFlow, type FlowRun } from './support.js';

const EXAMPLE = 'examples/portfolio.csv';

function expectEveryTickerOnce(run: FlowRun, tickers: string[]): void {
  const reported = run.report.holdings.map((holding) => holding.ticker).sort();
  expect(reported).toEqual([...tickers].sort());
  const table = markdownTableCounts(run.reportMarkdown);
  expect([...table.keys()].sort()).toEqual([...tickers].sort());
  expect([...table.values()].every((count) => count === 1)).toBe(true);
  expect(run.resultFiles).toEqual(tickers.map((ticker) => `${ticker}.json`).sort());
  const m = run.metrics.batch_prefetch_metrics;
  expect(Number(m.successful_tickers) + Number(m.failed_tickers)).toBe(tickers.length);
}

type BatchPrefetchMetrics = ReturnType<typeof buildBatchPrefetchMetrics>['batch_prefetch_metrics'];

describe('a local run of the 66-holding example on the simulator', () => {
  it('runs in batch mode with batch size 5 in 14 batches and lists every ticker once', async () => {
    const tickers = await csvTickers(EXAMPLE);
    expect(tickers).toHaveLength(66);
    const run = await runFlow(EXAMPLE);

    expect(run.result).toMatchObject({ mode: 'batch', fallbackReason: null, totalTickers: 66, successfulTickers: 66, failedTickers: 0 });
    const m = run.metrics.batch_prefetch_metrics as unknown as BatchPrefetchMetrics;
    expect(m).toMatchObject({ batch_size: 5, total_batches: 14, total_tickers: 66, failed_tickers: 0, failed_ticker_list: [] });
    for (let batch = 1; batch <= 14; batch++) {
      expect(run.logs.some((line) => line.includes(`Batch ${batch}/14: Processing `))).toBe(true);
    }
    expect(run.logs.filter((line) => /Batch \d+\/14: Completed /.test(line))).toHaveLength(66);
    expect(run.logs.some((line) => line.includes('Falling back to sequential mode'))).toBe(false);
    expect(run.report.mode).toBe('batch');
    expect(run.report.fallback).toBeNull();
    expectEveryTickerOnce(run, tickers);
    // Figures are measured. Every Yahoo request of a batch run is Prefetch's, and the simulator
    // counted them: the metrics count the same. The pacer spaces them 1/100 s apart (the flow's
    // YAHOO_REQUESTS_PER_SECOND), so all of Prefetch's fetching took at least (n - 1) / 100 s,
    // and so would a sequential run: the estimate is never below that floor.
    const estimate = m.sequential_estimate;
    expect(estimate.requests).toBe(run.simStats.requests);
    expect(estimate.requests_per_second).toBe(100);
    expect(m.prefetch_duration_seconds).toBeGreaterThanOrEqual((run.simStats.requests - 1) / 100);
    expect(m.prefetch_duration_seconds).toBeGreaterThan(m.prefetch_context_seconds);
    expect(m.estimated_sequential_time_seconds).toBeGreaterThanOrEqual(run.simStats.requests / 100);
    // Each ticker request spent at least the simulator's 2 ms on the wire (the cookie, crumb,
    // benchmark and the one quote batch are the run's own, not a ticker's).
    expect(estimate.ticker_fetch_seconds).toBeGreaterThanOrEqual(((run.simStats.requests - 4) * 0.002) * 0.95);
    // A sequential run asks 65 more quotes than the one batch: at least their pace.
    expect(estimate.unbatched_quote_seconds).toBeGreaterThanOrEqual(65 / 100);
    // The crews' Map is measured from the results: shorter than the whole run, and no Alpha Vantage stage ran.
    expect(m.crew_execution_duration_seconds).toBeGreaterThan(0);
    expect(m.crew_execution_duration_seconds).toBeLessThan(m.total_duration_seconds - m.prefetch_duration_seconds);
    expect(m.alpha_vantage_stage_seconds).toBeNull();
    // One local process ran every function: the memory says so, and the run's peak is the largest figure.
    expect(m.memory).toMatchObject({ scope: 'local process' });
    expect(m.memory?.prefetch_peak_mb).toBeGreaterThan(30);
    expect(m.memory?.largest_crew_peak_mb).toBeGreaterThan(30);
    expect(m.peak_memory_usage_mb).toBe(Math.max(m.memory!.prefetch_peak_mb!, m.memory!.largest_crew_peak_mb!, m.memory!.consolidate_peak_mb));
  });

  it('falls back to sequential mode when more than half the prefetches fail, and still lists all 66', async () => {
    const tickers = await csvTickers(EXAMPLE);
    const failing = tickers.filter((ticker) => simulatedTickerFails(ticker, 0.7));
    const rate = ((failing.length / 66) * 100).toFixed(1);
    const reason = `High failure rate: ${rate}% (${failing.length}/66)`;
    const run = await runFlow(EXAMPLE, { sim: { failRate: 0.7 } });

    expect(failing.length / 66).toBeGreaterThan(0.5);
    expect(run.result.mode).toBe('sequential');
    expect(run.result.fallbackReason).toBe(reason);
    expect(run.metrics.batch_prefetch_metrics).toMatchObject({ mode: 'sequential', fallback_reason: reason });
    expect(run.report.fallback?.reason).toBe(reason);
    expect(run.reportMarkdown).toContain(reason);
    expect(run.logs.some((line) => line.includes(`Falling back to sequential mode: ${reason}`))).toBe(true);
    expect(run.logs.some((line) => /Sequential 66\/66: /.test(line))).toBe(true);
    expectEveryTickerOnce(run, tickers);
    const failed = run.report.holdings.filter((holding) => holding.status === 'failed').map((holding) => holding.ticker);
    expect(failed.sort()).toEqual([...failing].sort());
    expect(run.metrics.batch_prefetch_metrics.failed_ticker_list).toEqual([...failing].sort());
  });
});

describe('sequential mode from the start', () => {
  it('runs a 6-holding portfolio sequentially with the reason recorded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'finwiz-six-'));
    const path = join(dir, 'six.csv');
    await writeFile(path, 'ticker,shares\nAAPL,1\nMSFT,2\nQQQ,3\nSPY,1\nNVDA,1\nKO,4\n');
    const run = await runFlow(path);
    const reason = 'Portfolio has 6 holdings, below BATCH_PREFETCH_MIN_HOLDINGS=10';
    expect(run.result).toMatchObject({ mode: 'sequential', fallbackReason: reason, successfulTickers: 6 });
    expect(run.metrics.batch_prefetch_metrics).toMatchObject({ fallback_reason: reason, batch_size: 1, total_batches: 6 });
    expect(run.reportMarkdown).toContain(reason);
    expectEveryTickerOnce(run, ['AAPL', 'MSFT', 'QQQ', 'SPY', 'NVDA', 'KO']);
  });

  it('runs sequentially when BATCH_PREFETCH_ENABLED=off', async () => {
    const run = await runFlow(EXAMPLE, { env: { BATCH_PREFETCH_ENABLED: 'off' } });
    const reason = 'Batch prefetch disabled (BATCH_PREFETCH_ENABLED=false)';
    expect(run.result).toMatchObject({ mode: 'sequential', fallbackReason: reason, successfulTickers: 66 });
    expect(run.report.fallback?.reason).toBe(reason);
    expect(run.logs.some((line) => line.includes(`Falling back to sequential mode: ${reason}`))).toBe(true);
    expectEveryTickerOnce(run, await csvTickers(EXAMPLE));
  });
});
