// The retry policy: which failures are transient, full-jitter backoff, Retry-After, deadline.
// Waits run on fake timers; `random` is injected.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  DeadlineExceededError,
  DEFAULT_RETRY_POLICY,
  isRetryableError,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
  withRetries,
  type AttemptInfo,
  type RetryEvent,
  type RetryOptions,
} from '../../lambdas/adapters/http/retry-policy.js';

const T0 = Date.UTC(2025, 2, 3, 12, 0, 0);

const networkError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`connect ${code}`), { code }) });
const timeoutError = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');
const abortError = () => new DOMException('This operation was aborted', 'AbortError');
const answer = (status: number, headers: Record<string, string> = {}) => new Response(`status ${status}`, { status, headers });

/** A scripted attempt: each call takes the next step (a status, a Response or an error to throw). */
function script(steps: Array<number | Response | Error | DOMException>) {
  const calls: Array<AttemptInfo & { at: number }> = [];
  const attempt = async (info: AttemptInfo): Promise<Response> => {
    calls.push({ ...info, at: Date.now() });
    const step = steps[Math.min(calls.length - 1, steps.length - 1)];
    if (typeof step === 'number') return answer(step);
    if (step instanceof Response) return step;
    throw step;
  };
  return { calls, attempt };
}

/** Runs withRetries to the end on fake time; resolves with its outcome. */
async function run(attempt: (info: AttemptInfo) => Promise<Response>, options: RetryOptions) {
  const events: RetryEvent[] = [];
  const outcome = withRetries(attempt, { ...options, onRetry: (e) => events.push(e) }).then(
    (response) => ({ response, error: undefined }),
    (error: unknown) => ({ response: undefined, error }),
  );
  await vi.runAllTimersAsync();
  return { ...(await outcome), events };
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('what is retried', () => {
  it.each([429, 500, 502, 503, 504, 599])('retries HTTP %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([200, 204, 301, 400, 401, 403, 404, 408, 410, 422])('does not retry HTTP %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });

  it('retries network errors and timeouts, not an abort by the caller nor an ordinary error', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'EAI_AGAIN']) {
      expect(isRetryableError(networkError(code)), code).toBe(true);
    }
    expect(isRetryableError(new TypeError('fetch failed'))).toBe(true);
    expect(isRetryableError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryableError(timeoutError())).toBe(true);
    expect(isRetryableError(abortError())).toBe(false);
    expect(isRetryableError(new Error('boom'))).toBe(false);
    expect(isRetryableError(new TypeError('Failed to parse URL from nonsense'))).toBe(false);
    expect(isRetryableError(Object.assign(new Error('Failed with status 500'), { name: 'HTTPError', code: 500 }))).toBe(false);
    expect(isRetryableError(undefined)).toBe(false);
    expect(isRetryableError('ECONNRESET')).toBe(false);
  });
});

describe('backoff with full jitter', () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 10_000 };

  it('draws each wait between 0 and min(cap, base * 2^retry)', () => {
    const ceilings = [500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000];
    ceilings.forEach((ceiling, retry) => {
      expect(backoffDelay(retry, policy, () => 0)).toBe(0);
      expect(backoffDelay(retry, policy, () => 0.5)).toBe(ceiling / 2);
      expect(backoffDelay(retry, policy, () => 1 - 1e-9)).toBeCloseTo(ceiling, 3);
    });
  });

  it('spreads the waits over the whole range (full jitter, not a fixed or half-jittered wait)', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const delays = Array.from({ length: 2_000 }, () => backoffDelay(3, policy, random));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(4_000);
    expect(Math.min(...delays)).toBeLessThan(400); // a half-jittered wait is never below 2000
    expect(Math.max(...delays)).toBeGreaterThan(3_600);
  });

  it('waits the longer of the backoff and Retry-After', () => {
    expect(retryDelay(0, policy, () => 0.5, 3_000)).toBe(3_000);
    expect(retryDelay(4, policy, () => 0.5, 1_000)).toBe(4_000);
    expect(retryDelay(2, policy, () => 0.5)).toBe(1_000);
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('1', T0)).toBe(1_000);
    expect(parseRetryAfter(' 120 ', T0)).toBe(120_000);
    expect(parseRetryAfter('2.5', T0)).toBe(2_500);
    expect(parseRetryAfter('0', T0)).toBe(0);
  });

  it('reads an HTTP date as the wait until then, and a past date as no wait', () => {
    expect(parseRetryAfter(new Date(T0 + 7_000).toUTCString(), T0)).toBe(7_000);
    expect(parseRetryAfter('Mon, 03 Mar 2025 12:00:30 GMT', T0)).toBe(30_000);
    expect(parseRetryAfter(new Date(T0 - 60_000).toUTCString(), T0)).toBe(0);
  });

  it('ignores an absent or unreadable value', () => {
    for (const value of [null, undefined, '', '  ', 'soon', '-1', '1e3', '0x10', 'Mon, 99 Foo']) {
      expect(parseRetryAfter(value, T0), String(value)).toBeUndefined();
    }
  });
});

describe('withRetries', () => {
  const fast = { baseDelayMs: 100, maxDelayMs: 1_000, maxRetries: 4, deadlineMs: 60_000, random: () => 0.5 };

  it('retries 5xx and 429 until an answer comes, waiting the jittered backoff in between', async () => {
    const { calls, attempt } = script([503, 500, 429, 200]);
    const { response, events } = await run(attempt, fast);
    expect(response?.status).toBe(200);
    expect(calls.map((c) => c.retry)).toEqual([0, 1, 2, 3]);
    // random 0.5 of 100, 200, 400
    expect(gapsOf(calls)).toEqual([50, 100, 200]);
    expect(events.map((e) => [e.retry, e.status, e.delayMs])).toEqual([
      [1, 503, 50],
      [2, 500, 100],
      [3, 429, 200],
    ]);
  });

  it.each([404, 400, 401, 403])('does not retry HTTP %i and returns that answer', async (status) => {
    const { calls, attempt } = script([status, 200]);
    const { response, events } = await run(attempt, fast);
    expect(response?.status).toBe(status);
    expect(calls).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it('stops after maxRetries and returns the last failed answer, readable', async () => {
    const { calls, attempt } = script([500]);
    const { response } = await run(attempt, { ...fast, maxRetries: 3 });
    expect(calls).toHaveLength(4);
    expect(response?.status).toBe(500);
    expect(await response?.text()).toBe('status 500');
  });

  it('makes exactly one attempt with maxRetries 0', async () => {
    const { calls, attempt } = script([503, 200]);
    const { response } = await run(attempt, { ...fast, maxRetries: 0 });
    expect(calls).toHaveLength(1);
    expect(response?.status).toBe(503);
  });

  it('retries network errors and timeouts, and rethrows the last error when they persist', async () => {
    const last = networkError('ECONNREFUSED');
    const { calls, attempt } = script([networkError('ECONNRESET'), timeoutError(), last]);
    const { error, events } = await run(attempt, { ...fast, maxRetries: 2 });
    expect(calls).toHaveLength(3);
    expect(error).toBe(last);
    expect(events.map((e) => (e.error as Error).name)).toEqual(['TypeError', 'TimeoutError']);
  });

  it('recovers from a network error', async () => {
    const { calls, attempt } = script([networkError('ECONNRESET'), 200]);
    const { response } = await run(attempt, fast);
    expect(response?.status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it('rethrows an ordinary error at once', async () => {
    const boom = new Error('boom');
    const { calls, attempt } = script([boom, 200]);
    const { error } = await run(attempt, fast);
    expect(error).toBe(boom);
    expect(calls).toHaveLength(1);
  });

  it('honours Retry-After in seconds when it is longer than the backoff', async () => {
    const { calls, attempt } = script([answer(429, { 'retry-after': '3' }), 200]);
    const { response } = await run(attempt, { ...fast, random: () => 0 });
    expect(response?.status).toBe(200);
    expect(gapsOf(calls)).toEqual([3_000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const { calls, attempt } = script([answer(503, { 'retry-after': new Date(T0 + 5_000).toUTCString() }), 200]);
    const { response } = await run(attempt, { ...fast, random: () => 0 });
    expect(response?.status).toBe(200);
    expect(gapsOf(calls)).toEqual([5_000]);
  });

  it('waits the backoff when it is longer than Retry-After', async () => {
    const { calls, attempt } = script([answer(429, { 'retry-after': '1' }), 200]);
    await run(attempt, { ...fast, baseDelayMs: 4_000, maxDelayMs: 10_000, random: () => 0.75 });
    expect(gapsOf(calls)).toEqual([3_000]);
  });

  it('starts no retry whose wait would pass the deadline, returning the last answer', async () => {
    const { calls, attempt } = script([500]);
    // Waits 450, 900, 1800 ... from the start: 450 fits in 1000, 450 + 900 does not.
    const { response } = await run(attempt, { maxRetries: 10, baseDelayMs: 500, maxDelayMs: 100_000, deadlineMs: 1_000, random: () => 0.9 });
    expect(response?.status).toBe(500);
    expect(calls).toHaveLength(2);
    expect(calls.every((c) => c.deadlineAt === T0 + 1_000)).toBe(true);
    expect(Math.max(...calls.map((c) => c.at))).toBeLessThanOrEqual(T0 + 1_000);
  });

  it('gives up at once when Retry-After asks for more than the deadline allows', async () => {
    const { calls, attempt } = script([answer(429, { 'retry-after': '120' }), 200]);
    const { response } = await run(attempt, { ...fast, deadlineMs: 60_000 });
    expect(response?.status).toBe(429);
    expect(calls).toHaveLength(1);
  });

  it('counts the time the attempts take against the deadline', async () => {
    const calls: number[] = [];
    const slow = async () => {
      calls.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 700)); // a slow 503
      return answer(503);
    };
    const { response } = await run(slow, { maxRetries: 10, baseDelayMs: 200, maxDelayMs: 200, deadlineMs: 2_000, random: () => 0.5 });
    expect(response?.status).toBe(503);
    // Each wait is 100: 0..700, 800..1500, 1600..2300; a retry at 2400 would pass 2000.
    expect(calls.map((t) => Math.round(t - T0))).toEqual([0, 800, 1_600]);
  });

  it('ends with the previous answer when a retry cannot start before the deadline', async () => {
    let n = 0;
    const attempt = async () => {
      n++;
      if (n === 1) return answer(503);
      throw new DeadlineExceededError('no turn before the deadline');
    };
    const { response } = await run(attempt, fast);
    expect(response?.status).toBe(503);
    expect(await response?.text()).toBe('status 503'); // still readable
    expect(n).toBe(2);
  });

  it('stops waiting and rejects when the caller aborts', async () => {
    const controller = new AbortController();
    const { calls, attempt } = script([500]);
    const outcome = withRetries(attempt, { ...fast, baseDelayMs: 10_000, maxDelayMs: 10_000, signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    await vi.runAllTimersAsync();
    expect(await outcome).toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(1);
  });

  it('uses the documented defaults', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxRetries: 4, baseDelayMs: 500, maxDelayMs: 10_000, deadlineMs: 60_000 });
  });

  it('retries with the defaults (4 retries) when nothing is said', async () => {
    const { calls, attempt } = script([500]);
    const { response } = await run(attempt, { random: () => 0.5 });
    expect(response?.status).toBe(500);
    expect(calls).toHaveLength(5);
    expect(gapsOf(calls)).toEqual([250, 500, 1_000, 2_000]);
  });
});

function gapsOf(calls: Array<{ at: number }>): number[] {
  return calls.slice(1).map((c, i) => c.at - calls[i]!.at);
}
