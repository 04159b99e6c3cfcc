// YAHOO_TICKER_DEADLINE_MS bounds all of a ticker's requests together, and a short budget
// bounds a retried ticker: counted on the real client over a fetch that always answers 500,
// on a clock that a sleep moves forward at once (no waiting, no timing).
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../lambdas/adapters/http/clock.js';
import { failedPersistently, requestLimits, SHORT_BUDGET, withTickerBudget } from '../../lambdas/adapters/yahoo/ticker-budget.js';
import { createYahooFinance } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { yahooPort, type YahooFinanceLike } from '../../lambdas/adapters/yahoo/yahoo-port.js';

function steppingClock(): Clock & { t: number } {
  const clock = {
    t: Date.now(),
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += Math.max(0, ms);
    },
    timeout: () => new AbortController().signal,
  };
  return clock;
}

/** A port whose every request answers 500, counting the attempts. */
function failingPort(clock: Clock) {
  const attempts: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    attempts.push(String(input instanceof Request ? input.url : input));
    return new Response('Internal Server Error', { status: 500 });
  };
  // Backoff of 100 ms (full jitter at its top), retries up to 20, a 1 s deadline.
  const yahoo = createYahooFinance({ fetchImpl, clock, maxRetries: 20, deadlineMs: 1000, baseDelayMs: 100, maxDelayMs: 100, random: () => 0.999 });
  return { port: yahooPort(yahoo as unknown as YahooFinanceLike), attempts };
}

const threeCharts = async (port: ReturnType<typeof failingPort>['port']) => {
  for (const symbol of ['AAA', 'BBB', 'CCC']) await port.dailyBars(symbol, new Date('2025-01-01'), new Date('2025-02-01')).catch(() => null);
};

describe("a ticker's budget", () => {
  it('without one, each request retries to its own deadline (about 11 attempts each)', async () => {
    const clock = steppingClock();
    const { port, attempts } = failingPort(clock);
    await threeCharts(port);
    expect(attempts).toHaveLength(33);
  });

  it("with one, the deadline counts from the ticker's first request: the later requests get no retry", async () => {
    const clock = steppingClock();
    const { port, attempts } = failingPort(clock);
    await withTickerBudget(() => threeCharts(port), {}, clock.now());
    expect(attempts.filter((url) => url.includes('/AAA')).length).toBe(11);
    expect(attempts.filter((url) => url.includes('/BBB')).length).toBe(1);
    expect(attempts.filter((url) => url.includes('/CCC')).length).toBe(1);
  });

  it('the short budget of a retried ticker allows one retry a request', async () => {
    const clock = steppingClock();
    const { port, attempts } = failingPort(clock);
    await withTickerBudget(() => threeCharts(port), SHORT_BUDGET, clock.now());
    expect(attempts).toHaveLength(6);
  });

  it('narrows, never widens, the client limits', () => {
    const client = { deadlineMs: 60_000, maxRetries: 4 };
    expect(requestLimits(client)).toEqual(client);
    return withTickerBudget(async () => {
      expect(requestLimits(client, 1_040_000)).toEqual({ deadlineMs: 20_000, maxRetries: 4 });
      expect(requestLimits(client, 1_100_000)).toEqual({ deadlineMs: 0, maxRetries: 4 });
    }, {}, 1_000_000);
  });

  it('counts only a server error as a persistent failure', () => {
    expect(failedPersistently('HTTP 500')).toBe(true);
    expect(failedPersistently('HTTP 503')).toBe(true);
    expect(failedPersistently('HTTP 429')).toBe(false);
    expect(failedPersistently('unknown symbol')).toBe(false);
    expect(failedPersistently('network error: ECONNRESET')).toBe(false);
    expect(failedPersistently(undefined)).toBe(false);
  });
});
