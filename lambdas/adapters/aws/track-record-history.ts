// The track record of the newest completed run, read from the table alone: its calls and the
// benchmark's close against those of the earlier runs of the same portfolio. What
// `finwiz track-record` prints, locally or in the cloud; Consolidate computes the same figures.
import { buildTrackRecord, type TrackRecord } from '../../core/history/track-record.js';
import { completedRuns, earlierRunCalls, runBenchmarkClose, tickerSnapshots } from './run-history.js';

export interface NewestTrackRecord {
  sessionId: string;
  portfolioKey: string | null;
  record: TrackRecord | { unavailable: string };
}

/** Null when the table has no completed run (of that portfolio). */
export async function newestTrackRecord(table: string, options: { portfolioIdentity?: string }): Promise<NewestTrackRecord | null> {
  const [newest] = await completedRuns(table, { ...options, limit: 1 });
  if (!newest) return null;
  const portfolioKey = newest.portfolioKey ?? null;
  if (!newest.portfolioIdentity) return { sessionId: newest.sessionId, portfolioKey, record: { unavailable: 'the newest run predates run history' } };
  const benchmark = await runBenchmarkClose(table, newest.sessionId);
  if (!benchmark) return { sessionId: newest.sessionId, portfolioKey, record: { unavailable: 'the newest run has no close of its benchmark' } };
  const current = {
    sessionId: newest.sessionId,
    startedAt: newest.startedAt,
    benchmark,
    calls: (await tickerSnapshots(table, newest.sessionId)).map((t) => ({
      ticker: t.ticker,
      recommendation: t.recommendation,
      grade: t.grade,
      last_price: t.last_price ?? null,
    })),
  };
  const earlier = await earlierRunCalls(table, newest.portfolioIdentity, current);
  return { sessionId: newest.sessionId, portfolioKey, record: buildTrackRecord(current, earlier, benchmark.symbol) };
}
