import { describe, expect, it } from 'vitest';
import {
  instantOf,
  nextEarningsOf,
  positivePrice,
  rebaseToPrice,
  refreshSlot,
  slowDataDecision,
  EARNINGS_SETTLE_DAYS,
  slowDataEntrySchema,
  type SlowDataDecision,
  type SlowDataEntry,
  type SlowDataQuery,
} from '../../lambdas/core/prefetch/slow-data.js';
import { publicSource, type SourceIdentity } from '../../lambdas/core/report/provenance.js';

const DAY = 86_400_000;
const epochDay = (t: number) => Math.floor(t / DAY);

const SIMULATED: SourceIdentity = { origin: 'simulated', endpoint: 'http://127.0.0.1:1' };

describe('refreshSlot', () => {
  it('is an integer day of the cycle, in [0, ttl)', () => {
    for (const ttl of [1, 2, 3, 7, 30]) {
      for (const ticker of ['AAPL', 'MSFT', 'BRK-B', '^GSPC', 'EURUSD=X', '', 'A', 'ZZZZZZZZZZZZ', 'ÄÖÜ', '🙂']) {
        const slot = refreshSlot(ticker, ttl);
        expect(Number.isInteger(slot), `${ticker}/${ttl}`).toBe(true);
        expect(slot, `${ticker}/${ttl}`).toBeGreaterThanOrEqual(0);
        expect(slot, `${ticker}/${ttl}`).toBeLessThan(ttl);
      }
    }
    // A one-day cycle has one slot.
    expect(refreshSlot('AAPL', 1)).toBe(0);
  });

  it('gives a ticker the same slot on every run, whatever its case', () => {
    const tickers = Array.from({ length: 40 }, (_, i) => `tick${i}x`);
    for (const ticker of tickers) {
      expect(refreshSlot(ticker, 7)).toBe(refreshSlot(ticker, 7));
      expect(refreshSlot(ticker, 7), ticker).toBe(refreshSlot(ticker.toUpperCase(), 7));
      expect(refreshSlot(ticker.toUpperCase(), 11), ticker).toBe(refreshSlot(ticker, 11));
    }
  });

  it('spreads ~700 tickers evenly over a 7-day cycle, so a daily run refreshes about a seventh', () => {
    const ttl = 7;
    const countsFor = (tickers: string[]) => {
      const counts = new Array<number>(ttl).fill(0);
      for (const ticker of tickers) counts[refreshSlot(ticker, ttl)]! += 1;
      return counts;
    };
    const sequential = Array.from({ length: 700 }, (_, i) => `T${i}`);
    // Random-ish symbols: letters from a small linear congruential generator.
    let seed = 12345;
    const letter = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return String.fromCharCode(65 + ((seed >>> 16) % 26));
    };
    const randomish = Array.from({ length: 700 }, (_, i) => Array.from({ length: 1 + (i % 5) }, letter).join('') + `.${i}`);
    for (const tickers of [sequential, randomish]) {
      const counts = countsFor(tickers);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(tickers.length);
      for (const [slot, n] of counts.entries()) {
        expect(n / tickers.length, `slot ${slot}: ${counts.join(',')}`).toBeGreaterThanOrEqual(0.1);
        expect(n / tickers.length, `slot ${slot}: ${counts.join(',')}`).toBeLessThanOrEqual(0.18);
      }
    }
  });
});

describe('instantOf', () => {
  it('reads a Date, an ISO string, epoch seconds and epoch milliseconds', () => {
    const iso = '2026-03-10T14:30:00.000Z';
    const ms = Date.UTC(2026, 2, 10, 14, 30);
    expect(instantOf(new Date(iso))).toBe(ms);
    expect(instantOf(iso)).toBe(ms);
    expect(instantOf('2026-03-10')).toBe(Date.UTC(2026, 2, 10));
    expect(instantOf(ms / 1000)).toBe(ms);
    expect(ms).toBeGreaterThan(1e12);
    expect(instantOf(ms)).toBe(ms);
  });

  it('is null for anything else', () => {
    for (const garbage of ['soon', '', 'not-a-date', new Date('nope'), Number.NaN, Number.POSITIVE_INFINITY, -5, 0, null, undefined, true, {}, [], [1_700_000_000]]) {
      expect(instantOf(garbage), String(garbage)).toBeNull();
    }
  });
});

describe('nextEarningsOf', () => {
  const first = '2026-04-30T20:00:00.000Z';
  const second = '2026-05-05T20:00:00.000Z';
  const quoteStart = Date.parse('2026-06-01T12:00:00.000Z') / 1000;

  it('names the first calendarEvents earnings date, an ISO string or a Date, before the quote', () => {
    expect(nextEarningsOf({ calendarEvents: { earnings: { earningsDate: [first, second] } } }, { earningsTimestampStart: quoteStart })).toBe(first);
    expect(nextEarningsOf({ calendarEvents: { earnings: { earningsDate: [new Date(first), new Date(second)] } } }, null)).toBe(first);
  });

  it("falls back to the quote's earningsTimestampStart (epoch seconds)", () => {
    const expected = new Date(quoteStart * 1000).toISOString();
    expect(expected).toBe('2026-06-01T12:00:00.000Z');
    expect(nextEarningsOf({}, { earningsTimestampStart: quoteStart })).toBe(expected);
    expect(nextEarningsOf({ calendarEvents: { earnings: { earningsDate: [] } } }, { earningsTimestampStart: quoteStart })).toBe(expected);
    expect(nextEarningsOf({ calendarEvents: { earnings: { earningsDate: 'soon' } } }, { earningsTimestampStart: quoteStart })).toBe(expected);
  });

  it('is null when neither names a date', () => {
    expect(nextEarningsOf({}, null)).toBeNull();
    expect(nextEarningsOf({ calendarEvents: { earnings: { earningsDate: [] } } }, {})).toBeNull();
    expect(nextEarningsOf({ calendarEvents: null }, { earningsTimestampStart: 'never' })).toBeNull();
  });
});

describe('slowDataEntrySchema', () => {
  const valid = {
    ticker: 'AAPL',
    origin: publicSource('yahoo'),
    fetched_at: '2026-03-09T10:00:00.000Z',
    market_at: '2026-03-09T10:00:00.000Z',
    price: 100,
    next_earnings: null,
    summary: { price: { regularMarketPrice: 100 } },
    summaryErrors: {},
    statements: null,
  };

  it('reads a well-formed entry, a null price included', () => {
    expect(slowDataEntrySchema.safeParse(valid).success).toBe(true);
    expect(slowDataEntrySchema.safeParse({ ...valid, price: null }).success).toBe(true);
  });

  it('rejects an entry without its origin, or with a price that is not positive: an unreadable entry is a miss', () => {
    const { origin: _origin, ...withoutOrigin } = valid;
    expect(slowDataEntrySchema.safeParse(withoutOrigin).success).toBe(false);
    expect(slowDataEntrySchema.safeParse({ ...valid, origin: { origin: 'somewhere', endpoint: null } }).success).toBe(false);
    expect(slowDataEntrySchema.safeParse({ ...valid, price: 0 }).success).toBe(false);
    expect(slowDataEntrySchema.safeParse({ ...valid, price: -3 }).success).toBe(false);
  });
});

describe('slowDataDecision', () => {
  const TTL = 7;
  const TICKER = 'AAPL';
  const SLOT = refreshSlot(TICKER, TTL);
  /** The first epoch day from 2026-03-10 on whose day of the TTL cycle (day % TTL) is `cycleDay`. */
  const dayWithCycleDay = (cycleDay: number) => {
    const base = epochDay(Date.UTC(2026, 2, 10));
    return base + ((((cycleDay - base) % TTL) + TTL) % TTL);
  };
  const SLOT_DAY = dayWithCycleDay(SLOT);
  const OFF_DAY = dayWithCycleDay((SLOT + 3) % TTL);
  /** Mid-day of a day that is not the ticker's refresh day. */
  const offNow = new Date(OFF_DAY * DAY + 15 * 3_600_000);
  const slotNow = new Date(SLOT_DAY * DAY + 15 * 3_600_000);

  const entryAt = (marketAt: Date, over: Partial<SlowDataEntry> = {}): SlowDataEntry => ({
    ticker: TICKER,
    origin: publicSource('yahoo'),
    fetched_at: marketAt.toISOString(),
    market_at: marketAt.toISOString(),
    price: 100,
    next_earnings: null,
    summary: {},
    summaryErrors: {},
    ...over,
  });
  const query = (over: Partial<SlowDataQuery>): SlowDataQuery => ({
    entry: entryAt(new Date(offNow.getTime() - 2 * DAY)),
    ticker: TICKER,
    now: offNow,
    ttlDays: TTL,
    source: publicSource('yahoo'),
    quote: { regularMarketPrice: 110 },
    ...over,
  });
  const refused = (pattern: RegExp) => ({ reuse: false, reason: expect.stringMatching(pattern) });
  const ageOf = (d: SlowDataDecision): number => {
    if (!d.reuse) throw new Error(`expected reuse, got: ${d.reason}`);
    return d.ageDays;
  };

  it('sanity: the chosen days are and are not the refresh day', () => {
    expect(epochDay(slotNow.getTime()) % TTL).toBe(SLOT);
    expect(epochDay(offNow.getTime()) % TTL).not.toBe(SLOT);
  });

  it('reuses a fresh entry of the same source, its age in days since its market moment', () => {
    const at = new Date(offNow.getTime() - 2.5 * DAY);
    const d = slowDataDecision(query({ entry: entryAt(at) }));
    expect(ageOf(d)).toBeCloseTo(2.5, 12);
    const justFetched = new Date(offNow.getTime() - 3_600_000);
    expect(ageOf(slowDataDecision(query({ entry: entryAt(justFetched) })))).toBeCloseTo(1 / 24, 12);
    // Two simulators are the same kind of source.
    expect(slowDataDecision(query({ entry: entryAt(at, { origin: SIMULATED }), source: { origin: 'simulated', endpoint: 'http://127.0.0.1:2' } })).reuse).toBe(true);
  });

  it('never reuses when the TTL is 0', () => {
    expect(slowDataDecision(query({ ttlDays: 0 }))).toEqual(refused(/SLOW_DATA_TTL_DAYS/));
  });

  it("fetches when nothing is cached: 'none cached'", () => {
    expect(slowDataDecision(query({ entry: null }))).toEqual({ reuse: false, reason: 'none cached' });
  });

  it('never reuses data of another source', () => {
    const at = new Date(offNow.getTime() - 2 * DAY);
    expect(slowDataDecision(query({ entry: entryAt(at, { origin: SIMULATED }), source: publicSource('yahoo') }))).toEqual(refused(/another source/));
    expect(slowDataDecision(query({ entry: entryAt(at), source: SIMULATED }))).toEqual(refused(/another source/));
    expect(
      slowDataDecision(
        query({
          entry: entryAt(at, { origin: { origin: 'endpoint', endpoint: 'http://replay-a:8080' } }),
          source: { origin: 'endpoint', endpoint: 'http://replay-b:8080' },
        }),
      ),
    ).toEqual(refused(/another source/));
    // The same endpoint is the same source.
    const replay: SourceIdentity = { origin: 'endpoint', endpoint: 'http://replay-a:8080' };
    expect(slowDataDecision(query({ entry: entryAt(at, { origin: replay }), source: replay })).reuse).toBe(true);
  });

  it("never reuses an entry of a market moment after the run's now", () => {
    expect(slowDataDecision(query({ entry: entryAt(new Date(offNow.getTime() + 60_000)) }))).toEqual(refused(/later day/));
    expect(slowDataDecision(query({ entry: entryAt(new Date(offNow.getTime() + 3 * DAY)) }))).toEqual(refused(/later day/));
  });

  it('fetches again once the entry is TTL days old or more, saying how many days', () => {
    expect(slowDataDecision(query({ entry: entryAt(new Date(offNow.getTime() - TTL * DAY)) }))).toEqual(refused(new RegExp(`^${TTL} days old`)));
    expect(slowDataDecision(query({ entry: entryAt(new Date(offNow.getTime() - 9.5 * DAY)) }))).toEqual(refused(/^9 days old/));
    // Just under the TTL (on a day that is not its refresh day) it is still reused.
    expect(ageOf(slowDataDecision(query({ entry: entryAt(new Date(offNow.getTime() - (TTL * DAY - 60_000))) })))).toBeLessThan(TTL);
  });

  it('fetches again when the cached next earnings date has passed since the fetch, naming the date', () => {
    const at = new Date(offNow.getTime() - 3 * DAY);
    const earnings = new Date(offNow.getTime() - 1 * DAY);
    const d = slowDataDecision(query({ entry: entryAt(at, { next_earnings: earnings.toISOString() }) }));
    expect(d).toEqual(refused(/earnings/));
    expect(d).toEqual(refused(new RegExp(earnings.toISOString().slice(0, 10))));
    // An earnings date at the run's very moment has passed too.
    expect(slowDataDecision(query({ entry: entryAt(at, { next_earnings: offNow.toISOString() }) }))).toEqual(refused(/earnings/));
  });

  it("fetches again when the quote's last earnings (epoch seconds) fell after the fetch", () => {
    const at = new Date(offNow.getTime() - 4 * DAY);
    const earnings = new Date(offNow.getTime() - 2 * DAY);
    const quote = { regularMarketPrice: 110, earningsTimestamp: earnings.getTime() / 1000 };
    const d = slowDataDecision(query({ entry: entryAt(at), quote }));
    expect(d).toEqual(refused(/earnings/));
    expect(d).toEqual(refused(new RegExp(earnings.toISOString().slice(0, 10))));
    // Earnings reported well before the fetch (more than EARNINGS_SETTLE_DAYS) are in the cached data.
    const before = { regularMarketPrice: 110, earningsTimestamp: (at.getTime() - (EARNINGS_SETTLE_DAYS + 1) * DAY) / 1000 };
    expect(slowDataDecision(query({ entry: entryAt(at), quote: before })).reuse).toBe(true);
    // Reported a day before the fetch: Yahoo may not have updated its figures yet; asked again.
    const justBefore = { regularMarketPrice: 110, earningsTimestamp: (at.getTime() - DAY) / 1000 };
    expect(slowDataDecision(query({ entry: entryAt(at), quote: justBefore }))).toEqual(refused(/asked again until 3 days after/));
  });

  it('refuses a cached entry across a split or a large move: the per-share figures would be rebased wrongly', () => {
    const at = new Date(offNow.getTime() - 2 * DAY);
    const entry = { ...entryAt(at), price: 1000, summary: { defaultKeyStatistics: { sharesOutstanding: 1e9 }, summaryDetail: { trailingPE: 70 } } };
    // 10-for-1: the price is a tenth, the share count ten times.
    const split = slowDataDecision(query({ entry, quote: { regularMarketPrice: 100, sharesOutstanding: 1e10 } }));
    expect(split).toEqual(refused(/shares outstanding changed/));
    // A split the quote's share count does not show yet: the price alone moved 10x.
    expect(slowDataDecision(query({ entry, quote: { regularMarketPrice: 100, sharesOutstanding: 1e9 } }))).toEqual(refused(/price moved more than 1.5x/));
    // An ordinary week: 5% up, same shares: reused.
    expect(slowDataDecision(query({ entry, quote: { regularMarketPrice: 1050, sharesOutstanding: 1e9 } })).reuse).toBe(true);
  });

  it('does not count an earnings date still to come', () => {
    const at = new Date(offNow.getTime() - 3 * DAY);
    const future = new Date(offNow.getTime() + 5 * DAY);
    const entry = entryAt(at, { next_earnings: future.toISOString() });
    const quote = { regularMarketPrice: 110, earningsTimestamp: future.getTime() / 1000 };
    expect(ageOf(slowDataDecision(query({ entry, quote })))).toBeCloseTo(3, 12);
  });

  it("refreshes on the ticker's day of the cycle an entry fetched on an earlier day", () => {
    const yesterday = new Date(slotNow.getTime() - DAY);
    expect(slowDataDecision(query({ now: slotNow, entry: entryAt(yesterday) }))).toEqual({ reuse: false, reason: 'its day of the refresh cycle' });
    // The same entry's age on a day that is not the ticker's is no reason.
    const offYesterday = new Date(offNow.getTime() - DAY);
    expect(slowDataDecision(query({ now: offNow, entry: entryAt(offYesterday) })).reuse).toBe(true);
  });

  it('does not refresh twice on the refresh day: an entry fetched earlier that day is reused', () => {
    const thisMorning = new Date(SLOT_DAY * DAY + 60_000);
    expect(epochDay(thisMorning.getTime())).toBe(epochDay(slotNow.getTime()));
    const d = slowDataDecision(query({ now: slotNow, entry: entryAt(thisMorning) }));
    expect(ageOf(d)).toBeCloseTo((slotNow.getTime() - thisMorning.getTime()) / DAY, 12);
  });

  it('fetches again when there is no price to rebase the cached valuation on', () => {
    const at = new Date(offNow.getTime() - 2 * DAY);
    expect(slowDataDecision(query({ entry: entryAt(at, { price: null }) }))).toEqual(refused(/no price/));
    for (const quote of [null, {}, { regularMarketPrice: 0 }, { regularMarketPrice: -1 }, { regularMarketPrice: '110' }, { regularMarketPrice: Number.NaN }]) {
      expect(slowDataDecision(query({ entry: entryAt(at), quote })), JSON.stringify(quote)).toEqual(refused(/no price/));
    }
  });
});

describe('positivePrice', () => {
  it("is the quote's regularMarketPrice when a positive finite number, else null", () => {
    expect(positivePrice({ regularMarketPrice: 12.5 })).toBe(12.5);
    for (const quote of [null, {}, { regularMarketPrice: 0 }, { regularMarketPrice: -2 }, { regularMarketPrice: '3' }, { regularMarketPrice: Number.POSITIVE_INFINITY }]) {
      expect(positivePrice(quote), JSON.stringify(quote)).toBeNull();
    }
  });
});

describe('rebaseToPrice', () => {
  const mod = (summary: Record<string, unknown>, name: string) => summary[name] as Record<string, unknown>;
  const summary = (): Record<string, unknown> => ({
    summaryDetail: {
      trailingPE: 20,
      forwardPE: 18,
      priceToSalesTrailing12Months: 5,
      marketCap: 1_000,
      dividendYield: 0.022,
      trailingAnnualDividendYield: 0.011,
      beta: 1.2,
      currency: 'USD',
    },
    defaultKeyStatistics: {
      priceToBook: 4,
      trailingPE: 19,
      forwardPE: 17,
      pegRatio: 1.5,
      trailingPegRatio: 1.4,
      enterpriseValue: 1_200,
      enterpriseToEbitda: 12,
      enterpriseToRevenue: 3,
      bookValue: 25,
      sharesOutstanding: 10,
    },
    price: { regularMarketPrice: 100, marketCap: 1_000, currency: 'USD' },
    financialData: { currentPrice: 100, targetMeanPrice: 130, totalDebt: 300 },
    assetProfile: { sector: 'Technology' },
  });

  it('scales the price ratios by the price change (100 → 110: ×1.1)', () => {
    const out = rebaseToPrice(summary(), 100, 110);
    const detail = mod(out, 'summaryDetail');
    expect(detail.trailingPE).toBeCloseTo(22, 10);
    expect(detail.forwardPE).toBeCloseTo(19.8, 10);
    expect(detail.priceToSalesTrailing12Months).toBeCloseTo(5.5, 10);
    expect(detail.marketCap).toBeCloseTo(1_100, 8);
    const stats = mod(out, 'defaultKeyStatistics');
    expect(stats.priceToBook).toBeCloseTo(4.4, 10);
    expect(stats.trailingPE).toBeCloseTo(20.9, 10);
    expect(stats.forwardPE).toBeCloseTo(18.7, 10);
    expect(stats.pegRatio).toBeCloseTo(1.65, 10);
    expect(stats.trailingPegRatio).toBeCloseTo(1.54, 10);
    expect(mod(out, 'price').marketCap).toBeCloseTo(1_100, 8);
  });

  it('moves the dividend yields against the price (÷1.1)', () => {
    const detail = mod(rebaseToPrice(summary(), 100, 110), 'summaryDetail');
    expect(detail.dividendYield).toBeCloseTo(0.02, 12);
    expect(detail.trailingAnnualDividendYield).toBeCloseTo(0.01, 12);
  });

  it("moves the enterprise value by the market cap's change, and its ratios by new EV / old EV", () => {
    const stats = mod(rebaseToPrice(summary(), 100, 110), 'defaultKeyStatistics');
    // EV 1200 + market cap 1000 × 0.1 = 1300; the ratios × 1300 / 1200.
    expect(stats.enterpriseValue).toBeCloseTo(1_300, 8);
    expect(stats.enterpriseToEbitda).toBeCloseTo(13, 10);
    expect(stats.enterpriseToRevenue).toBeCloseTo(3.25, 10);
    // The market cap is read from price when summaryDetail has none.
    const onlyPriceCap = rebaseToPrice({ defaultKeyStatistics: { enterpriseValue: 1_200, enterpriseToEbitda: 12 }, price: { marketCap: 1_000 } }, 100, 110);
    expect(mod(onlyPriceCap, 'defaultKeyStatistics').enterpriseValue).toBeCloseTo(1_300, 8);
    expect(mod(onlyPriceCap, 'defaultKeyStatistics').enterpriseToEbitda).toBeCloseTo(13, 10);
    // A fall moves the enterprise value down: 100 → 80 takes 200 off.
    expect(mod(rebaseToPrice(summary(), 100, 80), 'defaultKeyStatistics').enterpriseValue).toBeCloseTo(1_000, 8);
  });

  it("brings the price fields to today's price, scaled (a module may quote in another unit)", () => {
    const out = rebaseToPrice(summary(), 100, 110);
    expect(mod(out, 'price').regularMarketPrice).toBeCloseTo(110, 9);
    expect(mod(out, 'financialData').currentPrice).toBeCloseTo(110, 9);
    // A London listing: quote in pence (11000), summary in pounds (100 -> 110).
    const pounds = rebaseToPrice({ financialData: { currentPrice: 100 } }, 10_000, 11_000);
    expect((pounds.financialData as { currentPrice: number }).currentPrice).toBeCloseTo(110, 9);
  });


  it('leaves the slow figures, non-numeric and missing fields, and other modules alone', () => {
    const out = rebaseToPrice(summary(), 100, 110);
    expect(mod(out, 'summaryDetail').beta).toBe(1.2);
    expect(mod(out, 'summaryDetail').currency).toBe('USD');
    expect(mod(out, 'defaultKeyStatistics').bookValue).toBe(25);
    expect(mod(out, 'defaultKeyStatistics').sharesOutstanding).toBe(10);
    expect(mod(out, 'financialData').targetMeanPrice).toBe(130);
    expect(mod(out, 'financialData').totalDebt).toBe(300);
    expect(out.assetProfile).toEqual({ sector: 'Technology' });

    const odd = rebaseToPrice(
      { summaryDetail: { trailingPE: 'Infinity', forwardPE: null, marketCap: { raw: 1_000, fmt: '1K' } }, price: { regularMarketPrice: '100' } },
      100,
      110,
    );
    expect(odd.summaryDetail).toEqual({ trailingPE: 'Infinity', forwardPE: null, marketCap: { raw: 1_000, fmt: '1K' } });
    expect(odd.price).toEqual({ regularMarketPrice: '100' });

    const sparse = rebaseToPrice({ summaryDetail: { trailingPE: 20 }, defaultKeyStatistics: { enterpriseValue: 1_200, enterpriseToEbitda: 12 } }, 100, 110);
    expect(Object.keys(mod(sparse, 'summaryDetail'))).toEqual(['trailingPE']);
    // With no market cap known, the enterprise value cannot be moved: left as it was.
    expect(sparse.defaultKeyStatistics).toEqual({ enterpriseValue: 1_200, enterpriseToEbitda: 12 });
  });

  it('adds no module the summary did not have', () => {
    const out = rebaseToPrice({ summaryDetail: { trailingPE: 20 }, calendarEvents: { earnings: {} } }, 100, 110);
    expect(Object.keys(out).sort()).toEqual(['calendarEvents', 'summaryDetail']);
    expect('price' in out).toBe(false);
    expect('financialData' in out).toBe(false);
    expect('defaultKeyStatistics' in out).toBe(false);
    expect(rebaseToPrice({}, 100, 110)).toEqual({});
  });

  it('does not mutate its input', () => {
    const input = summary();
    const before = structuredClone(input);
    const out = rebaseToPrice(input, 100, 110);
    expect(input).toEqual(before);
    expect(out).not.toEqual(before);
    expect(out.summaryDetail).not.toBe(input.summaryDetail);
    expect(out.defaultKeyStatistics).not.toBe(input.defaultKeyStatistics);
  });

  it('at an unchanged price changes no figure', () => {
    const input = summary();
    expect(rebaseToPrice(input, 100, 100)).toEqual(input);
  });
});
