import { describe, expect, it } from 'vitest';
import { prefetchStatsOf } from '../support/prefetch-stats-builder.js';
import { InvalidConfigurationError } from '../../lambdas/core/errors.js';
import {
  aggregateChunkStats,
  CHUNK_CRASHED_REASON,
  chunkConcurrency,
  isChunked,
  prefetchChunkConfig,
  splitIntoChunks,
} from '../../lambdas/core/prefetch/prefetch-chunking.js';
import type { PrefetchStats } from '../../lambdas/core/prefetch/run-record.js';

describe('prefetchChunkConfig', () => {
  it('defaults to chunks of 500 past 500 tickers, one chunk Lambda at a time', () => {
    expect(prefetchChunkConfig({})).toEqual({ threshold: 500, chunkSize: 500, totalRequestsPerSecond: null });
  });

  it('reads the variables, and names a bad one with its rule', () => {
    expect(
      prefetchChunkConfig({ PREFETCH_CHUNK_THRESHOLD: '10', PREFETCH_CHUNK_SIZE: '25', PREFETCH_TOTAL_REQUESTS_PER_SECOND: '40.5' }),
    ).toEqual({ threshold: 10, chunkSize: 25, totalRequestsPerSecond: 40.5 });
    expect(() => prefetchChunkConfig({ PREFETCH_CHUNK_SIZE: '5000' })).toThrow(/PREFETCH_CHUNK_SIZE="5000" is invalid: must be an integer from 1 to 3000/);
    expect(() => prefetchChunkConfig({ PREFETCH_CHUNK_THRESHOLD: '0' })).toThrow(InvalidConfigurationError);
    expect(() => prefetchChunkConfig({ PREFETCH_TOTAL_REQUESTS_PER_SECOND: '-3' })).toThrow(/PREFETCH_TOTAL_REQUESTS_PER_SECOND/);
  });
});

describe('the chunk plan', () => {
  it('chunks only strictly past the threshold', () => {
    expect(isChunked(500, { threshold: 500 })).toBe(false);
    expect(isChunked(501, { threshold: 500 })).toBe(true);
  });

  it('splits in manifest order, the last chunk shorter, nothing lost or repeated', () => {
    const tickers = Array.from({ length: 23 }, (_, i) => `T${i}`);
    const chunks = splitIntoChunks(tickers, 10);
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 3]);
    expect(chunks.flat()).toEqual(tickers);
    expect(() => splitIntoChunks(tickers, 0)).toThrow(RangeError);
  });

  it('runs floor(total rate / one Lambda rate) chunks at once, at least 1, at most the chunks', () => {
    expect(chunkConcurrency(null, 10, 10)).toBe(1);
    expect(chunkConcurrency(10, 10, 10)).toBe(1);
    expect(chunkConcurrency(35, 10, 10)).toBe(3);
    expect(chunkConcurrency(5, 10, 10)).toBe(1);
    expect(chunkConcurrency(1000, 10, 4)).toBe(4);
    // 0.3 / 0.1 is 2.9999999999999996 in floating point: still 3 Lambdas.
    expect(chunkConcurrency(0.3, 0.1, 10)).toBe(3);
  });
});

const stats = prefetchStatsOf;

describe('aggregateChunkStats', () => {
  it('sums counts, merges lists, and spans the wall time from the first start to the last finish', () => {
    const total = aggregateChunkStats(
      [
        stats({ failedTickers: 1, successfulTickers: 9, failedTickerList: ['ZZZ'], errorSummary: { 'HTTP 500': 1 }, lambdaSeconds: 61 }),
        stats({
          startedAt: '2026-01-05T10:01:00.000Z',
          finishedAt: '2026-01-05T10:02:30.000Z',
          failedTickers: 2,
          successfulTickers: 8,
          failedTickerList: ['AAA', 'MMM'],
          errorSummary: { 'HTTP 500': 1, 'unknown symbol': 1 },
          peakRssMb: 180,
          cacheHits: 3,
          lambdaSeconds: 91,
        }),
      ],
      [],
      new Date(),
    );
    expect(total).toMatchObject({
      startedAt: '2026-01-05T10:00:00.000Z',
      finishedAt: '2026-01-05T10:02:30.000Z',
      durationSeconds: 150,
      successfulTickers: 17,
      failedTickers: 3,
      failedTickerList: ['AAA', 'MMM', 'ZZZ'],
      errorSummary: { 'HTTP 500': 2, 'unknown symbol': 1 },
      sumFetchSeconds: 200,
      cacheHits: 3,
      peakRssMb: 180,
      chunks: 2,
      lambdaSeconds: 152,
    });
  });

  it('counts every ticker of a chunk without stats as failed, with the reason', () => {
    const total = aggregateChunkStats([stats({})], [{ index: 1, tickers: ['B', 'A'] }], new Date());
    expect(total.failedTickers).toBe(2);
    expect(total.successfulTickers).toBe(10);
    expect(total.failedTickerList).toEqual(['A', 'B']);
    expect(total.errorSummary).toEqual({ [CHUNK_CRASHED_REASON]: 2 });
    expect(total.chunks).toBe(2);
  });

  it('with no chunk at all, is an empty prefetch at the given time', () => {
    const at = new Date('2026-01-05T12:00:00.000Z');
    const total = aggregateChunkStats([], [{ index: 0, tickers: ['X'] }], at);
    expect(total).toMatchObject({ startedAt: at.toISOString(), durationSeconds: 0, failedTickers: 1, peakRssMb: 0 });
  });
});
