// Consolidate Lambda: read every ticker's result, build the report and the metrics, write
// them to S3 and DynamoDB. Every input ticker appears exactly once; running it twice for a
// session overwrites the same objects and items.
import { requiredEnv } from '../adapters/aws/aws-clients.js';
import { createLogger } from '../adapters/logger.js';
import { peakRssMb, rssMb } from '../adapters/memory.js';
import { s3ObjectStore } from '../adapters/aws/object-store.js';
import { putItems, runItemKey, RUNS_PARTITION, tickerItemKey } from '../adapters/aws/run-table.js';
import { analysisConfig } from '../core/config/analysis-config.js';
import { consolidateEventSchema, manifestItemSchema, type RunOutcome } from '../core/contracts.js';
import { buildPortfolioReport } from '../core/report/portfolio-report.js';
import { renderReportMarkdown } from '../core/report/report-markdown.js';
import { runKeys } from '../core/run-keys.js';
import { buildBatchPrefetchMetrics } from '../core/metrics/run-metrics.js';
import { prefetchStatsSchema, runRecordSchema } from '../core/prefetch/run-record.js';
import { rankRows, withWeights, type ReportRow } from '../core/report/ticker-outcome.js';
import { collectAlphaVantage } from './collect-alpha-vantage.js';
import { collectRows } from './collect-results.js';
import { emitRunMetrics } from './emit-run-metrics.js';
import { historySettings, itemExpiry, notifyDigest, readRunHistory, runHistoryAttributes, withHistory } from './run-history-step.js';
import { writeHtmlReport } from './html-report.js';
import { runCostOf } from './run-cost-inputs.js';
import { loadSettings } from '../core/config/load-settings.js';

const logger = createLogger('consolidate');

export const handler = async (event: unknown): Promise<RunOutcome> => {
  // Every setting, before any work: a bad one fails here, naming it.
  loadSettings(process.env);
  const { sessionId, executionStartTime, state } = consolidateEventSchema.parse(event);
  logger.appendKeys({ sessionId });
  const started = new Date();
  const startedMs = performance.now();
  const historyConfig = historySettings(process.env);
  const bucket = requiredEnv('BUCKET_NAME');
  const store = s3ObjectStore(bucket);
  const keys = runKeys(sessionId);
  const manifest = await store.getJson(keys.manifest, manifestItemSchema.array());
  if (!manifest) throw new Error(`No manifest for session ${sessionId}: Prefetch did not get far enough to write it`);
  const record = await store.getJson(keys.run, runRecordSchema);
  const prefetch = await store.getJson(keys.prefetchStats, prefetchStatsSchema);
  const mode = state.mode ?? 'batch';
  const fallbackReason = state.fallbackReason ?? null;
  if (state.error) {
    logger.warn(`Falling back to sequential mode: Prefetch crashed (${state.error.Error ?? 'error'})`, {
      cause: state.error.Cause,
    });
  }

  const rows = withWeights(rankRows(await collectRows(store, sessionId, manifest)));
  // Alpha Vantage ran when Prefetch enabled it (ENABLE_ALPHA_VANTAGE and a key): its summary says so.
  const alphaVantageEnabled = alphaVantageState(state) ?? record?.alphaVantage?.enabled ?? false;
  const alphaVantage = await collectAlphaVantage(
    store,
    sessionId,
    manifest.map((item) => item.ticker),
    alphaVantageEnabled,
  );
  if (alphaVantage.quotaReached) logger.warn(`Alpha Vantage quota reached: ${alphaVantage.quotaMessage ?? ''}`);
  const { baseCurrency, staleAfterTradingDays } = analysisConfig(process.env);
  const startedAt = executionStartTime ?? record?.startedAt ?? started.toISOString();
  const prefetchFinished = prefetch ? Date.parse(prefetch.finishedAt) : Date.parse(startedAt);
  const finished = new Date();
  const metrics = buildBatchPrefetchMetrics({
    sessionId,
    timestamp: finished.toISOString(),
    mode,
    fallbackReason,
    fallbackAt: state.fallbackAt ?? null,
    batchSize: mode === 'batch' ? (record?.batchSize ?? 1) : 1,
    totalBatches: mode === 'batch' ? (record?.totalBatches ?? manifest.length) : manifest.length,
    rows,
    prefetch,
    crewSeconds: Math.max(0, (started.getTime() - prefetchFinished) / 1000),
    totalSeconds: Math.max(0, (finished.getTime() - Date.parse(startedAt)) / 1000),
    memoryUsageMb: rssMb(),
    peakMemoryUsageMb: Math.max(peakRssMb(), prefetch?.peakRssMb ?? 0),
    alphaVantageEnabled,
    alphaVantage,
    sources: record?.sources ?? null,
  });
  // Added beside the original keys: the run's estimated AWS cost, from what it did.
  metrics.batch_prefetch_metrics.estimated_cost_usd = runCostOf({ metrics, mode, rows, prefetch, alphaVantage, consolidateSeconds: (performance.now() - startedMs) / 1000 });
  const report = buildPortfolioReport({
    sessionId,
    generatedAt: finished.toISOString(),
    startedAt,
    portfolioKey: record?.portfolioKey ?? null,
    mode,
    fallbackReason,
    fallbackAt: state.fallbackAt ?? null,
    baseCurrency,
    rows,
    metrics,
    sources: record?.sources ?? null,
    staleAfterTradingDays,
  });
  const table = requiredEnv('TABLE_NAME');
  const history = await readRunHistory(table, report, logger);
  const reportWithHistory = withHistory(report, history);
  await store.putJson(keys.metrics, metrics);
  await store.putJson(keys.reportJson, reportWithHistory);
  await store.putText(keys.reportMarkdown, renderReportMarkdown(reportWithHistory), 'text/markdown; charset=utf-8');
  const { reportUrl } = await writeHtmlReport({ store, bucket, report: reportWithHistory, logger, env: process.env });

  const m = metrics.batch_prefetch_metrics;
  const expiry = itemExpiry(finished, historyConfig.retentionDays);
  await putItems(table, [
    {
      ...runItemKey(sessionId),
      gsi1pk: RUNS_PARTITION,
      gsi1sk: `${startedAt}#${sessionId}`,
      sessionId,
      startedAt,
      finishedAt: finished.toISOString(),
      portfolioKey: record?.portfolioKey ?? null,
      mode,
      fallbackReason,
      totalTickers: m.total_tickers,
      successfulTickers: m.successful_tickers,
      failedTickers: m.failed_tickers,
      durationSeconds: m.total_duration_seconds,
      reportKey: keys.reportJson,
      metrics: m,
      ...runHistoryAttributes(report, history, expiry.expiresAt),
    },
    ...rows.map((row) => ({ ...tickerItemKey(sessionId, row.ticker), ...tickerSummary(row), ...expiry })),
  ]);
  emitRunMetrics({ metrics: m, plannedSequential: record?.initialMode === 'sequential' }, logger);
  await notifyDigest(history.digest, { ...historyConfig, report, bucket: requiredEnv('BUCKET_NAME'), reportMarkdownKey: keys.reportMarkdown }, logger);
  logger.info(
    `Run completed in ${mode} mode: ${m.successful_tickers}/${m.total_tickers} tickers analysed, ${m.failed_tickers} failed`,
  );
  return {
    sessionId,
    mode,
    fallbackReason,
    totalTickers: m.total_tickers,
    successfulTickers: m.successful_tickers,
    failedTickers: m.failed_tickers,
    reportKey: keys.reportJson,
    ...(reportUrl ? { reportUrl } : {}),
    simulated: report.simulated,
  };
};

/** `alphaVantage.enabled` of the Prefetch summary in the state, when it is there. */
function alphaVantageState(state: Record<string, unknown>): boolean | undefined {
  const alphaVantage = state.alphaVantage as { enabled?: unknown } | undefined;
  return typeof alphaVantage?.enabled === 'boolean' ? alphaVantage.enabled : undefined;
}

/** The per-ticker DynamoDB item: the summary a run listing or a history needs, not the whole result. */
function tickerSummary(row: ReportRow) {
  const { rationale: _rationale, warnings, fetchSeconds: _fetch, analysisSeconds: _analysis, llm: _llm, provenance: _provenance, crewSeconds: _crew, ...summary } = row;
  return { ...summary, warningCount: warnings.length };
}
