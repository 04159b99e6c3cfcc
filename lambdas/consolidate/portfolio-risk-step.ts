// Consolidate's portfolio risk: each holding's daily returns (from its result) with its weight,
// and the benchmark's from the run's market context, put in the base currency with the rates'
// daily closes (market-context.json's fx_history), into report.json's `portfolio_risk`.
import { compactReturns } from '../core/portfolio/compact-returns.js';
import { majorCurrency } from '../core/portfolio/currency.js';
import { returnsInBase } from '../core/portfolio/fx-returns.js';
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
  const base = input.baseCurrency;
  const history = input.context?.fx_history ?? {};
  const unconverted: string[] = [];
  // In the base currency where the listing's is another; without the rate's history, as it is, named.
  const inBase = <T extends { readonly dates: readonly string[]; readonly returns: readonly number[] }>(ticker: string, currency: string | null | undefined, series: T): T => {
    if (!currency) return series;
    const { major } = majorCurrency(currency);
    if (major === base) return series;
    const fx = history[major];
    if (!fx) {
      unconverted.push(ticker);
      return series;
    }
    return { ...series, ...returnsInBase(series, fx) };
  };
  const holdings = input.rows.flatMap((row) => {
    const series = input.returnsOf.get(row.ticker);
    return series && row.weight !== null && row.weight > 0 ? [{ ...inBase(row.ticker, series.currency, series), weight: row.weight }] : [];
  });
  if (holdings.length === 0) return null;
  const bars = input.context?.benchmark?.bars ?? [];
  const symbol = input.context?.benchmark?.symbol ?? input.benchmarkSymbol;
  const benchmark = compactReturns(
    bars.map((bar) => bar.date.slice(0, 10)),
    bars.map((bar) => bar.adjclose ?? bar.close ?? Number.NaN),
  );
  return portfolioRisk({
    asOf: input.asOf,
    baseCurrency: base,
    benchmark: { ticker: symbol, ...inBase(symbol, benchmarkCurrency(symbol, input.returnsOf), benchmark) },
    holdings,
    fxUnconverted: unconverted,
  });
}

/** The benchmark's currency: a holding's when it is one, else a US listing's (no exchange suffix:
 * SPY, ^GSPC) in dollars; another listing's is not known here, and it stays as it is. */
function benchmarkCurrency(symbol: string, returnsOf: ReadonlyMap<string, RiskHolding>): string | null {
  const held = returnsOf.get(symbol)?.currency;
  if (held) return held;
  return /\.[A-Z]{1,3}$/.test(symbol) ? null : 'USD';
}
