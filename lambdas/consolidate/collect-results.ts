// Read every ticker's result with bounded concurrency; keep only the compact report row.
import PQueue from 'p-queue';
import type { ObjectStore } from '../adapters/object-store.js';
import type { ManifestItem } from '../core/contracts.js';
import { crewResultSchema } from '../core/crew-result.js';
import { runKeys } from '../core/run-keys.js';
import { toReportRow, type ReportRow } from '../core/ticker-outcome.js';

const READ_CONCURRENCY = 16;

export async function collectRows(store: ObjectStore, sessionId: string, manifest: ManifestItem[]): Promise<ReportRow[]> {
  const keys = runKeys(sessionId);
  const queue = new PQueue({ concurrency: READ_CONCURRENCY });
  const rows = await Promise.all(
    manifest.map((holding) =>
      queue.add(async () => {
        const result = await store.getJson(keys.result(holding.ticker), crewResultSchema).catch(() => null);
        return toReportRow({ holding, result });
      }),
    ),
  );
  return rows;
}
