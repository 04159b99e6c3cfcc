// The run's report (report.json): every input ticker exactly once, ranked by score.
import type { RunMode } from './contracts.js';
import type { BatchPrefetchMetrics } from './run-metrics.js';
import type { ReportRow } from './ticker-outcome.js';

export interface PortfolioReport {
  session_id: string;
  generated_at: string;
  started_at: string;
  portfolio_key: string | null;
  mode: RunMode;
  fallback: { reason: string; at: string | null } | null;
  summary: { total_tickers: number; successful_tickers: number; failed_tickers: number; average_score: number | null };
  holdings: ReportRow[];
  failures: Array<{ ticker: string; reason: string }>;
  performance: BatchPrefetchMetrics['batch_prefetch_metrics'];
}

export function buildPortfolioReport(input: {
  sessionId: string;
  generatedAt: string;
  startedAt: string;
  portfolioKey: string | null;
  mode: RunMode;
  fallbackReason: string | null;
  fallbackAt: string | null;
  rankedRows: ReportRow[];
  metrics: BatchPrefetchMetrics;
}): PortfolioReport {
  const ok = input.rankedRows.filter((row) => row.status === 'ok');
  const scores = ok.map((row) => row.score ?? 0);
  return {
    session_id: input.sessionId,
    generated_at: input.generatedAt,
    started_at: input.startedAt,
    portfolio_key: input.portfolioKey,
    mode: input.mode,
    fallback: input.fallbackReason ? { reason: input.fallbackReason, at: input.fallbackAt } : null,
    summary: {
      total_tickers: input.rankedRows.length,
      successful_tickers: ok.length,
      failed_tickers: input.rankedRows.length - ok.length,
      average_score: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 1000) / 1000 : null,
    },
    holdings: input.rankedRows,
    failures: input.rankedRows
      .filter((row) => row.status === 'failed')
      .map((row) => ({ ticker: row.ticker, reason: row.reason ?? 'unknown' })),
    performance: input.metrics.batch_prefetch_metrics,
  };
}
