import { describe, expect, it } from 'vitest';
import { prefetchStatsOf } from '../support/prefetch-stats-builder.js';
import { mergeBarsPaths, type BarsPathStats } from '../../lambdas/core/prefetch/bars-path.js';
import { aggregateChunkStats, mergeSlowData } from '../../lambdas/core/prefetch/prefetch-chunking.js';
import { prefetchStatsSchema, type PrefetchStats, type SlowDataStats } from '../../lambdas/core/prefetch/run-record.js';

const path = (over: Partial<BarsPathStats>): BarsPathStats => ({
  path: 'spark',
  sparkRequests: 0,
  sparkTickers: 0,
  chartTickers: 0,
  failedSparkRequests: 0,
  reason: null,
  ...over,
});

const slow = (over: Partial<SlowDataStats>): SlowDataStats => ({ ttlDays: 7, reused: 0, refreshed: 0, notNeeded: 0, reasons: {}, ...over });

const stats = prefetchStatsOf;

describe('mergeBarsPaths', () => {
  it('is undefined for no chunk', () => {
    expect(mergeBarsPaths([])).toBeUndefined();
  });

  it('sums the counts of the chunks', () => {
    const merged = mergeBarsPaths([
      path({ path: 'spark and chart', sparkRequests: 3, sparkTickers: 55, chartTickers: 5, failedSparkRequests: 1, reason: 'a spark batch failed' }),
      path({ path: 'spark', sparkRequests: 2, sparkTickers: 40 }),
      path({ path: 'chart', chartTickers: 7, failedSparkRequests: 2, reason: 'spark unusable' }),
    ]);
    expect(merged).toEqual({
      path: 'spark and chart',
      sparkRequests: 5,
      sparkTickers: 95,
      chartTickers: 12,
      failedSparkRequests: 3,
      reason: 'a spark batch failed',
    });
  });

  it("is 'spark' when no ticker's chart was asked, 'chart' when spark carried none, 'spark and chart' otherwise", () => {
    expect(mergeBarsPaths([path({ sparkTickers: 20, sparkRequests: 1 }), path({ sparkTickers: 3, sparkRequests: 1 })])?.path).toBe('spark');
    expect(mergeBarsPaths([path({ path: 'chart', chartTickers: 4 }), path({ path: 'chart', chartTickers: 2 })])?.path).toBe('chart');
    // Each chunk went one way only, but the run went both.
    expect(mergeBarsPaths([path({ sparkTickers: 20, sparkRequests: 1 }), path({ path: 'chart', chartTickers: 2 })])?.path).toBe('spark and chart');
    expect(mergeBarsPaths([path({ path: 'spark and chart', sparkTickers: 19, chartTickers: 1 })])?.path).toBe('spark and chart');
  });

  it('keeps the first reason found, null when no chunk has one', () => {
    const merged = mergeBarsPaths([
      path({ sparkTickers: 20 }),
      path({ path: 'chart', chartTickers: 2, reason: 'first reason' }),
      path({ path: 'chart', chartTickers: 3, reason: 'second reason' }),
    ]);
    expect(merged?.reason).toBe('first reason');
    expect(mergeBarsPaths([path({ sparkTickers: 1 }), path({ sparkTickers: 2 })])?.reason).toBeNull();
  });
});

describe('mergeSlowData', () => {
  it('is undefined for no chunk', () => {
    expect(mergeSlowData([])).toBeUndefined();
  });

  it('sums reused, refreshed and not needed, and the reasons by key', () => {
    const merged = mergeSlowData([
      slow({ reused: 40, refreshed: 8, notNeeded: 2, reasons: { 'none cached': 5, 'its day of the refresh cycle': 3 } }),
      slow({ reused: 30, refreshed: 6, notNeeded: 1, reasons: { 'none cached': 2, 'earnings on 2026-01-02, after it was fetched': 4 } }),
      slow({ reused: 1 }),
    ]);
    expect(merged).toEqual({
      ttlDays: 7,
      reused: 71,
      refreshed: 14,
      notNeeded: 3,
      reasons: { 'none cached': 7, 'its day of the refresh cycle': 3, 'earnings on 2026-01-02, after it was fetched': 4 },
    });
  });

  it('does not mutate the parts', () => {
    const parts = [slow({ reasons: { 'none cached': 1 } }), slow({ reasons: { 'none cached': 2 } })];
    const before = structuredClone(parts);
    mergeSlowData(parts);
    expect(parts).toEqual(before);
  });
});

describe('aggregateChunkStats: bars path and slow data', () => {
  it('carries the merged bars path and slow data of the chunks that have them', () => {
    const total = aggregateChunkStats(
      [
        stats({
          barsPath: path({ sparkRequests: 1, sparkTickers: 10 }),
          slowData: slow({ reused: 6, refreshed: 4, reasons: { 'none cached': 4 } }),
        }),
        stats({
          barsPath: path({ path: 'chart', chartTickers: 10, failedSparkRequests: 1, reason: 'spark batch failed' }),
          slowData: slow({ reused: 9, refreshed: 1, reasons: { 'none cached': 1 } }),
        }),
        // An older chunk's stats carry neither.
        stats({}),
      ],
      [],
      new Date(),
    );
    expect(total.barsPath).toEqual({
      path: 'spark and chart',
      sparkRequests: 1,
      sparkTickers: 10,
      chartTickers: 10,
      failedSparkRequests: 1,
      reason: 'spark batch failed',
    });
    expect(total.slowData).toEqual({ ttlDays: 7, reused: 15, refreshed: 5, notNeeded: 0, reasons: { 'none cached': 5 } });
    expect(prefetchStatsSchema.safeParse(total).success).toBe(true);
  });

  it('leaves the keys out when no chunk has them', () => {
    const total = aggregateChunkStats([stats({}), stats({})], [{ index: 2, tickers: ['X'] }], new Date());
    expect('barsPath' in total).toBe(false);
    expect('slowData' in total).toBe(false);
    const none = aggregateChunkStats([], [], new Date('2026-01-05T12:00:00.000Z'));
    expect('barsPath' in none).toBe(false);
    expect('slowData' in none).toBe(false);
    expect(prefetchStatsSchema.safeParse(total).success).toBe(true);
  });

  it('carries one without the other', () => {
    const total = aggregateChunkStats([stats({ slowData: slow({ refreshed: 3, reasons: { 'none cached': 3 } }) })], [], new Date());
    expect(total.slowData).toEqual(slow({ refreshed: 3, reasons: { 'none cached': 3 } }));
    expect('barsPath' in total).toBe(false);
  });
});
