// One ticker over past runs, newest first: the runs of one portfolio (or of all), and that
// ticker's item in each run that held it. What `finwiz history` prints.
import type { TrendPoint } from '../../core/history/ticker-trend.js';
import { completedRuns, tickerSnapshot } from './run-history.js';

export interface TickerHistoryPoint extends TrendPoint {
  portfolio_key: string | null;
}

/** How many runs to look through for `limit` points (a ticker may not be in every run). */
const RUNS_PER_POINT = 5;

export async function readTickerHistory(
  table: string,
  ticker: string,
  options: { portfolioIdentity?: string; limit: number },
): Promise<TickerHistoryPoint[]> {
  const runs = await completedRuns(table, {
    ...(options.portfolioIdentity ? { portfolioIdentity: options.portfolioIdentity } : {}),
    limit: options.limit * RUNS_PER_POINT,
  });
  const points: TickerHistoryPoint[] = [];
  for (const run of runs) {
    const item = await tickerSnapshot(table, run.sessionId, ticker);
    if (!item) continue;
    points.push({
      session_id: run.sessionId,
      started_at: run.startedAt,
      portfolio_key: run.portfolioKey ?? null,
      status: item.status,
      composite_score: item.composite_score,
      grade: item.grade,
      recommendation: item.recommendation,
    });
    if (points.length === options.limit) break;
  }
  return points;
}
