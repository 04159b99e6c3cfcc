// A company's sector and industry as Yahoo's profile gives them (quoteSummary assetProfile or
// summaryProfile), and what kind of business sector-aware rules need to know about: a bank or an
// insurer has no meaningful debt/equity or current ratio; utilities and real estate run on debt.
import type { YahooTickerData } from '../prefetch/market-data.js';

export interface SectorOfHolding {
  sector: string;
  industry: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The sector and industry from Yahoo's profile; null when the data names no sector. */
export function sectorOf(data: YahooTickerData): SectorOfHolding | null {
  for (const module of ['assetProfile', 'summaryProfile']) {
    const profile = data.summary[module];
    if (profile && typeof profile === 'object') {
      const record = profile as Record<string, unknown>;
      const sector = text(record.sector);
      if (sector) return { sector, industry: text(record.industry) };
    }
  }
  return null;
}

/** Banks, insurers, brokers and asset managers: liabilities are their business, not their leverage. */
export function isFinancialIntermediary(holding: SectorOfHolding | null): boolean {
  if (!holding) return false;
  if (/bank|insurance|capital markets|asset management|credit services|mortgage/i.test(holding.industry ?? '')) return true;
  return holding.sector === 'Financial Services' && holding.industry === null;
}

/** Sectors whose business carries high debt by design (regulated utilities, property). */
export const DEBT_HEAVY_SECTORS: ReadonlySet<string> = new Set(['Utilities', 'Real Estate']);
