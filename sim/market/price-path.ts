// A listing's daily prices as a function of the date, not of "today": the same symbol and seed
// give the same bar on a given day whatever the simulated date, so a later market is an earlier
// one plus the bars in between. The close is a mean-reverting walk (in log) around a level that
// grows by `mu` a year from the anchor date; it is exactly the level on that date.
import { barTimestamp, DAY_MS, TRADING_DAYS, tradingDays } from './calendar.js';
import { combinedShock, type FactorExposure } from './market-factors.js';
import { createRng, Draw, hash32, round } from './random.js';
import type { DailyBar, Venue } from './types.js';

export interface PathOptions {
  /** Stream key: the symbol and the seed. */
  key: string;
  /** Price at the anchor date, in quote units. */
  level: number;
  /** YYYY-MM-DD, a weekday. */
  anchorDate: string;
  /** Drift of the level a year (log). */
  mu: number;
  /** Annual volatility. */
  sigma: number;
  /** How far the walk strays from the level, in log (its long-run standard deviation). */
  spread: number;
  baseVolume: number;
  venue: Venue;
  /** Decimals of the prices. */
  digits: number;
  count?: number;
  /** The shared moves the listing takes part in (market-factors.ts); none: it moves alone. */
  exposure?: FactorExposure;
}

interface Step {
  close: number;
  openNoise: number;
  highNoise: number;
  lowNoise: number;
  volumeNoise: number;
  shock: number;
}

// 1970-01-01 was a Thursday: day 0 of the epoch is weekday 4.
const isWeekday = (t: number) => {
  const w = (Math.floor(t / DAY_MS) + 4) % 7;
  return w !== 0 && w !== 6;
};

/** The daily bars of the `count` trading days ending at `asOf`, oldest first. */
export function pathBars(o: PathOptions, asOf: Date): DailyBar[] {
  const count = o.count ?? TRADING_DAYS;
  const days = tradingDays(count, asOf);
  const first = Date.parse(`${days[0]}T00:00:00Z`);
  const last = Date.parse(`${days[days.length - 1]}T00:00:00Z`);
  const anchor = Date.parse(`${o.anchorDate}T00:00:00Z`);
  const dailySigma = o.sigma / Math.sqrt(TRADING_DAYS);
  // Reversion per day such that the walk's stationary deviation is `spread`.
  const k = Math.min(0.2, (dailySigma * dailySigma) / (2 * o.spread * o.spread));
  const steps = new Map<number, Step>(); // by day number since the epoch (small integers hash fast)
  const walk = (direction: 1 | -1, until: (t: number) => boolean) => {
    const d = new Draw(createRng(hash32(`path${direction}|${o.key}`)));
    let x = 0;
    let n = 0;
    let later = anchor; // walking back, the day after this one: its return is the step's
    for (let t = anchor; until(t); t += direction * DAY_MS) {
      if (!isWeekday(t)) continue;
      const step: Step = { openNoise: d.normal(), highNoise: Math.abs(d.normal()), lowNoise: Math.abs(d.normal()), volumeNoise: d.normal(), shock: d.normal(), close: 0 };
      // A factor's shock is the return into its day: forward it moves this day, backward the day
      // after (with the sign turned), so every listing shares the same move on the same day.
      if (o.exposure) {
        step.shock = direction === 1
          ? combinedShock(o.exposure, step.shock, Math.round(t / DAY_MS))
          : -combinedShock(o.exposure, step.shock, Math.round(later / DAY_MS));
      }
      later = t;
      // The anchor day itself sits on the level; every other day moves one step away from it.
      if (n > 0) x = x * (1 - k) + step.shock * dailySigma;
      step.close = o.level * Math.exp((o.mu * direction * n) / TRADING_DAYS + x);
      steps.set(Math.round(t / DAY_MS), step);
      n++;
    }
  };
  walk(1, (t) => t <= last);
  walk(-1, (t) => t >= Math.min(first, anchor) - 7 * DAY_MS); // a week more: every bar has its previous close
  const prevOf = (t: number): Step => {
    let p = t - DAY_MS;
    while (!isWeekday(p)) p -= DAY_MS;
    return steps.get(Math.round(p / DAY_MS)) as Step;
  };
  return days.map((date) => {
    const t = Date.parse(`${date}T00:00:00Z`);
    const s = steps.get(Math.round(t / DAY_MS)) as Step;
    const prevClose = prevOf(t).close;
    const open = prevClose * Math.exp(s.openNoise * dailySigma * 0.3);
    const high = Math.max(open, s.close) * Math.exp(s.highNoise * dailySigma * 0.5);
    const low = Math.min(open, s.close) * Math.exp(-s.lowNoise * dailySigma * 0.5);
    const move = Math.abs(Math.log(s.close / prevClose)) / dailySigma;
    // Big moves trade more volume.
    const volume = Math.round(o.baseVolume * Math.exp(s.volumeNoise * 0.3) * (1 + 0.3 * Math.min(move, 4)));
    const c = round(s.close, o.digits);
    return {
      date, timestamp: barTimestamp(date, o.venue),
      open: round(open, o.digits), high: round(high, o.digits), low: round(low, o.digits), close: c, adjclose: c, volume,
    };
  });
}
