// Paces requests to Yahoo: never two grants closer than 1/rate seconds, in arrival order, and
// adaptive: a 429 halves the rate (down to a floor) for the rest of the process, and every
// run of successes wins back a little of it, up to the configured rate.
//
// Spacing, not a bursty bucket: Yahoo (and the simulator) count requests in a sliding window,
// so a burst of N at once is exactly what they punish. The head of the queue re-reads the
// rate after every wait, so a slow-down applies at once to every request still waiting.
import { systemClock, type Clock } from './clock.js';

export interface RequestPacerOptions {
  /** The configured (and highest) rate, requests per second. */
  requestsPerSecond: number;
  /** The rate never drops below this (default 0.5/s). */
  minRequestsPerSecond?: number;
  /** Successes that win back one recovery step (default 5). */
  recoverAfter?: number;
  /**
   * One recovery step, as a share of the configured rate (default 0.1: +1/s of 10/s). Additive
   * increase after a multiplicative decrease (AIMD): back to full speed within 50 successes.
   */
  recoveryStep?: number;
  clock?: Clock;
}

/** Proof that a request was let through, and at which slow-down level. */
export interface PacerPermit {
  readonly grantedAt: number;
  /** How many slow-downs had happened when it was granted. */
  readonly level: number;
}

export interface PacerStats {
  granted: number;
  throttled: number;
  slowdowns: number;
  rate: number;
  maxRate: number;
}

interface Waiter {
  resolve(permit: PacerPermit): void;
  reject(reason: unknown): void;
  detach(): void;
}

export const DEFAULT_MIN_REQUESTS_PER_SECOND = 0.5;

function assertRate(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number, got ${value}`);
}

export class RequestPacer {
  private readonly clock: Clock;
  private readonly minRate: number;
  private readonly recoverAfter: number;
  private readonly recoveryStep: number;
  private max: number;
  private current: number;
  private level = 0;
  private successesSinceStep = 0;
  private lastGrant = Number.NEGATIVE_INFINITY;
  private readonly waiters: Waiter[] = [];
  private pumping = false;
  private counts = { granted: 0, throttled: 0, slowdowns: 0 };

  constructor(options: RequestPacerOptions) {
    assertRate('requestsPerSecond', options.requestsPerSecond);
    this.clock = options.clock ?? systemClock;
    this.minRate = Math.min(options.minRequestsPerSecond ?? DEFAULT_MIN_REQUESTS_PER_SECOND, options.requestsPerSecond);
    assertRate('minRequestsPerSecond', this.minRate);
    this.recoverAfter = Math.max(1, Math.floor(options.recoverAfter ?? 5));
    this.recoveryStep = options.recoveryStep ?? 0.1;
    this.max = options.requestsPerSecond;
    this.current = options.requestsPerSecond;
  }

  /** The rate in force now, requests per second. */
  get rate(): number {
    return this.current;
  }

  /** The configured rate. */
  get maxRate(): number {
    return this.max;
  }

  stats(): PacerStats {
    return { ...this.counts, rate: this.current, maxRate: this.max };
  }

  /** A new configured rate; a slowed-down pacer stays slowed down (below the new rate). */
  setMaxRate(requestsPerSecond: number): void {
    assertRate('requestsPerSecond', requestsPerSecond);
    const unthrottled = this.current >= this.max;
    this.max = requestsPerSecond;
    this.current = unthrottled ? requestsPerSecond : Math.min(this.current, requestsPerSecond);
  }

  /** Waits for this request's turn. Rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<PacerPermit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<PacerPermit>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = { resolve, reject, detach: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      void this.pump();
    });
  }

  /**
   * A request was answered 429. Halves the rate (not below the floor) unless the request
   * was let through before the latest slow-down: one overload seen by many requests in
   * flight at once is one slow-down, not one per request. Returns whether it slowed down.
   */
  throttled(permit?: PacerPermit): boolean {
    this.counts.throttled++;
    this.successesSinceStep = 0;
    if (permit && permit.level < this.level) return false;
    this.level++;
    this.counts.slowdowns++;
    this.current = Math.max(this.minRate, this.current / 2);
    return true;
  }

  /** A request was answered without throttling: every `recoverAfter` of them win back a step. */
  succeeded(): void {
    if (this.current >= this.max) return;
    if (++this.successesSinceStep < this.recoverAfter) return;
    this.successesSinceStep = 0;
    this.current = Math.min(this.max, this.current + this.max * this.recoveryStep);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        // Re-read after every wait: a slow-down in the meantime lengthens it.
        const wait = this.lastGrant + 1000 / this.current - this.clock.now();
        if (wait > 0) {
          // Whole milliseconds: a timer never fires early, so the turn is never early either.
          await this.clock.sleep(Math.ceil(wait));
          continue;
        }
        const waiter = this.waiters.shift() as Waiter;
        waiter.detach();
        this.lastGrant = this.clock.now();
        this.counts.granted++;
        waiter.resolve({ grantedAt: this.lastGrant, level: this.level });
      }
    } finally {
      this.pumping = false;
    }
  }
}
