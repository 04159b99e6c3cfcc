// A Yahoo request that got no answer, as our fetch wrapper saw it once its retries were spent:
// a timeout, or a network failure with its code (ECONNREFUSED, ENOTFOUND, ...). The wrapper
// marks the error with its kind and code as fields (the error keeps its own name, message and
// cause, which the retry policy and the unreachable-source check read), so that the reason a
// ticker failed is read from fields, never from the message text.
import { connectionFailureCode } from '../http/connection-failure.js';

export type YahooFailureKind = 'timeout' | 'network';

export interface YahooFailureFields {
  yahooFailure: { kind: YahooFailureKind; code: string | null };
}

/** The code of a network failure along the cause chain (undici puts it on `cause`). */
function networkCode(error: unknown): string | null {
  const found = connectionFailureCode(error);
  if (found) return found;
  for (let e: unknown = (error as { cause?: unknown }).cause, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') return code;
    if (typeof message === 'string' && message) return message;
  }
  return null;
}

/** Marks a timeout or a network failure with its kind and code; anything else is left as it was. */
export function markYahooFailure(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const kind: YahooFailureKind | null = error.name === 'TimeoutError' ? 'timeout' : error.name === 'TypeError' && error.message === 'fetch failed' ? 'network' : null;
  if (kind) Object.assign(error, { yahooFailure: { kind, code: kind === 'network' ? networkCode(error) : null } } satisfies YahooFailureFields);
  return error;
}

export const yahooFailureOf = (error: unknown): YahooFailureFields['yahooFailure'] | null =>
  error && typeof error === 'object' && 'yahooFailure' in error ? ((error as YahooFailureFields).yahooFailure ?? null) : null;
