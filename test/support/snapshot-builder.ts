// Tickers of a past run as the history keeps them (TickerSnapshot), for the digest and history tests.
import type { TickerSnapshot } from '../../lambdas/core/history/run-snapshot.js';

/** An analysed holding; its market value is its weight × 1,000. */
export const okSnapshot = (ticker: string, grade: string, recommendation: string, composite: number, weight: number | null): TickerSnapshot => ({
  ticker,
  status: 'ok',
  grade,
  recommendation,
  composite_score: composite,
  weight,
  market_value: weight === null ? null : weight * 1000,
  reason: null,
});

/** A ticker that failed, with the reason. */
export const failedSnapshot = (ticker: string, reason: string): TickerSnapshot => ({
  ticker,
  status: 'failed',
  grade: 'N/A',
  recommendation: 'WAIT',
  composite_score: null,
  weight: null,
  market_value: null,
  reason,
});
