// The fallback decisions: whether the deep analysis runs in batch mode (prefetched data,
// concurrent) or falls back to sequential mode (each Crew fetches its own data, one at a time),
// and the reason recorded when it falls back.
import type { RunMode } from '../contracts.js';

/** A failure rate above this (strictly) sends the run to sequential mode. */
export const HIGH_FAILURE_RATE_THRESHOLD = 0.5;

export interface ModeDecision {
  mode: RunMode;
  /** Why the run falls back to sequential mode; null in batch mode. */
  reason: string | null;
}

/** failed / total, 0 when there is nothing to fail. */
export function failureRate(failed: number, total: number): number {
  if (!Number.isFinite(failed) || !Number.isFinite(total) || failed < 0 || total < 0 || failed > total) {
    throw new RangeError(`failed (${failed}) and total (${total}) must satisfy 0 <= failed <= total`);
  }
  return total === 0 ? 0 : failed / total;
}

/** Before any fetching: the configuration and the portfolio's size decide. */
export function decideInitialMode(input: {
  batchPrefetchEnabled: boolean;
  minHoldings: number;
  holdings: number;
}): ModeDecision {
  if (!input.batchPrefetchEnabled) {
    return { mode: 'sequential', reason: 'Batch prefetch disabled (BATCH_PREFETCH_ENABLED=false)' };
  }
  if (input.holdings < input.minHoldings) {
    const noun = input.holdings === 1 ? 'holding' : 'holdings';
    return {
      mode: 'sequential',
      reason: `Portfolio has ${input.holdings} ${noun}, below BATCH_PREFETCH_MIN_HOLDINGS=${input.minHoldings}`,
    };
  }
  return { mode: 'batch', reason: null };
}

/** After the prefetch: more than half of the tickers failing means sequential mode. */
export function decideAfterPrefetch(input: { total: number; failed: number }): ModeDecision {
  const rate = failureRate(input.failed, input.total);
  if (rate > HIGH_FAILURE_RATE_THRESHOLD) {
    return {
      mode: 'sequential',
      reason: `High failure rate: ${(rate * 100).toFixed(1)}% (${input.failed}/${input.total})`,
    };
  }
  return { mode: 'batch', reason: null };
}
