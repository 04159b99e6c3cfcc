// The Crew's Alpha Vantage figures for one ticker: the answers the enrichment stage stored under
// runs/<sid>/alpha-vantage/. Alpha Vantage is the secondary source: a missing, failed or
// unreadable answer only means fewer figures, never a failed ticker.
import type { ObjectStore } from '../adapters/aws/object-store.js';
import type { AlphaVantageFigures } from '../core/alpha-vantage/alpha-vantage.js';
import { alphaVantageAnswerFileSchema, figuresFromFiles, type AlphaVantageAnswerFile } from '../core/alpha-vantage/alpha-vantage-run.js';
import { runKeys } from '../core/run-keys.js';

export async function loadAlphaVantageFigures(
  store: ObjectStore,
  sessionId: string,
  ticker: string,
): Promise<{ figures: AlphaVantageFigures | null; warnings: string[]; fetchedAt: string | null }> {
  const keys = runKeys(sessionId);
  const warnings: string[] = [];
  const read = async (fn: 'OVERVIEW' | 'EARNINGS'): Promise<AlphaVantageAnswerFile | null> => {
    try {
      return await store.getJson(keys.alphaVantage(ticker, fn), alphaVantageAnswerFileSchema);
    } catch (error) {
      warnings.push(`Alpha Vantage ${fn} for ${ticker} could not be read, not used (${error instanceof Error ? error.name : 'error'})`);
      return null;
    }
  };
  const [overview, earnings] = await Promise.all([read('OVERVIEW'), read('EARNINGS')]);
  const { figures, warnings: parseWarnings } = figuresFromFiles({ overview, earnings });
  // The newest answer with data: when the figures the Crew may use were fetched.
  const fetchedAt = [overview, earnings].flatMap((file) => (file?.ok ? [file.fetched_at] : [])).sort().pop() ?? null;
  return { figures, warnings: [...warnings, ...parseWarnings], fetchedAt };
}
