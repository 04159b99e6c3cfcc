// A ticker's budget for all of its Yahoo requests together (quoteSummary, chart, statements,
// retries included): YAHOO_TICKER_DEADLINE_MS counts from the ticker's first request, not from
// each request's, so a ticker whose every request fails cannot take the deadline once per
// request. A ticker that already failed for a persistent reason gets a shorter budget.
// The budget rides in the async context of the ticker's fetch (AsyncLocalStorage): the Yahoo
// client reads it when a request starts, through yahoo-finance2's own calls.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface TickerBudget {
  /** Epoch ms of the ticker's first request. */
  readonly startedAt: number;
  /** How long its retries may start after that; absent: the client's YAHOO_TICKER_DEADLINE_MS. */
  readonly deadlineMs?: number;
  /** At most this many retries of each request; absent: the client's YAHOO_MAX_RETRIES. */
  readonly maxRetries?: number;
}

/** A retried ticker whose earlier fetch failed with a server error on every retry: one more try, briefly. */
export const SHORT_BUDGET = { deadlineMs: 5_000, maxRetries: 1 } as const;

const budgets = new AsyncLocalStorage<TickerBudget>();

/** Runs one ticker's fetch within its budget, starting `now` (the client's clock: the system's). */
export function withTickerBudget<T>(fn: () => Promise<T>, limits: Omit<TickerBudget, 'startedAt'> = {}, now = Date.now()): Promise<T> {
  return budgets.run({ startedAt: now, ...limits }, fn);
}

/** The retry limits of a request starting now: the client's own, narrowed by the ticker's budget. */
export function requestLimits(client: { deadlineMs: number; maxRetries: number }, now = Date.now()): { deadlineMs: number; maxRetries: number } {
  const budget = budgets.getStore();
  if (!budget) return client;
  const deadlineMs = Math.min(client.deadlineMs, budget.deadlineMs ?? client.deadlineMs);
  return {
    deadlineMs: Math.max(0, budget.startedAt + deadlineMs - now),
    maxRetries: Math.min(client.maxRetries, budget.maxRetries ?? client.maxRetries),
  };
}

/** Whether a ticker's earlier failure (its reason in words) was a server error that every retry met. */
export function failedPersistently(reason: string | null | undefined): boolean {
  return typeof reason === 'string' && /^HTTP 5\d\d\b/.test(reason);
}
