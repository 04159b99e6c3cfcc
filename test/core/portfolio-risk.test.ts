import { describe, expect, it } from 'vitest';
import { alignReturns } from '../../lambdas/core/portfolio/returns-alignment.js';
import { annualVolatility, beta, maxDrawdown, portfolioReturns, sortino } from '../../lambdas/core/portfolio/portfolio-series.js';
import { historicalVar, overlappingReturns } from '../../lambdas/core/portfolio/value-at-risk.js';
import { riskContributions } from '../../lambdas/core/portfolio/risk-contributions.js';
import { concentration } from '../../lambdas/core/portfolio/concentration.js';
import { exposures } from '../../lambdas/core/portfolio/exposures.js';
import { correlatedPairs, correlation, correlationMatrix } from '../../lambdas/core/portfolio/correlation.js';
import { maxPositionWeight, positionAdvice } from '../../lambdas/core/config/max-position-weight.js';

const a = [0.01, -0.02, 0.03, -0.01];
const twiceA = a.map((x) => 2 * x);
// u and v have mean 0 and a zero dot product: uncorrelated.
const u = [0.01, -0.01, 0.01, -0.01];
const v = [0.02, 0.02, -0.02, -0.02];

const sampleVar = (xs: number[]): number => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};

describe('alignment', () => {
  it('keeps only common dates and names the short history', () => {
    const out = alignReturns(
      [
        { ticker: 'X', dates: ['d1', 'd2', 'd3'], returns: [0.1, 0.2, 0.3] },
        { ticker: 'Y', dates: ['d2', 'd3', 'd4'], returns: [0.5, 0.6, 0.7] },
        { ticker: 'Z', dates: ['d3'], returns: [0.9] },
      ],
      2,
    );
    expect(out.dates).toEqual(['d2', 'd3']);
    expect(out.returns).toEqual([[0.2, 0.3], [0.5, 0.6]]);
    expect(out.shortHistory).toEqual(['Z']);
  });
});

describe('single holding', () => {
  it('portfolio equals the holding; it carries all the risk', () => {
    expect(portfolioReturns([3], [a])).toEqual(a);
    expect(annualVolatility(a)).toBeCloseTo(Math.sqrt(sampleVar(a) * 252), 12);
    expect(riskContributions(['A'], [1], [a])[0]?.contribution).toBeCloseTo(1, 12);
    expect(concentration([5])).toEqual({ hhi: 1, effective_holdings: 1, top5_weight: 1 });
    expect(beta(a, a)).toBeCloseTo(1, 12);
    expect(beta(twiceA, a)).toBeCloseTo(2, 12);
  });

  it('drawdown, sortino and VaR by hand', () => {
    // value 1.01, 0.9898, 1.019494, 1.00929906: peak 1.01 then 0.9898 => 2%
    expect(maxDrawdown(a)).toBeCloseTo(0.02, 12);
    const downside = Math.sqrt((0.02 ** 2 + 0.01 ** 2) / 4);
    expect(sortino(a)).toBeCloseTo((0.0025 * 252) / (downside * Math.sqrt(252)), 12);
    const r = Array.from({ length: 20 }, (_, i) => (i - 10) / 100); // -0.10 .. 0.09
    // floor(0.05 * 20) = 1: the second worst, -0.09; CVaR the mean of -0.10 and -0.09.
    expect(historicalVar(r)).toEqual({ var: 0.09, cvar: 0.095 });
    expect(overlappingReturns([0.1, 0.1, -0.5], 2).map((x) => +x.toFixed(10))).toEqual([0.21, -0.45]);
  });
});

describe('two perfectly correlated holdings', () => {
  it('contributions follow the weights and correlation is 1', () => {
    const c = riskContributions(['A', 'B'], [0.25, 0.75], [a, twiceA]);
    // r_p = (0.25 + 1.5) a: cov(A, r_p) / var(r_p) = 1 / 1.75, cov(B, r_p) / var = 2 / 1.75
    expect(c[0]?.contribution).toBeCloseTo((0.25 * 1) / 1.75, 12);
    expect(c[1]?.contribution).toBeCloseTo((0.75 * 2) / 1.75, 12);
    expect(correlation(a, twiceA)).toBeCloseTo(1, 12);
  });
});

describe('uncorrelated pair', () => {
  it('contribution is w^2 var / var_p and correlation 0', () => {
    expect(correlation(u, v)).toBeCloseTo(0, 12);
    const w = [0.6, 0.4];
    const c = riskContributions(['A', 'B'], w, [u, v]);
    const vp = 0.36 * sampleVar(u) + 0.16 * sampleVar(v);
    expect(c[0]?.contribution).toBeCloseTo((0.36 * sampleVar(u)) / vp, 12);
    expect((c[0]?.contribution ?? 0) + (c[1]?.contribution ?? 0)).toBeCloseTo(1, 12);
    const m = correlationMatrix(['A', 'B', 'C'], [0.1, 0.5, 0.4], [u, v, u], 2);
    expect(m.tickers).toEqual(['B', 'C']);
    expect(correlatedPairs(correlationMatrix(['A', 'B', 'C'], [1, 1, 1], [u, v, u.map((x) => 3 * x)]))[0]).toMatchObject({ a: 'A', b: 'C' });
  });
});

describe('concentration and exposures', () => {
  it('HHI is the sum of squared weights; an unknown sector keeps its weight', () => {
    const h = concentration([1, 1, 2]);
    expect(h.hhi).toBeCloseTo(0.0625 * 2 + 0.25, 12);
    expect(h.effective_holdings).toBeCloseTo(1 / 0.375, 12);
    const e = exposures([1, 1, 2], [
      { sector: 'Tech', currency: 'USD' },
      { sector: ' ', currency: 'EUR' },
      { currency: 'USD', country: 'US' },
    ]);
    expect(e.sector).toEqual({ Tech: 0.25, unknown: 0.75 });
    expect(e.currency).toEqual({ USD: 0.75, EUR: 0.25 });
    expect(e.country).toEqual({ unknown: 0.5, US: 0.5 });
  });

  it('puts a fund without a sector or country under "fund", and keeps "unknown" for a company that lacks one', () => {
    const e = exposures([1, 1, 2], [
      { sector: null, country: null, assetType: 'ETF' },
      { sector: null, country: 'US', assetType: 'EQUITY' },
      { sector: 'Technology', country: 'US', assetType: 'EQUITY' },
    ]);
    expect(e.sector).toEqual({ fund: 0.25, unknown: 0.25, Technology: 0.5 });
    expect(e.country).toEqual({ fund: 0.25, US: 0.75 });
    expect(e.asset_type).toEqual({ ETF: 0.25, EQUITY: 0.75 });
  });
});

describe('MAX_POSITION_WEIGHT', () => {
  it('defaults to 0.10, rejects values outside (0, 1] by name', () => {
    expect(maxPositionWeight({})).toBe(0.1);
    expect(maxPositionWeight({ MAX_POSITION_WEIGHT: '0.25' })).toBe(0.25);
    expect(() => maxPositionWeight({ MAX_POSITION_WEIGHT: '0' })).toThrow(/MAX_POSITION_WEIGHT/);
    expect(() => maxPositionWeight({ MAX_POSITION_WEIGHT: '1.5' })).toThrow(/MAX_POSITION_WEIGHT/);
    expect(positionAdvice(0.11, 0.1)).toBe('trim');
    expect(positionAdvice(0.1, 0.1)).toBeNull();
  });
});
