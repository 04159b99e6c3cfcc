// Crew Lambda: run the crew of analysts over one ticker and write its result. A problem with
// the ticker is a `failed` result, returned normally; only infrastructure faults throw.
import { requiredEnv } from '../adapters/aws/aws-clients.js';
import { narratorFromConfig } from '../adapters/llm/narrator-from-config.js';
import { crewBudget } from './crew-budget.js';
import { parseLlmConfig, type LlmConfig } from '../core/config/llm-config.js';
import { createLogger } from '../adapters/logger.js';
import { withInvocationMemory, type InvocationMemory } from '../adapters/memory.js';
import { s3ObjectStore, type ObjectStore } from '../adapters/aws/object-store.js';
import { yahooPortFromEnv } from '../adapters/yahoo/yahoo-source.js';
import type { YahooPort } from '../adapters/yahoo/yahoo-port.js';
import { crewEventSchema } from '../core/contracts.js';
import { analyseTicker, failedAnalysis } from '../core/analysis/crew-analysis.js';
import { crewCrashReason } from '../core/analysis/crew-crash.js';
import type { CrewEvent } from '../core/contracts.js';
import type { CrewResult } from '../core/analysis/crew-result.js';
import { marketContextSchema, type MarketContext } from '../core/prefetch/market-context.js';
import type { Narrator } from '../core/analysis/narrative.js';
import { narrativeFacts } from '../core/analysis/narrative-facts.js';
import { isSimulated, tickerProvenance, type RunSources } from '../core/report/provenance.js';
import { runKeys } from '../core/run-keys.js';
import { runRecordSchema } from '../core/prefetch/run-record.js';
import { ALPHA_VANTAGE_BASE_URL } from '../adapters/alpha-vantage/alpha-vantage-client.js';
import { identifySource } from '../adapters/http/source-identity.js';
import { loadAlphaVantageFigures } from './load-alpha-vantage.js';
import { loadMarketData } from './load-market-data.js';
import { runNow } from '../core/config/as-of-day.js';
import { loadSettings } from '../core/config/load-settings.js';
import type { Settings } from '../core/config/settings-registry.js';
import { warmCache } from '../adapters/warm-cache.js';

const logger = createLogger('crew');

// Kept across invocations of a warm container: the Yahoo session (renewed if the endpoint
// changes), the run's market context, its sources and the narrator.
const yahooSessions = warmCache<YahooPort>();
const marketContexts = warmCache<Promise<MarketContext | null>>();
const runSourcesBySession = warmCache<Promise<RunSources>>();
const narrators = warmCache<Promise<Narrator | null>>();

// The narrator of the run: made again for a new session when a budget is kept (the ledger is the run's).
const narratorKey = (config: LlmConfig, sessionId: string): string =>
  config.provider === 'none'
    ? 'none'
    : JSON.stringify([config.provider, config.modelId, config.provider === 'openai' ? config.baseUrl : '', config.price, config.budgetUsd, config.timeoutMs, config.budgetUsd === null ? '' : sessionId]);

const marketContext = (store: ObjectStore, sessionId: string): Promise<MarketContext | null> =>
  marketContexts(sessionId, () => store.getJson(runKeys(sessionId).marketContext, marketContextSchema));

// The run's sources as Prefetch identified them (run.json); asked here only when it did not get
// that far, so that even a result of the fallback says where its data came from.
const runSources = (store: ObjectStore, sessionId: string, settings: Settings): Promise<RunSources> =>
  runSourcesBySession(sessionId, () =>
    store
      .getJson(runKeys(sessionId).run, runRecordSchema)
      .catch(() => null)
      .then(
        async (record): Promise<RunSources> =>
          record?.sources ?? {
            yahoo_finance: await identifySource(settings.YAHOO_ENDPOINT ?? undefined, 'yahoo'),
            alpha_vantage: settings.ENABLE_ALPHA_VANTAGE
              ? await identifySource(settings.ALPHA_VANTAGE_BASE_URL ?? undefined, 'alpha_vantage', { publicUrl: ALPHA_VANTAGE_BASE_URL })
              : null,
          },
      ),
  );

export const handler = (event: unknown): Promise<{ ticker: string; status: CrewResult['status'] }> =>
  withInvocationMemory((memory) => analyse(event, memory));

async function analyse(event: unknown, memory: InvocationMemory): Promise<{ ticker: string; status: CrewResult['status'] }> {
  // Every setting, before any work: a bad one fails here, naming it.
  const settings = loadSettings(process.env);
  const { sessionId, mode, holding, batchSize, totalTickers, crash } = crewEventSchema.parse(event);
  const { ticker } = holding;
  if (crash) return recordCrash({ sessionId, mode, holding, reason: crewCrashReason(crash), settings, memory });
  const { BASE_CURRENCY: baseCurrency, BENCHMARK_SYMBOL: benchmarkSymbol, STALE_AFTER_TRADING_DAYS: staleAfterTradingDays } = settings;
  // The narrative's settings, cross-checked (loadSettings did too): a bad one fails here, naming it.
  const llmConfig = parseLlmConfig(process.env);
  const narratorFor = () =>
    narrators(narratorKey(llmConfig, sessionId), () =>
      narratorFromConfig(llmConfig, { budget: crewBudget(llmConfig, sessionId, settings.HISTORY_RETENTION_DAYS) }),
    );
  const sharedYahoo = (): YahooPort => yahooSessions(settings.YAHOO_ENDPOINT ?? '', () => yahooPortFromEnv());
  // Keys per record, not appended: the local engine runs several crews in one process.
  const keys = { sessionId, ticker };
  // After a Prefetch crash the count is unknown (0): the position is then shown alone.
  const position = totalTickers > 0 ? `${holding.index + 1}/${totalTickers}` : `${holding.index + 1}`;
  const label =
    mode === 'batch'
      ? `Batch ${Math.floor(holding.index / batchSize) + 1}/${Math.ceil(totalTickers / batchSize)}`
      : `Sequential ${position}`;
  logger.info(`${label}: Processing ${ticker} (${position})`, keys);

  const started = performance.now();
  const store = s3ObjectStore(requiredEnv('BUCKET_NAME'));
  // Alpha Vantage's answers, when the enrichment stage ran: the secondary source, never fatal.
  const noAlphaVantage = { figures: null, warnings: [] as string[], fetchedAt: null };
  const alphaVantageOn = settings.ENABLE_ALPHA_VANTAGE;
  const [load, shared, alphaVantage, run] = await Promise.all([
    loadMarketData(mode, sessionId, ticker, store, sharedYahoo),
    marketContext(store, sessionId).catch(() => null),
    alphaVantageOn ? loadAlphaVantageFigures(store, sessionId, ticker).catch(() => noAlphaVantage) : noAlphaVantage,
    runSources(store, sessionId, settings),
  ]);
  const analysisStarted = performance.now();
  const analysis = load.ok
    ? analyseTicker({
        holding,
        data: load.data,
        context: shared,
        baseCurrency,
        benchmarkSymbol,
        // SIM_AS_OF: a simulated day is analysed as of that day, so its bars are fresh.
        now: runNow(settings.SIM_AS_OF),
        alphaVantage: alphaVantage.figures,
        staleAfterTradingDays,
      })
    : failedAnalysis(holding, load.error, baseCurrency);
  if (analysis.status === 'ok') analysis.warnings.push(...alphaVantage.warnings);
  const analysisSeconds = (performance.now() - analysisStarted) / 1000;

  const llmStarted = performance.now();
  const llm = analysis.status === 'ok' ? await narratorFor() : null;
  const told = llm && analysis.status === 'ok' ? await llm.narrate(narrativeFacts(analysis)) : null;
  if (told?.warning) analysis.warnings.push(told.warning);
  const provenance = tickerProvenance({
    yahoo: load.origin ?? run.yahoo_finance,
    fetchedAt: load.fetchedAt,
    cacheAgeMinutes: load.cacheAgeMinutes,
    quoteAsOf: analysis.quote_at,
    newestBarAsOf: analysis.newest_bar_at,
    alphaVantage: run.alpha_vantage,
    alphaVantageFetchedAt: alphaVantage.figures ? alphaVantage.fetchedAt : null,
    ...(load.ok
      ? {
          barsSource: load.data.barsSource ?? 'chart',
          slowData: load.data.slowData ? { fetched_at: load.data.slowData.fetched_at, age_days: load.data.slowData.age_days } : null,
        }
      : {}),
  });
  const result: CrewResult = {
    ...analysis,
    provenance,
    simulated: isSimulated(provenance),
    mode,
    narrative: told?.narrative ?? null,
    narrative_skipped: told?.budgetSkipped ? 'budget' : null,
    llm:
      told?.usage
        ? { model_id: told.modelId, input_tokens: told.usage.inputTokens, output_tokens: told.usage.outputTokens, cost_usd: told.usage.costUsd }
        : null,
    durations: {
      fetch_seconds: load.fetchSeconds,
      analysis_seconds: analysisSeconds,
      llm_seconds: told ? (performance.now() - llmStarted) / 1000 : 0,
      total_seconds: (performance.now() - started) / 1000,
    },
    peak_rss_mb: memory.peakMb(),
    analysed_at: new Date().toISOString(),
  };
  await store.putJson(runKeys(sessionId).result(ticker), result);
  if (result.status === 'ok') {
    logger.info(`${label}: Completed ${ticker}: ${result.grade} ${result.recommendation} (composite ${result.composite_score?.toFixed(2)})`, keys);
  } else {
    logger.warn(`${label}: Failed to process data for ${ticker}: ${result.error}`, keys);
  }
  return { ticker, status: result.status };
}

/** After a crash of this ticker's Crew (caught by the state machine): its failed result, with
 * what happened, so that the report names the error; nothing is fetched or analysed again. */
async function recordCrash(o: { sessionId: string; mode: CrewEvent['mode']; holding: CrewEvent['holding']; reason: string; settings: Settings; memory: InvocationMemory }) {
  const store = s3ObjectStore(requiredEnv('BUCKET_NAME'));
  const run = await runSources(store, o.sessionId, o.settings);
  const provenance = tickerProvenance({ yahoo: run.yahoo_finance, fetchedAt: null, cacheAgeMinutes: null, quoteAsOf: null, newestBarAsOf: null, alphaVantage: null, alphaVantageFetchedAt: null });
  const result: CrewResult = {
    ...failedAnalysis(o.holding, o.reason, o.settings.BASE_CURRENCY),
    provenance,
    simulated: isSimulated(provenance),
    mode: o.mode,
    narrative: null,
    narrative_skipped: null,
    llm: null,
    durations: { fetch_seconds: 0, analysis_seconds: 0, llm_seconds: 0, total_seconds: 0 },
    peak_rss_mb: o.memory.peakMb(),
    analysed_at: new Date().toISOString(),
  };
  await store.putJson(runKeys(o.sessionId).result(o.holding.ticker), result);
  logger.warn(`Failed to process data for ${o.holding.ticker}: ${o.reason}`, { sessionId: o.sessionId, ticker: o.holding.ticker });
  return { ticker: o.holding.ticker, status: result.status };
}
