import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { marketModel, type TickerModel } from '../../sim/market/index.js';
import { ANCHOR_DATE, PRICE_ANCHORS } from '../../sim/market/price-anchors.js';

const DATES = ['2026-01-05', '2026-04-06', '2026-07-06'].map((d) => new Date(`${d}T21:00:00Z`));
const example = readFileSync(new URL('../../examples/portfolio.csv', import.meta.url), 'utf8')
  .trim().split('\n').slice(1).map((line) => line.split(','))
  .map(([ticker, , cost]) => ({ ticker: ticker as string, cost: Number(cost) }));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('simulated market: levels and sectors', () => {
  it("reads the example portfolio's cost bases as a holder's history: at least four in five gains within -50%..+300%", () => {
    for (const asOf of DATES) {
      for (const seed of [0, 1, 2]) {
        const gains = example.map(({ ticker, cost }) => marketModel(ticker, seed, asOf).price / cost - 1);
        const plausible = gains.filter((g) => g >= -0.5 && g <= 3).length;
        expect(plausible / gains.length, `${asOf.toISOString()} seed ${seed}`).toBeGreaterThanOrEqual(0.8);
      }
    }
  });

  it('puts a known ticker within 8% (the seed) of its anchored level on the anchor date', () => {
    const m = marketModel('MSFT', 0, new Date(`${ANCHOR_DATE}T21:00:00Z`));
    expect(rel(m.price, PRICE_ANCHORS.MSFT?.[0] as number)).toBeLessThan(0.081);
    expect(m.sharesOutstanding).toBe(7_430_000_000);
  });

  it("gives the financials a lower median P/B than the technology companies, and banks no current ratio", () => {
    for (const seed of [0, 1, 2]) {
      const models = example.map(({ ticker }) => marketModel(ticker, seed, DATES[1] as Date)).filter((m) => m.fundamentals);
      const pb = (sector: string) => median(models.filter((m) => m.sector === sector).map((m) => m.fundamentals?.priceToBook as number));
      expect(pb('Financial Services')).toBeLessThan(pb('Technology') / 2);
      const bac = models.find((m) => m.symbol === 'BAC')?.fundamentals;
      expect(bac?.currentRatio).toBeUndefined();
      expect(bac?.priceToBook).toBeLessThan(2.5);
      // Its price moves with the market's (market-factors.ts), its earnings do not: a rally lifts the P/E.
      expect(bac?.trailingPE).toBeLessThan(25);
      const pe = (sector: string) => median(models.filter((m) => m.sector === sector && m.fundamentals?.trailingPE).map((m) => m.fundamentals?.trailingPE as number));
      expect(pe('Financial Services')).toBeLessThan(pe('Technology'));
    }
  });
});

/** Every rule that ties a company's quote to its statements. */
function checkConsistency(m: TickerModel) {
  const f = m.fundamentals;
  if (!f) throw new Error(`${m.symbol} has no fundamentals`);
  const last = f.statements.at(-1);
  const prev = f.statements.at(-2);
  if (!last || !prev) throw new Error('no statements');
  const price = m.price / m.priceDivisor; // in the accounts' currency
  expect(f.statements).toHaveLength(6);
  expect(rel(m.marketCap, price * m.sharesOutstanding)).toBeLessThan(1e-9); // market cap = price x shares
  expect(last.ordinarySharesNumber).toBe(m.sharesOutstanding);
  // EPS comes in cents, as Yahoo gives it.
  expect(Math.abs(f.trailingEps - last.netIncome / m.sharesOutstanding)).toBeLessThan(0.0051);
  if (f.trailingPE !== undefined) expect(Math.abs(f.trailingEps - price / f.trailingPE)).toBeLessThan(0.0051); // EPS = price / P/E
  expect(rel(f.bookValue, last.stockholdersEquity / m.sharesOutstanding)).toBeLessThan(0.005);
  expect(rel(f.priceToBook, price / f.bookValue)).toBeLessThan(0.005);
  expect(rel(f.returnOnEquity, last.netIncome / last.stockholdersEquity)).toBeLessThan(0.01);
  expect(rel(f.returnOnAssets, last.netIncome / last.totalAssets)).toBeLessThan(0.01);
  expect(rel(f.profitMargins, last.netIncome / last.totalRevenue)).toBeLessThan(0.01);
  expect(rel(f.grossMargins, last.grossProfit / last.totalRevenue)).toBeLessThan(0.01);
  expect(rel(f.operatingMargins, last.ebit / last.totalRevenue)).toBeLessThan(0.01);
  expect(rel(f.priceToSalesTrailing12Months, (price * m.sharesOutstanding) / last.totalRevenue)).toBeLessThan(0.005);
  expect(rel(f.revenueGrowth + 1, last.totalRevenue / prev.totalRevenue)).toBeLessThan(0.005);
  expect(f.totalRevenue).toBe(last.totalRevenue);
  expect(f.netIncomeToCommon).toBe(last.netIncome);
  expect(f.freeCashflow).toBe(last.operatingCashFlow + last.capitalExpenditure);
  expect(f.enterpriseValue).toBe(Math.round(m.marketCap + last.totalDebt - last.cashAndCashEquivalents));
  if (f.debtToEquity !== undefined) expect(rel(f.debtToEquity, (100 * last.totalDebt) / last.stockholdersEquity)).toBeLessThan(0.005);
  if (f.currentRatio !== undefined) expect(rel(f.currentRatio, (last.currentAssets as number) / (last.currentLiabilities as number))).toBeLessThan(0.005);
  for (const s of f.statements) {
    expect(s.totalAssets).toBe(s.stockholdersEquity + s.totalLiabilities);
    expect(s.grossProfit + s.costOfRevenue).toBe(s.totalRevenue);
    expect(s.totalLiabilities).toBeGreaterThanOrEqual(s.totalDebt);
    if (s.currentAssets !== null && s.currentLiabilities !== null) expect(s.workingCapital).toBe(s.currentAssets - s.currentLiabilities);
  }
}

describe('simulated market: a company is consistent with itself', () => {
  it('ties quote, ratios and statements together, for US, London (pence) and generated companies, at several dates', () => {
    for (const asOf of DATES) for (const symbol of ['AAPL', 'JPM', 'V', 'NEE', 'BRK-B', 'VOD.L', '7203.T', 'ZZQX', 'QWER.DE']) checkConsistency(marketModel(symbol, 1, asOf));
  });
});
