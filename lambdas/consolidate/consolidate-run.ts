// The Consolidate step as a function of its ports and its event: read every ticker's result,
// build the report and the metrics, write them to S3 and DynamoDB. Every input ticker appears
// exactly once; running it twice for a session overwrites the same objects and items.
import { runNow } from '../core/config/as-of-day.js';
import type { Logger } from '@aws-lambda-powertools/logger';
import { peakRssMb, rssMb, type InvocationMemory } from '../adapters/memory.js';
import type { ObjectStore } from '../adapters/aws/object-store.js';
import { runItem, tickerItem, type Item } from '../adapters/aws/run-table.js';
import type { Settings } from '../core/config/settings-registry.js';
import { consolidateEventSchema, manifestItemSchema, type RunOutcome } from '../core/contracts.js';
import { buildPortfolioReport } from '../core/report/portfolio-report.js';
import { renderReportMarkdown } from '../core/report/report-markdown.js';
import { runKeys } from '../core/run-keys.js';
import { buildBatchPrefetchMetrics } from '../core/metrics/run-metrics.js';
import { prefetchStatsSchema, runRecordSchema } from '../core/prefetch/run-record.js';
import { rankRows, withWeights } from '../core/report/ticker-outcome.js';
import { collectAlphaVantage } from './collect-alpha-vantage.js';
import { collectRows, type ReturnsOf } from './collect-results.js';
import { portfolioRiskOf } from './portfolio-risk-step.js';
import { withPositionAdvice } from '../core/portfolio/position-advice.js';
import { emitRunMetrics } from './emit-run-metrics.js';
import { itemExpiry, notifyDigest, readRunHistory, runHistoryAttributes, withHistory } from './run-history-step.js';
import { writeHtmlReport } from './html-report.js';
import { benchmarkCloseOf, readTrackRecord } from './track-record-step.js';
import { marketContextSchema } from '../core/prefetch/market-context.js';
import { runCostOf } from './run-cost-inputs.js';
import { crewSpan } from '../core/metrics/crew-span.js';
import { memoryFigures, peakOf } from '../core/metrics/memory-figures.js';
import { llmConfigOf } from '../core/config/llm-config.js';
import { narrativePlan } from './narrative-plan.js';

/** What Consolidate talks to: the bucket, the table, the log, and the settings loaded at start. */
export interface ConsolidatePorts {
  readonly store: ObjectStore;
  readonly bucket: string;
  readonly table: string;
  readonly putItems: (table: string, items: Item[]) => Promise<void>;
  readonly logger: Logger;
  readonly settings: Settings;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** This invocation's memory (the handler samples it); absent: the process's peak so far. */
  readonly memory?: InvocationMemory;
}

export async function consolidateRun(ports: ConsolidatePorts, event: unknown): Promise<RunOutcome> {
  const { store, bucket, table, logger, settings } = ports;
  const { sessionId, executionStartTime, state } = consolidateEventSchema.parse(event);
  logger.appendKeys({ sessionId });
  const started = new Date();
  const startedMs = performance.now();
  const historyConfig = {
    retentionDays: settings.HISTORY_RETENTION_DAYS,
    threshold: settings.DIGEST_THRESHOLD,
    topicArn: ports.env.DIGEST_TOPIC_ARN || null,
  };
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

  const returnsOf: ReturnsOf = new Map();
  const rows = withPositionAdvice(withWeights(rankRows(await collectRows(store, sessionId, manifest, returnsOf, executionStartTime))), settings.MAX_POSITION_WEIGHT);
  // Alpha Vantage ran when Prefetch enabled it (ENABLE_ALPHA_VANTAGE and a key): its summary says so.
  const alphaVantageEnabled = alphaVantageState(state) ?? record?.alphaVantage?.enabled ?? false;
  const alphaVantage = await collectAlphaVantage(
    store,
    sessionId,
    manifest.map((item) => item.ticker),
    alphaVantageEnabled,
  );
  if (alphaVantage.quotaReached) logger.warn(`Alpha Vantage quota reached: ${alphaVantage.quotaMessage ?? ''}`);
  const { BASE_CURRENCY: baseCurrency, STALE_AFTER_TRADING_DAYS: staleAfterTradingDays } = settings;
  const realStartedAt = executionStartTime ?? record?.startedAt ?? started.toISOString();
  // A run of a simulated past market starts on its day (history and the track record order and
  // age runs by it); its durations stay on the real clock.
  const startedAt = settings.SIM_AS_OF ? runNow(settings.SIM_AS_OF, new Date(realStartedAt)).toISOString() : realStartedAt;
  const prefetchFinished = prefetch ? Date.parse(prefetch.finishedAt) : Date.parse(realStartedAt);
  const finished = new Date();
  const crews = crewSpan(rows);
  const memory = memoryFigures({ inLambda: Boolean(ports.env.AWS_LAMBDA_FUNCTION_NAME), prefetch, rows, consolidatePeakMb: ports.memory?.peakMb() ?? peakRssMb() });
  const metrics = buildBatchPrefetchMetrics({
    sessionId,
    timestamp: runNow(settings.SIM_AS_OF, finished).toISOString(),
    mode,
    fallbackReason,
    fallbackAt: state.fallbackAt ?? null,
    batchSize: mode === 'batch' ? (record?.batchSize ?? 1) : 1,
    batchSizeReason: mode === 'batch' ? (record?.batchSizeReason ?? null) : 'sequential: one ticker at a time',
    totalBatches: mode === 'batch' ? (record?.totalBatches ?? manifest.length) : manifest.length,
    rows,
    prefetch,
    // The Map of crews alone, from the results; without any, the time between Prefetch and Consolidate.
    crewSeconds: crews?.seconds ?? Math.max(0, (started.getTime() - prefetchFinished) / 1000),
    // Between Prefetch's end and the first Crew: the enrichment's Waits and calls.
    alphaVantageStageSeconds: alphaVantageEnabled && crews ? Math.max(0, (crews.firstStartMs - prefetchFinished) / 1000) : null,
    totalSeconds: Math.max(0, (finished.getTime() - Date.parse(realStartedAt)) / 1000),
    memoryUsageMb: rssMb(),
    peakMemoryUsageMb: peakOf(memory),
    memory,
    alphaVantageEnabled,
    alphaVantage,
    sources: record?.sources ?? null,
    llmPlan: narrativePlan(llmConfigOf(settings), manifest.length),
  });
  // Added beside the original keys: the run's estimated AWS cost, from what it did.
  metrics.batch_prefetch_metrics.estimated_cost_usd = runCostOf({ metrics, mode, rows, prefetch, alphaVantage, consolidateSeconds: (performance.now() - startedMs) / 1000 });
  const report = buildPortfolioReport({
    sessionId,
    // The report's time is the run's today: SIM_AS_OF's day for a simulated past market.
    generatedAt: runNow(settings.SIM_AS_OF, finished).toISOString(),
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
  const history = await readRunHistory(table, report, logger);
  const context = await store.getJson(keys.marketContext, marketContextSchema).catch(() => null);
  const benchmark = benchmarkCloseOf(context);
  const risk = portfolioRiskOf({ rows, returnsOf, context, asOf: report.generated_at, baseCurrency, benchmarkSymbol: settings.BENCHMARK_SYMBOL });
  const trackRecord = await readTrackRecord(table, report, history.portfolioId, benchmark, settings.BENCHMARK_SYMBOL, logger);
  const reportWithHistory = { ...withHistory(report, history), portfolio_risk: risk, track_record: trackRecord };
  await store.putJson(keys.metrics, metrics);
  await store.putJson(keys.reportJson, reportWithHistory);
  await store.putText(keys.reportMarkdown, renderReportMarkdown(reportWithHistory), 'text/markdown; charset=utf-8');
  const { reportUrl } = await writeHtmlReport({ store, bucket, report: reportWithHistory, logger, env: ports.env });

  const m = metrics.batch_prefetch_metrics;
  const expiry = itemExpiry(finished, historyConfig.retentionDays);
  await ports.putItems(table, [
    runItem({
      sessionId,
      startedAt,
      finishedAt: finished.toISOString(),
      portfolioKey: record?.portfolioKey ?? null,
      mode,
      fallbackReason,
      metrics: m,
      reportKey: keys.reportJson,
      history: { ...runHistoryAttributes(report, history, expiry.expiresAt), benchmark },
    }),
    ...rows.map((row) => tickerItem(sessionId, row, expiry)),
  ]);
  emitRunMetrics({ metrics: m, plannedSequential: record?.initialMode === 'sequential' }, logger);
  await notifyDigest(history.digest, { ...historyConfig, report, bucket, reportMarkdownKey: keys.reportMarkdown }, logger);
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
}

/** `alphaVantage.enabled` of the Prefetch summary in the state, when it is there. */
function alphaVantageState(state: Record<string, unknown>): boolean | undefined {
  const alphaVantage = state.alphaVantage as { enabled?: unknown } | undefined;
  return typeof alphaVantage?.enabled === 'boolean' ? alphaVantage.enabled : undefined;
}
