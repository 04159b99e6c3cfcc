import { describe, expect, it } from 'vitest';
import { compactReturns } from '../../lambdas/core/portfolio/compact-returns.js';
import { returnsInBase } from '../../lambdas/core/portfolio/fx-returns.js';
import { portfolioRiskOf } from '../../lambdas/consolidate/portfolio-risk-step.js';
import type { ReportRow } from '../../lambdas/core/report/ticker-outcome.js';
import type { RiskHolding } from '../../lambdas/core/portfolio/portfolio-risk.js';
import type { MarketContext } from '../../lambdas/core/prefetch/market-context.js';

const dates = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
const pence = [1000, 1010, 990, 1000, 1025];
const gbpusd = [1.25, 1.24, 1.26, 1.26, 1.3];

describe('returns in the base currency', () => {
  it("equal the returns of the holding's value in the base currency, computed from price x rate", () => {
    const local = compactReturns(dates, pence);
    const converted = returnsInBase(local, { dates, closes: gbpusd });
    // Independently: value in dollars each day, then its simple returns (the first has no previous date in the series).
    const dollars = pence.map((p, i) => (p / 100) * (gbpusd[i] as number));
    const expected = dollars.slice(2).map((v, i) => v / (dollars[i + 1] as number) - 1);
    expect(converted.dates).toEqual(dates.slice(2));
    converted.returns.forEach((r, i) => expect(r).toBeCloseTo(expected[i] as number, 4));
  });

  it("uses the rate's latest close at or before a date (an FX holiday) and leaves out days before its history", () => {
    const local = compactReturns(dates, pence);
    // No rate on 03-04 (carried from 03-03) and none before 03-03.
    const converted = returnsInBase(local, { dates: ['2026-03-03', '2026-03-05', '2026-03-06'], closes: [1.2, 1.3, 1.3] });
    expect(converted.dates).toEqual(['2026-03-04', '2026-03-05', '2026-03-06']);
    expect(converted.returns[0]).toBeCloseTo(990 / 1010 - 1, 5); // 1.2 -> 1.2
    expect(converted.returns[1]).toBeCloseTo((1000 / 990) * (1.3 / 1.2) - 1, 4);
    expect(converted.returns[2]).toBeCloseTo(1025 / 1000 - 1, 5);
  });
});

describe("Consolidate's portfolio risk in the base currency", () => {
  const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 0, 5 + i)).toISOString().slice(0, 10));
  const flat = days.map(() => 100);
  const rising = days.map((_, i) => 1 + 0.01 * i);
  const row = (ticker: string): ReportRow => ({ ticker, weight: 0.5 }) as ReportRow;
  const holding = (ticker: string, currency: string): RiskHolding => ({ ticker, weight: 0, currency, ...compactReturns(days, flat) });
  const context = (history: MarketContext['fx_history']): MarketContext => ({
    base_currency: 'USD',
    fx_rates: { GBP: 1.3, EUR: 1.1 },
    fx_missing: [],
    fx_history: history,
    benchmark: { symbol: 'SPY', bars: days.map((date) => ({ date: `${date}T14:30:00.000Z`, open: 1, high: 1, low: 1, close: 500, adjclose: 500, volume: 1 })) },
    benchmark_error: null,
    fetched_at: '2026-02-04T00:00:00.000Z',
  });

  it("moves a flat pound listing's returns with the pound, and names a holding whose rate has no history", () => {
    const returnsOf = new Map([['VOD.L', holding('VOD.L', 'GBp')], ['SAP.DE', holding('SAP.DE', 'EUR')]]);
    const risk = portfolioRiskOf({
      rows: [row('VOD.L'), row('SAP.DE')],
      returnsOf,
      context: context({ GBP: { dates: days, closes: rising } }),
      asOf: '2026-02-04T00:00:00.000Z',
      baseCurrency: 'USD',
      benchmarkSymbol: 'SPY',
    });
    expect(risk).not.toBeNull();
    // The price never moved; in dollars it rose with the pound, every day: volatility from the rate alone.
    expect(risk!.volatility_annual).toBeGreaterThan(0);
    expect(risk!.max_drawdown).toBe(0);
    expect(risk!.fx_unconverted).toEqual(['SAP.DE']);
    expect(risk!.notes).toContain('Returns in their own currency, not in USD (no daily rate history): SAP.DE.');
  });

  it('leaves everything as it is, and names nothing, when all is in the base currency', () => {
    const returnsOf = new Map([['AAPL', holding('AAPL', 'USD')]]);
    const risk = portfolioRiskOf({ rows: [row('AAPL')], returnsOf, context: context({}), asOf: '2026-02-04T00:00:00.000Z', baseCurrency: 'USD', benchmarkSymbol: 'SPY' });
    expect(risk!.volatility_annual).toBe(0);
    expect(risk!.fx_unconverted).toEqual([]);
  });
});
