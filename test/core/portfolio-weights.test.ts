import { describe, expect, it } from 'vitest';
import type { Holding } from '../../lambdas/core/contracts.js';
import { portfolioWeights, quotedPrice, type QuotedPrice } from '../../lambdas/core/portfolio/portfolio-weights.js';

const usd = (price: number): QuotedPrice => ({ price, currency: 'USD' });

describe('portfolioWeights', () => {
  it("is each holding's share of the portfolio's market value", () => {
    const holdings: Holding[] = [
      { ticker: 'A', shares: 10 },
      { ticker: 'B', shares: 30 },
    ];
    const weights = portfolioWeights(holdings, new Map([['A', usd(100)], ['B', usd(100)]]), {}, 'USD');
    expect(Object.fromEntries(weights)).toEqual({ A: 0.25, B: 0.75 });
  });

  it('values every holding in the base currency first (EUR at 1.1, a pence listing at 1.25 per pound)', () => {
    const holdings: Holding[] = [
      { ticker: 'SAP.DE', shares: 10 }, // 10 x 100 EUR = 1100 USD
      { ticker: 'VOD.L', shares: 1000 }, // 1000 x 72.5 pence = 906.25 USD
      { ticker: 'AAPL', shares: 10 }, // 1234.5 USD
    ];
    const prices = new Map<string, QuotedPrice>([
      ['SAP.DE', { price: 100, currency: 'EUR' }],
      ['VOD.L', { price: 72.5, currency: 'GBp' }],
      ['AAPL', usd(123.45)],
    ]);
    const weights = portfolioWeights(holdings, prices, { EUR: 1.1, GBP: 1.25 }, 'USD');
    const total = 1100 + 906.25 + 1234.5;
    expect(weights.get('SAP.DE')).toBeCloseTo(1100 / total, 12);
    expect(weights.get('VOD.L')).toBeCloseTo(906.25 / total, 12);
    expect(weights.get('AAPL')).toBeCloseTo(1234.5 / total, 12);
  });

  it('gives null to a holding without shares, price or FX rate, and leaves it out of the total', () => {
    const holdings: Holding[] = [
      { ticker: 'A', shares: 10 },
      { ticker: 'NOSHARES' },
      { ticker: 'NOPRICE', shares: 5 },
      { ticker: 'NORATE', shares: 5 },
      { ticker: 'NOCCY', shares: 5 },
    ];
    const prices = new Map<string, QuotedPrice>([
      ['A', usd(10)],
      ['NOSHARES', usd(10)],
      ['NORATE', { price: 10, currency: 'JPY' }],
      ['NOCCY', { price: 10, currency: null }],
    ]);
    expect(Object.fromEntries(portfolioWeights(holdings, prices, {}, 'USD'))).toEqual({
      A: 1,
      NOSHARES: null,
      NOPRICE: null,
      NORATE: null,
      NOCCY: null,
    });
  });

  it('has one entry per holding, the known weights summing to 1', () => {
    const holdings: Holding[] = Array.from({ length: 7 }, (_, i) => ({ ticker: `T${i}`, shares: i + 1 }));
    const prices = new Map(holdings.map((h, i) => [h.ticker, usd(10 + i)] as const));
    const weights = portfolioWeights(holdings, prices, {}, 'USD');
    expect([...weights.keys()]).toEqual(holdings.map((h) => h.ticker));
    expect([...weights.values()].reduce<number>((sum, w) => sum + w!, 0)).toBeCloseTo(1, 12);
  });

  it('gives null weights, not NaN, when nothing has a value', () => {
    const holdings: Holding[] = [{ ticker: 'A', shares: 0 }, { ticker: 'B' }];
    expect(Object.fromEntries(portfolioWeights(holdings, new Map([['A', usd(10)]]), {}, 'USD'))).toEqual({ A: null, B: null });
    expect(portfolioWeights([], new Map(), {}, 'USD').size).toBe(0);
  });
});

describe('quotedPrice', () => {
  it('takes the price and currency of a quote', () => {
    expect(quotedPrice({ symbol: 'VOD.L', regularMarketPrice: 72.5, currency: 'GBp' })).toEqual({ price: 72.5, currency: 'GBp' });
    expect(quotedPrice({ regularMarketPrice: 10 })).toEqual({ price: 10, currency: null });
    expect(quotedPrice({ regularMarketPrice: 10, currency: 42 })).toEqual({ price: 10, currency: null });
  });

  it('has no price for a missing quote or an unusable price', () => {
    expect(quotedPrice(undefined)).toBeUndefined();
    for (const price of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '10', null, undefined]) {
      expect(quotedPrice({ regularMarketPrice: price, currency: 'USD' }), String(price)).toBeUndefined();
    }
  });
});
