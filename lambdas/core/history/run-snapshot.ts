// What a run leaves behind for later runs to compare with: the portfolio's totals and, per
// ticker, the few fields a comparison or a trend needs. Read back from DynamoDB, so parsed.
import { z } from 'zod';
import type { PortfolioReport } from '../report/portfolio-report.js';

export const tickerSnapshotSchema = z.object({
  ticker: z.string(),
  status: z.enum(['ok', 'failed']),
  grade: z.string(),
  recommendation: z.string(),
  composite_score: z.number().nullable(),
  weight: z.number().nullable().optional(),
  market_value: z.number().nullable().optional(),
  /** The price at that run, in its quote currency (the track record scores calls with it). */
  last_price: z.number().nullable().optional(),
  reason: z.string().nullable().optional(),
});
export type TickerSnapshot = z.infer<typeof tickerSnapshotSchema>;

export const runSnapshotSchema = z.object({
  sessionId: z.string(),
  startedAt: z.string(),
  totalMarketValue: z.number().nullable(),
  gradeDistribution: z.record(z.string(), z.number()),
  tickers: z.array(tickerSnapshotSchema),
});
export type RunSnapshot = z.infer<typeof runSnapshotSchema>;

export function snapshotOfReport(report: PortfolioReport): RunSnapshot {
  return {
    sessionId: report.session_id,
    startedAt: report.started_at,
    totalMarketValue: report.summary.total_market_value,
    gradeDistribution: report.summary.grade_distribution,
    tickers: report.holdings.map((row) => ({
      ticker: row.ticker,
      status: row.status,
      grade: row.grade,
      recommendation: row.recommendation,
      composite_score: row.composite_score,
      weight: row.weight,
      market_value: row.market_value,
      reason: row.reason,
    })),
  };
}
