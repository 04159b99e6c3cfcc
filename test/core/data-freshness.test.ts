import { describe, expect, it } from 'vitest';
import { dataFreshness } from '../../lambdas/core/analysis/data-freshness.js';
import { tradingDaysBetween } from '../../lambdas/core/analysis/trading-days.js';
import type { DailyBar, YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';

const HOUR = 3_600_000;
const NOW = new Date('2025-03-10T12:00:00.000Z');
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

const bar = (date: Date): DailyBar => ({ date: date.toISOString(), open: 1, high: 1, low: 1, close: 1, adjclose: 1, volume: 1 });

function data(options: { bars?: Date[]; marketTime?: unknown } = {}): YahooTickerData {
  return {
    symbol: 'TEST',
    quote: options.marketTime === undefined ? null : { symbol: 'TEST', regularMarketTime: options.marketTime },
    summary: {},
    summaryErrors: {},
    bars: (options.bars ?? []).map(bar),
  };
}

describe('dataFreshness', () => {
  it('is the age of the newest bar (the last one) without a quote time', () => {
    const f = dataFreshness(data({ bars: [ago(100), ago(76), ago(52)] }), NOW);
    // Saturday 08:00 to Monday: one trading day (Monday).
    expect(f).toEqual({ newestBarAt: ago(52).toISOString(), quoteAt: null, hours: 52, barAgeTradingDays: 1, stale: false });
  });

  it('reads the quote time as a Date (yahoo-finance2), an ISO string (stored JSON) or epoch seconds', () => {
    const quoteTime = ago(3);
    for (const marketTime of [quoteTime, quoteTime.toISOString(), quoteTime.getTime() / 1000]) {
      const f = dataFreshness(data({ bars: [ago(30)], marketTime }), NOW);
      expect(f, String(marketTime)).toMatchObject({ quoteAt: quoteTime.toISOString(), hours: 3, stale: false });
    }
    // Epoch milliseconds are not mistaken for seconds.
    expect(dataFreshness(data({ marketTime: quoteTime.getTime() }), NOW).hours).toBe(3);
  });

  it('takes the newer of the bar and the quote', () => {
    expect(dataFreshness(data({ bars: [ago(30)], marketTime: ago(3) }), NOW).hours).toBe(3);
    expect(dataFreshness(data({ bars: [ago(5)], marketTime: ago(200) }), NOW)).toMatchObject({ hours: 5, stale: false });
  });

  it('is stale when the newest bar is more than 5 trading days old (weekends do not count), not at 5', () => {
    // NOW is Monday 2025-03-10. Monday 03-03: Tue..Mon = 5 trading days; Friday 02-28: 6.
    const at = (date: string) => new Date(`${date}T14:30:00.000Z`);
    expect(dataFreshness(data({ bars: [at('2025-03-03')] }), NOW)).toMatchObject({ barAgeTradingDays: 5, stale: false });
    expect(dataFreshness(data({ bars: [at('2025-02-28')] }), NOW)).toMatchObject({ barAgeTradingDays: 6, stale: true });
    // A fresh quote over old bars is still stale analysis: the bars are what the analysts read.
    expect(dataFreshness(data({ bars: [at('2025-02-20')], marketTime: ago(1) }), NOW)).toMatchObject({ hours: 1, stale: true });
  });

  it('takes the threshold it is given (STALE_AFTER_TRADING_DAYS)', () => {
    const bar = new Date('2025-02-28T14:30:00.000Z'); // 6 trading days before NOW
    expect(dataFreshness(data({ bars: [bar] }), NOW, 6).stale).toBe(false);
    expect(dataFreshness(data({ bars: [bar] }), NOW, 5).stale).toBe(true);
    expect(dataFreshness(data({ bars: [bar] }), NOW, 1).stale).toBe(true);
  });

  it('rounds the hours to one decimal', () => {
    expect(dataFreshness(data({ bars: [new Date(NOW.getTime() - 1.26 * HOUR)] }), NOW).hours).toBe(1.3);
  });

  it('is never negative (a quote time a little in the future is fresh, age 0)', () => {
    expect(dataFreshness(data({ marketTime: new Date(NOW.getTime() + 60_000) }), NOW)).toMatchObject({ hours: 0, stale: false });
  });

  it('has no age, and is not called stale, when neither time is known or readable', () => {
    expect(dataFreshness(data(), NOW)).toEqual({ newestBarAt: null, quoteAt: null, hours: null, barAgeTradingDays: null, stale: false });
    for (const marketTime of ['not a date', null, {}, Number.NaN]) {
      expect(dataFreshness(data({ marketTime }), NOW)).toMatchObject({ quoteAt: null, hours: null, stale: false });
    }
    const unreadableBar = { ...data(), bars: [{ ...bar(ago(1)), date: 'garbage' }] };
    expect(dataFreshness(unreadableBar, NOW)).toMatchObject({ newestBarAt: null, hours: null });
  });
});

describe('tradingDaysBetween', () => {
  const d = (date: string, time = '12:00:00') => new Date(`${date}T${time}.000Z`);
  it('counts the weekdays after the first date up to and including the second', () => {
    expect(tradingDaysBetween(d('2025-03-07'), d('2025-03-10'))).toBe(1); // Friday -> Monday
    expect(tradingDaysBetween(d('2025-03-08'), d('2025-03-09'))).toBe(0); // Saturday -> Sunday
    expect(tradingDaysBetween(d('2025-03-03'), d('2025-03-10'))).toBe(5); // a whole week
    expect(tradingDaysBetween(d('2025-01-01'), d('2025-12-31'))).toBe(260);
  });
  it('is 0 on the same UTC date and for a later first date', () => {
    expect(tradingDaysBetween(d('2025-03-10', '00:00:01'), d('2025-03-10', '23:59:59'))).toBe(0);
    expect(tradingDaysBetween(d('2025-03-12'), d('2025-03-10'))).toBe(0);
  });
});
