import { describe, expect, it } from 'vitest';
import { currenciesNeedingRates, DEFAULT_BASE_CURRENCY, fxSymbol, majorCurrency, toBase } from '../../lambdas/core/portfolio/currency.js';

describe('majorCurrency', () => {
  it('turns the minor-unit listings into their major currency and divisor', () => {
    expect(majorCurrency('GBp')).toEqual({ major: 'GBP', divisor: 100 }); // London, in pence
    expect(majorCurrency('GBX')).toEqual({ major: 'GBP', divisor: 100 });
    expect(majorCurrency('ZAc')).toEqual({ major: 'ZAR', divisor: 100 }); // Johannesburg, in cents
    expect(majorCurrency('ILA')).toEqual({ major: 'ILS', divisor: 100 }); // Tel Aviv, in agorot
  });

  it('leaves a major currency as it is (GBP is pounds, not pence)', () => {
    expect(majorCurrency('GBP')).toEqual({ major: 'GBP', divisor: 1 });
    expect(majorCurrency('USD')).toEqual({ major: 'USD', divisor: 1 });
    expect(majorCurrency('eur')).toEqual({ major: 'EUR', divisor: 1 });
  });
});

describe('fxSymbol', () => {
  it("is Yahoo's symbol of the rate from one currency to the base", () => {
    expect(fxSymbol('EUR', 'USD')).toBe('EURUSD=X');
    expect(fxSymbol('GBP', 'EUR')).toBe('GBPEUR=X');
  });
});

describe('toBase', () => {
  const rates = { GBP: 1.25, EUR: 1.1, ZAR: 0.055, ILS: 0.27 };

  it('is the amount itself in the base currency (rate 1, no rate needed)', () => {
    expect(toBase(1234.5, 'USD', {}, 'USD')).toBe(1234.5);
    expect(DEFAULT_BASE_CURRENCY).toBe('USD');
  });

  it('converts a major currency with its rate', () => {
    expect(toBase(100, 'EUR', rates, 'USD')).toBeCloseTo(110, 12);
    expect(toBase(100, 'GBP', rates, 'USD')).toBeCloseTo(125, 12);
  });

  it('divides minor units by 100 before the rate: GBp, ZAc, ILA', () => {
    // 7250 pence = 72.50 GBP = 90.625 USD.
    expect(toBase(7250, 'GBp', rates, 'USD')).toBeCloseTo(90.625, 12);
    expect(toBase(7250, 'GBX', rates, 'USD')).toBeCloseTo(90.625, 12);
    expect(toBase(10_000, 'ZAc', rates, 'USD')).toBeCloseTo(5.5, 12);
    expect(toBase(10_000, 'ILA', rates, 'USD')).toBeCloseTo(27, 12);
  });

  it('divides pence by 100 even when the base is pounds (no rate needed)', () => {
    expect(toBase(7250, 'GBp', {}, 'GBP')).toBeCloseTo(72.5, 12);
    expect(toBase(72.5, 'GBP', {}, 'GBP')).toBe(72.5);
  });

  it('is null, never a guess, without a usable rate or a currency', () => {
    expect(toBase(100, 'JPY', rates, 'USD')).toBeNull();
    expect(toBase(100, 'GBp', {}, 'USD')).toBeNull();
    expect(toBase(100, null, rates, 'USD')).toBeNull();
    for (const bad of [0, -1.2, Number.NaN, Number.POSITIVE_INFINITY]) expect(toBase(100, 'EUR', { EUR: bad }, 'USD')).toBeNull();
  });
});

describe('currenciesNeedingRates', () => {
  it('lists each major currency other than the base once, sorted, ignoring missing ones', () => {
    expect(currenciesNeedingRates(['GBp', 'USD', 'EUR', 'GBP', null, undefined, '', 'ZAc', 'ILA', 'EUR', 'GBX'], 'USD')).toEqual([
      'EUR',
      'GBP',
      'ILS',
      'ZAR',
    ]);
  });

  it('needs no rate for the base itself, in major or minor units', () => {
    expect(currenciesNeedingRates(['GBp', 'GBP', 'GBX'], 'GBP')).toEqual([]);
    expect(currenciesNeedingRates(['USD', 'GBp'], 'GBP')).toEqual(['USD']);
    expect(currenciesNeedingRates([], 'USD')).toEqual([]);
  });
});
