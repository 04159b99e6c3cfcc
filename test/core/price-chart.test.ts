import { describe, expect, it } from 'vitest';
import type { DailyBar } from '../../lambdas/core/prefetch/market-data.js';
import { buildPriceChart, MAX_CHART_POINTS, priceChartSchema } from '../../lambdas/core/report/price-chart.js';

function bars(closes: Array<number | null>, adjusted?: (close: number, i: number) => number): DailyBar[] {
  return closes.map((close, i) => ({
    date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
    open: close,
    high: close,
    low: close,
    close,
    ...(adjusted && close !== null ? { adjclose: adjusted(close, i) } : {}),
    volume: 1000,
  }));
}

/** Mean of closes[i - n + 1 .. i], computed independently of trading-signals. */
const mean = (closes: number[], i: number, n: number) => closes.slice(i - n + 1, i + 1).reduce((a, b) => a + b, 0) / n;

describe('buildPriceChart', () => {
  const closes = Array.from({ length: 252 }, (_, i) => 100 + i * 0.5 + (i % 7));
  const chart = buildPriceChart(bars(closes))!;

  it('thins one year of bars to at most MAX_CHART_POINTS and always keeps the last day', () => {
    expect(chart.days.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(chart.days.length).toBe(126); // stride 2 over 252 bars
    expect(chart.days.at(-1)).toBe(new Date(Date.UTC(2024, 0, 252)).toISOString().slice(0, 10));
    expect(chart.close.at(-1)).toBe(closes.at(-1));
    expect(priceChartSchema.safeParse(chart).success).toBe(true);
  });

  it('takes the SMAs over the whole series before thinning, null before their period', () => {
    const last = closes.length - 1;
    expect(chart.sma50.at(-1)).toBeCloseTo(mean(closes, last, 50), 2);
    expect(chart.sma200.at(-1)).toBeCloseTo(mean(closes, last, 200), 2);
    // Point k is bar 2k+1 (stride 2 counted back from bar 251): SMA50 starts at bar 49, SMA200 at bar 199.
    expect(chart.sma50.slice(0, 24).every((v) => v === null)).toBe(true);
    expect(chart.sma50[24]).toBeCloseTo(mean(closes, 49, 50), 2);
    expect(chart.sma200[99]).toBeCloseTo(mean(closes, 199, 200), 2);
    expect(chart.sma200[98]).toBeNull();
  });

  it('draws adjusted closes, skipping bars without a usable close, and rounds to 5 digits', () => {
    const split = buildPriceChart(bars([10.123456, null, 20, 30], (close) => close / 2))!;
    expect(split.close).toEqual([5.0617, 10, 15]);
    expect(split.sma200).toEqual([null, null, null]);
  });

  it('is null rather than invalid when a bar date is not a calendar day', () => {
    const odd = bars([1, 2, 3]).map((bar, i) => (i === 1 ? { ...bar, date: 'yesterday' } : bar));
    expect(buildPriceChart(odd)).toBeNull();
  });

  it('is null with fewer than two usable closes', () => {
    expect(buildPriceChart(bars([5]))).toBeNull();
    expect(buildPriceChart([])).toBeNull();
  });

  it('rejects a chart whose series disagree in length', () => {
    expect(priceChartSchema.safeParse({ ...chart, sma50: chart.sma50.slice(1) }).success).toBe(false);
  });
});
