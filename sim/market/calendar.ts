// Trading days and bar times.
import type { Venue } from './types.js';

export const TRADING_DAYS = 252;
/** Daily bars a year of crypto trading has: every calendar day. */
export const CRYPTO_DAYS = 365;

export const DAY_MS = 86_400_000;

/** The last `count` weekdays (every day with `everyDay`) ending at `asOf` (inclusive when it
 * is one), oldest first. */
export function tradingDays(count: number, asOf: Date, everyDay = false): string[] {
  const days: string[] = [];
  let t = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate());
  while (days.length < count) {
    const weekday = new Date(t).getUTCDay();
    if (everyDay || (weekday !== 0 && weekday !== 6)) days.push(new Date(t).toISOString().slice(0, 10));
    t -= DAY_MS;
  }
  return days.reverse();
}

/** Epoch seconds of the session open of `date` at `venue`. */
export const barTimestamp = (date: string, venue: Venue) => Date.parse(`${date}T00:00:00Z`) / 1000 + venue.openUtc;
