// A company's annual statements, one fiscal year (ending 31 December) at a time. Each year is a
// function of the company and the year alone, so the statements a run sees do not depend on the
// simulated date, only on which years have been reported by then. The year before the anchor
// date is pinned to the anchor's price and the sector's P/E, ROE and margins; other years move
// from it by the sector's growth with a little noise.
import { createRng, Draw, hash32 } from './random.js';
import { BANK_INDUSTRIES, sectorProfile, type Range, type SectorProfile } from './sector-profiles.js';

export interface AnnualStatement {
  /** Fiscal year; it ends on 31 December. */
  year: number;
  totalRevenue: number;
  costOfRevenue: number;
  grossProfit: number;
  ebit: number;
  ebitda: number;
  netIncome: number;
  operatingCashFlow: number;
  /** Negative, as Yahoo gives it. */
  capitalExpenditure: number;
  freeCashFlow: number;
  totalAssets: number;
  /** Null for a bank: its balance sheet has no current split. */
  currentAssets: number | null;
  currentLiabilities: number | null;
  workingCapital: number | null;
  longTermDebt: number;
  totalDebt: number;
  cashAndCashEquivalents: number;
  totalLiabilities: number;
  stockholdersEquity: number;
  retainedEarnings: number;
  ordinarySharesNumber: number;
  dilutedEps: number;
}

/** What stays with a company over the years. */
export interface CompanyTraits {
  key: string;
  profile: SectorProfile;
  bank: boolean;
  lossMaking: boolean;
  /** The fiscal year whose figures are pinned to the anchor. */
  anchorYear: number;
  /** P/E at the anchor price (undefined when loss-making). */
  pe: number | undefined;
  roe: number;
  netMargin: number;
  grossMargin: number;
  /** EBIT / net income for a profitable company. */
  ebitRatio: number;
  daShare: number;
  capexShare: number;
  cashShare: number;
  currentLiabilityShare: number;
  currentRatio: number | null;
  debtToEquity: number;
  leverage: number;
  retainedShare: number;
  growth: number;
  shares: number;
  /** Revenue and equity of the anchor year (financial currency). */
  revenue: number;
  equity: number;
}

const inRange = (d: Draw, [lo, hi]: Range) => d.uniform(lo, hi);
const logIn = (d: Draw, [lo, hi]: Range) => d.logUniform(lo, hi);

/** `marketCap` at the anchor price, in the financial currency; `shares` outstanding. */
export function companyTraits(key: string, sector: string, industry: string, marketCap: number, shares: number, anchorYear: number, lossMaking: boolean): CompanyTraits {
  const d = new Draw(createRng(hash32(`company|${key}`)));
  const profile = sectorProfile(sector, industry);
  const pe = logIn(d, profile.pe);
  const roe = inRange(d, profile.roe);
  const margin = inRange(d, profile.netMargin);
  const netMargin = lossMaking ? -d.uniform(0.02, 0.2) : margin;
  // A loss-maker is valued on its sales: P/S as a profitable peer's, P/B likewise.
  const revenue = lossMaking ? marketCap / (pe * margin) : marketCap / pe / netMargin;
  const equity = lossMaking ? marketCap / (pe * roe) : (marketCap / pe) / roe;
  return {
    key, profile, bank: BANK_INDUSTRIES.has(industry), lossMaking, anchorYear,
    pe: lossMaking ? undefined : pe, roe: lossMaking ? (revenue * netMargin) / equity : roe, netMargin,
    grossMargin: inRange(d, profile.grossMargin), ebitRatio: d.uniform(1.2, 1.45), daShare: d.uniform(0.02, 0.08),
    capexShare: d.uniform(0.02, 0.08), cashShare: d.uniform(0.05, 0.3), currentLiabilityShare: d.uniform(0.15, 0.35),
    currentRatio: profile.currentRatio ? inRange(d, profile.currentRatio) : null, debtToEquity: inRange(d, profile.debtToEquity),
    leverage: inRange(d, profile.leverage), retainedShare: d.uniform(0.2, 0.9), growth: inRange(d, profile.growth),
    shares, revenue, equity,
  };
}

/** A year's own noise: growth, margin and ratio moves drawn from the company and the year. */
function yearNoise(t: CompanyTraits, year: number) {
  const d = new Draw(createRng(hash32(`year|${t.key}|${year}`)));
  return { growth: d.uniform(-0.04, 0.04), margin: d.uniform(-0.12, 0.12), ratio: d.uniform(-0.08, 0.08), cash: d.uniform(0.8, 1.2) };
}

/** Revenue of `year` relative to the anchor year's. */
function revenueFactor(t: CompanyTraits, year: number): number {
  let f = 1;
  for (let y = t.anchorYear + 1; y <= year; y++) f *= 1 + t.growth + yearNoise(t, y).growth;
  for (let y = t.anchorYear; y > year; y--) f /= 1 + t.growth + yearNoise(t, y).growth;
  return f;
}

export function annualStatement(t: CompanyTraits, year: number): AnnualStatement {
  const n = year === t.anchorYear ? { growth: 0, margin: 0, ratio: 0, cash: 1 } : yearNoise(t, year);
  const scale = revenueFactor(t, year);
  const revenue = t.revenue * scale;
  const netIncome = revenue * t.netMargin * (1 + n.margin);
  const equity = t.equity * scale;
  const grossProfit = revenue * Math.min(1, t.grossMargin * (1 + n.ratio / 2));
  // Taxes and interest lie between EBIT and net income; no operating margin passes 0.68 or the gross one.
  const ebitRatio = Math.max(1.05, Math.min(t.ebitRatio, 0.68 / (netIncome / revenue), grossProfit / netIncome));
  const ebit = netIncome > 0 ? netIncome * ebitRatio : netIncome * 0.8;
  const da = revenue * t.daShare;
  const operatingCashFlow = (netIncome > 0 ? netIncome * 1.15 : netIncome * 0.5) + da;
  const capitalExpenditure = -revenue * t.capexShare;
  const totalDebt = (equity * t.debtToEquity) / 100;
  const currentLiabilities = t.currentRatio === null ? null : revenue * t.currentLiabilityShare;
  const currentAssets = t.currentRatio === null || currentLiabilities === null ? null : currentLiabilities * t.currentRatio * (1 + n.ratio);
  // Liabilities hold at least the debt and the current liabilities that are not debt.
  const totalLiabilities = Math.max(equity * (t.leverage - 1), totalDebt + (currentLiabilities ?? 0) * 0.7);
  const whole = (x: number) => Math.round(x);
  return {
    year,
    // Totals are sums of their rounded parts, as in published statements.
    totalRevenue: whole(revenue), costOfRevenue: whole(revenue) - whole(grossProfit), grossProfit: whole(grossProfit),
    ebit: whole(ebit), ebitda: whole(ebit + da), netIncome: whole(netIncome),
    operatingCashFlow: whole(operatingCashFlow), capitalExpenditure: whole(capitalExpenditure), freeCashFlow: whole(operatingCashFlow) + whole(capitalExpenditure),
    totalAssets: whole(equity) + whole(totalLiabilities),
    currentAssets: currentAssets === null ? null : whole(currentAssets), currentLiabilities: currentLiabilities === null ? null : whole(currentLiabilities),
    workingCapital: currentAssets === null || currentLiabilities === null ? null : whole(currentAssets) - whole(currentLiabilities),
    longTermDebt: whole(totalDebt * 0.85), totalDebt: whole(totalDebt), cashAndCashEquivalents: whole(revenue * t.cashShare * n.cash),
    totalLiabilities: whole(totalLiabilities), stockholdersEquity: whole(equity), retainedEarnings: whole(equity * t.retainedShare),
    ordinarySharesNumber: whole(t.shares), dilutedEps: Math.round((netIncome / t.shares) * 100) / 100,
  };
}

/** A fiscal year is reported on 20 February of the next year. */
export function lastReportedYear(asOf: Date): number {
  const y = asOf.getUTCFullYear();
  return asOf.getTime() >= Date.UTC(y, 1, 20) ? y - 1 : y - 2;
}

/** Epoch ms at which fiscal year `year` is reported. */
export const reportedAt = (year: number) => Date.UTC(year + 1, 1, 20);
