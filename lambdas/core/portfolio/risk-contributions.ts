// Euler decomposition of the portfolio variance: c_i = w_i cov(r_i, r_p) / var(r_p). The
// contributions sum to 1 and need only each holding's covariance with the portfolio series,
// so this is O(holdings x days), never a full covariance matrix.
import { covariance, portfolioReturns } from './portfolio-series.js';

export interface RiskContribution {
  readonly ticker: string;
  readonly weight: number;
  readonly contribution: number;
}

export function riskContributions(
  tickers: readonly string[],
  weights: readonly number[],
  returns: readonly (readonly number[])[],
): RiskContribution[] {
  const total = weights.reduce((a, w) => a + w, 0);
  const rp = portfolioReturns(weights, returns);
  const variance = covariance(rp, rp);
  return tickers.map((ticker, i) => {
    const weight = total > 0 ? (weights[i] ?? 0) / total : 0;
    const contribution = variance > 0 ? (weight * covariance(returns[i] ?? [], rp)) / variance : 0;
    return { ticker, weight, contribution };
  });
}
