// Consolidate's portfolio risk: each holding's daily returns (from its result) with its weight,
// and the benchmark's from the run's market context, into report.json's `portfolio_risk`.
import { compactReturns } from '../core/portfolio/compact-returns.js';
import { portfolioRisk, type PortfolioRisk, type RiskHolding } from '../core/portfolio/portfolio-risk.js';
import type { MarketContext } from '../core/prefetch/market-context.js';
import type { ReportRow } from '../core/report/ticker-outcome.js';

export function portfolioRiskOf(input: {
  rows: readonly ReportRow[];
  returnsOf: ReadonlyMap<string, RiskHolding>;
  context: MarketContext | null;
  asOf: string;
  baseCurrency: string;
  benchmarkSymbol: string;
}): PortfolioRisk | null {
  const holdings = input.rows.flatMap((row) => {
    const series = input.returnsOf.get(row.ticker);
    return series && row.weight !== null && row.weight > 0 ? [{ ...series, weight: row.weight }] : [];
  });
  if (holdings.length === 0) return null;
  const bars = input.context?.benchmark?.bars ?? [];
  const benchmark = compactReturns(
    bars.map((bar) => bar.date.slice(0, 10)),
    bars.map((bar) => bar.adjclose ?? bar.close ?? Number.NaN),
  );
  return portfolioRisk({
    asOf: input.asOf,
    baseCurrency: input.baseCurrency,
    benchmark: { ticker: input.context?.benchmark?.symbol ?? input.benchmarkSymbol, ...benchmark },
    holdings,
  });
}
