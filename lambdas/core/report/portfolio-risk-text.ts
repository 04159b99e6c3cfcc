// The "Portfolio risk" section of report.md and report.html: the figures with their one-line
// definitions, the notes, the exposures and the largest risk contributions.
import type { PortfolioRisk } from '../portfolio/portfolio-risk.js';

const pct = (x: number | null, digits = 1) => (x === null ? '—' : `${(x * 100).toFixed(digits)}%`);
const num = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));

/** Each figure, its value and what it means, in the order the report shows them. */
export function riskFigures(risk: PortfolioRisk): Array<[string, string, string]> {
  return [
    ['Volatility (annual)', pct(risk.volatility_annual), 'standard deviation of daily portfolio returns x sqrt(252)'],
    [`Beta (${risk.benchmark})`, num(risk.beta), 'cov(portfolio, benchmark) / var(benchmark), daily simple returns'],
    ['Max drawdown', pct(risk.max_drawdown), "deepest fall of the portfolio's value from a running peak over the year"],
    ['Sortino', num(risk.sortino), 'annualised mean daily return / annualised downside deviation (no risk-free rate)'],
    ['VaR 95%, 1 day', pct(risk.var_95_1d), 'historical: the loss exceeded on 5% of days'],
    ['CVaR 95%, 1 day', pct(risk.cvar_95_1d), 'historical: the mean loss on those 5% of days'],
    ['VaR 95%, 10 days', pct(risk.var_95_10d), 'the same over overlapping 10-day windows'],
    ['CVaR 95%, 10 days', pct(risk.cvar_95_10d), 'the same over overlapping 10-day windows'],
    ['HHI', num(risk.concentration.hhi, 3), 'sum of squared weights (1 = one holding)'],
    ['Effective holdings', num(risk.concentration.effective_holdings, 1), '1 / HHI'],
    ['Top 5 weight', pct(risk.concentration.top5_weight), 'share of the five largest holdings'],
  ];
}

const mapLine = (name: string, map: Record<string, number>) =>
  `${name}: ${Object.entries(map)
    .sort((a, b) => b[1] - a[1])
    .map(([key, weight]) => `${key} ${pct(weight)}`)
    .join(', ')}`;

export function exposureLines(risk: PortfolioRisk): string[] {
  const e = risk.exposures;
  return [mapLine('Sector', e.sector), mapLine('Country', e.country), mapLine('Currency', e.currency), mapLine('Asset type', e.asset_type)];
}

export function contributionLines(risk: PortfolioRisk, limit = 10): string[] {
  return risk.risk_contributions.slice(0, limit).map((c) => `${c.ticker}: ${pct(c.contribution)} of the risk at ${pct(c.weight)} of the value`);
}

/** report.md's correlation table: the largest holdings only, so that it stays readable as text. */
export const MARKDOWN_CORRELATION_HOLDINGS = 10;

export function correlationTable(risk: PortfolioRisk): string[] {
  const tickers = risk.correlation_matrix.tickers.slice(0, MARKDOWN_CORRELATION_HOLDINGS);
  if (tickers.length < 2) return [];
  const rows = risk.correlation_matrix.values.slice(0, tickers.length).map((row, i) => `| ${tickers[i]} | ${row.slice(0, tickers.length).map((c) => num(c)).join(' | ')} |`);
  return [`| | ${tickers.join(' | ')} |`, `|---|${tickers.map(() => '---:').join('|')}|`, ...rows];
}

export function renderPortfolioRiskMarkdown(risk: PortfolioRisk): string[] {
  const lines = ['## Portfolio risk', '', `As of ${risk.as_of.slice(0, 10)}, in ${risk.base_currency}, over ${risk.observations} days of aligned returns.`, ''];
  for (const note of risk.notes) lines.push(`- ${note}`);
  if (risk.notes.length) lines.push('');
  lines.push('| Figure | Value | Definition |', '|---|---|---|');
  for (const [name, value, definition] of riskFigures(risk)) lines.push(`| ${name} | ${value} | ${definition} |`);
  lines.push('', '**Exposures** (shares of the market value)', '', ...exposureLines(risk).map((l) => `- ${l}`), '');
  lines.push('**Largest risk contributions** (share of the variance, Euler)', '', ...contributionLines(risk).map((l) => `- ${l}`), '');
  const table = correlationTable(risk);
  if (table.length) lines.push(`**Correlation of the ${table.length - 2} largest holdings** (daily returns; report.html has the heatmap of ${risk.correlation_matrix.tickers.length})`, '', ...table, '');
  if (risk.correlated_pairs.length) {
    lines.push('**Most correlated pairs** (among the 30 largest)', '', ...risk.correlated_pairs.map((p) => `- ${p.a} and ${p.b}: ${p.correlation.toFixed(2)}`), '');
  }
  return lines;
}
