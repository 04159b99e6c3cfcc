// Crew Lambda: analyse one ticker and write its result. A problem with the ticker is a
// `failed` result, returned normally; only infrastructure faults throw.
import { requiredEnv } from '../adapters/aws-clients.js';
import { createLogger } from '../adapters/logger.js';
import { peakRssMb } from '../adapters/memory.js';
import { s3ObjectStore } from '../adapters/object-store.js';
import { yahooPortFromEnv } from '../adapters/yahoo-source.js';
import type { YahooPort } from '../adapters/yahoo-port.js';
import { analyseBasics } from '../core/basic-analysis.js';
import { crewEventSchema } from '../core/contracts.js';
import type { CrewResult } from '../core/crew-result.js';
import { runKeys } from '../core/run-keys.js';
import { loadMarketData } from './load-market-data.js';

const logger = createLogger('crew');
// One Yahoo client per warm container (cookies and crumb are reused), renewed if the endpoint changes.
let yahoo: { endpoint: string | undefined; port: YahooPort } | undefined;
const sharedYahoo = (): YahooPort => {
  const endpoint = process.env.YAHOO_ENDPOINT;
  if (!yahoo || yahoo.endpoint !== endpoint) yahoo = { endpoint, port: yahooPortFromEnv() };
  return yahoo.port;
};

export const handler = async (event: unknown): Promise<{ ticker: string; status: CrewResult['status'] }> => {
  const { sessionId, mode, holding, batchSize, totalTickers } = crewEventSchema.parse(event);
  const { ticker } = holding;
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
  const load = await loadMarketData(mode, sessionId, ticker, store, sharedYahoo);
  const analysisStarted = performance.now();
  const analysis = load.ok ? analyseBasics(load.data) : { ok: false as const, error: load.error };
  const analysisSeconds = (performance.now() - analysisStarted) / 1000;
  const name = holding.name ?? (load.ok ? quoteName(load.data.quote) : null);
  const result: CrewResult = {
    ticker,
    name,
    status: analysis.ok ? 'ok' : 'failed',
    error: analysis.ok ? null : analysis.error,
    mode,
    figures: analysis.ok ? analysis.figures : null,
    score: analysis.ok ? analysis.score : null,
    durations: {
      fetch_seconds: load.fetchSeconds,
      analysis_seconds: analysisSeconds,
      total_seconds: (performance.now() - started) / 1000,
    },
    peak_rss_mb: peakRssMb(),
    analysed_at: new Date().toISOString(),
  };
  await store.putJson(runKeys(sessionId).result(ticker), result);
  if (analysis.ok) {
    logger.info(`${label}: Completed ${ticker}: score ${analysis.score.toFixed(3)}`, keys);
  } else {
    logger.warn(`${label}: Failed to process data for ${ticker}: ${analysis.error}`, keys);
  }
  return { ticker, status: result.status };
};

function quoteName(quote: Record<string, unknown> | null): string | null {
  const name = quote?.longName ?? quote?.shortName;
  return typeof name === 'string' ? name : null;
}
