// Consolidate's failure mode ("Report failed run"): the run stopped before its report, so write
// one that says where and why, and lists every input ticker once with what became of it. It works
// without a manifest (the tickers then come from the execution input) and without results.
import type { ObjectStore } from '../adapters/aws/object-store.js';
import { INPUT_LIMIT_DEFAULTS, type InputLimits } from '../core/input/input-limits.js';
import { failedRunEventSchema, manifestItemSchema, type FailedRunOutcome, type ManifestItem } from '../core/contracts.js';
import { buildFailedRunReport, renderFailedRunMarkdown, rootError, type StepError } from '../core/report/failed-run-report.js';
import { NO_RESULT_REASON, toReportRow } from '../core/report/ticker-outcome.js';
import { runKeys } from '../core/run-keys.js';
import { loadHoldings } from '../prefetch/load-holdings.js';
import { collectRows } from './collect-results.js';
import type { ConsolidatePorts } from './consolidate-run.js';

const stepError = (value: { Error?: string; Cause?: string } | undefined): StepError | null =>
  value ? { error: value.Error ?? 'Error', cause: value.Cause ?? '(no cause given)' } : null;

const message = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

const NOT_ANALYSED = 'not analysed: the run stopped before this ticker had a result';

export interface FailedRunPorts extends Pick<ConsolidatePorts, 'store' | 'logger'> {
  /** Prefetch's input limits (MAX_HOLDINGS, ...), so that the input reads here as it read there. */
  readonly inputLimits?: InputLimits;
}

export async function reportFailedRun(ports: FailedRunPorts, event: unknown): Promise<FailedRunOutcome> {
  const { store, logger } = ports;
  const { sessionId, executionStartTime, failure, state } = failedRunEventSchema.parse(event);
  logger.appendKeys({ sessionId });
  const keys = runKeys(sessionId);
  const error = stepError(failure.error)!;
  const prefetchError = stepError(state.error);

  const manifest = await store.getJson(keys.manifest, manifestItemSchema.array()).catch((readError: unknown) => {
    logger.warn('The manifest could not be read', { error: message(readError) });
    return null;
  });
  const tickers = manifest ? { items: manifest, from: 'manifest' as const, problem: null } : await tickersFromInput(store, state.input, ports.inputLimits ?? INPUT_LIMIT_DEFAULTS);

  // Each ticker's result of this execution; an S3 fault here leaves every ticker "not analysed", never one missing.
  const rows = await collectRows(store, sessionId, tickers.items, new Map(), executionStartTime).catch((readError: unknown) => {
    logger.warn('The results could not be read', { error: message(readError) });
    return tickers.items.map((holding) => ({ ...toReportRow({ holding, result: null }), reason: `${NOT_ANALYSED} (its result could not be read: ${message(readError)})` }));
  });
  const root = rootError(failure.stage, error, prefetchError, manifest !== null);
  const report = buildFailedRunReport({
    sessionId,
    generatedAt: new Date().toISOString(),
    startedAt: executionStartTime ?? null,
    portfolioKey: portfolioKeyOf(state.input),
    stage: failure.stage,
    error: root,
    prefetchError,
    tickersFrom: tickers.from,
    portfolioError: tickers.problem,
    // "no result: crew timed out or crashed" would blame a crew the run never reached.
    rows: rows.map((row) => (row.status === 'failed' && (row.reason === null || row.reason === NO_RESULT_REASON) ? { ...row, reason: NOT_ANALYSED } : row)),
  });
  await store.putJson(keys.reportJson, report);
  await store.putText(keys.reportMarkdown, renderFailedRunMarkdown(report), 'text/markdown; charset=utf-8');
  logger.error(`Run failed in ${failure.stage}: ${root.error}: ${root.cause}`, {
    analysedTickers: report.summary.analysed_tickers,
    totalTickers: report.summary.total_tickers,
  });
  return { Error: root.error, Cause: root.cause, reportKey: keys.reportJson, totalTickers: report.summary.total_tickers };
}

/** The tickers of the execution input, read as Prefetch reads them; why not, when that fails again. */
async function tickersFromInput(
  store: ObjectStore,
  input: unknown,
  limits: InputLimits,
): Promise<{ items: ManifestItem[]; from: 'input' | 'none'; problem: string | null }> {
  if (input === undefined) return { items: [], from: 'none', problem: 'neither the manifest nor the execution input was available' };
  try {
    // Duplicates are merged there, as they are for the manifest.
    const { holdings } = await loadHoldings(input, store, limits);
    return { items: holdings.map((holding, index) => ({ ...holding, index })), from: 'input', problem: null };
  } catch (error) {
    return { items: [], from: 'none', problem: `the portfolio could not be read: ${message(error)}` };
  }
}

function portfolioKeyOf(input: unknown): string | null {
  const key = (input as { portfolioKey?: unknown } | null | undefined)?.portfolioKey;
  return typeof key === 'string' ? key : null;
}
