// Daily OHLCV bars of a coin: a seeded random walk over the days before `asOf`, scaled to end at a level.
import { barTimestamp, tradingDays } from './calendar.js';
import { round, type Draw } from './random.js';
import type { DailyBar, Venue } from './types.js';

export interface BarOptions {
  /** Bars a year has (and the series holds). */
  count: number;
  venue: Venue;
  /** Decimals of the prices. */
  digits: number;
  /** Scale the whole series so that its last close is this. */
  lastClose?: number;
}

export function makeBars(d: Draw, p0: number, mu: number, sigma: number, baseVolume: number, asOf: Date, options: BarOptions): DailyBar[] {
  const { count, venue, digits } = options;
  const dailyMu = mu / count;
  const dailySigma = sigma / Math.sqrt(count);
  let prevClose = p0;
  const raw = tradingDays(count, asOf, venue.everyDay).map((date) => {
    const open = prevClose * Math.exp(d.normal() * dailySigma * 0.3);
    const shock = d.normal();
    const close = prevClose * Math.exp(dailyMu - (dailySigma * dailySigma) / 2 + shock * dailySigma);
    const high = Math.max(open, close) * Math.exp(Math.abs(d.normal()) * dailySigma * 0.5);
    const low = Math.min(open, close) * Math.exp(-Math.abs(d.normal()) * dailySigma * 0.5);
    // Big moves trade more volume.
    const volume = Math.round(baseVolume * Math.exp(d.normal() * 0.3) * (1 + 0.3 * Math.abs(shock)));
    prevClose = close;
    return { date, open, high, low, close, volume };
  });
  const scale = options.lastClose === undefined ? 1 : options.lastClose / prevClose;
  return raw.map(({ date, open, high, low, close, volume }) => {
    const c = round(close * scale, digits);
    return {
      date,
      timestamp: barTimestamp(date, venue),
      open: round(open * scale, digits), high: round(high * scale, digits), low: round(low * scale, digits), close: c, adjclose: c, volume,
    };
  });
}
