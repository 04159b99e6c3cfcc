// The portfolio's daily return series and the figures read from it. Simple returns, weights
// held constant (daily rebalanced), annualised with 252 trading days. O(holdings x days).

export const TRADING_DAYS = 252;

/** r_p[t] = sum_i w_i r_i[t]; weights are renormalised over the holdings given. */
export function portfolioReturns(weights: readonly number[], returns: readonly (readonly number[])[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  const days = returns[0]?.length ?? 0;
  const out = new Array<number>(days).fill(0);
  if (total <= 0) return out;
  returns.forEach((row, i) => {
    const w = (weights[i] ?? 0) / total;
    for (let t = 0; t < days; t += 1) out[t] = (out[t] ?? 0) + w * (row[t] ?? 0);
  });
  return out;
}

export const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, x) => a + x, 0) / xs.length);

/** Sample covariance (n - 1). */
export function covariance(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return 0;
  const ma = mean(a.slice(0, n));
  const mb = mean(b.slice(0, n));
  let s = 0;
  for (let t = 0; t < n; t += 1) s += ((a[t] ?? 0) - ma) * ((b[t] ?? 0) - mb);
  return s / (n - 1);
}

/** Sample standard deviation of daily returns x sqrt(252). */
export const annualVolatility = (r: readonly number[]): number => Math.sqrt(covariance(r, r) * TRADING_DAYS);

/** beta = cov(r_p, r_b) / var(r_b); null when the benchmark does not move. */
export function beta(portfolio: readonly number[], benchmark: readonly number[]): number | null {
  const v = covariance(benchmark, benchmark);
  return v > 0 ? covariance(portfolio, benchmark) / v : null;
}

/** Largest fall from a running peak of the value V[t] = prod(1 + r), as a positive fraction. */
export function maxDrawdown(r: readonly number[]): number {
  let value = 1;
  let peak = 1;
  let worst = 0;
  for (const x of r) {
    value *= 1 + x;
    peak = Math.max(peak, value);
    worst = Math.max(worst, 1 - value / peak);
  }
  return worst;
}

/** Sortino = mean daily return x 252 / (downside deviation x sqrt(252)); downside deviation = sqrt(mean(min(r, 0)^2)). */
export function sortino(r: readonly number[]): number | null {
  if (r.length === 0) return null;
  const downside = Math.sqrt(mean(r.map((x) => Math.min(x, 0) ** 2)));
  return downside > 0 ? (mean(r) * TRADING_DAYS) / (downside * Math.sqrt(TRADING_DAYS)) : null;
}
