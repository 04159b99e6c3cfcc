// Read every ticker's result with bounded concurrency; keep only the compact report row.
import PQueue from 'p-queue';
import { ZodError } from 'zod';
import type { ObjectStore } from '../adapters/aws/object-store.js';
import type { ManifestItem } from '../core/contracts.js';
import { crewResultSchema } from '../core/analysis/crew-result.js';
import { runKeys } from '../core/run-keys.js';
import { toReportRow, type ReportRow } from '../core/report/ticker-outcome.js';
import type { RiskHolding } from '../core/portfolio/portfolio-risk.js';

const READ_CONCURRENCY = 16;

/** A holding's daily returns and classification, kept apart from its report row (report.json stays small). */
export type ReturnsOf = Map<string, RiskHolding>;

/** A result analysed this long before the execution started is an earlier execution's (clocks may differ a little). */
export const EARLIER_EXECUTION_MARGIN_MS = 5_000;

export async function collectRows(
  store: ObjectStore,
  sessionId: string,
  manifest: ManifestItem[],
  returns: ReturnsOf = new Map(),
  /** When this execution started: a result analysed before it was left by an earlier execution under the same session id. */
  executionStartTime?: string,
): Promise<ReportRow[]> {
  const startedMs = executionStartTime ? Date.parse(executionStartTime) : Number.NaN;
  const keys = runKeys(sessionId);
  const queue = new PQueue({ concurrency: READ_CONCURRENCY });
  const rows = await Promise.all(
    manifest.map((holding) =>
      queue.add(async () => {
        try {
          const result = await store.getJson(keys.result(holding.ticker), crewResultSchema);
          // This execution's Crew never wrote one (it crashed, and so did the crash record): never
          // report another execution's result as this run's.
          if (result && Date.parse(result.analysed_at) < startedMs - EARLIER_EXECUTION_MARGIN_MS) {
            return { ...toReportRow({ holding, result: null }), reason: `no result from this execution: the result found was analysed at ${result.analysed_at}, before it started (a reused session id)` };
          }
          if (result?.daily_returns) {
            returns.set(holding.ticker, {
              ticker: holding.ticker,
              weight: 0,
              dates: result.daily_returns.dates,
              returns: result.daily_returns.returns,
              sector: result.sector ?? null,
              country: result.country ?? null,
              currency: result.quote_currency,
              assetType: result.asset_type,
            });
          }
          return toReportRow({ holding, result });
        } catch (error) {
          // A corrupt result is this ticker's problem; an S3 fault (access, throttling) is not, and fails the step.
          if (!(error instanceof SyntaxError || error instanceof ZodError)) throw error;
          return { ...toReportRow({ holding, result: null }), reason: `result unreadable: ${error.message.slice(0, 200)}` };
        }
      }),
    ),
  );
  return rows;
}
