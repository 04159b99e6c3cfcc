// The DynamoDB table: one metrics item per run and one summary item per ticker under the
// run's partition key. Keys derive from the session id, so writing a run twice overwrites.
import { BatchWriteCommand, type BatchWriteCommandInput, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamoClient } from './aws-clients.js';
import type { ReportRow } from '../../core/report/ticker-outcome.js';

export const RUNS_INDEX = 'byStartedAt';
export const RUNS_PARTITION = 'RUNS';
const BATCH_WRITE_LIMIT = 25;
const MAX_UNPROCESSED_ROUNDS = 8;

export const runItemKey = (sessionId: string) => ({ pk: `RUN#${sessionId}`, sk: 'RUN' });
export const tickerItemKey = (sessionId: string, ticker: string) => ({ pk: `RUN#${sessionId}`, sk: `TICKER#${ticker}` });

export type Item = Record<string, unknown>;

export async function putItems(table: string, items: Item[]): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
    let requests: BatchWriteCommandInput['RequestItems'] = {
      [table]: items.slice(start, start + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } })),
    };
    for (let round = 0; requests && Object.keys(requests).length > 0; round++) {
      if (round === MAX_UNPROCESSED_ROUNDS) throw new Error(`DynamoDB kept items unprocessed after ${round} attempts`);
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      const answer: BatchWriteCommandOutput = await dynamoClient().send(new BatchWriteCommand({ RequestItems: requests }));
      requests = answer.UnprocessedItems;
    }
  }
}

/** The figures of batch_prefetch_metrics.json the run item lifts to its own attributes. */
interface RunItemMetrics {
  readonly total_tickers: number;
  readonly successful_tickers: number;
  readonly failed_tickers: number;
  readonly total_duration_seconds: number;
}

/** The run's metrics item: listed newest first through the byStartedAt index (gsi1), with its history attributes. */
export function runItem(run: {
  sessionId: string;
  startedAt: string;
  finishedAt: string;
  portfolioKey: string | null;
  mode: string;
  fallbackReason: string | null;
  metrics: RunItemMetrics;
  reportKey: string;
  history: Item;
}): Item {
  const m = run.metrics;
  return {
    ...runItemKey(run.sessionId),
    gsi1pk: RUNS_PARTITION,
    gsi1sk: `${run.startedAt}#${run.sessionId}`,
    sessionId: run.sessionId,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    portfolioKey: run.portfolioKey,
    mode: run.mode,
    fallbackReason: run.fallbackReason,
    totalTickers: m.total_tickers,
    successfulTickers: m.successful_tickers,
    failedTickers: m.failed_tickers,
    durationSeconds: m.total_duration_seconds,
    reportKey: run.reportKey,
    metrics: m,
    ...run.history,
  };
}

/** The per-ticker item: the summary a run listing or a history needs, not the whole result. */
export function tickerItem(sessionId: string, row: ReportRow, expiry: Item): Item {
  const { rationale: _rationale, lead_finding: _lead, warnings, fetchSeconds: _fetch, analysisSeconds: _analysis, llm: _llm, provenance: _provenance, crewSeconds: _crew, ...summary } = row;
  return { ...tickerItemKey(sessionId, row.ticker), ...summary, warningCount: warnings.length, ...expiry };
}
