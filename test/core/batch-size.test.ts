import { describe, expect, it } from 'vitest';
import { autoBatchSize, chooseBatchSize, resolveBatchSize, totalBatches } from '../../lambdas/core/mode/batch-size.js';

describe('resolveBatchSize auto', () => {
  it.each([
    // <= 10: min(3, n)
    [0, 1],
    [1, 1],
    [2, 2],
    [3, 3],
    [6, 3],
    [10, 3],
    // <= 30: min(5, n/3)
    [11, 3],
    [14, 4],
    [15, 5],
    [29, 5],
    [30, 5],
    // <= 100: min(8, n/8)
    [31, 3],
    [40, 5],
    [63, 7],
    [64, 8],
    [66, 8],
    [100, 8],
    // else: min(12, n/15)
    [101, 6],
    [150, 10],
    [179, 11],
    [180, 12],
    [5000, 12],
    [10000, 12],
  ])('auto with %i holdings -> %i', (holdings, expected) => {
    expect(resolveBatchSize('auto', holdings)).toBe(expected);
    expect(autoBatchSize(holdings)).toBe(expected);
  });

  it('is never below 1 and never above the holdings (except for an empty portfolio)', () => {
    for (let n = 1; n <= 300; n += 1) {
      const size = resolveBatchSize('auto', n);
      expect(size).toBeGreaterThanOrEqual(1);
      expect(size).toBeLessThanOrEqual(n);
      expect(Number.isInteger(size)).toBe(true);
    }
  });
});

describe('resolveBatchSize fixed', () => {
  it.each([
    [5, 66, 5],
    [1, 66, 1],
    [20, 66, 20],
    [66, 66, 66],
    [100, 66, 66],
    [5, 3, 3],
    [5, 1, 1],
    [5, 0, 1],
    [0, 10, 1],
  ])('setting %i with %i holdings -> %i', (setting, holdings, expected) => {
    expect(resolveBatchSize(setting, holdings)).toBe(expected);
  });

  it('rejects impossible arguments', () => {
    expect(() => resolveBatchSize(2.5, 10)).toThrow(RangeError);
    expect(() => resolveBatchSize(5, -1)).toThrow(RangeError);
    expect(() => resolveBatchSize('auto', 1.5)).toThrow(RangeError);
  });
});

describe('totalBatches', () => {
  it.each([
    [0, 5, 0],
    [1, 5, 1],
    [5, 5, 1],
    [6, 5, 2],
    [66, 8, 9],
    [66, 5, 14],
    [66, 1, 66],
    [64, 8, 8],
    [5000, 12, 417],
  ])('%i holdings in batches of %i -> %i', (holdings, size, expected) => {
    expect(totalBatches(holdings, size)).toBe(expected);
  });

  it('rejects a batch size below 1', () => {
    expect(() => totalBatches(10, 0)).toThrow(RangeError);
  });
});

describe('chooseBatchSize: auto follows a local run’s memory, the cloud keeps the Map’s concurrency', () => {
  // 66 holdings: auto gives min(8, floor(66 / 8)) = 8.
  it('halves below 2 GB, doubles above 8 GB (at most 15), keeps it between', () => {
    expect(chooseBatchSize('auto', 66, 1500)).toMatchObject({ size: 4 });
    expect(chooseBatchSize('auto', 66, 1500).reason).toMatch(/halved to 4: 1\.5 GB available \(less than 2 GB\)/);
    expect(chooseBatchSize('auto', 66, 4096)).toMatchObject({ size: 8 });
    expect(chooseBatchSize('auto', 66, 16_384)).toMatchObject({ size: 15 });
    expect(chooseBatchSize('auto', 66, 16_384).reason).toMatch(/doubled to 15 \(at most 15\): 16\.0 GB available/);
    // 20 holdings: auto 5, doubled 10; 2 holdings: auto 2, never more crews than holdings.
    expect(chooseBatchSize('auto', 20, 16_384).size).toBe(10);
    expect(chooseBatchSize('auto', 2, 16_384).size).toBe(2);
    // One crew cannot be halved.
    expect(chooseBatchSize('auto', 1, 100).size).toBe(1);
  });

  it('in the cloud (no memory figure) and for a fixed setting, the size is the Map’s concurrency as set', () => {
    expect(chooseBatchSize('auto', 66, null)).toEqual({ size: 8, reason: "auto for 66 holdings: 8 (each Crew is its own Lambda: the Map's concurrency)" });
    expect(chooseBatchSize(5, 66, 100)).toEqual({ size: 5, reason: 'DEEP_ANALYSIS_BATCH_SIZE=5' });
    expect(chooseBatchSize(50, 10, 100_000)).toEqual({ size: 10, reason: 'DEEP_ANALYSIS_BATCH_SIZE=50, capped to the 10 holdings' });
  });
});
