// Read every ticker's result with bounded concurrency; keep only the compact report row.
import PQueue from 'p-queue';
import { ZodError } from 'zod';
import type { ObjectStore } from '../adapters/aws/object-store.js';
import type { ManifestItem } from '../core/contracts.js';
import { crewResultSchema } from '../core/analysis/crew-result.js';
import { runKeys } from '../core/run-keys.js';
import { toReportRow, type ReportRow } from '../core/report/ticker-outcome.js';

const READ_CONCURRENCY = 16;

export async function collectRows(store: ObjectStore, sessionId: string, manifest: ManifestItem[]): Promise<ReportRow[]> {
  const keys = runKeys(sessionId);
  const queue = new PQueue({ concurrency: READ_CONCURRENCY });
  const rows = await Promise.all(
    manifest.map((holding) =>
      queue.add(async () => {
        try {
          return toReportRow({ holding, result: await store.getJson(keys.result(holding.ticker), crewResultSchema) });
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
