import { describe, expect, it } from 'vitest';
import { portfolioRisk, type RiskHolding } from '../../lambdas/core/portfolio/portfolio-risk.js';
import { compactReturns, compactReturnsSchema } from '../../lambdas/core/portfolio/compact-returns.js';

const dates = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
// Deterministic pseudo-random returns, so each holding moves differently.
const series = (seed: number): number[] => dates.map((_, t) => Math.sin(seed * 7.3 + t * (1.1 + seed / 50)) / 50);

describe('portfolioRisk', () => {
  it('sums to 1 where it must, and names a short history', () => {
    const holdings: RiskHolding[] = Array.from({ length: 66 }, (_, i) => ({
      ticker: `T${i}`,
      weight: 1 + (i % 5),
      dates: i === 65 ? dates.slice(0, 5) : dates,
      returns: i === 65 ? series(i).slice(0, 5) : series(i),
      sector: i % 4 === 0 ? null : `S${i % 3}`,
      currency: i % 2 ? 'USD' : 'EUR',
      country: 'US',
      assetType: 'EQUITY',
    }));
    const risk = portfolioRisk({ asOf: '2026-03-01', baseCurrency: 'USD', benchmark: { ticker: 'SPY', dates, returns: series(999) }, holdings });
    const total = holdings.reduce((a, h) => a + h.weight, 0);
    for (const map of Object.values(risk.exposures) as Record<string, number>[]) expect(Object.values(map).reduce((a: number, x: number) => a + x, 0)).toBeCloseTo(1, 12);
    expect(risk.exposures.sector.unknown).toBeGreaterThan(0);
    expect(risk.concentration.hhi).toBeCloseTo(holdings.reduce((a, h) => a + (h.weight / total) ** 2, 0), 12);
    expect(risk.risk_contributions.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(1, 10);
    expect(risk.var_95_1d).not.toBeNull();
    expect(risk.var_95_1d ?? 1).toBeLessThanOrEqual(risk.cvar_95_1d ?? 0);
    expect(risk.var_95_10d ?? 1).toBeLessThanOrEqual(risk.cvar_95_10d ?? 0);
    expect(risk.observations).toBe(60);
    expect(risk.short_history).toEqual(['T65']);
    expect(risk.notes.join(' ')).toMatch(/T65/);
    expect(risk.correlation_matrix.tickers).toHaveLength(30);
    expect(risk.beta).not.toBeNull();
  });
});

describe('compactReturns', () => {
  it('converts to the base currency before taking returns, and skips a bad price', () => {
    // Price flat in EUR, EUR rises 10% against USD: the USD return is 10%.
    const out = compactReturns(['d0', 'd1', 'd2', 'd3'].map((_, i) => `2026-01-0${i + 1}`), [100, 100, Number.NaN, 110], [1, 1.1, 1.1, 1.1]);
    expect(out).toEqual({ dates: ['2026-01-02', '2026-01-04'], returns: [0.1, 0.1] });
    expect(compactReturnsSchema.safeParse({ dates: ['2026-01-01'], returns: [] }).success).toBe(false);
  });
});
