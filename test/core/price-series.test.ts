import { describe, expect, it } from 'vitest';
import type { DailyBar } from '../../lambdas/core/prefetch/market-data.js';
import { adjustedCloses, annualisedVolatility } from '../../lambdas/core/analysis/price-series.js';

type BarInput = number | null | { close: number | null; adjclose?: number | null };

function bar(input: BarInput, day: number): DailyBar {
  const { close, adjclose } = typeof input === 'object' && input !== null ? input : { close: input, adjclose: undefined };
  const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString();
  return { date, open: close, high: close, low: close, close, ...(adjclose !== undefined ? { adjclose } : {}), volume: 1000 };
}

const data = (bars: BarInput[]) => ({ bars: bars.map(bar) });

/** Independent reference: log returns, sample variance (n - 1), annualised over 252 days. */
function referenceVolatility(closes: number[]): number {
  const returns: number[] = [];
  for (let i = 1; i < closes.length; i++) returns.push(Math.log(closes[i]! / closes[i - 1]!));
  let total = 0;
  for (const r of returns) total += r;
  const mean = total / returns.length;
  let squares = 0;
  for (const r of returns) squares += (r - mean) * (r - mean);
  return Math.sqrt((squares / (returns.length - 1)) * 252);
}

describe('annualisedVolatility', () => {
  it('matches a hand-computed value on a tiny series', () => {
    const closes = [100, 102, 101, 105];
    const expected = referenceVolatility(closes);
    // Written out by hand as well: returns ln(1.02), ln(101/102), ln(105/101).
    const r = [Math.log(1.02), Math.log(101 / 102), Math.log(105 / 101)];
    const m = (r[0]! + r[1]! + r[2]!) / 3;
    const byHand = Math.sqrt((((r[0]! - m) ** 2 + (r[1]! - m) ** 2 + (r[2]! - m) ** 2) / 2) * 252);
    expect(expected).toBeCloseTo(byHand, 12);
    expect(byHand).toBeCloseTo(0.38953, 4); // worked on paper: sum of squared deviations 1.20425e-3
    expect(annualisedVolatility(closes)).toBeCloseTo(expected, 12);
  });

  it('uses the sample variance (n - 1), not the population one', () => {
    const closes = [100, 110, 99, 120, 100];
    const returns = closes.slice(1).map((c, i) => Math.log(c / closes[i]!));
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const squares = returns.reduce((a, b) => a + (b - mean) ** 2, 0);
    const population = Math.sqrt((squares / returns.length) * 252);
    expect(annualisedVolatility(closes)).toBeCloseTo(Math.sqrt((squares / (returns.length - 1)) * 252), 12);
    expect(Math.abs(annualisedVolatility(closes) - population)).toBeGreaterThan(0.05);
  });

  it('does not depend on the price level, only on the moves', () => {
    const closes = [100, 102, 101, 105, 103];
    expect(annualisedVolatility(closes.map((c) => c * 37))).toBeCloseTo(annualisedVolatility(closes), 12);
  });

  it('is 0 for a constant-growth series and for fewer than two returns', () => {
    expect(annualisedVolatility([100, 110, 121, 133.1])).toBeCloseTo(0, 12);
    expect(annualisedVolatility([100, 110])).toBe(0);
    expect(annualisedVolatility([100])).toBe(0);
    expect(annualisedVolatility([])).toBe(0);
  });
});

describe('adjustedCloses', () => {
  it('uses adjclose so that a 2:1 split in close does not appear as a crash', () => {
    const bars: BarInput[] = [
      { close: 200, adjclose: 100 },
      { close: 204, adjclose: 102 },
      { close: 206, adjclose: 103 },
      { close: 104, adjclose: 104 }, // the split: close halves, adjclose does not
      { close: 105, adjclose: 105 },
    ];
    const closes = adjustedCloses(data(bars));
    expect(closes).toEqual([100, 102, 103, 104, 105]);
    // Read from these, the year is +5 % and calm; read from close it would be a -48 % crash.
    expect(closes.at(-1)! / closes[0]! - 1).toBeCloseTo(0.05, 12);
    expect(annualisedVolatility(closes)).toBeCloseTo(referenceVolatility([100, 102, 103, 104, 105]), 12);
    expect(annualisedVolatility(closes)).toBeLessThan(0.2);
  });

  it('skips null, NaN, zero, negative and infinite closes, keeping the order', () => {
    const bars: BarInput[] = [100, null, Number.NaN, 0, 110, -5, Number.POSITIVE_INFINITY, 99, { close: null, adjclose: null }];
    expect(adjustedCloses(data(bars))).toEqual([100, 110, 99]);
    expect(adjustedCloses(data([]))).toEqual([]);
    expect(adjustedCloses(data([null, 0, Number.NaN]))).toEqual([]);
  });

  it('falls back to close where adjclose is missing or null, and prefers adjclose where both are given', () => {
    expect(adjustedCloses(data([{ close: 50, adjclose: null }, { close: 60 }, { close: 70, adjclose: 35 }]))).toEqual([50, 60, 35]);
  });

  it('never returns a value that would make a log return NaN or infinite', () => {
    const bars: BarInput[] = [{ close: 10, adjclose: 0 }, { close: -1 }, 5, { close: null, adjclose: 6 }, Number.NEGATIVE_INFINITY, 7];
    const closes = adjustedCloses(data(bars));
    expect(closes).toEqual([5, 6, 7]);
    for (const close of closes) expect(close > 0 && Number.isFinite(close)).toBe(true);
    expect(Number.isFinite(annualisedVolatility(closes))).toBe(true);
  });
});
