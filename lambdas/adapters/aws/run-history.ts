// Earlier runs, read back from the table: the newest completed runs of one portfolio (GSI
// `byPortfolio`) or of any portfolio (GSI `byStartedAt`), and each run's per-ticker items.
// Every item read is parsed: an item of an older shape is skipped, never trusted.
import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { runSnapshotSchema, tickerSnapshotSchema, type RunSnapshot, type TickerSnapshot } from '../../core/history/run-snapshot.js';
import { benchmarkCloseSchema, runsToScore, type BenchmarkClose, type RunCalls } from '../../core/history/track-record.js';
import { dynamoClient } from './aws-clients.js';
import { RUNS_INDEX, RUNS_PARTITION, runItemKey, tickerItemKey } from './run-table.js';

export const PORTFOLIO_INDEX = 'byPortfolio';
export const portfolioPartition = (identity: string) => `PORTFOLIO#${identity}`;
/** Sort key of both indexes: newest first when read backwards; the session id breaks ties. */
export const runSortKey = (startedAt: string, sessionId: string) => `${startedAt}#${sessionId}`;

/** The fields of a run item that history needs. "Completed" = it has a report. */
const runItemSchema = z.object({
  sessionId: z.string(),
  startedAt: z.string(),
  portfolioKey: z.string().nullable().optional(),
  portfolioIdentity: z.string().optional(),
  reportKey: z.string(),
  totalMarketValue: z.number().nullable().optional(),
  gradeDistribution: z.record(z.string(), z.number()).optional(),
});
export type RunHeader = z.infer<typeof runItemSchema>;

const PAGE = 25;

/** Newest first, at most `limit` completed runs; with `before`, only runs that sort before it (the current run's sort key). */
export async function completedRuns(
  table: string,
  options: { portfolioIdentity?: string; before?: string; excludeSessionId?: string; limit: number },
): Promise<RunHeader[]> {
  const byPortfolio = options.portfolioIdentity !== undefined;
  const partition = byPortfolio ? 'gsi2pk' : 'gsi1pk';
  const sort = byPortfolio ? 'gsi2sk' : 'gsi1sk';
  const runs: RunHeader[] = [];
  let start: QueryCommandInput['ExclusiveStartKey'];
  do {
    const answer = await dynamoClient().send(
      new QueryCommand({
        TableName: table,
        IndexName: byPortfolio ? PORTFOLIO_INDEX : RUNS_INDEX,
        KeyConditionExpression: options.before ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': partition, ...(options.before ? { '#sk': sort } : {}) },
        ExpressionAttributeValues: {
          ':pk': byPortfolio ? portfolioPartition(options.portfolioIdentity!) : RUNS_PARTITION,
          ...(options.before ? { ':before': options.before } : {}),
        },
        ScanIndexForward: false,
        Limit: PAGE,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of answer.Items ?? []) {
      const run = runItemSchema.safeParse(item);
      if (run.success && run.data.sessionId !== options.excludeSessionId) runs.push(run.data);
      if (runs.length === options.limit) return runs;
    }
    start = answer.LastEvaluatedKey;
  } while (start);
  return runs;
}

/** The per-ticker items of one run. */
export async function tickerSnapshots(table: string, sessionId: string): Promise<TickerSnapshot[]> {
  const tickers: TickerSnapshot[] = [];
  let start: QueryCommandInput['ExclusiveStartKey'];
  do {
    const answer = await dynamoClient().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ticker)',
        ExpressionAttributeValues: { ':pk': `RUN#${sessionId}`, ':ticker': 'TICKER#' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of answer.Items ?? []) {
      const ticker = tickerSnapshotSchema.safeParse(item);
      if (ticker.success) tickers.push(ticker.data);
    }
    start = answer.LastEvaluatedKey;
  } while (start);
  return tickers;
}

/** One ticker's item of one run, or null when that run did not hold it. */
export async function tickerSnapshot(table: string, sessionId: string, ticker: string): Promise<TickerSnapshot | null> {
  const answer = await dynamoClient().send(new GetCommand({ TableName: table, Key: tickerItemKey(sessionId, ticker) }));
  const parsed = tickerSnapshotSchema.safeParse(answer.Item);
  return parsed.success ? parsed.data : null;
}

/**
 * The snapshots of the newest completed runs of a portfolio before the current one, newest
 * first. An earlier attempt of the same session (a run restarted with its session id) is not
 * an earlier run.
 */
export async function previousRuns(
  table: string,
  portfolioIdentity: string,
  current: { startedAt: string; sessionId: string },
  limit: number,
): Promise<RunSnapshot[]> {
  const before = runSortKey(current.startedAt, current.sessionId);
  const runs = await completedRuns(table, { portfolioIdentity, before, excludeSessionId: current.sessionId, limit });
  return Promise.all(
    runs.map(async (run) =>
      runSnapshotSchema.parse({
        sessionId: run.sessionId,
        startedAt: run.startedAt,
        totalMarketValue: run.totalMarketValue ?? null,
        gradeDistribution: run.gradeDistribution ?? {},
        tickers: await tickerSnapshots(table, run.sessionId),
      }),
    ),
  );
}

/** The most run headers of one portfolio the track record looks through (a year of daily runs and more). */
export const TRACK_RECORD_RUN_HEADERS = 400;

/**
 * The earlier runs the track record scores (runsToScore), each with its benchmark close and its
 * calls: the runs' headers of the portfolio, newest first, then the ticker items of the few chosen.
 */
export async function earlierRunCalls(
  table: string,
  portfolioIdentity: string,
  current: { startedAt: string; sessionId: string },
): Promise<RunCalls[]> {
  const before = runSortKey(current.startedAt, current.sessionId);
  const headers = await completedRuns(table, { portfolioIdentity, before, excludeSessionId: current.sessionId, limit: TRACK_RECORD_RUN_HEADERS });
  return Promise.all(
    runsToScore(headers, current.startedAt, current.sessionId).map(async (run) => ({
      sessionId: run.sessionId,
      startedAt: run.startedAt,
      benchmark: await runBenchmarkClose(table, run.sessionId),
      calls: (await tickerSnapshots(table, run.sessionId)).map((t) => ({
        ticker: t.ticker,
        recommendation: t.recommendation,
        grade: t.grade,
        last_price: t.last_price ?? null,
      })),
    })),
  );
}

/**
 * The benchmark's close a run recorded on its own item (read by key: the indexes do not carry
 * it); null for a run from before the track record.
 */
export async function runBenchmarkClose(table: string, sessionId: string): Promise<BenchmarkClose | null> {
  const answer = await dynamoClient().send(new GetCommand({ TableName: table, Key: runItemKey(sessionId), ProjectionExpression: 'benchmark' }));
  const parsed = benchmarkCloseSchema.safeParse(answer.Item?.benchmark);
  return parsed.success ? parsed.data : null;
}
