// The arithmetic of the benchmark: medians with their range, the prefetch's floor.
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread {
  if (values.length === 0) throw new RangeError('no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/**
 * The least time the prefetch's requests can take: `requests` at `rateLimit` a second, or, if
 * longer, `rounds` requests that must wait for one another's answers, each `latencyMs` long.
 */
export function prefetchFloorSeconds(requests: number, rateLimit: number, latencyMs: number, rounds: number): number {
  return Math.max(requests / rateLimit, (latencyMs * rounds) / 1000);
}

/**
 * The prefetch's sequential rounds: the cookie page, the crumb, the batched quotes, the first
 * spark batch (checked alone), the other spark batches, then each ticker's quoteSummary and
 * statements side by side.
 */
export const PREFETCH_ROUNDS = 6;

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
