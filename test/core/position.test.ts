import { describe, expect, it } from 'vitest';
import type { Holding } from '../../lambdas/core/contracts.js';
import { positionFigures, positionSchema } from '../../lambdas/core/portfolio/position.js';

function position(holding: Holding, lastPrice: number | null, quoteCurrency: string | null, rates: Record<string, number> = {}, weight: number | null = null) {
  const figures = positionFigures({ holding, lastPrice, quoteCurrency, rates, baseCurrency: 'USD', weight });
  return positionSchema.parse(figures);
}

describe('positionFigures', () => {
  it('values a USD holding: market value, cost, unrealised gain and its percentage', () => {
    const p = position({ ticker: 'AAPL', shares: 10, costBasis: 100 }, 150, 'USD', {}, 0.12);
    expect(p).toEqual({
      shares: 10,
      quote_currency: 'USD',
      base_currency: 'USD',
      last_price: 150,
      cost_basis: 100,
      cost_basis_currency: 'USD',
      market_value: 1500,
      cost_value: 1000,
      unrealised_gain: 500,
      unrealised_gain_pct: 0.5,
      weight: 0.12,
    });
  });

  it('reports a loss as a negative gain', () => {
    const p = position({ ticker: 'X', shares: 4, costBasis: 50 }, 40, 'USD');
    expect(p.unrealised_gain).toBe(-40);
    expect(p.unrealised_gain_pct).toBeCloseTo(-0.2, 12);
  });

  it('converts the market value and the cost to the base currency with the FX rate', () => {
    const p = position({ ticker: 'SAP.DE', shares: 10, costBasis: 40, currency: 'EUR' }, 50, 'EUR', { EUR: 1.1 });
    expect(p.market_value).toBeCloseTo(550, 9);
    expect(p.cost_value).toBeCloseTo(440, 9);
    expect(p.unrealised_gain).toBeCloseTo(110, 9);
    expect(p.unrealised_gain_pct).toBeCloseTo(0.25, 12);
    // The price stays in the listing's own currency, visible beside the base-currency figures.
    expect(p).toMatchObject({ last_price: 50, quote_currency: 'EUR', base_currency: 'USD', cost_basis_currency: 'EUR' });
  });

  describe('a London listing quoted in pence (GBp)', () => {
    // 1000 shares at 72.5 pence = 725 GBP = 906.25 USD at 1.25.
    const rates = { GBP: 1.25 };

    it('with the cost basis in pounds (GBP): 0.60 a share', () => {
      const p = position({ ticker: 'VOD.L', shares: 1000, costBasis: 0.6, currency: 'GBP' }, 72.5, 'GBp', rates);
      expect(p.market_value).toBeCloseTo(906.25, 9);
      expect(p.cost_value).toBeCloseTo(750, 9); // 600 GBP
      expect(p.unrealised_gain).toBeCloseTo(156.25, 9);
      expect(p.cost_basis_currency).toBe('GBP');
    });

    it('with the cost basis in pence (GBp): 60 a share, the same position', () => {
      const p = position({ ticker: 'VOD.L', shares: 1000, costBasis: 60, currency: 'GBp' }, 72.5, 'GBp', rates);
      expect(p.market_value).toBeCloseTo(906.25, 9);
      expect(p.cost_value).toBeCloseTo(750, 9);
      expect(p.unrealised_gain).toBeCloseTo(156.25, 9);
      expect(p.cost_basis_currency).toBe('GBp');
    });

    it('with no cost currency given, reads the cost basis in the quote currency (pence)', () => {
      const p = position({ ticker: 'VOD.L', shares: 1000, costBasis: 60 }, 72.5, 'GBp', rates);
      expect(p.cost_value).toBeCloseTo(750, 9);
      expect(p.cost_basis_currency).toBe('GBp');
    });
  });

  it('has null figures, not zeros or NaN, without shares', () => {
    const p = position({ ticker: 'WATCH', costBasis: 100 }, 150, 'USD');
    expect(p).toMatchObject({
      shares: null,
      last_price: 150,
      cost_basis: 100,
      market_value: null,
      cost_value: null,
      unrealised_gain: null,
      unrealised_gain_pct: null,
    });
  });

  it('has a market value but no gain without a cost basis', () => {
    const p = position({ ticker: 'AAPL', shares: 10 }, 150, 'USD');
    expect(p).toMatchObject({ market_value: 1500, cost_basis: null, cost_basis_currency: null, cost_value: null, unrealised_gain: null, unrealised_gain_pct: null });
  });

  it('has no market value without a price, or without a rate for the quote currency', () => {
    expect(position({ ticker: 'X', shares: 10, costBasis: 5 }, null, 'USD')).toMatchObject({ market_value: null, cost_value: 50, unrealised_gain: null });
    expect(position({ ticker: 'X', shares: 10, costBasis: 5 }, 7, 'JPY')).toMatchObject({ market_value: null, cost_value: null, unrealised_gain: null });
  });

  it('has no gain percentage (not Infinity) on a zero cost', () => {
    const p = position({ ticker: 'GIFT', shares: 10, costBasis: 0 }, 5, 'USD');
    expect(p.unrealised_gain).toBe(50);
    expect(p.unrealised_gain_pct).toBeNull();
  });
});
