// Historical VaR and CVaR (expected shortfall) as positive loss fractions, from the observed
// returns themselves: no distribution assumed.

/**
 * VaR_c = -q, q the (1 - c) empirical quantile (lower order statistic, index floor((1 - c) n));
 * CVaR_c = -mean of the returns at or below q. Both floored at 0 (a gain is no loss).
 */
export function historicalVar(returns: readonly number[], confidence = 0.95): { var: number; cvar: number } | null {
  if (returns.length === 0) return null;
  const sorted = [...returns].sort((a, b) => a - b);
  const k = Math.min(sorted.length - 1, Math.floor((1 - confidence) * sorted.length));
  const q = sorted[k] ?? 0;
  const tail = sorted.slice(0, k + 1);
  const cvar = -tail.reduce((a, x) => a + x, 0) / tail.length;
  return { var: Math.max(0, -q), cvar: Math.max(0, cvar) };
}

/** Compound returns over overlapping windows of `days`: prod(1 + r[t..t+days-1]) - 1. */
export function overlappingReturns(returns: readonly number[], days: number): number[] {
  const out: number[] = [];
  for (let t = 0; t + days <= returns.length; t += 1) {
    let v = 1;
    for (let k = t; k < t + days; k += 1) v *= 1 + (returns[k] ?? 0);
    out.push(v - 1);
  }
  return out;
}
