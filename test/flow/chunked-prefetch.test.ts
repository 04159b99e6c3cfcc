// Universe scale through the local engine: past PREFETCH_CHUNK_THRESHOLD the prefetch runs as a
// Distributed Map of chunk Lambdas, and every ticker is still accounted for exactly once.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatedTickerFails } from '../../sim/yahoo-simulator.js';
import { SP66 } from '../sim/tickers.js';
import { runFlow } from './support.js';
import type { PortfolioReport } from '../../lambdas/core/report/portfolio-report.js';

async function portfolioOf(tickers: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'finwiz-chunked-'));
  const path = join(dir, 'thirty.csv');
  await writeFile(path, `ticker,shares\n${tickers.map((t) => `${t},1`).join('\n')}\n`);
  return path;
}

const THIRTY = SP66.slice(0, 30);

describe('a 30-ticker run with PREFETCH_CHUNK_THRESHOLD=10 and chunks of 10', () => {
  it('fetches in 3 chunks and reports every ticker once, failures included', async () => {
    const failing = THIRTY.filter((ticker) => simulatedTickerFails(ticker, 0.2));
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.length).toBeLessThan(15);
    let inFlight = 0;
    let mostInFlight = 0;
    const run = await runFlow(await portfolioOf(THIRTY), {
      sim: { failRate: 0.2 },
      env: { PREFETCH_CHUNK_THRESHOLD: '10', PREFETCH_CHUNK_SIZE: '10' },
      wrapHandler: (name, handler) =>
        name === 'prefetchChunk'
          ? async (event) => {
              mostInFlight = Math.max(mostInFlight, ++inFlight);
              try {
                return await handler(event);
              } finally {
                inFlight--;
              }
            }
          : handler,
    });
    // MaxConcurrencyPath: the plan said 1 at once, and the engine kept to it.
    expect(mostInFlight).toBe(1);

    expect(run.result).toMatchObject({ mode: 'batch', totalTickers: 30, failedTickers: failing.length });
    expect(run.logs.filter((line) => /Prefetch chunk \d+: /.test(line))).toHaveLength(3);
    expect(run.logs.some((line) => line.includes('prefetch in 3 chunks, 1 at once'))).toBe(true);
    expect(run.report.holdings.map((h) => h.ticker).sort()).toEqual([...THIRTY].sort());
    expect(run.resultFiles).toEqual(THIRTY.map((t) => `${t}.json`).sort());
    const m = run.metrics.batch_prefetch_metrics;
    expect(m.failed_ticker_list).toEqual([...failing].sort());
    expect(Number(m.successful_tickers) + Number(m.failed_tickers)).toBe(30);
    // The chunks' data reached the crews: the successful tickers were analysed from prefetched objects.
    expect(run.report.holdings.filter((h) => h.status === 'ok')).toHaveLength(30 - failing.length);
    // Each ticker's data was fetched once, by its chunk: no crew fetched on its own.
    // Every ticker's bars exactly once: a chunk's spark batch, or its chart where the batch failed
    // (a failing ticker's 500 fails the batch that carries it); plus the benchmark's chart.
    const bars = m.bars_path as { sparkTickers: number; chartTickers: number; sparkRequests: number };
    expect(bars.sparkTickers + bars.chartTickers).toBe(30);
    expect(run.simStats.byEndpoint.chart).toBe(bars.chartTickers + 1);
    expect(run.simStats.byEndpoint.spark).toBe(bars.sparkRequests);
    expect(bars.sparkRequests).toBe(3); // one per chunk of 10
    // The chunks label their data with the source Prefetch found: the simulator, never live Yahoo.
    const report = run.report as unknown as PortfolioReport;
    const ok = report.holdings.filter((h) => h.status === 'ok');
    expect(ok.every((h) => h.simulated && h.provenance?.yahoo_finance?.origin === 'simulated')).toBe(true);
    expect(report.simulated).toBe(true);
  });

  it('counts the tickers of a crashed chunk as failed and still reports all 30', async () => {
    let calls = 0;
    const run = await runFlow(await portfolioOf(THIRTY), {
      env: { PREFETCH_CHUNK_THRESHOLD: '10', PREFETCH_CHUNK_SIZE: '10', PREFETCH_TOTAL_REQUESTS_PER_SECOND: '300' },
      wrapHandler: (name, handler) =>
        name === 'prefetchChunk'
          ? async (event) => {
              const { chunk } = event as { chunk: { index: number } };
              calls++;
              if (chunk.index === 1) throw new Error('simulated out of memory');
              return handler(event);
            }
          : handler,
    });
    // Chunk 2 (index 1) crashed on every attempt (no retry for a plain error): its 10 tickers failed.
    expect(calls).toBe(3);
    const crashed = THIRTY.slice(10, 20);
    expect(run.result).toMatchObject({ mode: 'batch', totalTickers: 30, failedTickers: 10 });
    expect(run.logs.some((line) => line.includes('prefetch in 3 chunks, 3 at once'))).toBe(true);
    expect(run.metrics.batch_prefetch_metrics.failed_ticker_list).toEqual([...crashed].sort());
    expect(run.report.holdings.map((h) => h.ticker).sort()).toEqual([...THIRTY].sort());
  });
});
