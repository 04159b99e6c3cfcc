// The Yahoo request pacer on a fake clock (vi.useFakeTimers drives the system clock).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestPacer, type PacerPermit } from '../../lambdas/adapters/http/rate-limiter.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Asks for `count` turns at once and records when each was granted (fake ms since start). */
function requestTurns(pacer: RequestPacer, count: number) {
  const grants: number[] = [];
  const permits: PacerPermit[] = [];
  const all = Promise.all(
    Array.from({ length: count }, (_, i) =>
      pacer.acquire().then((permit) => {
        grants[i] = Date.now();
        permits[i] = permit;
      }),
    ),
  );
  return { grants, permits, all };
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

/** The most grants in any window (t - 1000, t], as a sliding-window rate limiter counts them. */
function busiestSecond(times: number[]): number {
  return Math.max(...times.map((t) => times.filter((u) => u > t - 1000 && u <= t).length));
}

describe('RequestPacer spacing', () => {
  it('grants the first request at once, then one every 1/rate seconds, in arrival order', async () => {
    const pacer = new RequestPacer({ requestsPerSecond: 10 });
    const { grants, all } = requestTurns(pacer, 30);
    await vi.advanceTimersByTimeAsync(5_000);
    await all;
    expect(grants[0]).toBe(0);
    expect(gaps(grants).every((gap) => gap === 100)).toBe(true);
    expect(busiestSecond(grants)).toBe(10);
    expect(pacer.stats()).toMatchObject({ granted: 30, throttled: 0, slowdowns: 0, rate: 10 });
  });

  it('never lets a request through early, even while it is waiting', async () => {
    const pacer = new RequestPacer({ requestsPerSecond: 4 });
    const { grants } = requestTurns(pacer, 3);
    await vi.advanceTimersByTimeAsync(0);
    expect(grants.filter((g) => g !== undefined)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(249);
    expect(grants.filter((g) => g !== undefined)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(grants.filter((g) => g !== undefined)).toEqual([0, 250]);
  });

  it('saves up no burst while idle: after a pause, two requests are still a full interval apart', async () => {
    const pacer = new RequestPacer({ requestsPerSecond: 5 });
    await pacer.acquire();
    await vi.advanceTimersByTimeAsync(10_000);
    const { grants, all } = requestTurns(pacer, 3);
    await vi.advanceTimersByTimeAsync(1_000);
    await all;
    expect(grants).toEqual([10_000, 10_200, 10_400]);
  });

  it('paces a fractional rate (0.5/s: one request every 2 s)', async () => {
    const pacer = new RequestPacer({ requestsPerSecond: 0.5 });
    const { grants, all } = requestTurns(pacer, 4);
    await vi.advanceTimersByTimeAsync(10_000);
    await all;
    expect(grants).toEqual([0, 2_000, 4_000, 6_000]);
  });

  it('drops a request whose signal aborts while it waits, rejecting with the reason', async () => {
    const pacer = new RequestPacer({ requestsPerSecond: 10 });
    await pacer.acquire();
    const controller = new AbortController();
    const given = pacer.acquire(controller.signal);
    const next = pacer.acquire().then(() => Date.now());
    controller.abort(new Error('caller gave up'));
    await expect(given).rejects.toThrow('caller gave up');
    await vi.advanceTimersByTimeAsync(200);
    expect(await next).toBe(100); // took the aborted request's turn
    expect(pacer.stats().granted).toBe(2);
    await expect(pacer.acquire(AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });

  it('refuses a rate that is not a positive number', () => {
    expect(() => new RequestPacer({ requestsPerSecond: 0 })).toThrow(RangeError);
    expect(() => new RequestPacer({ requestsPerSecond: Number.NaN })).toThrow(RangeError);
    expect(() => new RequestPacer({ requestsPerSecond: 10 }).setMaxRate(-1)).toThrow(RangeError);
  });
});

describe('RequestPacer adapting to 429s', () => {
  it('halves the rate after a 429, and the requests already waiting slow down at once', async () => {
    const pacer = new RequestPacer({ requestsPerSecond: 10 });
    const { grants, permits, all } = requestTurns(pacer, 6);
    await vi.advanceTimersByTimeAsync(150); // grants at 0 and 100
    expect(pacer.throttled(permits[1])).toBe(true);
    expect(pacer.rate).toBe(5);
    await vi.advanceTimersByTimeAsync(2_000);
    await all;
    expect(grants).toEqual([0, 100, 300, 500, 700, 900]);
  });

  it('slows down once for one overload seen by many requests in flight', async () => {
    const pacer = new RequestPacer({ requestsPerSecond: 10 });
    const { permits, all } = requestTurns(pacer, 4);
    await vi.advanceTimersByTimeAsync(1_000);
    await all;
    // All four were let through at 10/s; all four come back 429.
    expect(permits.map((p) => pacer.throttled(p))).toEqual([true, false, false, false]);
    expect(pacer.rate).toBe(5);
    // A request paced at the new rate that is throttled again halves it again.
    const waiting = pacer.acquire();
    await vi.advanceTimersByTimeAsync(1_000);
    const later = await waiting;
    expect(pacer.throttled(later)).toBe(true);
    expect(pacer.rate).toBe(2.5);
    expect(pacer.stats()).toMatchObject({ throttled: 5, slowdowns: 2 });
  });

  it('never drops below the floor (0.5/s by default)', async () => {
    const pacer = new RequestPacer({ requestsPerSecond: 10 });
    for (let i = 0; i < 10; i++) pacer.throttled();
    expect(pacer.rate).toBe(0.5);
    const { grants, all } = requestTurns(pacer, 3);
    await vi.advanceTimersByTimeAsync(5_000);
    await all;
    expect(gaps(grants)).toEqual([2_000, 2_000]);
    const floor = new RequestPacer({ requestsPerSecond: 10, minRequestsPerSecond: 2 });
    for (let i = 0; i < 10; i++) floor.throttled();
    expect(floor.rate).toBe(2);
  });

  it('wins back 10% per 10 successes, up to the configured rate and never above', () => {
    const pacer = new RequestPacer({ requestsPerSecond: 10 });
    pacer.throttled();
    pacer.throttled();
    expect(pacer.rate).toBe(2.5);
    for (let i = 0; i < 4; i++) pacer.succeeded();
    expect(pacer.rate).toBe(2.5);
    pacer.succeeded();
    expect(pacer.rate).toBeCloseTo(3.5, 10);
    for (let i = 0; i < 5; i++) pacer.succeeded();
    expect(pacer.rate).toBeCloseTo(4.5, 10);
    for (let i = 0; i < 10_000; i++) pacer.succeeded();
    expect(pacer.rate).toBe(10);
  });

  it('starts counting successes again after a 429', () => {
    const pacer = new RequestPacer({ requestsPerSecond: 10 });
    pacer.throttled();
    for (let i = 0; i < 4; i++) pacer.succeeded();
    pacer.throttled();
    expect(pacer.rate).toBe(2.5);
    for (let i = 0; i < 4; i++) pacer.succeeded();
    expect(pacer.rate).toBe(2.5);
    pacer.succeeded();
    expect(pacer.rate).toBeCloseTo(3.5, 10);
  });

  it('spaces requests by the recovered rate', async () => {
    const pacer = new RequestPacer({ requestsPerSecond: 4, recoverAfter: 1, recoveryStep: 1 });
    pacer.throttled(); // 2/s
    const first = requestTurns(pacer, 2);
    await vi.advanceTimersByTimeAsync(1_000);
    await first.all;
    expect(gaps(first.grants)).toEqual([500]);
    pacer.succeeded(); // 4/s again
    const second = requestTurns(pacer, 2);
    await vi.advanceTimersByTimeAsync(1_000);
    await second.all;
    expect(gaps(second.grants)).toEqual([250]);
  });

  it('keeps a slow-down when the configured rate changes, and follows the new rate when not slowed', () => {
    const free = new RequestPacer({ requestsPerSecond: 10 });
    free.setMaxRate(20);
    expect(free.rate).toBe(20);
    free.setMaxRate(4);
    expect(free.rate).toBe(4);
    const slowed = new RequestPacer({ requestsPerSecond: 10 });
    slowed.throttled();
    slowed.setMaxRate(20);
    expect([slowed.rate, slowed.maxRate]).toEqual([5, 20]);
    slowed.setMaxRate(3);
    expect(slowed.rate).toBe(3);
  });
});

describe('RequestPacer against a sliding-window limit', () => {
  it('keeps every one-second window at or under the rate while the rate changes', async () => {
    const pacer = new RequestPacer({ requestsPerSecond: 8, recoverAfter: 3 });
    const grants: number[] = [];
    const all: Promise<void>[] = [];
    for (let i = 0; i < 60; i++) {
      all.push(
        pacer.acquire().then((permit) => {
          grants.push(Date.now());
          // Every 7th request is throttled, the others succeed.
          if (i % 7 === 6) pacer.throttled(permit);
          else pacer.succeeded();
        }),
      );
    }
    await vi.advanceTimersByTimeAsync(120_000);
    await Promise.all(all);
    expect(grants).toHaveLength(60);
    expect(busiestSecond(grants)).toBeLessThanOrEqual(8);
    expect(pacer.stats().slowdowns).toBeGreaterThan(0);
  });
});
