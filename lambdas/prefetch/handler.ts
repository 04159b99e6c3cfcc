// Prefetch Lambda: validate the input, resolve the configuration, write the manifest,
// decide the mode, fetch every ticker in parallel and store one object per ticker.
// Returns only a small summary: the data stays in S3.
import { availableMemoryMb, withInvocationMemory, type InvocationMemory } from '../adapters/memory.js';
import { yahooServiceTime } from '../adapters/yahoo/yahoo-service-time.js';
import { ALPHA_VANTAGE_BASE_URL } from '../adapters/alpha-vantage/alpha-vantage-client.js';
import { alphaVantageApiKey } from '../adapters/alpha-vantage/alpha-vantage-key.js';
import { identifySource, sourceWitness } from '../adapters/http/source-identity.js';
import { describeSource, SIMULATED_BANNER, type RunSources } from '../core/report/provenance.js';
import { requiredEnv } from '../adapters/aws/aws-clients.js';
import { createLogger } from '../adapters/logger.js';
import { s3ObjectStore } from '../adapters/aws/object-store.js';
import { resetYahooPacer } from '../adapters/yahoo/yahoo-client.js';
import { yahooPortFromEnv } from '../adapters/yahoo/yahoo-source.js';
import { alphaVantagePaceSeconds } from '../core/alpha-vantage/alpha-vantage-run.js';
import { chooseBatchSize, totalBatches } from '../core/mode/batch-size.js';
import { describeSettings, loadSettings } from '../core/config/load-settings.js';
import { describeConfig, parseConfig, type FinwizConfig } from '../core/config/run-config.js';
import { prefetchEventSchema, type ManifestItem, type PrefetchSummary } from '../core/contracts.js';
import { isChunked, prefetchChunkConfig } from '../core/prefetch/prefetch-chunking.js';
import { errorMessage, InvalidInputError } from '../core/errors.js';
import { inputLimits } from '../core/input/input-limits.js';
import { validateSessionId } from '../core/input/portfolio.js';
import { runKeys } from '../core/run-keys.js';
import type { RunRecord } from '../core/prefetch/run-record.js';
import { decideAfterPrefetch, decideInitialMode, failureRate } from '../core/mode/fallback-decision.js';
import { yahooSourceConfig } from '../core/config/yahoo-config.js';
import { runNow } from '../core/config/as-of-day.js';
import { fetchAll } from './fetch-all.js';
import { loadHoldings } from './load-holdings.js';
import { fetchBenchmark } from './market-context-fetch.js';
import { planChunks } from './plan-chunks.js';
import { preparePortfolioContext } from './portfolio-context.js';
import { readFreshCache } from './prefetch-cache.js';
import { sectorFigureCollector } from './sector-figures.js';

const logger = createLogger('prefetch');

export const handler = (event: unknown): Promise<PrefetchSummary> => withInvocationMemory((memory) => prefetch(event, memory));

async function prefetch(event: unknown, memory: InvocationMemory): Promise<PrefetchSummary> {
  const handlerStarted = performance.now();
  const requestsBefore = yahooServiceTime.requestsSoFar();
  // Every setting, before any work: a bad one fails the run here, naming it.
  const settings = loadSettings(process.env);
  const parsedEvent = prefetchEventSchema.safeParse(event);
  if (!parsedEvent.success) {
    const problems = parsedEvent.error.issues.map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`);
    throw new InvalidInputError(`execution input is malformed: ${problems.join('; ')}`);
  }
  const { sessionId, input, executionStartTime } = parsedEvent.data;
  validateSessionId(sessionId);
  logger.appendKeys({ sessionId });
  const config = parseConfig(process.env);
  const yahooConfig = yahooSourceConfig(process.env);
  const concurrency = yahooConfig.concurrency;
  const chunkConfig = prefetchChunkConfig(process.env);
  const { BASE_CURRENCY: baseCurrency, BENCHMARK_SYMBOL: benchmarkSymbol } = settings;
  logger.info('Resolved configuration', { settings: describeSettings(settings) });

  const store = s3ObjectStore(requiredEnv('BUCKET_NAME'));
  const keys = runKeys(sessionId);
  const { holdings, portfolioKey } = await loadHoldings(input, store, inputLimits(process.env));
  const manifest: ManifestItem[] = holdings.map((holding, index) => ({ ...holding, index }));
  const { size: batchSize, reason: batchSizeReason } = chooseBatchSize(config.deepAnalysisBatchSize, holdings.length, availableMemoryMb());
  const batches = totalBatches(holdings.length, batchSize);
  const initial = decideInitialMode({
    batchPrefetchEnabled: config.batchPrefetchEnabled,
    minHoldings: config.batchPrefetchMinHoldings,
    holdings: holdings.length,
  });
  const alphaVantage = await alphaVantageStage(config);
  // The manifest first: if anything below crashes, the fallback still finds the holdings.
  await store.putJson(keys.manifest, manifest);

  // Quotes of the whole portfolio, FX rates and the benchmark: once per run, in every mode.
  resetYahooPacer();
  // Who answers Yahoo's requests is learnt from the answers themselves (a FinWiz simulator marks
  // every one), not asked in a request of its own.
  const yahooSource = sourceWitness(settings.YAHOO_ENDPOINT ?? undefined, 'yahoo');
  // Fail fast while Yahoo has not answered: an unreachable source is then known in a moment.
  const port = yahooPortFromEnv(process.env, { failFastUntilAnswered: true, onAnswer: yahooSource.observe });
  // The benchmark's bars are the run's first Yahoo request: every mode needs them, and a chart
  // needs no cookie or crumb. Its answer says who answers before the cache is read (simulated data
  // must never stand in for real data) and before the run's sources are recorded.
  const contextStarted = performance.now();
  const [benchmark, alphaVantageSource] = await Promise.all([
    fetchBenchmark(port, benchmarkSymbol),
    alphaVantage.enabled
      ? identifySource(settings.ALPHA_VANTAGE_BASE_URL ?? undefined, 'alpha_vantage', { publicUrl: ALPHA_VANTAGE_BASE_URL })
      : null,
  ]);
  const sources: RunSources = { yahoo_finance: yahooSource.identity(), alpha_vantage: alphaVantageSource };
  if (sources.yahoo_finance.origin === 'simulated') {
    logger.warn(`${SIMULATED_BANNER}: ${describeSource('yahoo_finance', sources.yahoo_finance)} answers this run`);
  }
  const record: RunRecord = {
    sessionId,
    startedAt: executionStartTime ?? new Date().toISOString(),
    portfolioKey,
    totalTickers: holdings.length,
    batchSize,
    batchSizeReason,
    totalBatches: batches,
    initialMode: initial.mode,
    initialFallbackReason: initial.reason,
    config: describeConfig(config),
    alphaVantage,
    sources,
  };
  await store.putJson(keys.run, record);
  logger.info(`Portfolio of ${holdings.length} holdings: batch size ${batchSize}, ${batches} batches`);

  const tickers = manifest.map((item) => item.ticker);
  const cacheTtl = settings.PREFETCH_CACHE_TTL_MINUTES;
  // Universe scale: past the threshold this Lambda only plans; each chunk Lambda reads its own cache.
  const chunked = initial.mode === 'batch' && isChunked(holdings.length, chunkConfig);
  const cached = initial.mode === 'batch' && !chunked ? await readFreshCache(store, tickers, cacheTtl, new Date(), sources.yahoo_finance) : new Map();
  if (cached.size) logger.info(`Cache: ${cached.size} of ${tickers.length} tickers fetched less than ${cacheTtl} minutes ago`);
  const { quotes, context, quoteRequests } = await preparePortfolioContext({
    port,
    store,
    keys,
    manifest,
    cached,
    concurrency,
    baseCurrency,
    benchmark,
    logger,
    endpoint: settings.YAHOO_ENDPOINT,
  });

  const contextSeconds = (performance.now() - contextStarted) / 1000;

  const summary = (mode: PrefetchSummary['mode'], reason: string | null, ok: number, failed: number): PrefetchSummary => {
    if (reason) logger.warn(`Falling back to sequential mode: ${reason}`);
    return {
      sessionId,
      mode,
      fallbackReason: reason,
      fallbackAt: reason ? new Date().toISOString() : null,
      totalTickers: holdings.length,
      successfulTickers: ok,
      failedTickers: failed,
      failureRate: failureRate(failed, holdings.length),
      batchSize: mode === 'batch' ? batchSize : 1,
      totalBatches: mode === 'batch' ? batches : holdings.length,
      alphaVantage,
    };
  };
  if (initial.mode === 'sequential') return summary('sequential', initial.reason, 0, 0);
  if (chunked) {
    const plan = await planChunks({
      store,
      keys,
      tickers,
      quotes,
      config: chunkConfig,
      perLambdaRequestsPerSecond: yahooConfig.requestsPerSecond,
    });
    logger.info(`Universe of ${holdings.length} tickers: prefetch in ${plan.count} chunks, ${plan.concurrency} at once`);
    const planSeconds = (performance.now() - handlerStarted) / 1000;
    return { ...summary('batch', null, 0, 0), prefetchChunks: { ...plan, planSeconds } };
  }

  const sectorFigures = sectorFigureCollector();
  const stats = await fetchAll({
    store,
    keys,
    port,
    tickers,
    concurrency,
    quotes,
    // The benchmark is often a holding too (SPY): its year of bars, fetched above, serves both.
    ...(benchmark.error ? {} : { bars: new Map([[benchmark.symbol, benchmark.bars]]) }),
    cached,
    cacheEnabled: cacheTtl > 0,
    slowDataTtlDays: settings.SLOW_DATA_TTL_DAYS,
    marketNow: runNow(settings.SIM_AS_OF),
    logger,
    origin: sources.yahoo_finance,
    onObject: sectorFigures.add,
  });
  // The run's own sector medians, for the crews' sector-relative valuation (no request).
  await store.putJson(keys.marketContext, { ...context, sector_medians: sectorFigures.medians() });
  await store.putJson(keys.prefetchStats, {
    ...stats,
    contextSeconds,
    requests: yahooServiceTime.requestsSoFar() - requestsBefore,
    quoteRequests,
    requestsPerSecond: yahooConfig.requestsPerSecond,
    lambdaSeconds: (performance.now() - handlerStarted) / 1000,
    peakRssMb: memory.peakMb(),
  });
  logger.info(
    `Prefetch completed: ${stats.successfulTickers}/${holdings.length} tickers in ${stats.durationSeconds.toFixed(2)}s`,
  );
  const after = decideAfterPrefetch({ total: holdings.length, failed: stats.failedTickers });
  return summary(after.mode, after.reason, stats.successfulTickers, stats.failedTickers);
}

/**
 * The Alpha Vantage enrichment stage: on when ENABLE_ALPHA_VANTAGE is true and a key is
 * available. It is the secondary source: a missing or unreadable key only turns it off for this
 * run, with a warning (that names the secret, never the key).
 */
async function alphaVantageStage(config: FinwizConfig): Promise<PrefetchSummary['alphaVantage']> {
  const paceSeconds = alphaVantagePaceSeconds(config.alphaVantageRateLimit);
  if (!config.enableAlphaVantage) return { enabled: false, paceSeconds };
  try {
    if (await alphaVantageApiKey(process.env)) {
      logger.info(`Alpha Vantage enabled: OVERVIEW and EARNINGS per ticker, one call every ${paceSeconds}s`);
      return { enabled: true, paceSeconds };
    }
    logger.warn('Alpha Vantage disabled for this run: no key (set ALPHA_VANTAGE_SECRET_NAME or ALPHA_VANTAGE_API_KEY)');
  } catch (error) {
    logger.warn(`Alpha Vantage disabled for this run: ${errorMessage(error)}`);
  }
  return { enabled: false, paceSeconds };
}
