// Consolidate's track record: this run's prices and the benchmark's close against the calls of
// the portfolio's earlier runs (history/track-record.ts). A bonus like the digest: a failure to
// read the history is a sentence in the report, never a failed run.
import type { Logger } from '@aws-lambda-powertools/logger';
import { earlierRunCalls } from '../adapters/aws/run-history.js';
import { errorMessage } from '../core/errors.js';
import { buildTrackRecord, type BenchmarkClose } from '../core/history/track-record.js';
import type { MarketContext } from '../core/prefetch/market-context.js';
import type { PortfolioReport } from '../core/report/portfolio-report.js';
import type { TrackRecordSection } from '../core/report/track-record-text.js';

/** The benchmark's newest close in the run's market context, or null without one. */
export function benchmarkCloseOf(context: MarketContext | null): BenchmarkClose | null {
  const benchmark = context?.benchmark;
  const bar = benchmark?.bars.at(-1);
  if (!benchmark || !bar) return null;
  // The close, not the dividend-adjusted one: the holdings' last prices do not count dividends either.
  return bar.close !== null && bar.close > 0 ? { symbol: benchmark.symbol, close: bar.close, as_of: bar.date } : null;
}

export async function readTrackRecord(
  table: string,
  report: PortfolioReport,
  portfolioId: string,
  benchmark: BenchmarkClose | null,
  benchmarkSymbol: string,
  logger: Logger,
): Promise<TrackRecordSection> {
  try {
    const earlier = await earlierRunCalls(table, portfolioId, { startedAt: report.started_at, sessionId: report.session_id });
    const current = {
      sessionId: report.session_id,
      startedAt: report.started_at,
      benchmark,
      calls: report.holdings.map((row) => ({ ticker: row.ticker, recommendation: row.recommendation, grade: row.grade, last_price: row.last_price })),
    };
    if (!benchmark && earlier.length > 0) return { unavailable: `this run has no close of the benchmark ${benchmarkSymbol}` };
    return buildTrackRecord(current, earlier, benchmarkSymbol);
  } catch (error) {
    logger.warn(`Could not read the track record of this portfolio: ${errorMessage(error)}`);
    return { unavailable: `the earlier runs could not be read (${errorMessage(error)})` };
  }
}
