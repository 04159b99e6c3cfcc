import { describe, expect, it } from 'vitest';
import { dataFreshness, STALE_AFTER_HOURS } from '../../lambdas/core/data-freshness.js';
import type { DailyBar, YahooTickerData } from '../../lambdas/core/market-data.js';

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
    expect(f).toEqual({ newestBarAt: ago(52).toISOString(), quoteAt: null, hours: 52, stale: false });
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

  it('is stale after 168 hours (seven days), not at 168', () => {
    expect(STALE_AFTER_HOURS).toBe(168);
    expect(dataFreshness(data({ bars: [ago(168)] }), NOW)).toMatchObject({ hours: 168, stale: false });
    expect(dataFreshness(data({ bars: [ago(168.5)] }), NOW)).toMatchObject({ hours: 168.5, stale: true });
    expect(dataFreshness(data({ bars: [ago(400)], marketTime: ago(300) }), NOW)).toMatchObject({ hours: 300, stale: true });
  });

  it('rounds the hours to one decimal', () => {
    expect(dataFreshness(data({ bars: [new Date(NOW.getTime() - 1.26 * HOUR)] }), NOW).hours).toBe(1.3);
  });

  it('is never negative (a quote time a little in the future is fresh, age 0)', () => {
    expect(dataFreshness(data({ marketTime: new Date(NOW.getTime() + 60_000) }), NOW)).toMatchObject({ hours: 0, stale: false });
  });

  it('has no age, and is not called stale, when neither time is known or readable', () => {
    expect(dataFreshness(data(), NOW)).toEqual({ newestBarAt: null, quoteAt: null, hours: null, stale: false });
    for (const marketTime of ['not a date', null, {}, Number.NaN]) {
      expect(dataFreshness(data({ marketTime }), NOW)).toMatchObject({ quoteAt: null, hours: null, stale: false });
    }
    const unreadableBar = { ...data(), bars: [{ ...bar(ago(1)), date: 'garbage' }] };
    expect(dataFreshness(unreadableBar, NOW)).toMatchObject({ newestBarAt: null, hours: null });
  });
});
