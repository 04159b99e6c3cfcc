import { describe, expect, it } from 'vitest';
import { adjustedCloses, analyseBasics, annualisedVolatility, basicScore } from '../../lambdas/core/basic-analysis.js';
import type { BasicFigures } from '../../lambdas/core/crew-result.js';
import type { DailyBar, YahooTickerData } from '../../lambdas/core/market-data.js';

type BarInput = number | null | { close: number | null; adjclose?: number | null };

function bar(input: BarInput, day: number): DailyBar {
  const { close, adjclose } = typeof input === 'object' && input !== null ? input : { close: input, adjclose: undefined };
  const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString();
  return { date, open: close, high: close, low: close, close, ...(adjclose !== undefined ? { adjclose } : {}), volume: 1000 };
}

function data(bars: BarInput[], quote: Record<string, unknown> | null = null): YahooTickerData {
  return { symbol: 'TEST', quote, summary: {}, summaryErrors: {}, bars: bars.map(bar) };
}

function ok(result: ReturnType<typeof analyseBasics>) {
  if (!result.ok) throw new Error(`expected ok, got failure: ${result.error}`);
  return result;
}

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
    expect(ok(analyseBasics(data(closes))).figures.annualisedVolatility).toBeCloseTo(expected, 12);
  });

  it('is 0 for a constant-growth series and for fewer than two returns', () => {
    expect(annualisedVolatility([100, 110, 121, 133.1])).toBeCloseTo(0, 12);
    expect(annualisedVolatility([100, 110])).toBe(0);
  });
});

describe('analyseBasics', () => {
  it('uses adjclose so that a 2:1 split in close does not appear as a crash', () => {
    const bars: BarInput[] = [
      { close: 200, adjclose: 100 },
      { close: 204, adjclose: 102 },
      { close: 206, adjclose: 103 },
      { close: 104, adjclose: 104 }, // the split: close halves, adjclose does not
      { close: 105, adjclose: 105 },
    ];
    expect(adjustedCloses(data(bars))).toEqual([100, 102, 103, 104, 105]);
    const { figures } = ok(analyseBasics(data(bars)));
    expect(figures.oneYearReturn).toBeCloseTo(0.05, 12);
    expect(figures.week52Low).toBe(100);
    expect(figures.week52High).toBe(105);
    expect(figures.week52Position).toBe(1);
    expect(figures.annualisedVolatility).toBeCloseTo(referenceVolatility([100, 102, 103, 104, 105]), 12);
    expect(figures.annualisedVolatility).toBeLessThan(0.2);
  });

  it('fails with the reason when fewer than 2 usable bars', () => {
    expect(analyseBasics(data([]))).toEqual({ ok: false, error: 'not enough price history (0 usable bars)' });
    expect(analyseBasics(data([100]))).toEqual({ ok: false, error: 'not enough price history (1 usable bars)' });
    expect(analyseBasics(data([null, 0, Number.NaN, 100, null]))).toEqual({
      ok: false,
      error: 'not enough price history (1 usable bars)',
    });
  });

  it('skips null, NaN, zero, negative and infinite closes', () => {
    const bars: BarInput[] = [100, null, Number.NaN, 0, 110, -5, Number.POSITIVE_INFINITY, 99, { close: null, adjclose: null }];
    expect(adjustedCloses(data(bars))).toEqual([100, 110, 99]);
    const { figures } = ok(analyseBasics(data(bars)));
    expect(figures.bars).toBe(3);
    expect(figures.oneYearReturn).toBeCloseTo(99 / 100 - 1, 12);
    expect(figures.week52Low).toBe(99);
    expect(figures.week52High).toBe(110);
    expect(figures.annualisedVolatility).toBeCloseTo(referenceVolatility([100, 110, 99]), 12);
  });

  it('falls back to close where adjclose is missing', () => {
    expect(adjustedCloses(data([{ close: 50, adjclose: null }, { close: 60 }, { close: 70, adjclose: 35 }]))).toEqual([50, 60, 35]);
  });

  it('bounds week52Position to 0..1, with 0.5 for a flat series', () => {
    expect(ok(analyseBasics(data([100, 100, 100, 100]))).figures.week52Position).toBe(0.5);
    expect(ok(analyseBasics(data([120, 110, 100]))).figures.week52Position).toBe(0);
    expect(ok(analyseBasics(data([100, 110, 120]))).figures.week52Position).toBe(1);
    expect(ok(analyseBasics(data([100, 140, 110]))).figures.week52Position).toBeCloseTo(0.25, 12);
    for (const series of [[1, 2], [2, 1], [5, 1, 9, 3], [3, 3], [10, 1000, 1]]) {
      const p = ok(analyseBasics(data(series))).figures.week52Position;
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });

  it('prefers the quote regularMarketPrice for lastPrice, else the last close', () => {
    const closes = [100, 101, 102];
    expect(ok(analyseBasics(data(closes, { regularMarketPrice: 103.5, currency: 'USD' }))).figures).toMatchObject({
      lastPrice: 103.5,
      currency: 'USD',
    });
    expect(ok(analyseBasics(data(closes, null))).figures).toMatchObject({ lastPrice: 102, currency: null });
    expect(ok(analyseBasics(data(closes, { regularMarketPrice: 0 }))).figures.lastPrice).toBe(102);
    expect(ok(analyseBasics(data(closes, { regularMarketPrice: '103' }))).figures.lastPrice).toBe(102);
  });

  it('returns a score in 0..1 equal to basicScore of its figures', () => {
    for (const series of [[100, 101], [100, 50], [100, 300], [100, 1, 100, 1, 100], [1, 1, 1]]) {
      const result = ok(analyseBasics(data(series)));
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
      expect(result.score).toBe(basicScore(result.figures));
    }
  });
});

describe('basicScore', () => {
  const base: BasicFigures = {
    lastPrice: 100,
    currency: 'USD',
    week52Low: 80,
    week52High: 120,
    week52Position: 0.5,
    oneYearReturn: 0,
    annualisedVolatility: 0.3,
    bars: 252,
  };

  it('stays within 0..1 at the extremes', () => {
    const extremes: Array<Partial<BasicFigures>> = [
      { week52Position: 0, oneYearReturn: -1, annualisedVolatility: 10 },
      { week52Position: 1, oneYearReturn: 100, annualisedVolatility: 0 },
      { week52Position: 0, oneYearReturn: -0.99, annualisedVolatility: 0.8 },
      { week52Position: 1, oneYearReturn: 1e6, annualisedVolatility: 1e6 },
    ];
    for (const extreme of extremes) {
      const score = basicScore({ ...base, ...extreme });
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });

  it('is monotonic in oneYearReturn, other things equal', () => {
    const returns = [-0.9, -0.5, -0.2, -0.05, 0, 0.05, 0.2, 0.5, 1, 3];
    const scores = returns.map((oneYearReturn) => basicScore({ ...base, oneYearReturn }));
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeGreaterThanOrEqual(scores[i - 1]!);
    // Not flat: a clearly better year scores clearly higher.
    expect(basicScore({ ...base, oneYearReturn: 0.3 })).toBeGreaterThan(basicScore({ ...base, oneYearReturn: -0.3 }));
    expect(basicScore({ ...base, oneYearReturn: 0.1 })).toBeGreaterThan(basicScore({ ...base, oneYearReturn: 0 }));
  });
});
