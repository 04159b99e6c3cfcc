// The risk analyst: how much this holding can hurt. Volatility, drawdown, beta against a
// benchmark, liquidity and the holding's weight in the portfolio, each judged against stated
// thresholds, folded into a 0..1 risk score where HIGHER IS RISKIER.
//
// Measures (prices are adjusted closes, as in the technical analyst; a split is not a fall):
// - annualisedVolatility: sample standard deviation of daily log returns x sqrt(252) (the
//   formula of the basic analysis, so both figures agree). Needs 20 returns.
// - maxDrawdown: the deepest fall from a running peak, as a positive fraction (0.35 = -35%),
//   by trading-signals' getMaxDrawdown (which answers in percent). Needs 2 closes.
// - beta: cov(r, r_b) / var(r_b) of daily SIMPLE returns, aligned by date (YYYY-MM-DD): only
//   days both series have are kept, and each return spans the same two dates in both. Null,
//   with a warning, without benchmark bars, with fewer than 30 aligned returns, or when the
//   benchmark never moved.
// - averageVolume: mean volume (shares a day) of the last 63 bars that report one. Null when
//   no bar reports a positive volume (indices and currency pairs report 0).
// - weight: the holding's share of the portfolio (a fraction 0..1), as given.
//
// Each measure maps to a 0..1 risk part by a straight line between two anchors, clamped; the
// anchors are also the finding thresholds (below the low anchor: positive, i.e. low risk;
// above the high one: negative; between: neutral):
//   volatility 0.15 .. 0.45, max drawdown 0.15 .. 0.40, beta 0.8 .. 1.3,
//   concentration (weight) 0.05 .. 0.10,
//   liquidity: average volume 1,000,000 .. 100,000 shares a day, on a log scale (more volume
//   is less risk).
// Each finding with data has a verdict naming the anchor that decided its signal, fractions in
// percent: `52% is above the 45% threshold`, `50,000 shares a day is below the 100,000 threshold`.
// Risk score = the RISK_WEIGHTS-weighted mean of the parts that have data (volatility 0.30,
// drawdown 0.25, beta 0.20, concentration 0.15, liquidity 0.10); a missing part is left out
// and the others share its weight, with a warning. Rounded to 3 decimals. Null only when no
// part has data (no bars, or bars too few for any measure, no volume and no weight).
import { getMaxDrawdown } from 'trading-signals';
import { z } from 'zod';
import type { DailyBar } from '../../prefetch/market-data.js';
import { type AnalystReport, type Finding, formatNumber, formatPercent, type Signal, side } from './finding.js';
import { adjustedSeries, closeLabel } from './technical-analyst.js';

export const MIN_VOLATILITY_RETURNS = 20;
export const MIN_BETA_RETURNS = 30;
export const VOLUME_BARS = 63;

/** [low, high] anchors: at or below low the part is 0 (low risk), at or above high it is 1. */
export const RISK_ANCHORS = {
  volatility: [0.15, 0.45],
  drawdown: [0.15, 0.4],
  beta: [0.8, 1.3],
  concentration: [0.05, 0.1],
  /** Average shares a day; the line runs on log10(volume), and MORE volume is LESS risk. */
  liquidity: [100_000, 1_000_000],
} as const;

export const RISK_WEIGHTS = {
  volatility: 0.3,
  drawdown: 0.25,
  beta: 0.2,
  concentration: 0.15,
  liquidity: 0.1,
} as const;
export type RiskPart = keyof typeof RISK_WEIGHTS;

const finite = z.number(); // zod 4: rejects NaN and +-Infinity
export const riskMeasuresSchema = z.object({
  annualisedVolatility: finite.nonnegative().nullable(),
  maxDrawdown: finite.min(0).max(1).nullable(),
  beta: finite.nullable(),
  /** Aligned daily returns beta was computed from (0 without a benchmark). */
  betaObservations: z.number().int().nonnegative(),
  benchmarkSymbol: z.string(),
  averageVolume: finite.nonnegative().nullable(),
  weight: finite.min(0).max(1).nullable(),
  /** Each part's 0..1 risk, null when it had no data. */
  parts: z.object({
    volatility: finite.nullable(),
    drawdown: finite.nullable(),
    beta: finite.nullable(),
    concentration: finite.nullable(),
    liquidity: finite.nullable(),
  }),
});
export type RiskMeasures = z.infer<typeof riskMeasuresSchema>;
export type RiskReport = AnalystReport & { measures: RiskMeasures };

export interface RiskInput {
  bars: DailyBar[];
  benchmarkBars: DailyBar[] | null;
  benchmarkSymbol: string;
  /** Share of the portfolio's market value, 0..1; null when unknown. */
  weight: number | null;
  /** The quote's averageDailyVolume3Month: the liquidity figure when the bars carry no volume (spark's). */
  quoteAverageVolume?: number | null;
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const line = (x: number, [low, high]: readonly [number, number]) => clamp01((x - low) / (high - low));

export const TRADING_DAYS_PER_YEAR = 252;

/** Sample standard deviation of daily log returns, annualised with sqrt(252); null under 2 returns. */
export function annualisedVolatility(closes: number[]): number | null {
  const returns = closes.slice(1).map((close, i) => Math.log(close / closes[i]!));
  if (returns.length < 2) return null;
  const mean = returns.reduce((sum, r) => sum + r, 0) / returns.length;
  const variance = returns.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (returns.length - 1);
  return Math.sqrt(variance * TRADING_DAYS_PER_YEAR);
}

/** The 0..1 risk of one measure (see RISK_ANCHORS). */
export function riskPart(part: RiskPart, value: number): number {
  if (part === 'liquidity') {
    const [thin, deep] = RISK_ANCHORS.liquidity;
    if (value <= 0) return 1;
    return 1 - line(Math.log10(value), [Math.log10(thin), Math.log10(deep)]);
  }
  return line(value, RISK_ANCHORS[part]);
}

/** Weighted mean of the parts that have data (RISK_WEIGHTS), rounded to 3 decimals; null if none. */
export function combineRisk(parts: Record<RiskPart, number | null>): number | null {
  let sum = 0;
  let weight = 0;
  for (const part of Object.keys(RISK_WEIGHTS) as RiskPart[]) {
    const value = parts[part];
    if (!isFiniteNumber(value)) continue;
    sum += RISK_WEIGHTS[part] * value;
    weight += RISK_WEIGHTS[part];
  }
  return weight > 0 ? Math.round(clamp01(sum / weight) * 1000) / 1000 : null;
}

/** Sample covariance / sample variance of aligned simple returns, by date; null below the minimum. */
export function betaAgainst(
  bars: DailyBar[],
  benchmarkBars: DailyBar[],
): { beta: number | null; observations: number; reason: string | null } {
  const benchmark = new Map(adjustedSeries(benchmarkBars).map((p) => [p.day, p.close]));
  const common: Array<[number, number]> = [];
  const seen = new Set<string>();
  for (const { day, close } of adjustedSeries(bars)) {
    const other = benchmark.get(day);
    if (other === undefined || seen.has(day)) continue;
    seen.add(day);
    common.push([close, other]);
  }
  const r: number[] = [];
  const rb: number[] = [];
  for (let i = 1; i < common.length; i++) {
    r.push(common[i]![0] / common[i - 1]![0] - 1);
    rb.push(common[i]![1] / common[i - 1]![1] - 1);
  }
  const observations = r.length;
  if (observations < MIN_BETA_RETURNS) {
    return { beta: null, observations, reason: `only ${observations} daily returns align by date with the benchmark (needs ${MIN_BETA_RETURNS})` };
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const m = mean(r);
  const mb = mean(rb);
  let cov = 0;
  let variance = 0;
  for (let i = 0; i < observations; i++) {
    cov += (r[i]! - m) * (rb[i]! - mb);
    variance += (rb[i]! - mb) ** 2;
  }
  if (!(variance > 0)) return { beta: null, observations, reason: 'the benchmark did not move over the aligned days' };
  const beta = cov / variance;
  return isFiniteNumber(beta) ? { beta, observations, reason: null } : { beta: null, observations, reason: 'beta is not a finite number' };
}

/** Mean volume of the last `VOLUME_BARS` bars that report one; null when none is positive. */
export function averageVolumeOf(bars: DailyBar[]): { average: number | null; bars: number } {
  const volumes = bars
    .slice(-VOLUME_BARS)
    .map((b) => b.volume)
    .filter((v): v is number => isFiniteNumber(v) && v >= 0);
  if (volumes.length === 0 || !volumes.some((v) => v > 0)) return { average: null, bars: volumes.length };
  return { average: volumes.reduce((s, v) => s + v, 0) / volumes.length, bars: volumes.length };
}

const signalOf = (part: number | null): Signal => (part === null ? 'no data' : part <= 0 ? 'positive' : part >= 1 ? 'negative' : 'neutral');
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/**
 * The verdict of a measure judged between a low-risk and a high-risk boundary (see
 * Finding.verdict): positive names `safe`, negative `risky`, neutral both, e.g.
 * `52% is above the 45% threshold`, `0.72 is below the 0.8 threshold`, `1.1 is between 0.8 and
 * 1.3`. `show` writes a value or a boundary in the measure's unit; `unit` follows the value.
 */
function boundaryVerdict(
  value: number | null,
  signal: Signal,
  boundaries: { safe: number; risky: number },
  show: (x: number) => string,
  unit = '',
): string | undefined {
  if (value === null || signal === 'no data') return undefined;
  const { safe, risky } = boundaries;
  const shown = `${show(value)}${unit}`;
  if (signal === 'neutral') return `${shown} is between ${show(Math.min(safe, risky))} and ${show(Math.max(safe, risky))}`;
  const boundary = signal === 'positive' ? safe : risky;
  return `${shown} ${side(value, boundary, `the ${show(boundary)} threshold`, show)}`;
}


export function analyseRisk(input: RiskInput): RiskReport {
  const { bars, benchmarkBars, benchmarkSymbol } = input;
  const warnings: string[] = [];
  const closes = adjustedSeries(bars).map((p) => p.close);
  const n = closes.length;

  const volatility = n - 1 >= MIN_VOLATILITY_RETURNS ? annualisedVolatility(closes) : null;
  if (volatility === null) warnings.push(`No volatility: ${Math.max(0, n - 1)} daily returns (needs ${MIN_VOLATILITY_RETURNS})`);

  const drawdown = n >= 2 ? getMaxDrawdown(closes) / 100 : null;
  if (drawdown === null) warnings.push(`No max drawdown: ${n} usable closes (needs 2)`);

  let beta: number | null = null;
  let betaObservations = 0;
  if (benchmarkBars === null || benchmarkBars.length === 0) {
    warnings.push(`No beta: no ${benchmarkSymbol} bars to compare with`);
  } else {
    const result = betaAgainst(bars, benchmarkBars);
    beta = result.beta;
    betaObservations = result.observations;
    if (result.reason) warnings.push(`No beta against ${benchmarkSymbol}: ${result.reason}`);
  }

  const fromBars = averageVolumeOf(bars);
  // Spark's bars carry closes only: the quote's 3-month average (about VOLUME_BARS sessions) stands in.
  const fromQuote = fromBars.average === null && isFiniteNumber(input.quoteAverageVolume) && input.quoteAverageVolume > 0 ? input.quoteAverageVolume : null;
  const volume = fromQuote === null ? fromBars : { average: fromQuote, bars: VOLUME_BARS };
  const volumeSource = fromQuote === null ? `computed:mean volume of the last ${volume.bars} bars` : 'quote:averageDailyVolume3Month (the bars carry no volume)';
  if (volume.average === null) warnings.push('No liquidity figure: no bar reports a traded volume');
  else if (fromQuote === null && volume.bars < VOLUME_BARS) warnings.push(`Average volume taken over only ${volume.bars} bars (of ${VOLUME_BARS})`);

  let weight: number | null = null;
  if (input.weight === null) warnings.push('No concentration figure: the holding has no portfolio weight');
  else if (!isFiniteNumber(input.weight) || input.weight < 0 || input.weight > 1) {
    warnings.push(`No concentration figure: weight ${String(input.weight)} is not a fraction between 0 and 1`);
  } else weight = input.weight;

  const safe = (x: number | null) => (isFiniteNumber(x) ? x : null);
  const values: Record<RiskPart, number | null> = {
    volatility: safe(volatility),
    drawdown: safe(drawdown),
    beta: safe(beta),
    concentration: weight,
    liquidity: safe(volume.average),
  };
  const parts = Object.fromEntries(
    (Object.keys(RISK_WEIGHTS) as RiskPart[]).map((p) => [p, values[p] === null ? null : riskPart(p, values[p]!)]),
  ) as Record<RiskPart, number | null>;
  const score = combineRisk(parts);
  const left = (Object.keys(RISK_WEIGHTS) as RiskPart[]).filter((p) => parts[p] === null);
  if (left.length > 0 && score !== null) {
    warnings.push(`Risk score without ${left.join(', ')}: their weight is shared among the other parts`);
  }

  const [vLow, vHigh] = RISK_ANCHORS.volatility;
  const [dLow, dHigh] = RISK_ANCHORS.drawdown;
  const [bLow, bHigh] = RISK_ANCHORS.beta;
  const [cLow, cHigh] = RISK_ANCHORS.concentration;
  const [thin, deep] = RISK_ANCHORS.liquidity;
  const judged: Finding[] = [
    {
      metric: 'annualisedVolatility',
      label: 'Annualised volatility',
      value: values.volatility,
      threshold: `<= ${vLow} low (positive), >= ${vHigh} high (negative)`,
      signal: signalOf(parts.volatility),
      source: `computed:stdev(daily log returns of ${closeLabel(bars)}(${n} bars)) x sqrt(252)`,
    },
    {
      metric: 'maxDrawdown',
      label: 'Max drawdown',
      value: values.drawdown,
      threshold: `<= ${dLow} positive, >= ${dHigh} negative`,
      signal: signalOf(parts.drawdown),
      source: `computed:trading-signals getMaxDrawdown(${closeLabel(bars)}(${n} bars))`,
    },
    {
      metric: 'beta',
      label: `Beta vs ${benchmarkSymbol}`,
      value: values.beta,
      threshold: `<= ${bLow} positive, >= ${bHigh} negative`,
      signal: signalOf(parts.beta),
      source: `computed:cov/var of ${betaObservations} daily returns aligned by date with ${benchmarkSymbol}`,
    },
    {
      metric: 'averageVolume',
      label: 'Average daily volume',
      value: values.liquidity,
      threshold: `>= ${deep} shares/day positive, <= ${thin} negative`,
      signal: signalOf(parts.liquidity),
      source: volumeSource,
    },
    {
      metric: 'portfolioWeight',
      label: weight === null ? 'Portfolio weight' : `Portfolio weight (${pct(weight)})`,
      value: weight,
      threshold: `< ${cLow} positive, ${cLow}..${cHigh} neutral, > ${cHigh} concentrated (negative)`,
      signal: weight === null ? 'no data' : weight > cHigh ? 'negative' : weight >= cLow ? 'neutral' : 'positive',
      source: 'input:holding weight (market value / portfolio market value)',
    },
  ];
  // Each verdict names the boundary that decided the signal, in the measure's unit.
  const verdictBoundaries: Record<string, [{ safe: number; risky: number }, (x: number) => string, string?]> = {
    annualisedVolatility: [{ safe: vLow, risky: vHigh }, formatPercent],
    maxDrawdown: [{ safe: dLow, risky: dHigh }, formatPercent],
    beta: [{ safe: bLow, risky: bHigh }, formatNumber],
    averageVolume: [{ safe: deep, risky: thin }, formatNumber, ' shares a day'],
    portfolioWeight: [{ safe: cLow, risky: cHigh }, formatPercent],
  };
  const details = judged.map((finding) => {
    const [boundaries, show, unit] = verdictBoundaries[finding.metric]!;
    const verdict = boundaryVerdict(finding.value, finding.signal, boundaries, show, unit);
    return verdict === undefined ? finding : { ...finding, verdict };
  });

  return {
    score,
    details,
    warnings,
    measures: {
      annualisedVolatility: values.volatility,
      maxDrawdown: values.drawdown,
      beta: values.beta,
      betaObservations,
      benchmarkSymbol,
      averageVolume: values.liquidity,
      weight,
      parts,
    },
  };
}
