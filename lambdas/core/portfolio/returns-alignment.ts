// Daily simple returns of each holding aligned on the trading days they all share, so the
// portfolio series and every co-movement figure compare the same days.

/** One holding's compact daily returns in the base currency: `returns[i]` is the return ending on `dates[i]`. */
export interface ReturnSeries {
  readonly ticker: string;
  readonly dates: readonly string[];
  readonly returns: readonly number[];
}

export interface AlignedReturns {
  readonly dates: readonly string[];
  /** Holdings kept, in input order, each with one return per common date. */
  readonly tickers: readonly string[];
  readonly returns: readonly (readonly number[])[];
  /** Holdings whose history was shorter than `minObservations`: named, not silently dropped. */
  readonly shortHistory: readonly string[];
}

/** Align on the dates common to every holding with at least `minObservations` returns. */
export function alignReturns(series: readonly ReturnSeries[], minObservations: number): AlignedReturns {
  const kept = series.filter((s) => s.returns.length >= minObservations);
  const shortHistory = series.filter((s) => s.returns.length < minObservations).map((s) => s.ticker);
  if (kept.length === 0) return { dates: [], tickers: [], returns: [], shortHistory };
  const counts = new Map<string, number>();
  for (const s of kept) for (const d of new Set(s.dates)) counts.set(d, (counts.get(d) ?? 0) + 1);
  const dates = [...counts].filter(([, n]) => n === kept.length).map(([d]) => d).sort();
  const returns = kept.map((s) => {
    const byDate = new Map<string, number>();
    s.dates.forEach((d, i) => byDate.set(d, s.returns[i] ?? 0));
    return dates.map((d) => byDate.get(d) ?? 0);
  });
  return { dates, tickers: kept.map((s) => s.ticker), returns, shortHistory };
}
