// Enrich Lambda: one Alpha Vantage call (OVERVIEW or EARNINGS) for one ticker, one state of the
// enrichment Map. Pacing is the state machine's (Wait states between calls, MaxConcurrency 1),
// so this Lambda never sleeps. Alpha Vantage is the secondary source: its problems are data,
// written beside the answers, and never fail a ticker. The API key never appears in a log, a
// result, an object or an error.
//
// runs/<sid>/alpha-vantage/status.json is the run's memory: once a quota or throttle answer
// (or a missing key) is seen, it says `exhausted` and every later invocation returns at once
// without a request.
import { createAlphaVantageClient, apiKeyRedactor } from '../adapters/alpha-vantage/alpha-vantage-client.js';
import { alphaVantageApiKey } from '../adapters/alpha-vantage/alpha-vantage-key.js';
import { requiredEnv } from '../adapters/aws/aws-clients.js';
import { createLogger } from '../adapters/logger.js';
import { s3ObjectStore, type ObjectStore } from '../adapters/aws/object-store.js';
import { alphaVantageStatusSchema, type AlphaVantageAnswerFile, type AlphaVantageStatus } from '../core/alpha-vantage/alpha-vantage-run.js';
import { enrichEventSchema, type EnrichResult } from '../core/contracts.js';
import { prefetchObjectSchema } from '../core/prefetch/market-data.js';
import { runKeys } from '../core/run-keys.js';
import { loadSettings } from '../core/config/load-settings.js';
import { errorMessage } from '../core/errors.js';

const logger = createLogger('enrich');

// The key of a warm container, per source (a secret read costs a call and money).
let cachedKey: { source: string; key: Promise<string | null> } | undefined;
function apiKey(): Promise<string | null> {
  const source = `${process.env.ALPHA_VANTAGE_SECRET_NAME ?? ''}|${process.env.ALPHA_VANTAGE_API_KEY ?? ''}`;
  if (cachedKey?.source !== source) {
    const key = alphaVantageApiKey(process.env);
    cachedKey = { source, key };
    // A failed lookup is not kept: the next invocation tries again.
    key.catch(() => {
      if (cachedKey?.key === key) cachedKey = undefined;
    });
  }
  return cachedKey.key;
}

async function readStatus(store: ObjectStore, key: string): Promise<AlphaVantageStatus | null> {
  try {
    return await store.getJson(key, alphaVantageStatusSchema);
  } catch (error) {
    // A corrupt status is not a stop sign; an S3 fault (access, throttling) fails this state.
    if (error instanceof SyntaxError || (error as { name?: string }).name === 'ZodError') return null;
    throw error;
  }
}

export const handler = async (event: unknown): Promise<EnrichResult> => {
  // Every setting, before any work: a bad one fails here, naming it.
  const settings = loadSettings(process.env);
  const { sessionId, ticker, function: fn } = enrichEventSchema.parse(event);
  const keys = runKeys(sessionId);
  const store = s3ObjectStore(requiredEnv('BUCKET_NAME'));
  const log = { sessionId, ticker, function: fn };
  const result = (ok: boolean, exhausted: boolean): EnrichResult => ({ ticker, function: fn, ok, exhausted });

  const status = await readStatus(store, keys.alphaVantageStatus);
  if (status?.exhausted) {
    logger.info(`Alpha Vantage ${fn} for ${ticker} skipped: stopped for the rest of the run`, log);
    return result(false, true);
  }

  const stop = async (reason: NonNullable<AlphaVantageStatus['reason']>, message: string) => {
    const stopped: AlphaVantageStatus = { exhausted: true, reason, message, at: new Date().toISOString(), ticker, function: fn };
    await store.putJson(keys.alphaVantageStatus, stopped);
    logger.warn(`Alpha Vantage stopped for the rest of the run: ${message}`, log);
  };

  const config = { alphaVantageRateLimit: settings.ALPHA_VANTAGE_RATE_LIMIT, enableAlphaVantage: settings.ENABLE_ALPHA_VANTAGE };
  let key: string | null;
  try {
    key = await apiKey();
  } catch (error) {
    // AlphaVantageKeyError names the secret, never its value.
    const message = `Alpha Vantage key unavailable: ${errorMessage(error)}`;
    await writeAnswer(store, keys.alphaVantage(ticker, fn), failure(ticker, fn, 'key', message, 0), null);
    await stop('key', message);
    return result(false, true);
  }
  if (!key) {
    const message = 'Alpha Vantage key unavailable: neither ALPHA_VANTAGE_SECRET_NAME nor ALPHA_VANTAGE_API_KEY is set';
    await writeAnswer(store, keys.alphaVantage(ticker, fn), failure(ticker, fn, 'key', message, 0), null);
    await stop('key', message);
    return result(false, true);
  }

  // One call per invocation: the client is created with the rate, but its first call never waits.
  const client = createAlphaVantageClient({
    apiKey: key,
    callsPerMinute: config.alphaVantageRateLimit,
    ...(settings.ALPHA_VANTAGE_BASE_URL ? { baseUrl: settings.ALPHA_VANTAGE_BASE_URL } : {}),
    logger: { warn: (message, ...extra) => logger.warn(message, ...extra, log) },
  });
  const started = performance.now();
  const answer = fn === 'OVERVIEW' ? await client.overview(ticker) : await client.earnings(ticker);
  const seconds = (performance.now() - started) / 1000;
  const redact = apiKeyRedactor(key);

  if (answer.ok) {
    const file: AlphaVantageAnswerFile = {
      ticker,
      function: fn,
      ok: true,
      data: answer.data as unknown as Record<string, unknown>,
      fetched_at: new Date().toISOString(),
      duration_seconds: seconds,
    };
    // Parsed by the schema: the key, only ever in the request URL, cannot be in it.
    await writeAnswer(store, keys.alphaVantage(ticker, fn), file, null);
    await mergeIntoPrefetchObject(store, keys.prefetch(ticker), fn, file.data);
    logger.info(`Alpha Vantage ${fn} for ${ticker}: ok in ${seconds.toFixed(2)}s`, log);
    return result(true, false);
  }
  await writeAnswer(store, keys.alphaVantage(ticker, fn), failure(ticker, fn, answer.reason, answer.message, seconds), redact);
  if (answer.reason === 'quota' || answer.reason === 'throttle') {
    await stop(answer.reason, redact(answer.message));
    return result(false, true);
  }
  logger.warn(`Alpha Vantage ${fn} for ${ticker} failed: ${redact(answer.message)}`, log);
  return result(false, false);
};

function failure(
  ticker: string,
  fn: AlphaVantageAnswerFile['function'],
  reason: Extract<AlphaVantageAnswerFile, { ok: false }>['reason'],
  message: string,
  seconds: number,
): AlphaVantageAnswerFile {
  return { ticker, function: fn, ok: false, reason, message, fetched_at: new Date().toISOString(), duration_seconds: seconds };
}

/** Writes the answer; `redact` (a failure's text, with the key known) is a last pass over the whole text. */
async function writeAnswer(store: ObjectStore, key: string, file: AlphaVantageAnswerFile, redact: ((text: string) => string) | null): Promise<void> {
  const text = JSON.stringify(file);
  await store.putText(key, redact ? redact(text) : text, 'application/json');
}

/**
 * The answer also joins the ticker's prefetch object under `alpha_vantage` (batch mode; in
 * sequential mode there is none, and the Crew reads the answer files). One writer at a time:
 * the enrichment Map runs one ticker after another, after Prefetch has finished.
 */
async function mergeIntoPrefetchObject(store: ObjectStore, key: string, fn: string, data: Record<string, unknown>): Promise<void> {
  const object = await store.getJson(key, prefetchObjectSchema).catch(() => null);
  if (!object) return;
  await store.putJson(key, { ...object, alpha_vantage: { ...(object.alpha_vantage ?? {}), [fn]: data } });
}
