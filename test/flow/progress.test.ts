// runLocal's progress events: what the CLI's bars are drawn from.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunProgressEvent } from '../../local/run-progress.js';
import { runFlow } from './support.js';

async function portfolio(tickers: string[]): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'finwiz-progress-')), 'p.csv');
  await writeFile(path, `ticker,shares\n${tickers.map((t) => `${t},1`).join('\n')}\n`);
  return path;
}

describe('local run progress', () => {
  it('reports every prefetched ticker with its failure, then every analysed ticker, then consolidation', async () => {
    const events: RunProgressEvent[] = [];
    const tickers = ['AAPL', 'MSFT', 'KO', 'NOPE'];
    const run = await runFlow(await portfolio(tickers), {
      sim: { failTickers: ['NOPE'] },
      env: { BATCH_PREFETCH_MIN_HOLDINGS: '2', DEEP_ANALYSIS_BATCH_SIZE: '2' },
      onProgress: (event) => events.push(event),
    });
    expect(run.result.mode).toBe('batch');
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('prefetch-started');
    expect(types.at(-1)).toBe('consolidate-started');
    // The Prefetch's tickers all come before it returns, the Crews' after.
    const finished = types.indexOf('prefetch-finished');
    expect(types.slice(1, finished)).toEqual(tickers.map(() => 'prefetch-ticker'));
    expect(types.slice(finished + 1, -1)).toEqual(['manifest-read', ...tickers.map(() => 'analysis-ticker')]);
    expect(events[finished + 1]).toEqual({ type: 'manifest-read', total: 4 });

    expect(events[0]).toEqual({ type: 'prefetch-started', total: 4, cached: 0 });
    const prefetched = events.filter((e) => e.type === 'prefetch-ticker');
    expect(prefetched.filter((e) => !e.ok)).toEqual([{ type: 'prefetch-ticker', ticker: 'NOPE', ok: false, reason: 'unknown symbol' }]);
    expect(events[finished]).toEqual({ type: 'prefetch-finished', mode: 'batch', fallbackReason: null, totalTickers: 4, batchSize: 2, totalBatches: 2 });
    const analysed = events.filter((e) => e.type === 'analysis-ticker');
    expect(analysed.map((e) => e.ticker).sort()).toEqual([...tickers].sort());
    expect(analysed.find((e) => e.ticker === 'NOPE')).toMatchObject({ ok: false, index: 3, totalTickers: 4, batchSize: 2 });
    expect(analysed.filter((e) => e.ok)).toHaveLength(3);
    // The run's own outputs include the HTML report.
    await expect(readFile(join(run.result.outDir, 'report.html'), 'utf-8')).resolves.toContain('data-chart="price-AAPL"');
  });

  it('in sequential mode there is no prefetch to report: the analysis counts one ticker at a time', async () => {
    const events: RunProgressEvent[] = [];
    await runFlow(await portfolio(['AAPL', 'KO']), { onProgress: (event) => events.push(event) });
    expect(events.some((e) => e.type === 'prefetch-started' || e.type === 'prefetch-ticker')).toBe(false);
    expect(events.find((e) => e.type === 'prefetch-finished')).toMatchObject({ mode: 'sequential', batchSize: 1, totalTickers: 2 });
    expect(events.filter((e) => e.type === 'analysis-ticker').map((e) => e.ok)).toEqual([true, true]);
  });
});
