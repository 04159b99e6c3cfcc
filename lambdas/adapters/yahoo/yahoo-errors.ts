// One short reason for a failed Yahoo request, as it appears in results and error summaries.
import { YahooHttpError } from './yahoo-http-error.js';
import { yahooFailureOf } from './yahoo-request-error.js';
import { isRetryableError, isRetryableStatus } from '../http/retry-policy.js';

export const UNKNOWN_SYMBOL = 'unknown symbol';

const NOT_FOUND_TEXT = /quote not found|no data found|symbol may be delisted|not found for symbol/i;

export function describeYahooError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Our fetch wrapper's typed error: the status is read from its field, never from the message.
  if (error instanceof YahooHttpError) return error.code === 404 ? UNKNOWN_SYMBOL : `HTTP ${error.code}`;
  // A timeout or a network failure, marked by our fetch wrapper: its kind and code are fields.
  const failure = yahooFailureOf(error);
  if (failure) return failure.kind === 'timeout' ? 'timeout' : `network error${failure.code ? `: ${failure.code}` : ''}`;
  const code = (error as { code?: unknown }).code;
  if (error.name === 'HTTPError' && typeof code === 'number') {
    return code === 404 ? UNKNOWN_SYMBOL : `HTTP ${code}`;
  }
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
  if (NOT_FOUND_TEXT.test(error.message)) return UNKNOWN_SYMBOL;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error.message === 'fetch failed') {
    const detail = cause?.code ?? (cause?.message === 'bad port' ? 'BAD_PORT' : cause?.message);
    return `network error${detail ? `: ${detail}` : ''}`;
  }
  if (/not parsable/i.test(error.message)) return 'malformed answer';
  return error.message.split('\n')[0]!.slice(0, 200);
}

/** Yahoo's 404 for the company modules of an ETF or index: not a failure of the ticker. */
export const isNoFundamentals = (error: unknown): boolean =>
  error instanceof Error && /no fundamentals data found/i.test(error.message);

/** A failure the retry policy would retry (a timeout, a network error, a 429 or a 5xx): the
 * request may well work next time, unlike a 4xx or a misshaped answer. */
export function isTransientYahooError(error: unknown): boolean {
  // An AbortError is how a request's timeout can surface here, as describeYahooError reads it.
  if (yahooFailureOf(error) || isRetryableError(error) || (error instanceof Error && error.name === 'AbortError')) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && error.name === 'HTTPError' && typeof code === 'number' && isRetryableStatus(code);
}
