// Independent, textbook computations of the indicators, with plain loops and no library, for
// the technical and risk analyst tests to check the product's figures against.

/** Mean of the last `n` values, or null when there are fewer. */
export function smaLast(values: number[], n: number): number | null {
  if (values.length < n) return null;
  let sum = 0;
  for (let i = values.length - n; i < values.length; i++) sum += values[i]!;
  return sum / n;
}

/** SMA(n) on every day (null before the n-th value). */
export function smaSeries(values: number[], n: number): Array<number | null> {
  return values.map((_, i) => smaLast(values.slice(0, i + 1), n));
}

/** Wilder's RSI: first averages are the plain means of the first n gains and losses, then
 * avg = (avg * (n - 1) + today) / n. Null before n + 1 prices. */
export function wilderRsi(values: number[], n = 14): number | null {
  if (values.length < n + 1) return null;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= n; i++) {
    const change = values[i]! - values[i - 1]!;
    if (change > 0) gain += change;
    else loss -= change;
  }
  gain /= n;
  loss /= n;
  for (let i = n + 1; i < values.length; i++) {
    const change = values[i]! - values[i - 1]!;
    gain = (gain * (n - 1) + Math.max(change, 0)) / n;
    loss = (loss * (n - 1) + Math.max(-change, 0)) / n;
  }
  if (loss === 0) return 100;
  return 100 - 100 / (1 + gain / loss);
}

export type EmaSeed = 'sma' | 'first';

/** EMA with alpha 2/(n+1) on every day. Seeded with the SMA of the first n values (TA-Lib,
 * StockCharts; null before the n-th value) or with the first value (pandas ewm(adjust=False)). */
export function emaSeries(values: number[], n: number, seed: EmaSeed): Array<number | null> {
  const alpha = 2 / (n + 1);
  const out: Array<number | null> = [];
  let ema: number | null = null;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (seed === 'first') {
      ema = ema === null ? x : alpha * x + (1 - alpha) * ema;
      out.push(ema);
    } else if (i < n - 1) out.push(null);
    else if (i === n - 1) {
      ema = smaLast(values.slice(0, n), n)!;
      out.push(ema);
    } else {
      ema = alpha * x + (1 - alpha) * ema!;
      out.push(ema);
    }
  }
  return out;
}

/** MACD(12, 26, 9): line = EMA12 - EMA26 from the day EMA26 exists; signal = EMA9 of the line. */
export function macdLast(values: number[], seed: EmaSeed, fast = 12, slow = 26, signal = 9) {
  const f = emaSeries(values, fast, seed);
  const s = emaSeries(values, slow, seed);
  const line: number[] = [];
  for (let i = slow - 1; i < values.length; i++) line.push(f[i]! - s[i]!);
  if (line.length < signal) return null;
  const sig = emaSeries(line, signal, seed);
  const m = line.at(-1)!;
  const g = sig.at(-1)!;
  return { macd: m, signal: g, histogram: m - g };
}

/** Bollinger(n, k) with the POPULATION (divide by n) or SAMPLE (n - 1) standard deviation. */
export function bollingerLast(values: number[], n = 20, k = 2, std: 'population' | 'sample' = 'population') {
  if (values.length < n) return null;
  const window = values.slice(-n);
  const mean = window.reduce((a, b) => a + b, 0) / n;
  let squares = 0;
  for (const x of window) squares += (x - mean) ** 2;
  const sd = Math.sqrt(squares / (std === 'population' ? n : n - 1));
  return { upper: mean + k * sd, middle: mean, lower: mean - k * sd };
}

/** Deepest fall from a running peak, as a positive fraction. */
export function maxDrawdown(values: number[]): number {
  let peak = -Infinity;
  let worst = 0;
  for (const x of values) {
    if (x > peak) peak = x;
    worst = Math.max(worst, (peak - x) / peak);
  }
  return worst;
}

/** Sample standard deviation of daily log returns x sqrt(252). */
export function annualisedLogVolatility(values: number[]): number {
  const r: number[] = [];
  for (let i = 1; i < values.length; i++) r.push(Math.log(values[i]! / values[i - 1]!));
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  let squares = 0;
  for (const x of r) squares += (x - mean) ** 2;
  return Math.sqrt((squares / (r.length - 1)) * 252);
}

/** Independent beta: sample covariance over sample variance of two aligned return lists. */
export function independentBeta(r: number[], rb: number[]): number {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const [m, mb] = [mean(r), mean(rb)];
  let cov = 0;
  let variance = 0;
  for (let i = 0; i < r.length; i++) {
    cov += (r[i]! - m) * (rb[i]! - mb);
    variance += (rb[i]! - mb) ** 2;
  }
  return cov / (r.length - 1) / (variance / (r.length - 1));
}

/** Simple daily returns. */
export const simpleReturns = (closes: number[]) => closes.slice(1).map((c, i) => c / closes[i]! - 1);

/** Every number in `value` (recursively) that is NaN or infinite, with its path. */
export function nonFiniteNumbers(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path}: ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => nonFiniteNumbers(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nonFiniteNumbers(v, `${path}.${k}`, out);
  }
  return out;
}

/** How many numbers `value` holds (recursively): a walk that saw nothing proves nothing. */
export function countNumbers(value: unknown): number {
  if (typeof value === 'number') return 1;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + countNumbers(v), 0);
  if (value !== null && typeof value === 'object') return Object.values(value).reduce<number>((n, v) => n + countNumbers(v), 0);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Synthetic data.

/** A deterministic pseudo-random walk: `n` closes from 100 with daily returns of about
 * `vol` and a `drift`; every 17th day is flat (no change), to exercise RSI's ties. */
export function randomWalk(n: number, options: { seed?: number; vol?: number; drift?: number; start?: number } = {}): number[] {
  let state = options.seed ?? 42;
  const uniform = () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
  const closes: number[] = [];
  let price = options.start ?? 100;
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 17 !== 0) price *= 1 + (options.drift ?? 0.0005) + (options.vol ?? 0.02) * (uniform() * 2 - 1) * Math.sqrt(3);
    closes.push(price);
  }
  return closes;
}

/** `n` weekdays from 2021-01-04, as YYYY-MM-DD. */
export function weekdays(n: number, from = '2021-01-04'): string[] {
  const days: string[] = [];
  const date = new Date(`${from}T00:00:00Z`);
  while (days.length < n) {
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(date.toISOString().slice(0, 10));
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return days;
}

export interface SyntheticBar {
  date: string;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  adjclose?: number | null;
  volume: number | null;
}

/** Daily bars at 14:30 UTC (a US open) whose close and adjclose are `closes`. */
export function barsOf(closes: number[], options: { volume?: number | ((i: number) => number | null); days?: string[]; time?: string } = {}): SyntheticBar[] {
  const days = options.days ?? weekdays(closes.length);
  return closes.map((close, i) => ({
    date: `${days[i]}T${options.time ?? '14:30:00.000'}Z`,
    open: close,
    high: close * 1.01,
    low: close * 0.99,
    close,
    adjclose: close,
    volume: typeof options.volume === 'function' ? options.volume(i) : (options.volume ?? 2_000_000),
  }));
}
