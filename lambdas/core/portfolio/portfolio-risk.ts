// report.json's `portfolio_risk`: the book as a whole, from each holding's compact returns,
// weight and classification. Everything is O(holdings x days) except the correlation matrix
// of the 30 largest holdings.
import { alignReturns, type ReturnSeries } from './returns-alignment.js';
import { annualVolatility, beta, maxDrawdown, portfolioReturns, sortino } from './portfolio-series.js';
import { historicalVar, overlappingReturns } from './value-at-risk.js';
import { riskContributions, type RiskContribution } from './risk-contributions.js';
import { concentration, type Concentration } from './concentration.js';
import { exposures, type Classified, type Exposures } from './exposures.js';
import { correlatedPairs, correlationMatrix, type CorrelatedPair, type CorrelationMatrix } from './correlation.js';

export interface RiskHolding extends Classified, ReturnSeries {
  readonly weight: number;
}

export interface PortfolioRisk {
  readonly as_of: string;
  readonly base_currency: string;
  readonly observations: number;
  readonly benchmark: string;
  readonly volatility_annual: number | null;
  readonly beta: number | null;
  readonly max_drawdown: number | null;
  readonly sortino: number | null;
  readonly var_95_1d: number | null;
  readonly cvar_95_1d: number | null;
  readonly var_95_10d: number | null;
  readonly cvar_95_10d: number | null;
  readonly concentration: Concentration;
  readonly exposures: Exposures;
  readonly risk_contributions: RiskContribution[];
  readonly correlated_pairs: CorrelatedPair[];
  readonly correlation_matrix: CorrelationMatrix;
  readonly short_history: readonly string[];
  /** Holdings (and the benchmark) whose returns stay in their own currency: no daily rate to the base. */
  readonly fx_unconverted: readonly string[];
  readonly notes: string[];
}

/** Fewer aligned days than this and the return figures are null (a holding shorter than this is named). */
export const MIN_OBSERVATIONS = 20;

const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function portfolioRisk(input: {
  asOf: string;
  baseCurrency: string;
  benchmark: ReturnSeries;
  holdings: readonly RiskHolding[];
  /** Whose returns could not be put in the base currency (returns-in-base step). */
  fxUnconverted?: readonly string[];
}): PortfolioRisk {
  const { holdings } = input;
  const weights = holdings.map((h) => h.weight);
  const aligned = alignReturns([...holdings, { ...input.benchmark, ticker: `\u0000${input.benchmark.ticker}` }], MIN_OBSERVATIONS);
  const benchIndex = aligned.tickers.findIndex((t) => t.startsWith('\u0000'));
  const benchReturns = benchIndex >= 0 ? (aligned.returns[benchIndex] ?? []) : [];
  const tickers = aligned.tickers.filter((_, i) => i !== benchIndex);
  const rows = aligned.returns.filter((_, i) => i !== benchIndex);
  const byTicker = new Map(holdings.map((h) => [h.ticker, h.weight]));
  const w = tickers.map((t) => byTicker.get(t) ?? 0);
  const rp = portfolioReturns(w, rows);
  const enough = aligned.dates.length >= MIN_OBSERVATIONS && rows.length > 0;
  const one = enough ? historicalVar(rp) : null;
  const ten = enough ? historicalVar(overlappingReturns(rp, 10)) : null;
  const contributions = enough ? riskContributions(tickers, w, rows).sort((a, b) => b.contribution - a.contribution) : [];
  const matrix = correlationMatrix(tickers, w, rows, 30);
  const notes: string[] = [];
  const top3 = contributions.slice(0, 3).reduce((a, c) => a + c.contribution, 0);
  if (contributions.length > 3) notes.push(`3 holdings carry ${pct(top3)} of the risk.`);
  const shortHistory = aligned.shortHistory.filter((t) => !t.startsWith('\u0000'));
  if (shortHistory.length > 0) notes.push(`Left out of the return figures for a history shorter than ${MIN_OBSERVATIONS} days: ${shortHistory.join(', ')}.`);
  const unconverted = input.fxUnconverted ?? [];
  if (unconverted.length > 0) notes.push(`Returns in their own currency, not in ${input.baseCurrency} (no daily rate history): ${unconverted.join(', ')}.`);
  const conc = concentration(weights);
  notes.push(`The book behaves like ${conc.effective_holdings.toFixed(1)} equal holdings; the five largest weigh ${pct(conc.top5_weight)}.`);
  return {
    as_of: input.asOf,
    base_currency: input.baseCurrency,
    observations: enough ? aligned.dates.length : 0,
    benchmark: input.benchmark.ticker,
    volatility_annual: enough ? annualVolatility(rp) : null,
    beta: enough && benchIndex >= 0 ? beta(rp, benchReturns) : null,
    max_drawdown: enough ? maxDrawdown(rp) : null,
    sortino: enough ? sortino(rp) : null,
    var_95_1d: one?.var ?? null,
    cvar_95_1d: one?.cvar ?? null,
    var_95_10d: ten?.var ?? null,
    cvar_95_10d: ten?.cvar ?? null,
    concentration: conc,
    exposures: exposures(weights, holdings),
    risk_contributions: contributions,
    correlated_pairs: correlatedPairs(matrix, 5),
    correlation_matrix: matrix,
    short_history: shortHistory,
    fx_unconverted: unconverted,
    notes,
  };
}
