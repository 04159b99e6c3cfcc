// Time as the Yahoo pacer and retries see it, injectable so tests can run on a fake clock.
// The system clock uses Date.now and setTimeout, so vi.useFakeTimers() drives it too.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A signal that aborts with a TimeoutError after `ms` (its timer never keeps the process alive). */
  timeout(ms: number): AbortSignal;
}

export const timeoutError = (ms: number): DOMException =>
  new DOMException(`The operation timed out after ${ms} ms`, 'TimeoutError');

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
  timeout(ms) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timeoutError(ms)), ms);
    // Like AbortSignal.timeout: a finished request's timer must not hold a CLI open.
    (timer as { unref?: () => void }).unref?.();
    return controller.signal;
  },
};
