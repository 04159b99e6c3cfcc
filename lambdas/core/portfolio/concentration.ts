// How concentrated the book is: HHI = sum of squared weights, its inverse the number of
// equal holdings with the same HHI, and the weight of the five largest.
export interface Concentration {
  readonly hhi: number;
  readonly effective_holdings: number;
  readonly top5_weight: number;
}

export function concentration(weights: readonly number[]): Concentration {
  const total = weights.reduce((a, w) => a + w, 0);
  const w = total > 0 ? weights.map((x) => x / total) : [];
  const hhi = w.reduce((a, x) => a + x * x, 0);
  const top5 = [...w].sort((a, b) => b - a).slice(0, 5).reduce((a, x) => a + x, 0);
  return { hhi, effective_holdings: hhi > 0 ? 1 / hhi : 0, top5_weight: top5 };
}
