// The simulated market moves together: a market factor and sector factors (sim/market/market-factors.ts).
// Checked on the realised daily log returns, computed here independently of the model's parameters.
import { describe, expect, it } from 'vitest';
import { marketModel } from '../../sim/market/index.js';
import { SP66 } from './tickers.js';

const ASOF = new Date('2026-06-17T20:00:00Z');
const returns = (symbol: string, seed = 0) => {
  const bars = marketModel(symbol, seed, ASOF).bars;
  return bars.slice(1).map((bar, i) => Math.log(bar.close / (bars[i]?.close as number)));
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cov = (a: number[], b: number[]) => {
  const ma = mean(a);
  const mb = mean(b);
  return mean(a.map((x, i) => (x - ma) * ((b[i] as number) - mb)));
};
const corr = (a: number[], b: number[]) => cov(a, b) / Math.sqrt(cov(a, a) * cov(b, b));
const annualVol = (xs: number[]) => Math.sqrt(cov(xs, xs) * 252);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

describe('simulated market: shared moves', () => {
  const stocks = SP66.filter((symbol) => marketModel(symbol, 0, ASOF).quoteType === 'EQUITY');
  const spy = returns('SPY');

  it('gives SPY a broad index volatility and the stocks a typical correlation with it', () => {
    expect(annualVol(spy)).toBeGreaterThan(0.12);
    expect(annualVol(spy)).toBeLessThan(0.21);
    const correlations = stocks.map((symbol) => corr(returns(symbol), spy));
    expect(median(correlations)).toBeGreaterThan(0.35);
    expect(median(correlations)).toBeLessThan(0.8);
    expect(Math.max(...correlations)).toBeLessThan(0.95);
  });

  it('makes an equally weighted book of the stocks move like the market (beta near 1, volatility above 10%)', () => {
    const series = stocks.map((symbol) => returns(symbol));
    const book = spy.map((_, day) => mean(series.map((r) => r[day] as number)));
    const beta = cov(book, spy) / cov(spy, spy);
    expect(beta).toBeGreaterThan(0.7);
    expect(beta).toBeLessThan(1.3);
    expect(annualVol(book)).toBeGreaterThan(0.1);
  });

  it("quotes each stock's beta close to the one its prices show", () => {
    const errors = stocks.map((symbol) => Math.abs(cov(returns(symbol), spy) / cov(spy, spy) - marketModel(symbol, 0, ASOF).beta));
    expect(median(errors)).toBeLessThan(0.2);
  });

  it('makes stocks of one sector move together more than stocks of different sectors', () => {
    const bySector = new Map<string, number[][]>();
    for (const symbol of stocks) {
      const sector = marketModel(symbol, 0, ASOF).sector;
      bySector.set(sector, [...(bySector.get(sector) ?? []), returns(symbol)]);
    }
    const within: number[] = [];
    const across: number[] = [];
    const groups = [...bySector.values()];
    groups.forEach((group, g) => {
      group.forEach((a, i) => {
        group.slice(i + 1).forEach((b) => within.push(corr(a, b)));
        groups.slice(g + 1).forEach((other) => other.forEach((b) => across.push(corr(a, b))));
      });
    });
    expect(mean(within)).toBeGreaterThan(mean(across) + 0.08);
  });

  it('leaves gold and long bonds nearly uncorrelated with the stock market', () => {
    for (const symbol of ['GLD', 'TLT', 'AGG']) expect(Math.abs(corr(returns(symbol), spy)), symbol).toBeLessThan(0.35);
  });

  it('gives another seed another market', () => {
    expect(corr(returns('SPY', 1), spy)).toBeLessThan(0.3);
  });
});
