import { describe, expect, it } from 'vitest';
import { autoBatchSize, resolveBatchSize, totalBatches } from '../../lambdas/core/mode/batch-size.js';

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
