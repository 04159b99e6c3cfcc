// A clock for tests where time passes only by sleeping: each sleep moves "now" forward at
// once. Right for one sleeper at a time (a pacer's queue, one request's retries); its
// timeouts never fire.
import type { Clock } from '../../lambdas/adapters/http/clock.js';

export interface VirtualClock extends Clock {
  /** Every sleep asked for, in ms. */
  readonly sleeps: number[];
}

export function virtualClock(start = 0): VirtualClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += Math.max(0, ms);
    },
    timeout: () => new AbortController().signal,
  };
}
