import { describe, expect, it } from 'vitest';
import { describeYahooError, UNKNOWN_SYMBOL } from '../../lambdas/adapters/yahoo/yahoo-errors.js';
import { YahooHttpError } from '../../lambdas/adapters/yahoo/yahoo-http-error.js';
import { FinwizError } from '../../lambdas/core/errors.js';

describe('describeYahooError reads the typed error of our fetch wrapper', () => {
  it('takes the status from the field even when the body text says something else', () => {
    // A 503 whose body mentions "not found" must stay a server error, not become an unknown symbol.
    expect(describeYahooError(new YahooHttpError(503, 'Quote not found upstream'))).toBe('HTTP 503');
    expect(describeYahooError(new YahooHttpError(429, ''))).toBe('HTTP 429');
  });

  it('names a 404 an unknown symbol', () => {
    expect(describeYahooError(new YahooHttpError(404, 'whatever'))).toBe(UNKNOWN_SYMBOL);
  });

  it('keeps the kind and status as fields, and the FinWiz base', () => {
    const error = new YahooHttpError(500, 'boom');
    expect(error).toBeInstanceOf(FinwizError);
    expect(error.kind).toBe('http');
    expect(error.code).toBe(500);
    expect(error.message).toBe('HTTP 500: boom');
  });
});
