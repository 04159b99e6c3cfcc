import { describe, expect, it } from 'vitest';
import { analyseFundamentals } from '../../lambdas/core/analysis/analysts/fundamental-analyst.js';
import type { Finding } from '../../lambdas/core/analysis/analysts/finding.js';
import {
  MIN_RUN_SECTOR_HOLDINGS,
  referenceFor,
  runSectorMedians,
  SECTOR_TABLE,
  SECTOR_TABLE_AS_OF,
  type SectorMedians,
} from '../../lambdas/core/analysis/sector-references.js';
import { isFinancialIntermediary, sectorOf } from '../../lambdas/core/analysis/sector.js';
import type { YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';

type Json = Record<string, unknown>;
const company = (profile: Json | null, modules: Record<string, Json>): YahooTickerData => ({
  symbol: 'TEST',
  quote: { quoteType: 'EQUITY' },
  summary: {
    quoteType: { quoteType: 'EQUITY', symbol: 'TEST' },
    summaryDetail: {},
    defaultKeyStatistics: {},
    financialData: {},
    ...(profile ? { assetProfile: profile } : {}),
    ...modules,
  },
  summaryErrors: {},
  bars: [],
});
const find = (data: YahooTickerData, metric: string, medians: SectorMedians | null = null): Finding =>
  analyseFundamentals(data, null, { medians, runDate: '2026-07-06T09:00:00.000Z' }).details.find((f) => f.metric === metric)!;

const tech = (modules: Record<string, Json>) => company({ sector: 'Technology', industry: 'Consumer Electronics', country: 'United States' }, modules);

describe('sector-relative valuation', () => {
  it("judges a software company's P/E against its sector, not a market-wide 25", () => {
    // 29.77 against the Technology reference of 30: 0.99x, neutral (it was "above the 25 threshold": negative).
    const pe = find(tech({ summaryDetail: { trailingPE: 29.77 } }), 'trailingPE');
    expect(pe).toMatchObject({
      signal: 'neutral',
      verdict: '29.77 is 0.99x the Technology reference of 30 (the table)',
      reference: { value: 30, kind: 'sector_table', as_of: SECTOR_TABLE_AS_OF },
    });
    expect(pe.reference!.source).toMatch(/FinWiz sector table/);
  });

  it('cheap at or below 0.8x the reference, dear above 1.25x; margins the other way round', () => {
    expect(find(tech({ summaryDetail: { trailingPE: 24 } }), 'trailingPE').signal).toBe('positive'); // 0.8x
    expect(find(tech({ summaryDetail: { trailingPE: 24.1 } }), 'trailingPE').signal).toBe('neutral');
    expect(find(tech({ summaryDetail: { trailingPE: 37.5 } }), 'trailingPE').signal).toBe('neutral'); // 1.25x
    expect(find(tech({ summaryDetail: { trailingPE: 37.6 } }), 'trailingPE').signal).toBe('negative');
    expect(find(tech({ financialData: { profitMargins: 0.25 } }), 'profitMargins').signal).toBe('positive'); // 1.25x of 20%
    expect(find(tech({ financialData: { profitMargins: 0.159 } }), 'profitMargins').signal).toBe('negative'); // below 0.8x
    expect(find(tech({ defaultKeyStatistics: { priceToBook: 21.78 } }), 'priceToBook').signal).toBe('negative'); // 3.1x of 7
  });

  it("prefers the run's own sector median when enough holdings have the figure, and says which it used", () => {
    const medians = runSectorMedians(
      [20, 22, 24, 26, 28].map((pe) => ({ sector: 'Technology', figures: { trailingPE: pe } })),
    );
    expect(medians.Technology!.trailingPE).toEqual({ value: 24, n: MIN_RUN_SECTOR_HOLDINGS });
    const pe = find(tech({ summaryDetail: { trailingPE: 29.77 } }), 'trailingPE', medians);
    expect(pe.reference).toEqual({ value: 24, source: "median of this run's 5 Technology holdings", as_of: '2026-07-06T09:00:00.000Z', kind: 'run_sector_median' });
    expect(pe.signal).toBe('neutral'); // 1.24x
    const four = runSectorMedians([20, 22, 24, 26].map((x) => ({ sector: 'Technology', figures: { trailingPE: x } })));
    expect(referenceFor('trailingPE', 'Technology', four, 'd').reference?.kind).toBe('sector_table');
  });

  it('leaves out negative multiples from a median (a loss is not a price level)', () => {
    const medians = runSectorMedians([{ sector: 'Energy', figures: { trailingPE: -5, priceToBook: 2 } }, { sector: 'Energy', figures: { trailingPE: 10 } }]);
    expect(medians.Energy).toEqual({ trailingPE: { value: 10, n: 1 }, priceToBook: { value: 2, n: 1 } });
  });

  it('with no sector known: reference null with the reason, judged by the market-wide threshold', () => {
    const pe = find(company(null, { summaryDetail: { trailingPE: 29.77 } }), 'trailingPE');
    expect(pe).toMatchObject({ reference: null, reference_reason: 'no sector known: judged by the market-wide threshold', signal: 'negative' });
  });
});

describe('sector-aware leverage', () => {
  const bank = company({ sector: 'Financial Services', industry: 'Banks - Diversified' }, { financialData: { debtToEquity: 250, currentRatio: 0.2 } });

  it('gives no debt/equity or current-ratio verdict for a bank', () => {
    expect(isFinancialIntermediary(sectorOf(bank))).toBe(true);
    for (const metric of ['debtToEquity', 'currentRatio']) {
      const finding = find(bank, metric);
      expect(finding.signal).toBe('no data');
      expect(finding.verdict).toBeUndefined();
      expect(finding.label).toMatch(/not judged for Banks - Diversified/);
    }
  });

  it('holds a utility to a higher debt line than an industrial company', () => {
    const utility = company({ sector: 'Utilities', industry: 'Utilities - Regulated Electric' }, { financialData: { debtToEquity: 250 } });
    const industrial = company({ sector: 'Industrials', industry: 'Railroads' }, { financialData: { debtToEquity: 250 } });
    expect(find(utility, 'debtToEquity')).toMatchObject({ signal: 'neutral', verdict: '2.5x is between 1.5x and 3x, usual for Utilities' });
    expect(find(industrial, 'debtToEquity').signal).toBe('negative');
  });

  it('has a reference for every sector Yahoo names, for every valuation multiple but EV/EBITDA of financials', () => {
    expect(Object.keys(SECTOR_TABLE)).toHaveLength(11);
    for (const [sector, row] of Object.entries(SECTOR_TABLE)) {
      for (const metric of ['trailingPE', 'forwardPE', 'priceToBook', 'priceToSales', 'pegRatio'] as const) expect(row[metric], `${sector} ${metric}`).toBeGreaterThan(0);
    }
  });
});
