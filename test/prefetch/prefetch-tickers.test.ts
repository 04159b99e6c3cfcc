import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { YahooPort } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import type { DailyBar } from '../../lambdas/core/prefetch/market-data.js';
import { prefetchTickers, QUOTE_SYMBOLS_PER_REQUEST, type TickerOutcome } from '../../lambdas/prefetch/prefetch-tickers.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function httpError(code: number): Error {
  return Object.assign(new Error(`Failed with status ${code}`), { name: 'HTTPError', code });
}

const tickers = (n: number, prefix = 'T') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

const bars = (): DailyBar[] =>
  [100, 101, 102].map((close, i) => ({
    date: new Date(Date.UTC(2024, 0, 2 + i)).toISOString(),
    open: close,
    high: close,
    low: close,
    close,
    adjclose: close,
    volume: 1000,
  }));

/**
 * A fake port that counts calls and tracks in-flight work: a ticker is in flight from its
 * first request until the test's onTicker has finished with it; a quote call while it runs.
 */
class FakePort implements YahooPort {
  statementsCalls: string[] = [];
  async annualStatements(symbol: string) {
    this.statementsCalls.push(symbol);
    return { years: [] };
  }
  quoteCalls: string[][] = [];
  summaryCalls = new Map<string, number>();
  barsCalls = new Map<string, number>();
  inFlight = new Set<string>();
  maxInFlight = 0;
  failQuoteFor = new Set<string>();
  failBarsFor = new Map<string, Error>();
  failSummaryFor = new Map<string, Error>();

  private delay(key: string): Promise<void> {
    return sleep(1 + (key.charCodeAt(key.length - 1) % 4));
  }
  private enter(unit: string) {
    this.inFlight.add(unit);
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight.size);
  }
  /** Called by the test's onTicker once it is done with a ticker. */
  done(ticker: string) {
    this.inFlight.delete(ticker);
  }

  async quote(symbols: string[]) {
    const unit = `quote#${this.quoteCalls.length}`;
    this.quoteCalls.push([...symbols]);
    this.enter(unit);
    try {
      await sleep(2);
      if (symbols.some((symbol) => this.failQuoteFor.has(symbol))) throw httpError(500);
      return symbols.map((symbol) => ({ symbol, quoteType: 'EQUITY', regularMarketPrice: 100, currency: 'USD' }));
    } finally {
      this.inFlight.delete(unit);
    }
  }

  async quoteSummary(symbol: string, modules: string[]) {
    this.summaryCalls.set(symbol, (this.summaryCalls.get(symbol) ?? 0) + 1);
    this.enter(symbol);
    await this.delay(symbol);
    const failure = this.failSummaryFor.get(symbol);
    if (failure) throw failure;
    return Object.fromEntries(modules.map((module) => [module, { symbol }]));
  }

  async dailyBars(symbol: string) {
    this.barsCalls.set(symbol, (this.barsCalls.get(symbol) ?? 0) + 1);
    this.enter(symbol);
    await this.delay(symbol);
    const failure = this.failBarsFor.get(symbol);
    if (failure) throw failure;
    return bars();
  }
}

async function run(port: FakePort, list: string[], concurrency: number) {
  const outcomes: TickerOutcome[] = [];
  await prefetchTickers(port, list, {
    concurrency,
    onTicker: async (outcome) => {
      await sleep(1);
      outcomes.push(outcome);
      port.done(outcome.ticker);
    },
  });
  return outcomes;
}

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('prefetchTickers', () => {
  it('asks quote once per 90 symbols, under the 99 Yahoo answers: 200 tickers -> 3 quote calls', async () => {
    expect(QUOTE_SYMBOLS_PER_REQUEST).toBe(90);
    const port = new FakePort();
    const list = tickers(200);
    await run(port, list, 5);
    expect(port.quoteCalls.map((call) => call.length)).toEqual([90, 90, 20]);
    expect(port.quoteCalls.flat()).toEqual(list);
  });

  it('produces exactly one outcome per ticker, each with its own fetch', async () => {
    const port = new FakePort();
    const list = tickers(120);
    const outcomes = await run(port, list, 7);
    expect(outcomes.map((o) => o.ticker).sort()).toEqual([...list].sort());
    expect(new Set(outcomes.map((o) => o.ticker)).size).toBe(120);
    for (const outcome of outcomes) {
      expect(outcome.fetch.ok).toBe(true);
      if (outcome.fetch.ok) {
        expect(outcome.fetch.data.symbol).toBe(outcome.ticker);
        expect(outcome.fetch.data.quote).toMatchObject({ symbol: outcome.ticker, regularMarketPrice: 100 });
        expect(outcome.fetch.data.bars).toHaveLength(3);
      }
      expect(outcome.durationSeconds).toBeGreaterThanOrEqual(0);
      expect(new Date(outcome.fetchedAt).toISOString()).toBe(outcome.fetchedAt);
      expect(port.summaryCalls.get(outcome.ticker)).toBe(1);
      expect(port.barsCalls.get(outcome.ticker)).toBe(1);
    }
  });

  it('never has more tickers (or quote calls) in flight than the concurrency', async () => {
    for (const concurrency of [1, 3, 8]) {
      const port = new FakePort();
      await run(port, tickers(75), concurrency);
      expect(port.maxInFlight).toBeLessThanOrEqual(concurrency);
      // And the limit is actually used, so the check above means something.
      expect(port.maxInFlight).toBe(concurrency);
      expect(port.inFlight.size).toBe(0);
    }
  });

  it("does not let one ticker's failure stop the others", async () => {
    const port = new FakePort();
    const list = tickers(30);
    port.failBarsFor.set('T003', httpError(404));
    port.failBarsFor.set('T005', httpError(404));
    port.failSummaryFor.set('T005', httpError(404));
    port.failBarsFor.set('T017', Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }));
    port.failSummaryFor.set('T020', httpError(500));
    const outcomes = await run(port, list, 4);
    expect(outcomes).toHaveLength(30);
    const byTicker = new Map(outcomes.map((o) => [o.ticker, o.fetch]));
    // No chart (404) but fundamentals answered: partial data, analysed without its technical part.
    const t003 = byTicker.get('T003');
    expect(t003?.ok).toBe(true);
    if (t003?.ok) expect(t003.data).toMatchObject({ bars: [], barsError: 'unknown symbol' });
    // Neither chart nor fundamentals: Yahoo does not know it.
    expect(byTicker.get('T005')).toEqual({ ok: false, error: 'unknown symbol' });
    expect(byTicker.get('T017')).toEqual({ ok: false, error: 'network error: ECONNRESET' });
    // A failed quoteSummary alone keeps the ticker (its bars answered), with the reason recorded.
    const t020 = byTicker.get('T020');
    expect(t020?.ok).toBe(true);
    if (t020?.ok) expect(t020.data.summaryErrors).toEqual({ all: 'HTTP 500' });
    expect(outcomes.filter((o) => o.fetch.ok)).toHaveLength(28);
  });

  it('does not fail the tickers of a failed quote chunk', async () => {
    const port = new FakePort();
    const list = tickers(200);
    port.failQuoteFor.add('T100'); // the second chunk, T090..T179
    const outcomes = await run(port, list, 6);
    expect(port.quoteCalls).toHaveLength(3);
    expect(outcomes).toHaveLength(200);
    for (const outcome of outcomes) {
      expect(outcome.fetch.ok, outcome.ticker).toBe(true);
      const index = Number(outcome.ticker.slice(1));
      if (outcome.fetch.ok) expect(outcome.fetch.data.quote === null).toBe(index >= 90 && index < 180);
    }
  });

  it('rejects when onTicker throws, stops queueing, and leaves no unhandled rejection', async () => {
    const port = new FakePort();
    const failure = new Error('S3 is down');
    const seen: string[] = [];
    const promise = prefetchTickers(port, tickers(120), {
      concurrency: 2,
      onTicker: async (outcome) => {
        seen.push(outcome.ticker);
        await sleep(1);
        if (outcome.ticker === 'T001') throw failure;
      },
    });
    await expect(promise).rejects.toBe(failure);
    const seenAtRejection = seen.length;
    expect(seenAtRejection).toBeLessThan(20);
    await sleep(50);
    expect(seen.length).toBe(seenAtRejection);
    expect(unhandled).toEqual([]);
  });

  it('asks no chart for a ticker whose bars were already fetched this run, and the others as usual', async () => {
    const port = new FakePort();
    const known = bars().slice(0, 2);
    const outcomes: TickerOutcome[] = [];
    await prefetchTickers(port, ['T000', 'SPY', 'T001'], {
      concurrency: 2,
      bars: new Map([['SPY', known]]),
      onTicker: async (outcome) => {
        outcomes.push(outcome);
        port.done(outcome.ticker);
      },
    });
    expect(port.barsCalls.get('SPY')).toBeUndefined();
    expect(port.barsCalls.get('T000')).toBe(1);
    expect(port.barsCalls.get('T001')).toBe(1);
    const spy = outcomes.find((o) => o.ticker === 'SPY')!.fetch;
    expect(spy.ok && spy.data.bars).toEqual(known);
  });

  it('handles an empty list without calling Yahoo', async () => {
    const port = new FakePort();
    expect(await run(port, [], 3)).toEqual([]);
    expect(port.quoteCalls).toEqual([]);
  });
});
