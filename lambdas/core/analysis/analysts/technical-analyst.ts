// The technical analyst: trend, momentum and range indicators from one ticker's daily bars,
// each judged against a stated threshold, folded into a 0..1 score (higher is better).
//
// Prices: the ADJUSTED close of every bar (adjclose ?? close, finite and > 0, the rule of
// `adjustedCloses` in price-series.ts), so a split or a dividend is never read as a fall.
// Bars without a usable close are skipped. "Price" below is the last adjusted close.
//
// Indicators come from `trading-signals` 8.3 (plain numbers, no Big.js in v8):
// - SMA(n): mean of the last n closes.
// - RSI(14): Wilder's RSI (gains and losses smoothed with WSMA, seeded with the SMA of the
//   first 14 changes): the textbook definition. First value after 15 closes.
// - MACD(12, 26, 9) over EMA(12), EMA(26), EMA(9). The library seeds each EMA with its FIRST
//   input (not with the SMA of the first n inputs as TA-Lib does). On a one-year series the
//   two seedings agree to ~1e-7 (the seed decays as (25/27)^n); on a short series (60 bars)
//   (MSFT, measured) the MACD line differs from TA-Lib's by ~1% and the histogram by a factor
//   of 5; at 40 bars its sign can flip. We require 26 + 9 - 1 = 34 closes (the library answers
//   from 26, with a signal line that has seen one value) and warn below MACD_SETTLED_BARS.
// - Bollinger(20, 2): SMA(20) +- 2 POPULATION standard deviations (divide by n, as
//   Bollinger defines it and as TA-Lib does), checked in test/core/technical-analyst.test.ts.
// Momentum, the 52-week range and the SMA cross detection are plain arithmetic here.
//
// Signals (a buyer's view; "positive" is good for holding or buying):
// - Price vs SMA50 / SMA200: (price / SMA - 1) > +0.01 positive, < -0.01 negative, else neutral.
// - SMA cross: SMA50 > SMA200 (golden cross) positive, < (death cross) negative. Whether the
//   two crossed within the last 20 trading days is in the label and in `indicators.cross`.
// - RSI 14: < 30 oversold -> POSITIVE (a stretched fall is a better entry for a buyer, the
//   usual mean-reversion reading); > 70 overbought -> negative; 30..70 neutral.
// - MACD: histogram (MACD - signal) > 0 positive, < 0 negative, 0 neutral.
// - Bollinger %B position ((price - lower) / (upper - lower)): < 0 (below the lower band)
//   positive, > 1 (above the upper band) negative, else neutral: the same mean-reversion
//   reading as RSI.
// - Momentum over 21, 63, 126 and 252 trading days (price / price h days ago - 1): > 0
//   positive, < 0 negative, 0 neutral. A history at most 2% shorter than a horizon is measured
//   over the days it has (a Yahoo one-year chart has ~252 bars, i.e. 251 daily steps); the
//   days used are in the finding's source.
// - 52-week range position ((price - low) / (high - low), closes of the last 252 bars):
//   > 0.75 positive (near the high), < 0.25 negative (near the low), else neutral.
//
// Each finding with a value has a verdict naming the boundary that decided its signal, fractions
// in percent: `12.3% below the 200-day average, past the -1% band`, `75.3 is above the 70
// threshold`, `fell 16.1%`, `at 90% of the range, above the 75% mark (near the high)`.
//
// Score: the points of scoreFindings (positive 1, neutral 0.5, negative 0), weighted by
// TECHNICAL_WEIGHTS (each momentum horizon counts half, every other finding one), over the
// findings that had data; null when none had. Rounded to 3 decimals.
import { BollingerBands, EMA, MACD, RSI, SMA } from 'trading-signals';
import { z } from 'zod';
import type { DailyBar } from '../../prefetch/market-data.js';
import { type AnalystReport, type Finding, formatNumber, formatPercent, type Signal, side } from './finding.js';

export const SMA_SHORT = 50;
export const SMA_LONG = 200;
export const RSI_PERIOD = 14;
export const MACD_FAST = 12;
export const MACD_SLOW = 26;
export const MACD_SIGNAL = 9;
export const BOLLINGER_PERIOD = 20;
export const BOLLINGER_DEVIATIONS = 2;
/** Trading days of each momentum horizon. */
export const MOMENTUM_DAYS = { m1: 21, m3: 63, m6: 126, m12: 252 } as const;
/** A horizon is still measured when the history is at most this share shorter. */
export const MOMENTUM_SHORTFALL = 0.02;
export const WEEK52_BARS = 252;
/** Below this many closes the MACD still depends on how its EMAs were seeded: a warning. */
export const MACD_SETTLED_BARS = 100;
/** A golden or death cross this many trading days ago or less is "recent". */
export const CROSS_LOOKBACK_DAYS = 20;

export const THRESHOLDS = {
  priceVsSma: 0.01,
  rsiOversold: 30,
  rsiOverbought: 70,
  week52Low: 0.25,
  week52High: 0.75,
} as const;

/** Weight of each finding in the score (missing findings are left out). */
export const TECHNICAL_WEIGHTS: Record<string, number> = {
  priceVsSma50: 1,
  priceVsSma200: 1,
  smaCross: 1,
  rsi14: 1,
  macdHistogram: 1,
  bollingerPosition: 1,
  momentum1m: 0.5,
  momentum3m: 0.5,
  momentum6m: 0.5,
  momentum12m: 0.5,
  week52Position: 1,
};

const finite = z.number(); // zod 4: rejects NaN and +-Infinity
export const technicalIndicatorsSchema = z.object({
  /** Usable adjusted closes the indicators were computed from. */
  bars: z.number().int().nonnegative(),
  lastClose: finite.nullable(),
  sma50: finite.nullable(),
  sma200: finite.nullable(),
  cross: z.object({
    /** SMA50 above SMA200 now (golden), below (death), equal, or null without both. */
    state: z.enum(['golden', 'death', 'equal']).nullable(),
    /** Trading days since SMA50 last crossed SMA200 if within the lookback, else null. */
    crossedDaysAgo: z.number().int().nonnegative().nullable(),
    /** Trading days that could be searched for a cross (at most CROSS_LOOKBACK_DAYS). */
    lookbackDays: z.number().int().nonnegative(),
  }),
  rsi14: finite.nullable(),
  macd: z.object({ macd: finite, signal: finite, histogram: finite }).nullable(),
  bollinger: z.object({ upper: finite, middle: finite, lower: finite, position: finite }).nullable(),
  momentum: z.object({ m1: finite.nullable(), m3: finite.nullable(), m6: finite.nullable(), m12: finite.nullable() }),
  week52: z.object({ low: finite, high: finite, position: finite }).nullable(),
});
export type TechnicalIndicators = z.infer<typeof technicalIndicatorsSchema>;
export type TechnicalReport = AnalystReport & { indicators: TechnicalIndicators };

export interface PricePoint {
  /** The bar's date, YYYY-MM-DD (first 10 characters of its ISO date-time). */
  day: string;
  close: number;
}

/**
 * What the closes of these bars are, for the findings' sources: `adjclose` (a chart's, split- and
 * dividend-adjusted) or `close` (a spark batch's: split-adjusted, not dividend-adjusted, so an
 * ex-dividend day reads as a small loss and returns omit the dividends).
 */
export function closeLabel(bars: DailyBar[]): 'adjclose' | 'close' {
  return bars.some((bar) => typeof bar.adjclose === 'number' && Number.isFinite(bar.adjclose)) ? 'adjclose' : 'close';
}

/** Adjusted close of each bar (adjclose ?? close), keeping only finite, positive ones. */
export function adjustedSeries(bars: DailyBar[]): PricePoint[] {
  const points: PricePoint[] = [];
  for (const bar of bars) {
    const close = bar.adjclose ?? bar.close;
    if (typeof close === 'number' && Number.isFinite(close) && close > 0) points.push({ day: bar.date.slice(0, 10), close });
  }
  return points;
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const finiteOrNull = (value: number | null | undefined): number | null => (isFiniteNumber(value) ? value : null);

function lastSma(closes: number[], period: number): { last: number | null; series: Array<number | null> } {
  if (closes.length < period) return { last: null, series: closes.map(() => null) };
  const series = new SMA(period).updates(closes, false).map((v) => finiteOrNull(v));
  return { last: series.at(-1) ?? null, series };
}

function rsiOf(closes: number[]): number | null {
  if (closes.length < RSI_PERIOD + 1) return null;
  // Without a single up or down move Wilder's RS is 0/0; the library answers 100 (it treats a
  // zero average loss as "all gains"). A flat price is neither overbought nor oversold: 50.
  if (closes.every((c) => c === closes[0])) return 50;
  const rsi = new RSI(RSI_PERIOD);
  rsi.updates(closes, false);
  return finiteOrNull(rsi.getResult());
}

function macdOf(closes: number[]): TechnicalIndicators['macd'] {
  if (closes.length < MACD_SLOW + MACD_SIGNAL - 1) return null;
  const macd = new MACD(new EMA(MACD_FAST), new EMA(MACD_SLOW), new EMA(MACD_SIGNAL));
  macd.updates(closes, false);
  const result = macd.getResult();
  if (!result || !macd.signal.isStable) return null;
  const { macd: line, signal, histogram } = result;
  return isFiniteNumber(line) && isFiniteNumber(signal) && isFiniteNumber(histogram) ? { macd: line, signal, histogram } : null;
}

function bollingerOf(closes: number[], price: number): TechnicalIndicators['bollinger'] {
  if (closes.length < BOLLINGER_PERIOD) return null;
  const bands = new BollingerBands(BOLLINGER_PERIOD, BOLLINGER_DEVIATIONS);
  bands.updates(closes, false);
  const result = bands.getResult();
  if (!result) return null;
  const { upper, middle, lower } = result;
  if (![upper, middle, lower].every(isFiniteNumber)) return null;
  // Flat prices collapse the bands: the price sits in the middle.
  const position = upper > lower ? (price - lower) / (upper - lower) : 0.5;
  return { upper, middle, lower, position };
}

/** Trading days a horizon is measured over with `steps` daily steps of history, or null. */
export function momentumSpan(horizon: number, steps: number): number | null {
  if (steps >= horizon) return horizon;
  return steps >= Math.ceil(horizon * (1 - MOMENTUM_SHORTFALL)) ? steps : null;
}

function crossOf(sma50: Array<number | null>, sma200: Array<number | null>): TechnicalIndicators['cross'] {
  const n = sma50.length;
  const a = sma50[n - 1];
  const b = sma200[n - 1];
  if (!isFiniteNumber(a) || !isFiniteNumber(b)) return { state: null, crossedDaysAgo: null, lookbackDays: 0 };
  const state = a > b ? 'golden' : a < b ? 'death' : 'equal';
  const sign = (i: number): number | null => {
    const x = sma50[i];
    const y = sma200[i];
    return isFiniteNumber(x) && isFiniteNumber(y) ? Math.sign(x - y) : null;
  };
  let lookbackDays = 0;
  let crossedDaysAgo: number | null = null;
  // The bar `daysAgo` back from the last is a cross when SMA50 - SMA200 has a sign on it that
  // differs from the last nonzero sign before it (merely touching, sign 0, is not a cross).
  for (let daysAgo = 0; daysAgo < CROSS_LOOKBACK_DAYS; daysAgo++) {
    const i = n - 1 - daysAgo;
    const now = sign(i);
    if (now === null || sign(i - 1) === null) break;
    lookbackDays = daysAgo + 1;
    if (crossedDaysAgo !== null || now === 0) continue;
    let j = i - 1;
    while (sign(j) === 0) j--;
    const from = sign(j);
    if (from !== null && from !== now) crossedDaysAgo = daysAgo;
  }
  return { state, crossedDaysAgo, lookbackDays };
}

/** Writes a finding's verdict (see Finding.verdict) from its value and signal. */
type Verdict = (value: number, signal: Exclude<Signal, 'no data'>) => string;

function finding(
  metric: string,
  label: string,
  value: number | null,
  threshold: string,
  signal: Signal,
  source: string,
  verdict: Verdict,
): Finding {
  if (!isFiniteNumber(value) || signal === 'no data') {
    return { metric, label, value: isFiniteNumber(value) ? value : null, threshold, signal: 'no data', source };
  }
  return { metric, label, value, threshold, signal, verdict: verdict(value, signal), source };
}

// Verdicts: the value in its natural unit and the boundary that decided the signal.

/** Price vs an SMA (a fraction): `12.3% below the 200-day average, past the -1% band`. */
const priceVsSmaVerdict =
  (period: number): Verdict =>
  (value, signal) => {
    const average = `the ${period}-day average`;
    const band = formatPercent(THRESHOLDS.priceVsSma);
    if (signal === 'positive') return `${formatPercent(value)} above ${average}, past the +${band} band`;
    if (signal === 'negative') return `${formatPercent(-value)} below ${average}, past the -${band} band`;
    return `within ${band} of ${average} (${value < 0 ? `${formatPercent(-value)} below` : `${formatPercent(value)} above`})`;
  };

const crossVerdict: Verdict = (value, signal) =>
  signal === 'positive'
    ? `SMA50 is ${formatPercent(value)} above SMA200 (above 0: golden cross)`
    : signal === 'negative'
      ? `SMA50 is ${formatPercent(-value)} below SMA200 (below 0: death cross)`
      : 'SMA50 equals SMA200';

/** RSI: `75.3 is above the 70 threshold` (the label already says overbought or oversold). */
const rsiVerdict: Verdict = (value, signal) => {
  const show = (x: number) => x.toFixed(1);
  const shown = show(value);
  const { rsiOversold: low, rsiOverbought: high } = THRESHOLDS;
  if (signal === 'positive') return `${shown} ${side(value, low, `the ${low} threshold`, show)}`;
  if (signal === 'negative') return `${shown} ${side(value, high, `the ${high} threshold`, show)}`;
  return `${shown} is between ${low} and ${high}`;
};

const macdVerdict: Verdict = (value, signal) =>
  signal === 'positive'
    ? `${formatNumber(value)} is above zero (MACD above its signal line)`
    : signal === 'negative'
      ? `${formatNumber(value)} is below zero (MACD below its signal line)`
      : '0: MACD on its signal line';

const bollingerVerdict: Verdict = (value, signal) =>
  signal === 'positive'
    ? `${formatNumber(value)} is below 0 (price under the lower band)`
    : signal === 'negative'
      ? `${formatNumber(value)} is above 1 (price over the upper band)`
      : `${formatNumber(value)} is between 0 and 1 (inside the bands)`;

const momentumVerdict: Verdict = (value, signal) =>
  signal === 'positive' ? `rose ${formatPercent(value)}` : signal === 'negative' ? `fell ${formatPercent(-value)}` : 'unchanged (0%)';

const week52Verdict: Verdict = (value, signal) => {
  const at = `at ${formatPercent(value)} of the range`;
  if (signal === 'positive') return `${at}, above the ${formatPercent(THRESHOLDS.week52High)} mark (near the high)`;
  if (signal === 'negative') return `${at}, below the ${formatPercent(THRESHOLDS.week52Low)} mark (near the low)`;
  return `${at}, between the ${formatPercent(THRESHOLDS.week52Low)} and ${formatPercent(THRESHOLDS.week52High)} marks`;
};

const bySign = (value: number, band = 0): Signal => (value > band ? 'positive' : value < -band ? 'negative' : 'neutral');

/** Weighted score over the findings that had data (see TECHNICAL_WEIGHTS), or null. */
export function technicalScore(findings: Finding[]): number | null {
  let points = 0;
  let weight = 0;
  for (const f of findings) {
    if (f.signal === 'no data') continue;
    const w = TECHNICAL_WEIGHTS[f.metric] ?? 1;
    weight += w;
    points += w * (f.signal === 'positive' ? 1 : f.signal === 'neutral' ? 0.5 : 0);
  }
  return weight > 0 ? Math.round((points / weight) * 1000) / 1000 : null;
}

export function analyseTechnicals(bars: DailyBar[]): TechnicalReport {
  const series = adjustedSeries(bars);
  const closes = series.map((p) => p.close);
  const n = closes.length;
  const price = n > 0 ? closes[n - 1]! : null;
  const warnings: string[] = [];
  const missing: string[] = [];
  if (bars.length > n) warnings.push(`${bars.length - n} of ${bars.length} bars had no usable close and were skipped`);
  const label = closeLabel(bars);
  const src = (what: string) => `computed:${what} on ${label}(${n} bars)`;

  // Trend: SMA50, SMA200 and their cross.
  const s50 = lastSma(closes, SMA_SHORT);
  const s200 = lastSma(closes, SMA_LONG);
  if (s50.last === null) missing.push(`SMA${SMA_SHORT} (${SMA_SHORT})`);
  if (s200.last === null) missing.push(`SMA${SMA_LONG} and the golden/death cross (${SMA_LONG})`);
  const cross = crossOf(s50.series, s200.series);

  // Oscillators.
  const rsi14 = rsiOf(closes);
  if (rsi14 === null) missing.push(`RSI ${RSI_PERIOD} (${RSI_PERIOD + 1})`);
  const macd = macdOf(closes);
  if (macd === null) missing.push(`MACD (${MACD_SLOW + MACD_SIGNAL - 1})`);
  else if (n < MACD_SETTLED_BARS) {
    warnings.push(`MACD from only ${n} bars is still settling: its EMAs carry their seed (about ${MACD_SETTLED_BARS} bars are needed)`);
  }
  const bollinger = price === null ? null : bollingerOf(closes, price);
  if (bollinger === null) missing.push(`Bollinger bands (${BOLLINGER_PERIOD})`);

  // Momentum over each horizon.
  const steps = Math.max(0, n - 1);
  const momentum: TechnicalIndicators['momentum'] = { m1: null, m3: null, m6: null, m12: null };
  const momentumDays: Record<keyof typeof MOMENTUM_DAYS, number | null> = { m1: null, m3: null, m6: null, m12: null };
  for (const key of Object.keys(MOMENTUM_DAYS) as Array<keyof typeof MOMENTUM_DAYS>) {
    const horizon = MOMENTUM_DAYS[key];
    const days = momentumSpan(horizon, steps);
    momentumDays[key] = days;
    if (days === null || price === null) {
      missing.push(`${key.slice(1)}-month momentum (${Math.ceil(horizon * (1 - MOMENTUM_SHORTFALL)) + 1})`);
      continue;
    }
    momentum[key] = finiteOrNull(price / closes[n - 1 - days]! - 1);
  }

  // 52-week range of the closes.
  let week52: TechnicalIndicators['week52'] = null;
  const rangeCloses = closes.slice(-WEEK52_BARS);
  if (price !== null && rangeCloses.length >= 2) {
    const low = Math.min(...rangeCloses);
    const high = Math.max(...rangeCloses);
    week52 = { low, high, position: high > low ? (price - low) / (high - low) : 0.5 };
    if (rangeCloses.length < Math.ceil(WEEK52_BARS * (1 - MOMENTUM_SHORTFALL))) {
      warnings.push(`52-week range taken over only ${rangeCloses.length} bars`);
    }
  } else missing.push('52-week range (2)');

  if (missing.length > 0) warnings.push(`Short price history (${n} usable bars; bars needed in brackets): no ${missing.join(', ')}`);

  const vsSma = (sma: number | null) => (sma !== null && price !== null ? price / sma - 1 : null);
  const band = THRESHOLDS.priceVsSma;
  const smaThreshold = (period: number) => `price/SMA${period} - 1 > ${band} positive, < -${band} negative`;
  const p50 = vsSma(s50.last);
  const p200 = vsSma(s200.last);
  const crossValue = s50.last !== null && s200.last !== null ? s50.last / s200.last - 1 : null;
  const crossName = cross.state === 'golden' ? 'golden cross' : cross.state === 'death' ? 'death cross' : 'no cross';
  const crossRecency =
    cross.crossedDaysAgo === null
      ? `, no cross in the last ${cross.lookbackDays} days`
      : `, crossed ${cross.crossedDaysAgo === 0 ? 'on the last day' : `${cross.crossedDaysAgo} days ago`}`;

  const details: Finding[] = [
    finding(
      'priceVsSma50',
      'Price vs SMA50',
      p50,
      smaThreshold(SMA_SHORT),
      bySign(p50 ?? 0, band),
      src(`price / trading-signals SMA(${SMA_SHORT})`),
      priceVsSmaVerdict(SMA_SHORT),
    ),
    finding(
      'priceVsSma200',
      'Price vs SMA200',
      p200,
      smaThreshold(SMA_LONG),
      bySign(p200 ?? 0, band),
      src(`price / trading-signals SMA(${SMA_LONG})`),
      priceVsSmaVerdict(SMA_LONG),
    ),
    finding(
      'smaCross',
      crossValue === null ? 'SMA50 vs SMA200' : `SMA50 vs SMA200 (${crossName}${crossRecency})`,
      crossValue,
      'SMA50/SMA200 - 1 > 0 golden cross positive, < 0 death cross negative',
      bySign(crossValue ?? 0),
      src(`SMA(${SMA_SHORT}) / SMA(${SMA_LONG})`),
      crossVerdict,
    ),
    finding(
      'rsi14',
      rsi14 === null ? 'RSI 14' : rsi14 < THRESHOLDS.rsiOversold ? 'RSI 14 (oversold)' : rsi14 > THRESHOLDS.rsiOverbought ? 'RSI 14 (overbought)' : 'RSI 14',
      rsi14,
      `< ${THRESHOLDS.rsiOversold} oversold positive, > ${THRESHOLDS.rsiOverbought} overbought negative, else neutral`,
      rsi14 === null ? 'no data' : rsi14 < THRESHOLDS.rsiOversold ? 'positive' : rsi14 > THRESHOLDS.rsiOverbought ? 'negative' : 'neutral',
      src(`trading-signals RSI(${RSI_PERIOD}, Wilder)`),
      rsiVerdict,
    ),
    finding(
      'macdHistogram',
      'MACD histogram',
      macd?.histogram ?? null,
      '> 0 (MACD above its signal) positive, < 0 negative',
      bySign(macd?.histogram ?? 0),
      src(`trading-signals MACD(${MACD_FAST},${MACD_SLOW},${MACD_SIGNAL})`),
      macdVerdict,
    ),
    finding(
      'bollingerPosition',
      'Bollinger %B',
      bollinger?.position ?? null,
      '< 0 (below the lower band) positive, > 1 (above the upper band) negative, else neutral',
      bollinger === null ? 'no data' : bollinger.position < 0 ? 'positive' : bollinger.position > 1 ? 'negative' : 'neutral',
      src(`trading-signals BollingerBands(${BOLLINGER_PERIOD},${BOLLINGER_DEVIATIONS})`),
      bollingerVerdict,
    ),
    ...(Object.keys(MOMENTUM_DAYS) as Array<keyof typeof MOMENTUM_DAYS>).map((key) => {
      const months = key.slice(1);
      const days = momentumDays[key];
      return finding(
        `momentum${months}m`,
        `${months}-month momentum`,
        momentum[key],
        '> 0 positive, < 0 negative',
        bySign(momentum[key] ?? 0),
        days === null
          ? `computed:${label}(${n} bars), needs ${MOMENTUM_DAYS[key]} trading days`
          : `computed:${label}[last]/${label}[last-${days}] - 1 (${days} trading days)`,
        momentumVerdict,
      );
    }),
    finding(
      'week52Position',
      week52 === null ? '52-week range position' : `52-week range position (low ${week52.low.toFixed(2)}, high ${week52.high.toFixed(2)})`,
      week52?.position ?? null,
      `> ${THRESHOLDS.week52High} near the high positive, < ${THRESHOLDS.week52Low} near the low negative`,
      week52 === null ? 'no data' : week52.position > THRESHOLDS.week52High ? 'positive' : week52.position < THRESHOLDS.week52Low ? 'negative' : 'neutral',
      `computed:(price - low) / (high - low) over ${label}(${rangeCloses.length} bars)`,
      week52Verdict,
    ),
  ];

  const indicators: TechnicalIndicators = {
    bars: n,
    lastClose: price,
    sma50: s50.last,
    sma200: s200.last,
    cross,
    rsi14,
    macd,
    bollinger,
    momentum,
    week52,
  };
  return { score: technicalScore(details), details, warnings, indicators };
}
