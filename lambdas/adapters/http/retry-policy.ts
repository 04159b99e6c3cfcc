// When and how long to retry an HTTP request: 429, 5xx, network errors and timeouts are
// transient; anything else (404 = unknown symbol, other 4xx) is an answer. Waits grow
// exponentially with FULL jitter (random(0, min(cap, base * 2^retry))), never shorter than
// the server's Retry-After, and no retry is started when its wait would pass the deadline.
import { systemClock, type Clock } from './clock.js';
import { FinwizError } from '../../core/errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt (0 = no retry). */
  maxRetries: number;
  /** Backoff base, ms: the first retry waits random(0, base). */
  baseDelayMs: number;
  /** Backoff cap, ms (before Retry-After, which may ask for more). */
  maxDelayMs: number;
  /** No retry whose wait would end later than this after the first attempt, ms. */
  deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  deadlineMs: 60_000,
});

/** 429 (throttled) and every 5xx. A 404 or any other 4xx is Yahoo's answer, not a glitch. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Error codes of a connection that failed or broke, from Node and undici. */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * A timeout of the attempt (TimeoutError) or a network failure (undici's `fetch failed`, or an
 * error carrying a connection error code, also as its `cause`). An AbortError is the caller
 * giving up and is never retried.
 */
export function isRetryableError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { name, message, code, cause } = error as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  if (name === 'AbortError') return false;
  if (name === 'TimeoutError') return true;
  if (typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code)) return true;
  if (name === 'TypeError' && message === 'fetch failed') return true;
  return cause !== undefined && isRetryableError(cause, depth + 1);
}

/**
 * Retry-After as a wait in ms: delta-seconds ("1", "2.5") or an HTTP date (the wait until
 * then, 0 if it has passed). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names its weekday or month; a bare or signed number is not a date.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The full-jitter backoff before retry number `retry + 1`: random(0, min(cap, base * 2^retry)). */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return random() * ceiling;
}

/** The wait before retry number `retry + 1`: the backoff, or Retry-After when that is longer. */
export function retryDelay(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
  retryAfterMs?: number,
): number {
  return Math.max(backoffDelay(retry, policy, random), retryAfterMs ?? 0);
}

/** Thrown by an attempt that could not even start before the deadline (say, still waiting for
 * its turn): the retry loop then ends with the previous attempt's outcome. */
export class DeadlineExceededError extends FinwizError {
  override readonly name = 'DeadlineExceeded' as const;
}

export interface AttemptInfo {
  /** 0 for the first attempt, then 1, 2, ... */
  retry: number;
  /** Epoch ms after which no retry starts. */
  deadlineAt: number;
}

export interface RetryEvent {
  /** The number of the retry about to be made (1 = first retry). */
  retry: number;
  delayMs: number;
  status?: number;
  error?: unknown;
}

export interface RetryOptions extends Partial<RetryPolicy> {
  clock?: Clock;
  /** Uniform in [0, 1); Math.random by default. */
  random?: () => number;
  /** The caller's signal: once aborted, no more waits and no more attempts. */
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
  /** Whether a thrown error is worth another attempt (default isRetryableError). */
  isTransientError?: (error: unknown) => boolean;
}

type Outcome = { response: Response } | { error: unknown };

function settle(outcome: Outcome): Response {
  if ('response' in outcome) return outcome.response;
  throw outcome.error;
}

/** Frees the connection of an answer we will not read. */
function discard(outcome: Outcome): void {
  if ('response' in outcome) outcome.response.body?.cancel().catch(() => {});
}

/**
 * Runs `attempt` until it gives an answer that is not transient, the retries are used up, or
 * the next wait would pass the deadline. Returns the last response (a failed status included,
 * so the caller sees it as usual) or rethrows the last error.
 */
export async function withRetries(attempt: (info: AttemptInfo) => Promise<Response>, options: RetryOptions = {}): Promise<Response> {
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    deadlineMs: options.deadlineMs ?? DEFAULT_RETRY_POLICY.deadlineMs,
  };
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const deadlineAt = clock.now() + policy.deadlineMs;
  let previous: Outcome | undefined;
  for (let retry = 0; ; retry++) {
    let outcome: Outcome;
    try {
      outcome = { response: await attempt({ retry, deadlineAt }) };
    } catch (error) {
      if (error instanceof DeadlineExceededError && previous) return settle(previous);
      outcome = { error };
    }
    // The previous answer is kept unread until now: it is the result if no attempt follows.
    if (previous) discard(previous);
    previous = outcome;
    const transientError = options.isTransientError ?? isRetryableError;
    const transient = 'response' in outcome ? isRetryableStatus(outcome.response.status) : transientError(outcome.error);
    if (!transient || retry >= policy.maxRetries || options.signal?.aborted) return settle(outcome);
    const retryAfterMs = 'response' in outcome ? parseRetryAfter(outcome.response.headers.get('retry-after'), clock.now()) : undefined;
    const delayMs = retryDelay(retry, policy, random, retryAfterMs);
    if (clock.now() + delayMs > deadlineAt) return settle(outcome);
    options.onRetry?.({
      retry: retry + 1,
      delayMs,
      ...('response' in outcome ? { status: outcome.response.status } : { error: outcome.error }),
    });
    try {
      await clock.sleep(delayMs, options.signal);
    } catch (error) {
      discard(outcome);
      throw error;
    }
  }
}
