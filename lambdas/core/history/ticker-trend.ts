// A holding's composite, grade and recommendation over the runs of its portfolio, oldest first:
// the trend line of the HTML report and what `finwiz history` prints.
import type { RunSnapshot } from './run-snapshot.js';

/** A trend line needs at least this many runs to say anything. */
export const MIN_TREND_RUNS = 3;

export interface TrendPoint {
  session_id: string;
  started_at: string;
  status: 'ok' | 'failed';
  composite_score: number | null;
  grade: string;
  recommendation: string;
}

/**
 * Per ticker of the newest run, its points in every run that held it (oldest first); null when
 * the portfolio has fewer than MIN_TREND_RUNS runs. `runs` may come in any order.
 */
export function buildTrends(runs: readonly RunSnapshot[]): Record<string, TrendPoint[]> | null {
  if (runs.length < MIN_TREND_RUNS) return null;
  const ordered = [...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.sessionId.localeCompare(b.sessionId));
  const newest = ordered[ordered.length - 1]!;
  const trends: Record<string, TrendPoint[]> = {};
  for (const { ticker } of newest.tickers) trends[ticker] = [];
  for (const run of ordered) {
    for (const t of run.tickers) {
      trends[t.ticker]?.push({
        session_id: run.sessionId,
        started_at: run.startedAt,
        status: t.status,
        composite_score: t.composite_score,
        grade: t.grade,
        recommendation: t.recommendation,
      });
    }
  }
  return trends;
}
