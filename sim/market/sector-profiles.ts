// Typical figures per sector (and for a few industries that differ from their sector), so that
// a simulated bank looks like a bank and a software company like one. Ranges are the usual spread
// of large listed companies, rounded; they are shapes for a simulator, not market statistics.

/** [low, high] of a figure. */
export type Range = readonly [lo: number, hi: number];

export interface SectorProfile {
  /** Trailing P/E at the anchor date. */
  pe: Range;
  /** Return on equity (net income / equity). P/B follows as P/E x ROE. */
  roe: Range;
  /** Net margin (net income / revenue). P/S follows as P/E x margin. */
  netMargin: Range;
  grossMargin: Range;
  /** Revenue growth a year. */
  growth: Range;
  /** Total debt / equity, percent (as Yahoo gives it). */
  debtToEquity: Range;
  /** Current assets / current liabilities; null where the balance sheet has no current split (banks). */
  currentRatio: Range | null;
  /** Total assets / equity. */
  leverage: Range;
  /** Annual volatility of the share price. */
  sigma: Range;
}

const base: SectorProfile = {
  pe: [15, 28], roe: [0.1, 0.25], netMargin: [0.06, 0.15], grossMargin: [0.3, 0.5], growth: [0.01, 0.08],
  debtToEquity: [40, 150], currentRatio: [1, 2], leverage: [2, 3.5], sigma: [0.2, 0.35],
};

export const SECTOR_PROFILES: Record<string, SectorProfile> = {
  Technology: { ...base, pe: [22, 42], roe: [0.18, 0.45], netMargin: [0.15, 0.32], grossMargin: [0.5, 0.75], growth: [0.05, 0.2], debtToEquity: [10, 120], currentRatio: [1, 3], leverage: [1.6, 2.8], sigma: [0.25, 0.45] },
  'Communication Services': { ...base, pe: [16, 30], roe: [0.1, 0.3], netMargin: [0.1, 0.3], grossMargin: [0.4, 0.7], growth: [0.03, 0.14], debtToEquity: [10, 120], currentRatio: [0.9, 2.5], leverage: [1.5, 2.8], sigma: [0.22, 0.4] },
  'Consumer Cyclical': { ...base, pe: [16, 34], roe: [0.12, 0.35], netMargin: [0.04, 0.12], grossMargin: [0.25, 0.48], growth: [0.02, 0.12], debtToEquity: [40, 200], currentRatio: [0.9, 1.8], leverage: [2.2, 4], sigma: [0.25, 0.45] },
  'Consumer Defensive': { ...base, pe: [18, 30], roe: [0.15, 0.35], netMargin: [0.03, 0.16], grossMargin: [0.25, 0.6], growth: [0, 0.06], debtToEquity: [40, 180], currentRatio: [0.7, 1.2], leverage: [2.5, 4], sigma: [0.14, 0.24] },
  'Financial Services': { ...base, pe: [9, 16], roe: [0.09, 0.15], netMargin: [0.2, 0.32], grossMargin: [0.9, 1], growth: [0.02, 0.08], debtToEquity: [100, 300], currentRatio: null, leverage: [8, 12], sigma: [0.18, 0.3] },
  Healthcare: { ...base, pe: [15, 32], roe: [0.1, 0.3], netMargin: [0.07, 0.22], grossMargin: [0.5, 0.78], growth: [0.02, 0.1], debtToEquity: [30, 130], currentRatio: [1, 2], leverage: [2, 3.2], sigma: [0.18, 0.32] },
  Industrials: { ...base, pe: [17, 30], roe: [0.14, 0.35], netMargin: [0.08, 0.18], grossMargin: [0.25, 0.42], growth: [0.01, 0.08], debtToEquity: [50, 180], currentRatio: [1, 1.8], leverage: [2.5, 4], sigma: [0.2, 0.32] },
  Energy: { ...base, pe: [9, 16], roe: [0.1, 0.2], netMargin: [0.06, 0.12], grossMargin: [0.2, 0.35], growth: [-0.06, 0.04], debtToEquity: [10, 60], currentRatio: [1, 1.6], leverage: [1.7, 2.3], sigma: [0.22, 0.35] },
  Utilities: { ...base, pe: [14, 22], roe: [0.08, 0.12], netMargin: [0.1, 0.2], grossMargin: [0.35, 0.6], growth: [0, 0.06], debtToEquity: [120, 200], currentRatio: [0.5, 0.95], leverage: [3.2, 4.2], sigma: [0.14, 0.24] },
  'Basic Materials': { ...base, pe: [14, 30], roe: [0.1, 0.2], netMargin: [0.08, 0.18], grossMargin: [0.3, 0.48], growth: [-0.03, 0.06], debtToEquity: [30, 80], currentRatio: [0.8, 2], leverage: [1.8, 2.5], sigma: [0.2, 0.32] },
  'Real Estate': { ...base, pe: [25, 50], roe: [0.05, 0.14], netMargin: [0.15, 0.35], grossMargin: [0.6, 0.75], growth: [0, 0.06], debtToEquity: [150, 350], currentRatio: [0.4, 1.2], leverage: [3, 5], sigma: [0.18, 0.3] },
};

/** Industries whose figures differ from their sector's. */
const INDUSTRY_PROFILES: Record<string, Partial<SectorProfile>> = {
  'Software - Infrastructure': { pe: [28, 42], roe: [0.25, 0.4], netMargin: [0.25, 0.36], grossMargin: [0.7, 0.85], growth: [0.08, 0.18] },
  'Software - Application': { pe: [28, 45], roe: [0.12, 0.3], netMargin: [0.15, 0.3], grossMargin: [0.72, 0.85], growth: [0.08, 0.2] },
  Semiconductors: { pe: [22, 45], roe: [0.15, 0.5], netMargin: [0.15, 0.4], grossMargin: [0.45, 0.72], growth: [0.05, 0.3], sigma: [0.35, 0.55] },
  'Credit Services': { pe: [26, 36], roe: [0.35, 0.6], netMargin: [0.4, 0.55], grossMargin: [0.75, 0.98], debtToEquity: [50, 150], currentRatio: [1, 1.6], leverage: [2.5, 4] },
  'Asset Management': { pe: [16, 24], roe: [0.12, 0.18], netMargin: [0.25, 0.35], grossMargin: [0.45, 0.55], debtToEquity: [20, 60], currentRatio: [1.2, 3], leverage: [2.5, 4] },
  'Insurance - Diversified': { pe: [10, 16], roe: [0.08, 0.14], netMargin: [0.1, 0.2], grossMargin: [0.2, 0.4], debtToEquity: [10, 40], leverage: [1.7, 2.5] },
  'Auto Manufacturers': { pe: [8, 14], roe: [0.08, 0.16], netMargin: [0.04, 0.09], grossMargin: [0.15, 0.22], sigma: [0.28, 0.5] },
  'Internet Retail': { pe: [28, 45], roe: [0.15, 0.3], netMargin: [0.05, 0.12], grossMargin: [0.4, 0.5], growth: [0.08, 0.15] },
};

/** Banks and brokers: Yahoo gives them no current ratio (no current split) and no debt/equity. */
export const BANK_INDUSTRIES = new Set(['Banks - Diversified', 'Banks - Regional', 'Capital Markets']);

export function sectorProfile(sector: string, industry: string): SectorProfile {
  return { ...(SECTOR_PROFILES[sector] ?? base), ...INDUSTRY_PROFILES[industry] };
}
