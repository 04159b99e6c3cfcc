// What the Alpha Vantage enrichment stage left in S3: every ticker's stored answers and the
// run's status, read with bounded concurrency, summed into the metrics' usage. An unreadable
// answer counts as no answer: Alpha Vantage never fails the run.
import PQueue from 'p-queue';
import type { ObjectStore } from '../adapters/aws/object-store.js';
import {
  ALPHA_VANTAGE_DISABLED,
  alphaVantageAnswerFileSchema,
  alphaVantageStatusSchema,
  alphaVantageUsage,
  type AlphaVantageTickerFiles,
  type AlphaVantageUsage,
} from '../core/alpha-vantage/alpha-vantage-run.js';
import { runKeys } from '../core/run-keys.js';

const READ_CONCURRENCY = 16;

async function readOrNull<T>(read: () => Promise<T | null>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof SyntaxError || (error as { name?: string }).name === 'ZodError') return null;
    throw error;
  }
}

export async function collectAlphaVantage(
  store: ObjectStore,
  sessionId: string,
  tickers: readonly string[],
  enabled: boolean,
): Promise<AlphaVantageUsage> {
  if (!enabled) return { ...ALPHA_VANTAGE_DISABLED };
  const keys = runKeys(sessionId);
  const queue = new PQueue({ concurrency: READ_CONCURRENCY });
  const read = (ticker: string, fn: 'OVERVIEW' | 'EARNINGS') =>
    queue.add(() => readOrNull(() => store.getJson(keys.alphaVantage(ticker, fn), alphaVantageAnswerFileSchema)));
  const files = new Map<string, AlphaVantageTickerFiles>();
  await Promise.all(
    tickers.map(async (ticker) => {
      const [overview, earnings] = await Promise.all([read(ticker, 'OVERVIEW'), read(ticker, 'EARNINGS')]);
      files.set(ticker, { overview: overview ?? null, earnings: earnings ?? null });
    }),
  );
  const status = await readOrNull(() => store.getJson(keys.alphaVantageStatus, alphaVantageStatusSchema));
  return alphaVantageUsage({ enabled, tickers, files, status });
}
