// Pearson correlation, and the most correlated pairs among the largest holdings: the only
// matrix in the risk figures, kept to the top `limit` holdings (30 for the heatmap).
import { covariance } from './portfolio-series.js';

export function correlation(a: readonly number[], b: readonly number[]): number | null {
  const d = Math.sqrt(covariance(a, a) * covariance(b, b));
  return d > 0 ? covariance(a, b) / d : null;
}

export interface CorrelationMatrix {
  readonly tickers: readonly string[];
  readonly values: readonly (readonly (number | null)[])[];
}

/** Matrix of the `limit` largest holdings by weight. */
export function correlationMatrix(
  tickers: readonly string[],
  weights: readonly number[],
  returns: readonly (readonly number[])[],
  limit = 30,
): CorrelationMatrix {
  const top = tickers.map((_, i) => i).sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0)).slice(0, limit);
  const values = top.map((i) => top.map((j) => (i === j ? 1 : correlation(returns[i] ?? [], returns[j] ?? []))));
  return { tickers: top.map((i) => tickers[i] ?? ''), values };
}

export interface CorrelatedPair {
  readonly a: string;
  readonly b: string;
  readonly correlation: number;
}

export function correlatedPairs(matrix: CorrelationMatrix, count = 5): CorrelatedPair[] {
  const pairs: CorrelatedPair[] = [];
  matrix.values.forEach((row, i) =>
    row.forEach((c, j) => {
      if (j > i && c !== null) pairs.push({ a: matrix.tickers[i] ?? '', b: matrix.tickers[j] ?? '', correlation: c });
    }),
  );
  return pairs.sort((x, y) => y.correlation - x.correlation).slice(0, count);
}
