// The product's 66-ticker example portfolio (11 of them ETFs).
export const SP66 = (
  'AAPL MSFT GOOGL AMZN NVDA META TSLA BRK-B JPM V JNJ WMT PG MA UNH HD DIS BAC XOM PFE KO PEP ' +
  'CSCO ADBE NFLX CRM ABT TMO COST AVGO ACN MCD NKE LLY DHR TXN NEE ORCL PM QCOM UNP HON LIN AMGN ' +
  'IBM SBUX CAT GS MS BLK AMT GE MMM INTC AMD SPY QQQ VTI VOO IWM GLD TLT XLK XLF ARKK DIA'
).split(' ');

export const SUMMARY_MODULES = [
  'price',
  'summaryDetail',
  'defaultKeyStatistics',
  'financialData',
  'assetProfile',
  'summaryProfile',
  'quoteType',
  'calendarEvents',
  'recommendationTrend',
  'earnings',
] as const;

/** Modules Yahoo has no data for on an ETF (404 when asked for alone). */
export const COMPANY_ONLY_MODULES = ['financialData', 'earnings', 'recommendationTrend', 'calendarEvents'] as const;
