// An execution started from the AWS console: the execution name becomes the session id, and an
// invalid input fails the execution at once with InvalidInput and a cause that names the field.
// The local engine runs the synthesized definition with the real Prefetch handler, which rejects
// these inputs before it touches S3 or Yahoo.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

import { handler as prefetch } from '../../lambdas/prefetch/handler.js';
import { EXECUTION_NAME, untilPrefetch } from './engine.js';

beforeEach(() => {
  process.env.BUCKET_NAME = 'console-test-bucket';
});

describe('an execution started from the console', () => {
  it.each([
    [{ portfolioKey: 'portfolios/x.csv' }],
    [{ holdings: [{ ticker: 'AAPL', shares: 10, costBasis: 150.25, currency: 'USD' }, { ticker: 'MSFT' }] }],
  ])('%j runs under the execution name as its session id', async (input) => {
    const { event, error } = await untilPrefetch(input);
    expect(error).toBeUndefined();
    expect(event.sessionId).toBe(EXECUTION_NAME);
    expect(event.input).toEqual(input);
  });

  it.each([
    [{}, /needs either "holdings".*or "portfolioKey"/],
    [{ portfolioKey: 'portfolios/x.txt' }, /portfolioKey "portfolios\/x.txt" has an unknown format/],
    [{ portfolioKey: 42 }, /portfolioKey 42 must be a string/],
    [{ holdings: 'AAPL' }, /holdings must be an array/],
    [{ holdings: [{ ticker: 'AAPL', shares: -1 }] }, /holdings\[0\].*shares -1 must be a non-negative number/],
    [{ holdings: [{ ticker: 'AAPL' }], portfolioKey: 'portfolios/x.csv' }, /both "holdings" and "portfolioKey"/],
    [{ portfolioKey: 'portfolios/x.csv', sessionId: 'has space' }, /sessionId "has space" is invalid/],
  ])('%j fails at once with InvalidInput and a cause that names the field', async (input, cause) => {
    const { error } = await untilPrefetch(input, prefetch);
    expect(error?.name).toBe('InvalidInput');
    expect(error?.cause).toMatch(cause);
    // A readable sentence, not a stack trace or a JSON dump of the error.
    expect(error?.cause).not.toMatch(/\n\s+at |"errorType"|"stackTrace"/);
  });
});
