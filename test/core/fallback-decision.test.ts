import { describe, expect, it } from 'vitest';
import {
  HIGH_FAILURE_RATE_THRESHOLD,
  decideAfterPrefetch,
  decideInitialMode,
  failureRate,
} from '../../lambdas/core/mode/fallback-decision.js';

describe('decideInitialMode', () => {
  it('falls back when batch prefetch is disabled, whatever the size', () => {
    expect(decideInitialMode({ batchPrefetchEnabled: false, minHoldings: 10, holdings: 66 })).toEqual({
      mode: 'sequential',
      reason: 'Batch prefetch disabled (BATCH_PREFETCH_ENABLED=false)',
    });
    expect(decideInitialMode({ batchPrefetchEnabled: false, minHoldings: 10, holdings: 3 }).reason).toBe(
      'Batch prefetch disabled (BATCH_PREFETCH_ENABLED=false)',
    );
  });

  it('falls back below the minimum holdings', () => {
    expect(decideInitialMode({ batchPrefetchEnabled: true, minHoldings: 10, holdings: 6 })).toEqual({
      mode: 'sequential',
      reason: 'Portfolio has 6 holdings, below BATCH_PREFETCH_MIN_HOLDINGS=10',
    });
    expect(decideInitialMode({ batchPrefetchEnabled: true, minHoldings: 10, holdings: 9 }).reason).toBe(
      'Portfolio has 9 holdings, below BATCH_PREFETCH_MIN_HOLDINGS=10',
    );
    expect(decideInitialMode({ batchPrefetchEnabled: true, minHoldings: 10, holdings: 1 }).reason).toBe(
      'Portfolio has 1 holding, below BATCH_PREFETCH_MIN_HOLDINGS=10',
    );
  });

  it('runs in batch mode at and above the minimum', () => {
    expect(decideInitialMode({ batchPrefetchEnabled: true, minHoldings: 10, holdings: 10 })).toEqual({ mode: 'batch', reason: null });
    expect(decideInitialMode({ batchPrefetchEnabled: true, minHoldings: 10, holdings: 66 })).toEqual({ mode: 'batch', reason: null });
    expect(decideInitialMode({ batchPrefetchEnabled: true, minHoldings: 1, holdings: 1 })).toEqual({ mode: 'batch', reason: null });
  });
});

describe('failureRate', () => {
  it('is failed/total, 0 when there is nothing', () => {
    expect(failureRate(0, 0)).toBe(0);
    expect(failureRate(0, 66)).toBe(0);
    expect(failureRate(33, 66)).toBe(0.5);
    expect(failureRate(66, 66)).toBe(1);
    expect(failureRate(46, 66)).toBeCloseTo(0.69697, 5);
  });

  it('rejects impossible counts', () => {
    expect(() => failureRate(5, 4)).toThrow(RangeError);
    expect(() => failureRate(-1, 4)).toThrow(RangeError);
  });
});

describe('decideAfterPrefetch', () => {
  it('exports the 50% threshold', () => {
    expect(HIGH_FAILURE_RATE_THRESHOLD).toBe(0.5);
  });

  it('falls back above 50% with the exact reason', () => {
    expect(decideAfterPrefetch({ total: 66, failed: 46 })).toEqual({
      mode: 'sequential',
      reason: 'High failure rate: 69.7% (46/66)',
    });
    expect(decideAfterPrefetch({ total: 66, failed: 34 }).reason).toBe('High failure rate: 51.5% (34/66)');
    expect(decideAfterPrefetch({ total: 10, failed: 10 }).reason).toBe('High failure rate: 100.0% (10/10)');
    expect(decideAfterPrefetch({ total: 3, failed: 2 }).reason).toBe('High failure rate: 66.7% (2/3)');
  });

  it('stays in batch mode at exactly 50% and below', () => {
    expect(decideAfterPrefetch({ total: 66, failed: 33 })).toEqual({ mode: 'batch', reason: null });
    expect(decideAfterPrefetch({ total: 66, failed: 0 })).toEqual({ mode: 'batch', reason: null });
    expect(decideAfterPrefetch({ total: 0, failed: 0 })).toEqual({ mode: 'batch', reason: null });
  });
});
