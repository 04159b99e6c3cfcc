// The run's report (report.json): every input ticker exactly once, ranked by composite, with
// the portfolio's value, grade distribution and SELL candidates.
import type { RunMode } from '../contracts.js';
import type { RunSources } from './provenance.js';
import { runProvenance, type RunProvenance } from './provenance-summary.js';
import type { BatchPrefetchMetrics } from '../metrics/run-metrics.js';
import type { ReportRow } from './ticker-outcome.js';

export const GRADES = ['A+', 'A', 'B', 'C', 'D', 'F', 'N/A'] as const;
export const RECOMMENDATIONS = ['BUY', 'HOLD', 'SELL', 'WAIT'] as const;

export interface SellCandidate {
  ticker: string;
  grade: string;
  composite_score: number | null;
  weight: number | null;
  /** The finding that weighed most for the SELL, with its reference; null when none was judged negative. */
  lead: ReportRow['lead_finding'];
  reasons: string[];
}

export interface PortfolioReport {
  session_id: string;
  generated_at: string;
  started_at: string;
  portfolio_key: string | null;
  mode: RunMode;
  fallback: { reason: string; at: string | null } | null;
  /** Some data of this report came from a simulator: it is not market data (banner). */
  simulated: boolean;
  /** Where the data came from, per source, summed over the holdings. */
  provenance: RunProvenance;
  summary: {
    total_tickers: number;
    successful_tickers: number;
    failed_tickers: number;
    average_composite: number | null;
    base_currency: string;
    total_market_value: number | null;
    total_unrealised_gain: number | null;
    grade_distribution: Record<(typeof GRADES)[number], number>;
    recommendations: Record<(typeof RECOMMENDATIONS)[number], number>;
    stale_tickers: string[];
    /** STALE_AFTER_TRADING_DAYS of the run; null when not given. */
    stale_after_trading_days: number | null;
  };
  sell_candidates: SellCandidate[];
  holdings: ReportRow[];
  failures: Array<{ ticker: string; reason: string }>;
  performance: BatchPrefetchMetrics['batch_prefetch_metrics'];
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const countBy = <K extends string>(keys: readonly K[], values: string[]) =>
  Object.fromEntries(keys.map((key) => [key, values.filter((value) => value === key).length])) as Record<K, number>;

export function buildPortfolioReport(input: {
  sessionId: string;
  generatedAt: string;
  startedAt: string;
  portfolioKey: string | null;
  mode: RunMode;
  fallbackReason: string | null;
  fallbackAt: string | null;
  baseCurrency: string;
  /** Ranked and weighted rows (rankRows, withWeights). */
  rows: ReportRow[];
  metrics: BatchPrefetchMetrics;
  /** Who answered the run's requests (run.json). */
  sources?: RunSources | null;
  staleAfterTradingDays?: number;
}): PortfolioReport {
  const provenance = runProvenance(input.rows, input.sources ?? null);
  const ok = input.rows.filter((row) => row.status === 'ok');
  const composites = ok.flatMap((row) => (row.composite_score === null ? [] : [row.composite_score]));
  const values = input.rows.flatMap((row) => (row.market_value === null ? [] : [row.market_value]));
  const gains = input.rows.flatMap((row) => (row.unrealised_gain === null ? [] : [row.unrealised_gain]));
  // The holder's biggest problems first: weight, then how bad.
  const sells = ok
    .filter((row) => row.recommendation === 'SELL')
    .sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0) || (a.composite_score ?? 0) - (b.composite_score ?? 0));
  return {
    session_id: input.sessionId,
    generated_at: input.generatedAt,
    started_at: input.startedAt,
    portfolio_key: input.portfolioKey,
    mode: input.mode,
    fallback: input.fallbackReason ? { reason: input.fallbackReason, at: input.fallbackAt } : null,
    simulated: provenance.simulated,
    provenance,
    summary: {
      total_tickers: input.rows.length,
      successful_tickers: ok.length,
      failed_tickers: input.rows.length - ok.length,
      average_composite: composites.length ? Math.round((sum(composites) / composites.length) * 1000) / 1000 : null,
      base_currency: input.baseCurrency,
      total_market_value: values.length ? sum(values) : null,
      total_unrealised_gain: gains.length ? sum(gains) : null,
      grade_distribution: countBy(GRADES, input.rows.map((row) => row.grade)),
      recommendations: countBy(RECOMMENDATIONS, input.rows.map((row) => row.recommendation)),
      stale_tickers: input.rows.filter((row) => row.stale).map((row) => row.ticker),
      stale_after_trading_days: input.staleAfterTradingDays ?? null,
    },
    sell_candidates: sells.map((row) => ({
      ticker: row.ticker,
      grade: row.grade,
      composite_score: row.composite_score,
      weight: row.weight,
      lead: row.lead_finding,
      reasons: row.rationale.slice(1, 5),
    })),
    holdings: input.rows,
    failures: input.rows
      .filter((row) => row.status === 'failed')
      .map((row) => ({ ticker: row.ticker, reason: row.reason ?? 'unknown' })),
    performance: input.metrics.batch_prefetch_metrics,
  };
}
