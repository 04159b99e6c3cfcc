// The three handlers of a chunked prefetch (universe scale) on the in-memory bucket: Prefetch
// plans, each chunk Lambda fetches its chunk, "Summarise prefetch" sums them up.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});
vi.mock('../../lambdas/adapters/yahoo/yahoo-source.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lambdas/adapters/yahoo/yahoo-source.js')>();
  const { mockedYahooPortFromEnv } = await import('./support.js');
  return { ...actual, yahooPortFromEnv: mockedYahooPortFromEnv(actual.yahooPortFromEnv) };
});

import { prefetchSummarySchema } from '../../lambdas/core/contracts.js';
import { prefetchChunkItemSchema, prefetchChunkObjectSchema, CHUNK_CRASHED_REASON } from '../../lambdas/core/prefetch/prefetch-chunking.js';
import { prefetchObjectSchema } from '../../lambdas/core/prefetch/market-data.js';
import { runKeys } from '../../lambdas/core/run-keys.js';
import { prefetchStatsSchema } from '../../lambdas/core/prefetch/run-record.js';
import { handler as prefetch } from '../../lambdas/prefetch/handler.js';
import { handler as prefetchChunk } from '../../lambdas/prefetch-chunk/handler.js';
import { handler as summarise } from '../../lambdas/prefetch-summary/handler.js';
import { fakeYahoo, objects, readJson, resetAws, tickers, yahooSwitch } from './support.js';

const SID = 'chunked-session-1';
const keys = runKeys(SID);
const TWELVE = tickers(12);
const CHUNK_ENV = ['PREFETCH_CHUNK_THRESHOLD', 'PREFETCH_CHUNK_SIZE', 'PREFETCH_TOTAL_REQUESTS_PER_SECOND', 'YAHOO_REQUESTS_PER_SECOND'];

beforeEach(() => {
  resetAws();
  process.env.PREFETCH_CHUNK_THRESHOLD = '10';
  process.env.PREFETCH_CHUNK_SIZE = '5';
});
afterEach(() => {
  for (const name of CHUNK_ENV) delete process.env[name];
});

const plan = () =>
  prefetch({ sessionId: SID, input: { holdings: TWELVE.map((ticker) => ({ ticker, shares: 1 })) } }).then((s) => prefetchSummarySchema.parse(s));

describe('a chunked prefetch of 12 tickers, threshold 10, chunks of 5', () => {
  it('Prefetch plans 3 chunks with their quotes and fetches no ticker itself', async () => {
    const fake = fakeYahoo();
    yahooSwitch.current = fake;
    process.env.YAHOO_REQUESTS_PER_SECOND = '10';
    process.env.PREFETCH_TOTAL_REQUESTS_PER_SECOND = '25';
    const summary = await plan();

    expect(summary.prefetchChunks).toMatchObject({ count: 3, concurrency: 2 });
    expect(summary).toMatchObject({ mode: 'batch', totalTickers: 12 });
    const list = prefetchChunkItemSchema.array().parse(readJson(keys.prefetchChunkList));
    expect(list).toEqual([
      { index: 0, key: keys.prefetchChunk(0), size: 5 },
      { index: 1, key: keys.prefetchChunk(1), size: 5 },
      { index: 2, key: keys.prefetchChunk(2), size: 2 },
    ]);
    const chunks = list.map((item) => prefetchChunkObjectSchema.parse(readJson(item.key)));
    expect(chunks.flatMap((c) => c.tickers)).toEqual(TWELVE);
    expect(Object.keys(chunks[2]!.quotes)).toEqual(['T10', 'T11']);
    // Only the batched quotes and the benchmark: the tickers are the chunks' work.
    expect(fake.calls.quoteSummary).toEqual([]);
    expect(fake.calls.dailyBars).toEqual(['SPY']);
    expect([...objects.keys()].some((key) => key.startsWith(keys.prefetchPrefix))).toBe(false);
  });

  it('the chunks fetch their tickers, and the summary counts a chunk without stats as failed', async () => {
    yahooSwitch.current = fakeYahoo({ unknown: ['T1'] });
    const planned = await plan();
    const list = prefetchChunkItemSchema.array().parse(readJson(keys.prefetchChunkList));
    // Chunk 3 (T10, T11) never reports: its Lambda "crashed".
    for (const chunk of list.slice(0, 2)) {
      const result = await prefetchChunk({ sessionId: SID, chunk });
      expect(result.successfulTickers + result.failedTickers).toBe(chunk.size);
    }
    for (const ticker of TWELVE.slice(0, 10)) {
      const object = prefetchObjectSchema.parse(readJson(keys.prefetch(ticker)));
      expect(object.failed).toBe(ticker === 'T1');
    }

    const summary = prefetchSummarySchema.parse(await summarise({ sessionId: SID, plan: planned }));
    expect(summary).toMatchObject({ mode: 'batch', successfulTickers: 9, failedTickers: 3, totalTickers: 12, batchSize: planned.batchSize });
    expect(summary.failureRate).toBeCloseTo(3 / 12);
    const stats = prefetchStatsSchema.parse(readJson(keys.prefetchStats));
    expect(stats.failedTickerList).toEqual(['T1', 'T10', 'T11']);
    expect(stats.errorSummary[CHUNK_CRASHED_REASON]).toBe(2);
    expect(stats.chunks).toBe(3);
  });

  it('falls back to sequential when more than half the tickers failed across the chunks', async () => {
    yahooSwitch.current = fakeYahoo({ unknown: TWELVE.slice(0, 7) });
    const planned = await plan();
    for (const chunk of prefetchChunkItemSchema.array().parse(readJson(keys.prefetchChunkList))) await prefetchChunk({ sessionId: SID, chunk });
    const summary = prefetchSummarySchema.parse(await summarise({ sessionId: SID, plan: planned }));
    expect(summary).toMatchObject({ mode: 'sequential', fallbackReason: 'High failure rate: 58.3% (7/12)', batchSize: 1, totalBatches: 12 });
  });

  it('does not chunk at the threshold itself', async () => {
    yahooSwitch.current = fakeYahoo();
    const summary = prefetchSummarySchema.parse(
      await prefetch({ sessionId: SID, input: { holdings: TWELVE.slice(0, 10).map((ticker) => ({ ticker })) } }),
    );
    expect(summary.prefetchChunks).toBeUndefined();
    expect(summary.successfulTickers).toBe(10);
    expect(objects.has(keys.prefetchChunkList)).toBe(false);
  });
});
