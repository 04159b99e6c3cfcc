// The ETFs the simulator names.

/** ETF-shaped symbols: quoteType ETF, no company fundamentals. */
export const ETFS: Record<string, [name: string, family: string, category: string]> = {
  SPY: ['SPDR S&P 500 ETF Trust', 'SPDR State Street Global Advisors', 'Large Blend'],
  QQQ: ['Invesco QQQ Trust', 'Invesco', 'Large Growth'],
  VTI: ['Vanguard Total Stock Market Index Fund ETF', 'Vanguard', 'Large Blend'],
  VOO: ['Vanguard S&P 500 ETF', 'Vanguard', 'Large Blend'],
  IVV: ['iShares Core S&P 500 ETF', 'iShares', 'Large Blend'],
  IWM: ['iShares Russell 2000 ETF', 'iShares', 'Small Blend'],
  DIA: ['SPDR Dow Jones Industrial Average ETF Trust', 'SPDR State Street Global Advisors', 'Large Value'],
  VEA: ['Vanguard FTSE Developed Markets Index Fund ETF', 'Vanguard', 'Foreign Large Blend'],
  VWO: ['Vanguard FTSE Emerging Markets Index Fund ETF', 'Vanguard', 'Diversified Emerging Mkts'],
  AGG: ['iShares Core US Aggregate Bond ETF', 'iShares', 'Intermediate Core Bond'],
  BND: ['Vanguard Total Bond Market Index Fund ETF', 'Vanguard', 'Intermediate Core Bond'],
  GLD: ['SPDR Gold Shares', 'SPDR State Street Global Advisors', 'Commodities Focused'],
  TLT: ['iShares 20+ Year Treasury Bond ETF', 'iShares', 'Long Government'],
  XLK: ['Technology Select Sector SPDR Fund', 'SPDR State Street Global Advisors', 'Technology'],
  XLF: ['Financial Select Sector SPDR Fund', 'SPDR State Street Global Advisors', 'Financial'],
  XLE: ['Energy Select Sector SPDR Fund', 'SPDR State Street Global Advisors', 'Equity Energy'],
  ARKK: ['ARK Innovation ETF', 'ARK ETF Trust', 'Mid-Cap Growth'],
};
export const LOW_VOL_ETFS = new Set(['AGG', 'BND', 'TLT', 'GLD']);

/** Foreign ETFs: [name, family, category, currency when Yahoo departs from the market's]. The
 * recorded VWRL.L answer (yahoo-2026/quote-VWRL.L.json) is in GBP, not GBp. */
export const FOREIGN_ETFS: Record<string, [name: string, family: string, category: string, currency?: string]> = {
  'VWRL.L': ['Vanguard FTSE All-World UCITS ETF', 'Vanguard', 'Global Large-Cap Blend Equity', 'GBP'],
  'ISF.L': ['iShares Core FTSE 100 UCITS ETF', 'iShares', 'UK Large-Cap Equity'],
  'IWDA.AS': ['iShares Core MSCI World UCITS ETF', 'iShares', 'Global Large-Cap Blend Equity'],
};
