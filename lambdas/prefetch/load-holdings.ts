// The execution input as holdings: inline, or a portfolio file under `portfolios/` in S3.
// Both are held to the input limits (MAX_HOLDINGS, MAX_PORTFOLIO_BYTES) before they are parsed.
import type { Holding } from '../core/contracts.js';
import { InvalidInputError } from '../core/errors.js';
import { checkPortfolioBytes, inlineInputBytes, INPUT_LIMIT_DEFAULTS, type InputLimits } from '../core/input/input-limits.js';
import { parseExecutionInput, parsePortfolioFile } from '../core/input/portfolio.js';
import { ObjectTooLargeError, type ObjectStore } from '../adapters/aws/object-store.js';

export async function loadHoldings(
  input: unknown,
  store: ObjectStore,
  limits: InputLimits = INPUT_LIMIT_DEFAULTS,
): Promise<{ holdings: Holding[]; portfolioKey: string | null }> {
  checkPortfolioBytes('The execution input', inlineInputBytes(input), limits);
  const parsed = parseExecutionInput(input, limits.maxHoldings);
  if (parsed.kind === 'holdings') return { holdings: parsed.holdings, portfolioKey: null };
  let content: string | null;
  try {
    content = await store.getText(parsed.portfolioKey, { maxBytes: limits.maxPortfolioBytes });
  } catch (error) {
    if (error instanceof ObjectTooLargeError) checkPortfolioBytes(`portfolioKey "${parsed.portfolioKey}"`, error.bytes, limits);
    // Prefetch may read only portfolios/ (lib/functions.ts): anything else is the input's fault.
    if ((error as { name?: string }).name === 'AccessDenied') {
      throw new InvalidInputError(`portfolioKey "${parsed.portfolioKey}" cannot be read: portfolios must be under portfolios/ in the bucket`);
    }
    throw error;
  }
  if (content === null) {
    throw new InvalidInputError(`portfolioKey "${parsed.portfolioKey}" does not exist in the bucket`);
  }
  return { holdings: parsePortfolioFile(parsed.portfolioKey, content, limits.maxHoldings), portfolioKey: parsed.portfolioKey };
}
