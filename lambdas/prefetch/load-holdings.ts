// The execution input as holdings: inline, or a portfolio file under `portfolios/` in S3.
import type { Holding } from '../core/contracts.js';
import { InvalidInputError } from '../core/errors.js';
import { parseExecutionInput, parsePortfolioFile } from '../core/portfolio.js';
import type { ObjectStore } from '../adapters/object-store.js';

export async function loadHoldings(
  input: unknown,
  store: ObjectStore,
): Promise<{ holdings: Holding[]; portfolioKey: string | null }> {
  const parsed = parseExecutionInput(input);
  if (parsed.kind === 'holdings') return { holdings: parsed.holdings, portfolioKey: null };
  const content = await store.getText(parsed.portfolioKey);
  if (content === null) {
    throw new InvalidInputError(`portfolioKey "${parsed.portfolioKey}" does not exist in the bucket`);
  }
  return { holdings: parsePortfolioFile(parsed.portfolioKey, content), portfolioKey: parsed.portfolioKey };
}
