// A company's sector and industry as Yahoo's profile gives them (company-profile.ts), and what kind of business sector-aware rules need to know about: a bank or an
// insurer has no meaningful debt/equity or current ratio; utilities and real estate run on debt.
import type { YahooTickerData } from '../prefetch/market-data.js';
import { readCompanyProfile } from './company-profile.js';

export interface SectorOfHolding {
  sector: string;
  industry: string | null;
}

/** The sector and industry from Yahoo's profile (company-profile.ts); null when it names no sector. */
export function sectorOf(data: YahooTickerData): SectorOfHolding | null {
  const { sector, industry } = readCompanyProfile(data);
  return sector ? { sector, industry } : null;
}

/** Banks, insurers, brokers and asset managers: liabilities are their business, not their leverage. */
export function isFinancialIntermediary(holding: SectorOfHolding | null): boolean {
  if (!holding) return false;
  if (/bank|insurance|capital markets|asset management|credit services|mortgage/i.test(holding.industry ?? '')) return true;
  return holding.sector === 'Financial Services' && holding.industry === null;
}

/** Sectors whose business carries high debt by design (regulated utilities, property). */
export const DEBT_HEAVY_SECTORS: ReadonlySet<string> = new Set(['Utilities', 'Real Estate']);
