// SLOW_DATA_TTL_DAYS through the local engine: a second run over the same store asks only what
// changes daily (the quotes, the bars in spark batches, the benchmark), reuses every company's
// summary and statements with their valuation brought to today's price, and says how old they
// are; the next day refreshes about a seventh; past the TTL every company is asked again.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refreshSlot } from '../../lambdas/core/prefetch/slow-data.js';
import type { SlowDataStats } from '../../lambdas/core/prefetch/run-record.js';
import { runFlow } from './support.js';

const PORTFOLIO = 'examples/portfolio.csv';
const run = (day: string, storeDir: string) => runFlow(PORTFOLIO, { storeDir, sim: { asOf: day }, env: { SIM_AS_OF: day } });
const slowDataOf = (run: Awaited<ReturnType<typeof runFlow>>) => run.metrics.batch_prefetch_metrics.slow_data as SlowDataStats;
type Result = { ticker: string; asset_type: string | null; provenance: { yahoo_finance: { bars_source?: string; slow_data?: { fetched_at: string; age_days: number } | null } }; fundamental?: unknown };
const resultOf = async (outDir: string, ticker: string): Promise<Result> => JSON.parse(await readFile(join(outDir, 'results', `${ticker}.json`), 'utf-8'));

describe('slow data across local runs', () => {
  it('reuses summaries and statements on a rerun, refreshes a seventh the next day, and all of them past the TTL', async () => {
    const storeDir = await mkdtemp(join(tmpdir(), 'finwiz-slow-store-'));
    const first = await run('2026-06-01', storeDir);
    expect(first.result.successfulTickers).toBe(66);
    const m1 = first.metrics.batch_prefetch_metrics;
    const companies = slowDataOf(first).refreshed;
    expect(slowDataOf(first)).toMatchObject({ ttlDays: 7, reused: 0, reasons: { 'none cached': companies } });
    expect(companies + slowDataOf(first).notNeeded).toBe(66);
    expect(first.simStats.byEndpoint.quoteSummary).toBe(companies);
    // The bars of 65 holdings in 4 spark requests (SPY's are the benchmark's chart).
    expect(first.simStats.byEndpoint.spark).toBe(4);
    expect(first.simStats.byEndpoint.chart).toBe(1);
    expect(m1.bars_path).toMatchObject({ path: 'spark', sparkRequests: 4, sparkTickers: 65, chartTickers: 0 });
    expect(first.simStats.requests / 66).toBeLessThanOrEqual(2.1);

    const again = await run('2026-06-01', storeDir);
    expect(again.result.successfulTickers).toBe(66);
    expect(again.simStats.byEndpoint.quoteSummary).toBe(0);
    expect(again.simStats.byEndpoint.timeseries).toBe(0);
    expect(again.simStats.requests).toBeLessThanOrEqual(12);
    expect(again.metrics.batch_prefetch_metrics.slow_data).toMatchObject({ reused: companies, refreshed: 0 });
    // The same market and the same slow data: the same verdicts.
    const grades = (r: typeof first) => (r.report.holdings as unknown as Array<{ ticker: string; grade: string }>).map((h) => `${h.ticker}:${h.grade}`).sort();
    expect(grades(again)).toEqual(grades(first));
    const aapl = await resultOf(again.result.outDir, 'AAPL');
    expect(aapl.provenance.yahoo_finance.bars_source).toBe('spark');
    expect(aapl.provenance.yahoo_finance.slow_data).toMatchObject({ age_days: 0 });
    expect(again.reportMarkdown).toContain('bars from a spark batch');

    const nextDay = await run('2026-06-02', storeDir);
    const m3 = slowDataOf(nextDay);
    const day = Math.floor(Date.parse('2026-06-02T21:00:00Z') / 86_400_000);
    const refreshedForSlot = m3.reasons['its day of the refresh cycle'] ?? 0;
    // Only the companies whose slot is today (or whose earnings came in between) are asked.
    expect(refreshedForSlot).toBeGreaterThan(0);
    const reused = await companiesOf(again);
    expect(reused).toHaveLength(companies);
    const slotToday = reused.filter((t) => refreshSlot(t, 7) === day % 7).length;
    const forEarnings = Object.entries(m3.reasons).filter(([reason]) => reason.startsWith('earnings on')).reduce((n, [, k]) => n + k, 0);
    // A ticker on its slot day is refreshed for that reason unless an earnings date came first.
    expect(refreshedForSlot).toBeLessThanOrEqual(slotToday);
    expect(refreshedForSlot + forEarnings).toBeGreaterThanOrEqual(slotToday);
    expect(m3.refreshed).toBe(refreshedForSlot + forEarnings);
    expect(m3.refreshed).toBeLessThan(companies / 3);
    expect(nextDay.simStats.byEndpoint.quoteSummary).toBe(m3.refreshed);
    const aaplNext = await resultOf(nextDay.result.outDir, 'AAPL');
    expect(aaplNext.provenance.yahoo_finance.slow_data === null || aaplNext.provenance.yahoo_finance.slow_data!.age_days >= 1).toBe(true);

    const weekLater = await run('2026-06-09', storeDir);
    expect(slowDataOf(weekLater).reused).toBe(0);
    expect(weekLater.simStats.byEndpoint.quoteSummary).toBe(companies);
  }, 240_000);
});

/** The holdings whose slow data a rerun reused. */
async function companiesOf(run: Awaited<ReturnType<typeof runFlow>>): Promise<string[]> {
  const tickers = (run.report.holdings as Array<{ ticker: string }>).map((h) => h.ticker);
  const results = await Promise.all(tickers.map((t) => resultOf(run.result.outDir, t)));
  return results.filter((r) => r.provenance.yahoo_finance.slow_data != null).map((r) => r.ticker);
}
