import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressView, shouldDrawBars } from '../../cli/progress-view.js';

/** A stream that says it is a terminal, collecting what the bars draw. */
function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 160 }) as unknown as NodeJS.WriteStream;
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('progress view', () => {
  it('draws bars only on a terminal and never with --json or --quiet', () => {
    expect(shouldDrawBars({ isTTY: true, json: false, quiet: false })).toBe(true);
    expect(shouldDrawBars({ isTTY: undefined, json: false, quiet: false })).toBe(false);
    expect(shouldDrawBars({ isTTY: true, json: true, quiet: false })).toBe(false);
    expect(shouldDrawBars({ isTTY: true, json: false, quiet: true })).toBe(false);
  });

  it('counts batches as they complete: batch k of M is the one being worked on', () => {
    const { stream, text } = fakeTerminal();
    const view = createProgressView(stream, true);
    view.onProgress({ type: 'prefetch-started', total: 5, cached: 1 });
    view.onProgress({ type: 'prefetch-ticker', ticker: 'A', ok: true, reason: null });
    view.onProgress({ type: 'prefetch-ticker', ticker: 'B', ok: false, reason: 'HTTP 500' });
    expect(text()).toContain('| 3/5 tickers | 1 failed');
    view.onProgress({ type: 'prefetch-finished', mode: 'batch', fallbackReason: null, totalTickers: 5, batchSize: 2, totalBatches: 3 });
    expect(text()).toContain('| 0/5 tickers | batch 1/3 | 0 failed');
    for (const [i, ticker] of ['A', 'B', 'C'].entries()) {
      view.onProgress({ type: 'analysis-ticker', ticker, ok: ticker !== 'B', index: i, totalTickers: 5, batchSize: 2 });
    }
    expect(text()).toContain('| 3/5 tickers | batch 2/3 | 1 failed');
    view.stop();
  });

  it('after a Prefetch crash sizes the analysis bar from the manifest, and prints log lines above the bars', () => {
    const { stream, text } = fakeTerminal();
    const view = createProgressView(stream, true);
    view.onProgress({ type: 'manifest-read', total: 2 });
    view.write('12:00:00 WARN  Falling back to sequential mode: Prefetch crashed\n');
    view.onProgress({ type: 'analysis-ticker', ticker: 'A', ok: true, index: 0, totalTickers: 0, batchSize: 1 });
    view.onProgress({ type: 'analysis-ticker', ticker: 'B', ok: true, index: 1, totalTickers: 0, batchSize: 1 });
    view.stop();
    expect(text()).toContain('Falling back to sequential mode: Prefetch crashed');
    expect(text()).toContain('| 2/2 tickers | batch 2/2 | 0 failed');
    // Stopped twice (the run's end, then the command's finally): drawn once, nothing redrawn after.
    const after = text().length;
    view.stop();
    view.onProgress({ type: 'consolidate-started' });
    expect(text().length).toBe(after);
  });

  it('without bars passes log lines straight through and ignores progress', () => {
    const { stream, text } = fakeTerminal();
    const view = createProgressView(stream, false);
    view.onProgress({ type: 'prefetch-started', total: 5, cached: 0 });
    view.write('a line\n');
    expect(text()).toBe('a line\n');
  });
});
