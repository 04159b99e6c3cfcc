// The portfolio risk of a 5,000-holding book, as Consolidate computes and renders it: each
// holding's year of daily returns from the simulated market (built beforehand, not measured),
// then the risk figures (portfolioRiskOf) and the report's risk section (report.md's text,
// report.html's charts). Measured in this process, no network: the issue's "5,000 holdings within
// Consolidate's memory and a few seconds".
import { compactReturns } from '../lambdas/core/portfolio/compact-returns.js';
import type { RiskHolding } from '../lambdas/core/portfolio/portfolio-risk.js';
import type { MarketContext } from '../lambdas/core/prefetch/market-context.js';
import type { ReportRow } from '../lambdas/core/report/ticker-outcome.js';
import { portfolioRiskOf } from '../lambdas/consolidate/portfolio-risk-step.js';
import { renderPortfolioRiskHtml } from '../lambdas/core/report/portfolio-risk-html.js';
import { renderPortfolioRiskMarkdown } from '../lambdas/core/report/portfolio-risk-text.js';
import { marketModel } from '../sim/market/index.js';

export interface RiskBenchFigures {
  holdings: number;
  observations: number;
  risk_s: number;
  render_s: number;
  heap_growth_mb: number;
  html_kb: number;
}

const AS_OF = new Date('2026-06-17T21:00:00Z');

export function benchPortfolioRisk(tickers: readonly string[]): RiskBenchFigures {
  const returnsOf = new Map<string, RiskHolding>();
  const rows: ReportRow[] = [];
  tickers.forEach((ticker, i) => {
    const model = marketModel(ticker, 0, AS_OF);
    const series = compactReturns(model.bars.map((bar) => bar.date), model.bars.map((bar) => bar.close));
    returnsOf.set(ticker, { ticker, weight: 0, ...series, sector: model.sector || null, country: model.country || null, currency: model.currency, assetType: model.quoteType });
    // Unequal weights, as a real book has: a few large, a long tail.
    rows.push({ ticker, weight: 1 / (i + 10) } as ReportRow);
  });
  const total = rows.reduce((a, row) => a + (row.weight ?? 0), 0);
  for (const row of rows) (row as { weight: number }).weight = (row.weight ?? 0) / total;
  const spy = marketModel('SPY', 0, AS_OF).bars;
  const context: MarketContext = {
    base_currency: 'USD', fx_rates: {}, fx_missing: [], fx_history: {},
    benchmark: { symbol: 'SPY', bars: spy }, benchmark_error: null, fetched_at: AS_OF.toISOString(),
  };
  (globalThis as { gc?: () => void }).gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const risk = portfolioRiskOf({ rows, returnsOf, context, asOf: AS_OF.toISOString(), baseCurrency: 'USD', benchmarkSymbol: 'SPY' });
  const computed = performance.now();
  if (!risk) throw new Error('no portfolio risk for the benchmark book');
  const html = renderPortfolioRiskHtml(risk);
  renderPortfolioRiskMarkdown(risk);
  const rendered = performance.now();
  const heapAfter = process.memoryUsage().heapUsed;
  return {
    holdings: tickers.length,
    observations: risk.observations,
    risk_s: Math.round(computed - started) / 1000,
    render_s: Math.round(rendered - computed) / 1000,
    heap_growth_mb: Math.round((heapAfter - heapBefore) / 1024 ** 2),
    html_kb: Math.round(html.length / 1024),
  };
}
