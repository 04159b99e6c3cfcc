// Deterministic, plausible market data per ticker: what the Yahoo simulator serves.
// Everything is drawn from a PRNG seeded by hash(symbol, seed), so the same symbol and seed
// give the same numbers on every run; only the bar dates follow "today".
//
// What a symbol is follows its shape, as on Yahoo: `EURUSD=X` (or `JPY=X`, i.e. USDJPY) is an
// FX rate, `BTC-USD` a cryptocurrency, a known exchange suffix (`.L`, `.DE`, `.T`, ...) a
// listing on that market in its currency (London in pence: GBp), anything else a US stock or
// ETF in USD.

export interface DailyBar {
  /** Trading day, YYYY-MM-DD (UTC). */
  date: string;
  /** Epoch seconds of the session open (US: 14:30 UTC, 09:30 New York standard time; see Venue.openUtc). */
  timestamp: number;
  open: number;
  high: number;
  low: number;
  close: number;
  adjclose: number;
  volume: number;
}

export interface RecommendationPeriod {
  period: string; // '0m', '-1m', ...
  strongBuy: number;
  buy: number;
  hold: number;
  sell: number;
  strongSell: number;
}

export interface QuarterEarnings {
  date: string; // calendar quarter, e.g. 2Q2026
  actual: number; // EPS
  estimate: number;
  revenue: number;
  earnings: number;
  periodEndDate: number; // epoch seconds
  reportedDate: number; // epoch seconds
}

/** Company fundamentals; absent for ETFs, which have none. */
export interface Fundamentals {
  trailingPE?: number; // absent for a loss-making company, as Yahoo does
  forwardPE: number;
  trailingEps: number;
  forwardEps: number;
  pegRatio?: number;
  priceToBook: number;
  bookValue: number;
  priceToSalesTrailing12Months: number;
  enterpriseValue: number;
  enterpriseToEbitda: number;
  enterpriseToRevenue: number;
  returnOnEquity: number;
  returnOnAssets: number;
  profitMargins: number;
  operatingMargins: number;
  grossMargins: number;
  ebitdaMargins: number;
  revenueGrowth: number;
  earningsGrowth: number;
  debtToEquity: number; // percent, as Yahoo gives it (145 = 1.45x)
  currentRatio: number;
  quickRatio: number;
  totalRevenue: number;
  ebitda: number;
  totalCash: number;
  totalDebt: number;
  freeCashflow: number;
  operatingCashflow: number;
  netIncomeToCommon: number;
  recommendationMean: number;
  recommendationKey: 'strong_buy' | 'buy' | 'hold' | 'underperform' | 'sell';
  numberOfAnalystOpinions: number;
  targetLowPrice: number;
  targetMeanPrice: number;
  targetMedianPrice: number;
  targetHighPrice: number;
  recommendationTrend: RecommendationPeriod[];
  /** The last four reported quarters, oldest first. */
  quarters: QuarterEarnings[];
  /** Fiscal years, oldest first. */
  years: { year: number; revenue: number; earnings: number }[];
  /** Next earnings date, epoch seconds. */
  nextEarnings: number;
  fullTimeEmployees: number;
}

export interface EtfProfile {
  totalAssets: number;
  yield: number;
  category: string;
  fundFamily: string;
  ytdReturn: number;
  beta3Year: number;
  threeYearAverageReturn: number;
  fiveYearAverageReturn: number;
  netExpenseRatio: number;
  fundInceptionDate: number;
}

/** A cryptocurrency's supply figures, as Yahoo gives them (CoinMarketCap's). */
export interface CryptoProfile {
  /** The coin, e.g. BTC (Yahoo's fromCurrency). */
  coin: string;
  name: string; // Bitcoin
  circulatingSupply: number;
  totalSupply: number;
  maxSupply?: number;
  /** Launch day, YYYY-MM-DD, and as epoch seconds. */
  startDate: string;
  startEpoch: number;
  website: string;
}

/** The two legs of an FX pair: the price is units of `to` per unit of `from`. */
export interface FxPair {
  from: string;
  to: string;
}

/** Where a listing trades. Sessions in standard (winter) time all year, like the US one. */
export interface Venue {
  exchange: string; // Yahoo's code: NMS, LSE, GER, JPX, CCC, CCY
  fullExchangeName: string; // NasdaqGS, LSE, XETRA, Tokyo, CCC, CCY
  market: string; // us_market, gb_market, ccc_market, ...
  timezone: string; // IANA name
  timezoneShort: string; // EST, GMT, CET, JST, UTC
  gmtOffset: number; // seconds
  /** Seconds after 00:00 UTC at which the daily session (and its bar) opens. */
  openUtc: number;
  /** Length of the regular session, seconds. */
  session: number;
  /** Trades on Saturdays and Sundays too (crypto). */
  everyDay: boolean;
  /** Yahoo's exchangeDataDelayedBy, minutes. */
  delayedBy: number;
  quoteSourceName: string;
  hasPrePostMarketData: boolean;
  /** Headquarters of a company listed here (for assetProfile). */
  country: string;
  city: string;
}

export type QuoteType = 'EQUITY' | 'ETF' | 'CRYPTOCURRENCY' | 'CURRENCY';

export interface TickerModel {
  symbol: string;
  quoteType: QuoteType;
  shortName: string;
  longName: string;
  /** Yahoo's quote currency: USD, GBp (pence), EUR, JPY, ... Prices and targets are in it. */
  currency: string;
  /** The currency of the accounts (major units, GBP for a GBp listing): revenue, EPS, book
   * value. Null where Yahoo has none (crypto, FX). */
  financialCurrency: string | null;
  /** Quote units per unit of the major currency: 100 for GBp, else 1. Market cap is in major units. */
  priceDivisor: number;
  /** Yahoo's priceHint: 2 for stocks, 4 or 6 for FX. */
  priceHint: number;
  /** Decimals the prices carry. */
  priceDigits: number;
  exchange: string; // Yahoo's code, e.g. NMS
  fullExchangeName: string; // e.g. NasdaqGS
  venue: Venue;
  sector: string;
  industry: string;
  firstTradeDate: number; // epoch seconds
  bars: DailyBar[];
  price: number;
  previousClose: number;
  beta: number;
  sharesOutstanding: number;
  marketCap: number;
  dividendRate?: number;
  dividendYield?: number; // fraction
  fundamentals: Fundamentals | null;
  etf: EtfProfile | null;
  crypto: CryptoProfile | null;
  fx: FxPair | null;
}

export const TRADING_DAYS = 252;
/** Daily bars a year of crypto trading has: every calendar day. */
export const CRYPTO_DAYS = 365;
const OPEN_UTC_MS = (14 * 60 + 30) * 60_000;

/** ETF-shaped symbols: quoteType ETF, no company fundamentals. */
const ETFS: Record<string, [name: string, family: string, category: string]> = {
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
const LOW_VOL_ETFS = new Set(['AGG', 'BND', 'TLT', 'GLD']);

const SECTORS: Record<string, string[]> = {
  Technology: ['Software - Infrastructure', 'Semiconductors', 'Consumer Electronics', 'Information Technology Services'],
  'Communication Services': ['Internet Content & Information', 'Entertainment'],
  'Consumer Cyclical': ['Internet Retail', 'Auto Manufacturers', 'Restaurants', 'Home Improvement Retail', 'Footwear & Accessories'],
  'Consumer Defensive': ['Discount Stores', 'Household & Personal Products', 'Beverages - Non-Alcoholic', 'Tobacco'],
  'Financial Services': ['Banks - Diversified', 'Credit Services', 'Capital Markets', 'Asset Management', 'Insurance - Diversified'],
  Healthcare: ['Drug Manufacturers - General', 'Healthcare Plans', 'Diagnostics & Research', 'Medical Devices'],
  Industrials: ['Aerospace & Defense', 'Farm & Heavy Construction Machinery', 'Railroads', 'Conglomerates'],
  Energy: ['Oil & Gas Integrated'],
  Utilities: ['Utilities - Regulated Electric'],
  'Basic Materials': ['Specialty Chemicals'],
  'Real Estate': ['REIT - Specialty'],
};

/** Names and sectors of well-known tickers; any other symbol gets a generated profile. */
const KNOWN: Record<string, [name: string, sector: string, industry: string, nyse?: 1]> = {
  AAPL: ['Apple Inc.', 'Technology', 'Consumer Electronics'],
  MSFT: ['Microsoft Corporation', 'Technology', 'Software - Infrastructure'],
  GOOGL: ['Alphabet Inc.', 'Communication Services', 'Internet Content & Information'],
  AMZN: ['Amazon.com, Inc.', 'Consumer Cyclical', 'Internet Retail'],
  NVDA: ['NVIDIA Corporation', 'Technology', 'Semiconductors'],
  META: ['Meta Platforms, Inc.', 'Communication Services', 'Internet Content & Information'],
  TSLA: ['Tesla, Inc.', 'Consumer Cyclical', 'Auto Manufacturers'],
  'BRK-B': ['Berkshire Hathaway Inc.', 'Financial Services', 'Insurance - Diversified', 1],
  JPM: ['JPMorgan Chase & Co.', 'Financial Services', 'Banks - Diversified', 1],
  V: ['Visa Inc.', 'Financial Services', 'Credit Services', 1],
  JNJ: ['Johnson & Johnson', 'Healthcare', 'Drug Manufacturers - General', 1],
  WMT: ['Walmart Inc.', 'Consumer Defensive', 'Discount Stores', 1],
  PG: ['The Procter & Gamble Company', 'Consumer Defensive', 'Household & Personal Products', 1],
  MA: ['Mastercard Incorporated', 'Financial Services', 'Credit Services', 1],
  UNH: ['UnitedHealth Group Incorporated', 'Healthcare', 'Healthcare Plans', 1],
  HD: ['The Home Depot, Inc.', 'Consumer Cyclical', 'Home Improvement Retail', 1],
  DIS: ['The Walt Disney Company', 'Communication Services', 'Entertainment', 1],
  BAC: ['Bank of America Corporation', 'Financial Services', 'Banks - Diversified', 1],
  XOM: ['Exxon Mobil Corporation', 'Energy', 'Oil & Gas Integrated', 1],
  PFE: ['Pfizer Inc.', 'Healthcare', 'Drug Manufacturers - General', 1],
  KO: ['The Coca-Cola Company', 'Consumer Defensive', 'Beverages - Non-Alcoholic', 1],
  PEP: ['PepsiCo, Inc.', 'Consumer Defensive', 'Beverages - Non-Alcoholic'],
  CSCO: ['Cisco Systems, Inc.', 'Technology', 'Communication Equipment'],
  ADBE: ['Adobe Inc.', 'Technology', 'Software - Infrastructure'],
  NFLX: ['Netflix, Inc.', 'Communication Services', 'Entertainment'],
  CRM: ['Salesforce, Inc.', 'Technology', 'Software - Application', 1],
  ABT: ['Abbott Laboratories', 'Healthcare', 'Medical Devices', 1],
  TMO: ['Thermo Fisher Scientific Inc.', 'Healthcare', 'Diagnostics & Research', 1],
  COST: ['Costco Wholesale Corporation', 'Consumer Defensive', 'Discount Stores'],
  AVGO: ['Broadcom Inc.', 'Technology', 'Semiconductors'],
  ACN: ['Accenture plc', 'Technology', 'Information Technology Services', 1],
  MCD: ["McDonald's Corporation", 'Consumer Cyclical', 'Restaurants', 1],
  NKE: ['NIKE, Inc.', 'Consumer Cyclical', 'Footwear & Accessories', 1],
  LLY: ['Eli Lilly and Company', 'Healthcare', 'Drug Manufacturers - General', 1],
  DHR: ['Danaher Corporation', 'Healthcare', 'Diagnostics & Research', 1],
  TXN: ['Texas Instruments Incorporated', 'Technology', 'Semiconductors'],
  NEE: ['NextEra Energy, Inc.', 'Utilities', 'Utilities - Regulated Electric', 1],
  ORCL: ['Oracle Corporation', 'Technology', 'Software - Infrastructure', 1],
  PM: ['Philip Morris International Inc.', 'Consumer Defensive', 'Tobacco', 1],
  QCOM: ['QUALCOMM Incorporated', 'Technology', 'Semiconductors'],
  UNP: ['Union Pacific Corporation', 'Industrials', 'Railroads', 1],
  HON: ['Honeywell International Inc.', 'Industrials', 'Conglomerates'],
  LIN: ['Linde plc', 'Basic Materials', 'Specialty Chemicals'],
  AMGN: ['Amgen Inc.', 'Healthcare', 'Drug Manufacturers - General'],
  IBM: ['International Business Machines Corporation', 'Technology', 'Information Technology Services', 1],
  SBUX: ['Starbucks Corporation', 'Consumer Cyclical', 'Restaurants'],
  CAT: ['Caterpillar Inc.', 'Industrials', 'Farm & Heavy Construction Machinery', 1],
  GS: ['The Goldman Sachs Group, Inc.', 'Financial Services', 'Capital Markets', 1],
  MS: ['Morgan Stanley', 'Financial Services', 'Capital Markets', 1],
  BLK: ['BlackRock, Inc.', 'Financial Services', 'Asset Management', 1],
  AMT: ['American Tower Corporation', 'Real Estate', 'REIT - Specialty', 1],
  GE: ['GE Aerospace', 'Industrials', 'Aerospace & Defense', 1],
  MMM: ['3M Company', 'Industrials', 'Conglomerates', 1],
  INTC: ['Intel Corporation', 'Technology', 'Semiconductors'],
  AMD: ['Advanced Micro Devices, Inc.', 'Technology', 'Semiconductors'],
};

/** Well-known listings outside the US (the suffix gives market and currency). */
const KNOWN_FOREIGN: Record<string, [name: string, sector: string, industry: string]> = {
  'VOD.L': ['Vodafone Group Public Limited Company', 'Communication Services', 'Telecom Services'],
  'HSBA.L': ['HSBC Holdings plc', 'Financial Services', 'Banks - Diversified'],
  'SHEL.L': ['Shell plc', 'Energy', 'Oil & Gas Integrated'],
  'AZN.L': ['AstraZeneca PLC', 'Healthcare', 'Drug Manufacturers - General'],
  'BP.L': ['BP p.l.c.', 'Energy', 'Oil & Gas Integrated'],
  'ULVR.L': ['Unilever PLC', 'Consumer Defensive', 'Household & Personal Products'],
  'ASML.AS': ['ASML Holding N.V.', 'Technology', 'Semiconductor Equipment & Materials'],
  'ADYEN.AS': ['Adyen N.V.', 'Technology', 'Software - Infrastructure'],
  'MC.PA': ['LVMH Moët Hennessy - Louis Vuitton, Société Européenne', 'Consumer Cyclical', 'Luxury Goods'],
  'OR.PA': ["L'Oréal S.A.", 'Consumer Defensive', 'Household & Personal Products'],
  'SAP.DE': ['SAP SE', 'Technology', 'Software - Application'],
  'SIE.DE': ['Siemens Aktiengesellschaft', 'Industrials', 'Specialty Industrial Machinery'],
  'BMW.DE': ['Bayerische Motoren Werke Aktiengesellschaft', 'Consumer Cyclical', 'Auto Manufacturers'],
  'ENI.MI': ['Eni S.p.A.', 'Energy', 'Oil & Gas Integrated'],
  'SAN.MC': ['Banco Santander, S.A.', 'Financial Services', 'Banks - Diversified'],
  'NESN.SW': ['Nestlé S.A.', 'Consumer Defensive', 'Packaged Foods'],
  'NOVN.SW': ['Novartis AG', 'Healthcare', 'Drug Manufacturers - General'],
  '7203.T': ['Toyota Motor Corporation', 'Consumer Cyclical', 'Auto Manufacturers'],
  '6758.T': ['Sony Group Corporation', 'Technology', 'Consumer Electronics'],
  'RY.TO': ['Royal Bank of Canada', 'Financial Services', 'Banks - Diversified'],
  'SHOP.TO': ['Shopify Inc.', 'Technology', 'Software - Application'],
  '0700.HK': ['Tencent Holdings Limited', 'Communication Services', 'Internet Content & Information'],
  '9988.HK': ['Alibaba Group Holding Limited', 'Consumer Cyclical', 'Internet Retail'],
};

/** Foreign ETFs: [name, family, category, currency when Yahoo departs from the market's]. The
 * recorded VWRL.L answer (yahoo-2026/quote-VWRL.L.json) is in GBP, not GBp. */
const FOREIGN_ETFS: Record<string, [name: string, family: string, category: string, currency?: string]> = {
  'VWRL.L': ['Vanguard FTSE All-World UCITS ETF', 'Vanguard', 'Global Large-Cap Blend Equity', 'GBP'],
  'ISF.L': ['iShares Core FTSE 100 UCITS ETF', 'iShares', 'UK Large-Cap Equity'],
  'IWDA.AS': ['iShares Core MSCI World UCITS ETF', 'iShares', 'Global Large-Cap Blend Equity'],
};

const US_VENUE: Venue = {
  exchange: 'NMS', fullExchangeName: 'NasdaqGS', market: 'us_market', timezone: 'America/New_York', timezoneShort: 'EST',
  gmtOffset: -18_000, openUtc: OPEN_UTC_MS / 1000, session: 6.5 * 3600, everyDay: false, delayedBy: 0,
  quoteSourceName: 'Nasdaq Real Time Price', hasPrePostMarketData: true, country: 'United States', city: 'Wilmington',
};

interface Market {
  venue: Venue;
  currency: string;
  /** Range of a share price, in quote units (pence for GBp). */
  prices: [lo: number, hi: number];
  /** Legal-form suffix for generated company names. */
  form: string;
}

const europe = (exchange: string, fullExchangeName: string, market: string, timezone: string, country: string, city: string): Venue => ({
  exchange, fullExchangeName, market, timezone, timezoneShort: 'CET', gmtOffset: 3600, openUtc: 8 * 3600, session: 8.5 * 3600,
  everyDay: false, delayedBy: 15, quoteSourceName: 'Delayed Quote', hasPrePostMarketData: false, country, city,
});

/** Exchange suffixes Yahoo uses, with the market's currency (real Yahoo's rule). */
const MARKETS: Record<string, Market> = {
  L: {
    venue: { ...europe('LSE', 'LSE', 'gb_market', 'Europe/London', 'United Kingdom', 'London'), timezoneShort: 'GMT', gmtOffset: 0 },
    currency: 'GBp', prices: [100, 6000], form: 'plc',
  },
  AS: { venue: europe('AMS', 'Amsterdam', 'nl_market', 'Europe/Amsterdam', 'Netherlands', 'Amsterdam'), currency: 'EUR', prices: [5, 400], form: 'N.V.' },
  PA: { venue: europe('PAR', 'Paris', 'fr_market', 'Europe/Paris', 'France', 'Paris'), currency: 'EUR', prices: [5, 400], form: 'SA' },
  DE: { venue: europe('GER', 'XETRA', 'de_market', 'Europe/Berlin', 'Germany', 'Munich'), currency: 'EUR', prices: [5, 400], form: 'AG' },
  MI: { venue: europe('MIL', 'Milan', 'it_market', 'Europe/Rome', 'Italy', 'Milan'), currency: 'EUR', prices: [1, 100], form: 'S.p.A.' },
  MC: { venue: europe('MCE', 'MCE', 'es_market', 'Europe/Madrid', 'Spain', 'Madrid'), currency: 'EUR', prices: [1, 100], form: 'S.A.' },
  SW: { venue: europe('EBS', 'Swiss', 'ch_market', 'Europe/Zurich', 'Switzerland', 'Zurich'), currency: 'CHF', prices: [10, 600], form: 'AG' },
  T: {
    venue: {
      exchange: 'JPX', fullExchangeName: 'Tokyo', market: 'jp_market', timezone: 'Asia/Tokyo', timezoneShort: 'JST', gmtOffset: 9 * 3600,
      openUtc: 0, session: 6.5 * 3600, everyDay: false, delayedBy: 20, quoteSourceName: 'Delayed Quote', hasPrePostMarketData: false, country: 'Japan', city: 'Tokyo',
    },
    currency: 'JPY', prices: [400, 15_000], form: 'Corporation',
  },
  TO: {
    venue: {
      exchange: 'TOR', fullExchangeName: 'Toronto', market: 'ca_market', timezone: 'America/Toronto', timezoneShort: 'EST', gmtOffset: -18_000,
      openUtc: OPEN_UTC_MS / 1000, session: 6.5 * 3600, everyDay: false, delayedBy: 15, quoteSourceName: 'Delayed Quote', hasPrePostMarketData: false, country: 'Canada', city: 'Toronto',
    },
    currency: 'CAD', prices: [5, 200], form: 'Inc.',
  },
  HK: {
    venue: {
      exchange: 'HKG', fullExchangeName: 'HKSE', market: 'hk_market', timezone: 'Asia/Hong_Kong', timezoneShort: 'HKT', gmtOffset: 8 * 3600,
      openUtc: 1.5 * 3600, session: 6.5 * 3600, everyDay: false, delayedBy: 15, quoteSourceName: 'Delayed Quote', hasPrePostMarketData: false, country: 'Hong Kong', city: 'Hong Kong',
    },
    currency: 'HKD', prices: [5, 500], form: 'Limited',
  },
};

const CRYPTO_VENUE: Venue = {
  exchange: 'CCC', fullExchangeName: 'CCC', market: 'ccc_market', timezone: 'UTC', timezoneShort: 'UTC', gmtOffset: 0,
  openUtc: 0, session: 86_340, everyDay: true, delayedBy: 0, quoteSourceName: 'CoinMarketCap', hasPrePostMarketData: false, country: '', city: '',
};

const FX_VENUE: Venue = {
  exchange: 'CCY', fullExchangeName: 'CCY', market: 'ccy_market', timezone: 'Europe/London', timezoneShort: 'GMT', gmtOffset: 0,
  openUtc: 0, session: 86_340, everyDay: false, delayedBy: 0, quoteSourceName: 'Delayed Quote', hasPrePostMarketData: false, country: '', city: '',
};

/** USD per unit of each currency: the simulated market's rate today, in every seed. */
const USD_VALUE: Record<string, number> = {
  USD: 1, EUR: 1.08, GBP: 1.27, JPY: 0.0067, CHF: 1.12, CAD: 0.73, HKD: 0.128, AUD: 0.66, NZD: 0.61, SEK: 0.095, NOK: 0.094,
  DKK: 0.145, CNY: 0.138, SGD: 0.74, INR: 0.012, KRW: 0.00074, MXN: 0.058, BRL: 0.19, ZAR: 0.054, ILS: 0.27, PLN: 0.25, TRY: 0.03,
};
/** Annual volatility of a currency against USD (HKD is pegged). */
const FX_VOL: Record<string, number> = { USD: 0, HKD: 0.004, EUR: 0.07, GBP: 0.08, JPY: 0.1, CHF: 0.07, CAD: 0.06 };

/** Coins: [name, USD price level, circulating supply, max supply, launch day, website]. */
const COINS: Record<string, [name: string, usd: number, supply: number, maxSupply: number | null, start: string, website: string]> = {
  BTC: ['Bitcoin', 85_000, 19_850_000, 21_000_000, '2010-07-13', 'https://bitcoin.org/'],
  ETH: ['Ethereum', 3_000, 120_700_000, null, '2015-08-07', 'https://www.ethereum.org/'],
  SOL: ['Solana', 150, 480_000_000, null, '2020-04-10', 'https://solana.com'],
  XRP: ['XRP', 2.2, 58_000_000_000, 100_000_000_000, '2013-08-04', 'https://xrpl.org/'],
  BNB: ['BNB', 600, 145_000_000, null, '2017-07-25', 'https://bnbchain.org/'],
  DOGE: ['Dogecoin', 0.17, 148_000_000_000, null, '2013-12-15', 'http://dogecoin.com/'],
  ADA: ['Cardano', 0.7, 35_000_000_000, 45_000_000_000, '2017-10-01', 'https://cardano.org/'],
  LTC: ['Litecoin', 90, 75_000_000, 84_000_000, '2013-04-28', 'https://litecoin.org/'],
};

type Listing =
  | { kind: 'fx'; from: string; to: string }
  | { kind: 'crypto'; coin: string; quote: string }
  | { kind: 'security'; market: Market | null };

/** What a (normalized) symbol is, from its shape. */
function listingOf(sym: string): Listing {
  const pair = /^([A-Z]{3})([A-Z]{3})=X$/.exec(sym);
  if (pair) return { kind: 'fx', from: pair[1] as string, to: pair[2] as string };
  const usdPair = /^([A-Z]{3})=X$/.exec(sym); // Yahoo's short form: JPY=X is USD/JPY
  if (usdPair) return { kind: 'fx', from: 'USD', to: usdPair[1] as string };
  // A fiat code after the dash (BRK-B, a share class, has one letter).
  const coin = /^([A-Z0-9]{2,10})-([A-Z]{3})$/.exec(sym);
  if (coin && (coin[2] as string) in USD_VALUE) return { kind: 'crypto', coin: coin[1] as string, quote: coin[2] as string };
  const suffix = /\.([A-Z]{1,2})$/.exec(sym)?.[1];
  return { kind: 'security', market: (suffix && MARKETS[suffix]) || null };
}

/** Where `symbol` trades (exchange, timezone, session). */
export function venueOf(symbol: string): Venue {
  const listing = listingOf(normalizeSymbol(symbol));
  if (listing.kind === 'fx') return FX_VENUE;
  if (listing.kind === 'crypto') return CRYPTO_VENUE;
  return listing.market?.venue ?? US_VENUE;
}

/** The quote currency Yahoo gives `symbol`: by exchange suffix, USD without one. */
export function quoteCurrencyOf(symbol: string): string {
  const sym = normalizeSymbol(symbol);
  const listing = listingOf(sym);
  if (listing.kind === 'fx') return listing.to;
  if (listing.kind === 'crypto') return listing.quote;
  return FOREIGN_ETFS[sym]?.[3] ?? listing.market?.currency ?? 'USD';
}

/** USD per unit of a (major) currency code today; an unlisted code gets a fixed made-up value. */
export function usdPerUnit(code: string): number {
  const c = code.toUpperCase();
  return USD_VALUE[c] ?? Math.exp(Math.log(0.0005) + (hash32(`usd:${c}`) / 2 ** 32) * Math.log(2 / 0.0005));
}

/** Today's simulated rate of an FX pair: units of `to` per unit of `from`, in every seed. */
export function fxRate(from: string, to: string): number {
  return sig(usdPerUnit(from) / usdPerUnit(to), 7);
}

export function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase();
}

export function isEtfSymbol(symbol: string): boolean {
  return normalizeSymbol(symbol) in ETFS;
}

/** 32-bit FNV-1a with a murmur3 finalizer, so that near-identical symbols spread evenly. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for simulated prices. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Draw {
  constructor(private readonly next: () => number) {}
  uniform(lo: number, hi: number): number { return lo + (hi - lo) * this.next(); }
  logUniform(lo: number, hi: number): number { return Math.exp(this.uniform(Math.log(lo), Math.log(hi))); }
  int(lo: number, hi: number): number { return Math.floor(this.uniform(lo, hi + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)] as T; }
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
/** `x` to `digits` significant digits. */
const sig = (x: number, digits: number): number => Number(x.toPrecision(digits));

const DAY_MS = 86_400_000;

/** The last `count` weekdays (every day with `everyDay`) ending at `asOf` (inclusive when it
 * is one), oldest first. */
export function tradingDays(count: number, asOf: Date, everyDay = false): string[] {
  const days: string[] = [];
  let t = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate());
  while (days.length < count) {
    const weekday = new Date(t).getUTCDay();
    if (everyDay || (weekday !== 0 && weekday !== 6)) days.push(new Date(t).toISOString().slice(0, 10));
    t -= DAY_MS;
  }
  return days.reverse();
}

interface BarOptions {
  /** Bars a year has (and the series holds). */
  count: number;
  venue: Venue;
  /** Decimals of the prices. */
  digits: number;
  /** Scale the whole series so that its last close is this. */
  lastClose?: number;
}

const US_BARS: BarOptions = { count: TRADING_DAYS, venue: US_VENUE, digits: 2 };
const barTimestamp = (date: string, venue: Venue) => Date.parse(`${date}T00:00:00Z`) / 1000 + venue.openUtc;

function makeBars(d: Draw, p0: number, mu: number, sigma: number, baseVolume: number, asOf: Date, options: BarOptions = US_BARS): DailyBar[] {
  const { count, venue, digits } = options;
  const dailyMu = mu / count;
  const dailySigma = sigma / Math.sqrt(count);
  let prevClose = p0;
  const raw = tradingDays(count, asOf, venue.everyDay).map((date) => {
    const open = prevClose * Math.exp(d.normal() * dailySigma * 0.3);
    const shock = d.normal();
    const close = prevClose * Math.exp(dailyMu - (dailySigma * dailySigma) / 2 + shock * dailySigma);
    const high = Math.max(open, close) * Math.exp(Math.abs(d.normal()) * dailySigma * 0.5);
    const low = Math.min(open, close) * Math.exp(-Math.abs(d.normal()) * dailySigma * 0.5);
    // Big moves trade more volume.
    const volume = Math.round(baseVolume * Math.exp(d.normal() * 0.3) * (1 + 0.3 * Math.abs(shock)));
    prevClose = close;
    return { date, open, high, low, close, volume };
  });
  const scale = options.lastClose === undefined ? 1 : options.lastClose / prevClose;
  return raw.map(({ date, open, high, low, close, volume }) => {
    const c = round(close * scale, digits);
    return {
      date,
      timestamp: barTimestamp(date, venue),
      open: round(open * scale, digits), high: round(high * scale, digits), low: round(low * scale, digits), close: c, adjclose: c, volume,
    };
  });
}

function recommendationKey(mean: number): Fundamentals['recommendationKey'] {
  if (mean < 1.5) return 'strong_buy';
  if (mean < 2.5) return 'buy';
  if (mean < 3.5) return 'hold';
  return mean < 4.5 ? 'underperform' : 'sell';
}

/** Analyst counts per rating (1 = strong buy .. 5 = strong sell) centred on `mean`. */
function ratingCounts(d: Draw, mean: number, analysts: number, period: string): RecommendationPeriod {
  const m = mean + d.uniform(-0.15, 0.15);
  const weights = [1, 2, 3, 4, 5].map((k) => Math.exp(-((k - m) ** 2) / 0.9));
  const total = weights.reduce((a, b) => a + b, 0);
  const [strongBuy, buy, hold, sell, strongSell] = weights.map((w) => Math.round((w / total) * analysts)) as [number, number, number, number, number];
  return { period, strongBuy, buy, hold, sell, strongSell };
}

function quarterLabel(date: Date): string {
  return `${Math.floor(date.getUTCMonth() / 3) + 1}Q${date.getUTCFullYear()}`;
}

/** `quotePrice` in quote units (pence for GBp), `divisor` quote units per unit of the financial
 * currency; per-share figures and money come out in the financial currency, targets in quote units. */
function makeFundamentals(d: Draw, quotePrice: number, marketCap: number, asOf: Date, divisor = 1): Fundamentals {
  const price = quotePrice / divisor;
  const lossMaking = d.chance(0.06);
  const trailingPE = lossMaking ? undefined : d.logUniform(9, 60);
  const trailingEps = lossMaking ? -price * d.uniform(0.01, 0.08) : price / (trailingPE as number);
  const earningsGrowth = d.uniform(-0.3, 0.6);
  const revenueGrowth = d.uniform(-0.08, 0.35);
  const forwardEps = lossMaking ? trailingEps * d.uniform(0.3, 1.2) : trailingEps * (1 + Math.max(earningsGrowth, -0.2) * 0.6);
  const forwardPE = price / forwardEps;
  const priceToSales = d.logUniform(0.6, 18);
  const totalRevenue = marketCap / priceToSales;
  const profitMargins = lossMaking ? -d.uniform(0.02, 0.2) : d.uniform(0.03, 0.35);
  const operatingMargins = profitMargins >= 0 ? profitMargins * d.uniform(1.1, 1.6) : profitMargins * d.uniform(0.4, 0.9);
  const grossMargins = Math.max(operatingMargins + d.uniform(0.1, 0.4), d.uniform(0.2, 0.45));
  const ebitdaMargins = operatingMargins + d.uniform(0.02, 0.08);
  const ebitda = totalRevenue * ebitdaMargins;
  const debtToEquity = d.uniform(5, 250);
  const priceToBook = d.logUniform(0.9, 40);
  const equity = marketCap / priceToBook;
  const totalDebt = (equity * debtToEquity) / 100;
  const totalCash = totalRevenue * d.uniform(0.03, 0.4);
  const enterpriseValue = marketCap + totalDebt - totalCash;
  const netIncome = totalRevenue * profitMargins;
  const operatingCashflow = netIncome * d.uniform(1.05, 1.5) + totalRevenue * 0.03;
  const freeCashflow = operatingCashflow - totalRevenue * d.uniform(0.02, 0.12);
  const currentRatio = d.uniform(0.6, 3.2);
  const recommendationMean = d.uniform(1.4, 3.4);
  const analysts = d.int(6, 52);
  const targetMean = quotePrice * d.uniform(0.88, 1.3);
  const targets = { low: targetMean * d.uniform(0.65, 0.9), high: targetMean * d.uniform(1.12, 1.5) };
  // The last four quarters already reported (Yahoo reports about a month after quarter end).
  const reportLagDays = 30;
  const ends: number[] = [];
  for (let month = asOf.getUTCMonth() + 1; ends.length < 4; month--) {
    const end = Date.UTC(asOf.getUTCFullYear(), month, 0); // last day of month-1
    const isQuarterEnd = new Date(end).getUTCMonth() % 3 === 2;
    if (isQuarterEnd && end + (reportLagDays + 1) * DAY_MS <= asOf.getTime()) ends.unshift(end);
  }
  const quarters: QuarterEarnings[] = ends.map((end) => {
    const actual = round((trailingEps / 4) * d.uniform(0.8, 1.2));
    return {
      date: quarterLabel(new Date(end)),
      actual,
      estimate: round(actual * d.uniform(0.9, 1.06), 5),
      revenue: Math.round((totalRevenue / 4) * d.uniform(0.9, 1.1)),
      earnings: Math.round((netIncome / 4) * d.uniform(0.85, 1.15)),
      periodEndDate: end / 1000,
      reportedDate: (end + reportLagDays * DAY_MS) / 1000 + 20 * 3600 + 30 * 60,
    };
  });
  const lastReported = (quarters[3] as QuarterEarnings).reportedDate;
  let nextEarnings = lastReported + 91 * 86_400;
  while (nextEarnings * 1000 <= asOf.getTime()) nextEarnings += 91 * 86_400;
  const lastYear = asOf.getUTCFullYear() - 1;
  const years = [3, 2, 1, 0].map((back) => {
    const revenue = Math.round(totalRevenue / (1 + revenueGrowth * 0.8) ** back);
    return { year: lastYear - back, revenue, earnings: Math.round(revenue * profitMargins * d.uniform(0.85, 1.1)) };
  });
  const pegGrowth = earningsGrowth * 100;
  return {
    trailingPE: trailingPE === undefined ? undefined : round(trailingPE, 4),
    forwardPE: round(forwardPE, 4),
    trailingEps: round(trailingEps),
    forwardEps: round(forwardEps),
    pegRatio: forwardPE > 0 && pegGrowth > 2 ? round(forwardPE / pegGrowth) : undefined,
    priceToBook: round(priceToBook, 4),
    bookValue: round(price / priceToBook, 3),
    priceToSalesTrailing12Months: round(priceToSales, 4),
    enterpriseValue: Math.round(enterpriseValue),
    enterpriseToEbitda: round(enterpriseValue / ebitda, 3),
    enterpriseToRevenue: round(enterpriseValue / totalRevenue, 3),
    returnOnEquity: round(netIncome / equity, 4),
    returnOnAssets: round((netIncome / (equity + totalDebt)) * 0.8, 4),
    profitMargins: round(profitMargins, 4),
    operatingMargins: round(operatingMargins, 4),
    grossMargins: round(grossMargins, 4),
    ebitdaMargins: round(ebitdaMargins, 4),
    revenueGrowth: round(revenueGrowth, 3),
    earningsGrowth: round(earningsGrowth, 3),
    debtToEquity: round(debtToEquity, 3),
    currentRatio: round(currentRatio, 3),
    quickRatio: round(currentRatio * d.uniform(0.6, 0.95), 3),
    totalRevenue: Math.round(totalRevenue),
    ebitda: Math.round(ebitda),
    totalCash: Math.round(totalCash),
    totalDebt: Math.round(totalDebt),
    freeCashflow: Math.round(freeCashflow),
    operatingCashflow: Math.round(operatingCashflow),
    netIncomeToCommon: Math.round(netIncome),
    recommendationMean: round(recommendationMean, 5),
    recommendationKey: recommendationKey(recommendationMean),
    numberOfAnalystOpinions: analysts,
    targetLowPrice: round(targets.low),
    targetMeanPrice: round(targetMean, 5),
    targetMedianPrice: round(targetMean * d.uniform(0.97, 1.03), 2),
    targetHighPrice: round(targets.high),
    recommendationTrend: ['0m', '-1m', '-2m', '-3m'].map((p) => ratingCounts(d, recommendationMean, analysts, p)),
    quarters,
    years,
    nextEarnings,
    fullTimeEmployees: Math.round(d.logUniform(2_000, 400_000)),
  };
}

function makeEtf(d: Draw, lowVol: boolean, family: string, category: string): EtfProfile {
  return {
    totalAssets: Math.round(d.logUniform(5e9, 6e11)),
    yield: round(lowVol ? d.uniform(0.02, 0.045) : d.uniform(0.003, 0.02), 4),
    category,
    fundFamily: family,
    ytdReturn: round(d.uniform(-0.1, 0.25), 6),
    beta3Year: round(lowVol ? d.uniform(0.05, 0.4) : d.uniform(0.8, 1.4), 2),
    threeYearAverageReturn: round(d.uniform(-0.02, 0.2), 6),
    fiveYearAverageReturn: round(d.uniform(0, 0.18), 6),
    netExpenseRatio: round(d.uniform(0.03, 0.75), 2),
    fundInceptionDate: Date.UTC(d.int(1993, 2014), d.int(0, 11), 1) / 1000,
  };
}

/** Everything the simulator knows about `symbol` (seed selects another "universe"). */
export function marketModel(symbol: string, seed = 0, asOf: Date = new Date()): TickerModel {
  const sym = normalizeSymbol(symbol);
  const listing = listingOf(sym);
  if (listing.kind === 'fx') return fxModel(sym, listing, seed, asOf);
  if (listing.kind === 'crypto') return cryptoModel(sym, listing, seed, asOf);
  return securityModel(sym, listing.market, seed, asOf);
}

/** GBp -> 100 pence per pound; everything else is quoted in major units. */
const divisorOf = (currency: string) => (currency === 'GBp' ? 100 : 1);
const majorOf = (currency: string) => (currency === 'GBp' ? 'GBP' : currency);
const capitalized = (word: string) => `${word.charAt(0)}${word.slice(1).toLowerCase()}`;

/** A stock or ETF: in the US (`market` null) or on the market of its suffix. US symbols draw
 * exactly what they always drew, so their numbers do not move. */
function securityModel(sym: string, market: Market | null, seed: number, asOf: Date): TickerModel {
  const d = new Draw(createRng(hash32(`${sym}|${seed}`)));
  const foreignEtf = market ? FOREIGN_ETFS[sym] : undefined;
  const etfInfo = ETFS[sym] ?? foreignEtf;
  const lowVol = LOW_VOL_ETFS.has(sym);
  const usKnown = KNOWN[sym];
  const known = usKnown ?? KNOWN_FOREIGN[sym];
  const sector = etfInfo ? '' : known?.[1] ?? d.pick(Object.keys(SECTORS));
  const industry = etfInfo ? '' : known?.[2] ?? d.pick(SECTORS[sector] ?? ['Conglomerates']);
  const nyse = usKnown ? usKnown[3] === 1 : d.chance(0.45);
  const [exchange, fullExchangeName] = etfInfo ? (d.chance(0.5) ? ['PCX', 'NYSEArca'] : ['NGM', 'NasdaqGM']) : nyse ? ['NYQ', 'NYSE'] : ['NMS', 'NasdaqGS'];
  const venue: Venue = market ? market.venue : { ...US_VENUE, exchange, fullExchangeName };
  const currency = foreignEtf?.[3] ?? market?.currency ?? 'USD';
  const divisor = divisorOf(currency);
  const digits = currency === 'JPY' ? 1 : 2;
  const mu = etfInfo ? (lowVol ? d.uniform(-0.03, 0.08) : d.uniform(0, 0.18)) : d.uniform(-0.15, 0.35);
  const sigma = etfInfo ? (lowVol ? d.uniform(0.06, 0.16) : d.uniform(0.12, 0.3)) : d.uniform(0.16, 0.6);
  let p0: number;
  let baseVolume: number;
  if (market) {
    // A stock within the market's range (in its units); a UCITS ETF at 5..150 of the major unit.
    const [lo, hi] = etfInfo ? [5 * divisor, 150 * divisor] : market.prices;
    p0 = d.logUniform(lo, hi);
    baseVolume = etfInfo ? d.logUniform(5e4, 2e6) : d.logUniform(3e5, 3e7);
  } else {
    p0 = etfInfo ? d.logUniform(40, 550) : d.logUniform(12, 650);
    baseVolume = d.logUniform(etfInfo ? 2e6 : 1e6, 6e7);
  }
  const bars = makeBars(d, p0, mu, sigma, baseVolume, asOf, market ? { count: TRADING_DAYS, venue, digits } : US_BARS);
  const last = bars[bars.length - 1] as DailyBar;
  const price = last.close;
  // Drawn in USD; kept in the major unit of the listing's currency (GBP for GBp), as Yahoo gives it.
  const marketCap = (etfInfo ? d.logUniform(5e9, 6e11) : d.logUniform(4e9, 3.5e12)) / usdPerUnit(majorOf(currency));
  const paysDividend = etfInfo ? !['GLD', 'ARKK'].includes(sym) : d.chance(0.6);
  const dividendYield = paysDividend ? round(d.uniform(0.003, 0.04), 4) : undefined;
  const fundamentals = etfInfo ? null : makeFundamentals(d, price, marketCap, asOf, divisor);
  const base = sym.replace(/\.[A-Z]+$/, '');
  const generated = market ? `${/^\d+$/.test(base) ? base : capitalized(base)} Holdings ${market.form}` : `${capitalized(sym)} Holdings, Inc.`;
  const longName = etfInfo?.[0] ?? known?.[0] ?? generated;
  return {
    symbol: sym,
    quoteType: etfInfo ? 'ETF' : 'EQUITY',
    shortName: longName,
    longName,
    currency,
    financialCurrency: majorOf(currency),
    priceDivisor: divisor,
    priceHint: 2,
    priceDigits: digits,
    exchange: venue.exchange,
    fullExchangeName: venue.fullExchangeName,
    venue,
    sector,
    industry,
    firstTradeDate: Date.UTC(d.int(1980, 2015), d.int(0, 11), d.int(1, 28)) / 1000 + venue.openUtc,
    bars,
    price,
    previousClose: (bars[bars.length - 2] as DailyBar).close,
    beta: round(etfInfo ? d.uniform(0.1, 1.3) : d.uniform(0.45, 1.9), 3),
    sharesOutstanding: Math.round(marketCap / (price / divisor)),
    marketCap: Math.round(marketCap),
    dividendYield,
    dividendRate: dividendYield === undefined ? undefined : round(price * dividendYield),
    fundamentals,
    etf: etfInfo ? makeEtf(d, lowVol, etfInfo[1], etfInfo[2]) : null,
    crypto: null,
    fx: null,
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A coin quoted in a fiat currency (BTC-USD): trades every day, around the clock, on Yahoo's
 * CCC; volume is the value traded (in the quote currency), as Yahoo gives it. */
function cryptoModel(sym: string, listing: { coin: string; quote: string }, seed: number, asOf: Date): TickerModel {
  const d = new Draw(createRng(hash32(`${sym}|${seed}`)));
  const { coin, quote } = listing;
  const info = COINS[coin];
  const usd = info?.[1] ?? d.logUniform(0.01, 50);
  const supply = info?.[2] ?? Math.round(d.logUniform(1e7, 5e10));
  const maxSupply = info ? info[3] ?? undefined : d.chance(0.4) ? Math.round(supply * d.uniform(1.1, 3)) : undefined;
  const name = info?.[0] ?? capitalized(coin);
  const startDate = info?.[4] ?? `${d.int(2017, 2023)}-${pad2(d.int(1, 12))}-${pad2(d.int(1, 28))}`;
  const startEpoch = Date.parse(`${startDate}T00:00:00Z`) / 1000;
  // Today's price: the coin's level (in the quote currency) within +-15%, varying by seed.
  const level = (usd / usdPerUnit(quote)) * d.uniform(0.85, 1.15);
  const digits = level >= 1 ? 2 : level >= 0.01 ? 5 : 8;
  const sigma = coin === 'BTC' ? d.uniform(0.4, 0.6) : d.uniform(0.6, 1);
  const mu = d.uniform(-0.3, 0.6);
  const turnover = d.uniform(0.015, 0.04); // share of the market cap traded a day
  const bars = makeBars(d, 1, mu, sigma, level * supply * turnover, asOf, { count: CRYPTO_DAYS, venue: CRYPTO_VENUE, digits, lastClose: level });
  const price = (bars[bars.length - 1] as DailyBar).close;
  const longName = `${name} ${quote}`;
  return {
    symbol: sym,
    quoteType: 'CRYPTOCURRENCY',
    shortName: longName,
    longName,
    currency: quote,
    financialCurrency: null,
    priceDivisor: 1,
    priceHint: digits,
    priceDigits: digits,
    exchange: CRYPTO_VENUE.exchange,
    fullExchangeName: CRYPTO_VENUE.fullExchangeName,
    venue: CRYPTO_VENUE,
    sector: '',
    industry: '',
    // Yahoo's BTC-USD history starts 2014-09-17, the other coins' 2017-11-09 at the earliest.
    firstTradeDate: coin === 'BTC' ? 1_410_912_000 : Math.max(startEpoch, 1_510_185_600),
    bars,
    price,
    previousClose: (bars[bars.length - 2] as DailyBar).close,
    beta: 0,
    sharesOutstanding: supply,
    marketCap: Math.round(price * supply),
    fundamentals: null,
    etf: null,
    crypto: {
      coin, name, circulatingSupply: supply, totalSupply: supply, ...(maxSupply !== undefined ? { maxSupply } : {}),
      startDate, startEpoch, website: info?.[5] ?? `https://${coin.toLowerCase()}.org/`,
    },
    fx: null,
  };
}

/** A currency's USD value over the FX bars, oldest first, ending exactly at today's value: a
 * mean-reverting walk drawn backwards from it, per currency and seed, so that every pair is the
 * ratio of its legs on every day (EURGBP = EURUSD / GBPUSD). */
function usdPath(code: string, seed: number, count: number): number[] {
  const today = usdPerUnit(code);
  const sigma = (FX_VOL[code] ?? 0.09) / Math.sqrt(TRADING_DAYS);
  const d = new Draw(createRng(hash32(`fx:${code}|${seed}`)));
  const values = [today];
  let x = 0; // log(value / today)
  for (let i = 1; i < count; i++) {
    x = x * 0.98 + d.normal() * sigma;
    values.push(today * Math.exp(x));
  }
  return values.reverse();
}

/** An FX rate XXXYYY=X: YYY per XXX, 7 significant digits, no volume (as Yahoo), weekdays from
 * 00:00 London time. Today's close is fxRate(XXX, YYY) in every seed. */
function fxModel(sym: string, pair: FxPair, seed: number, asOf: Date): TickerModel {
  const { from, to } = pair;
  const d = new Draw(createRng(hash32(`${sym}|${seed}`)));
  const legs = [usdPath(from, seed, TRADING_DAYS), usdPath(to, seed, TRADING_DAYS)] as const;
  const closes = legs[0].map((v, i) => v / (legs[1][i] as number));
  const sigmaDaily = Math.hypot(FX_VOL[from] ?? 0.09, FX_VOL[to] ?? 0.09) / Math.sqrt(TRADING_DAYS);
  const bars = tradingDays(TRADING_DAYS, asOf).map((date, i): DailyBar => {
    const close = closes[i] as number;
    const open = i > 0 ? (closes[i - 1] as number) : close * Math.exp(d.normal() * sigmaDaily * 0.3);
    const high = Math.max(open, close) * Math.exp(Math.abs(d.normal()) * sigmaDaily * 0.5);
    const low = Math.min(open, close) * Math.exp(-Math.abs(d.normal()) * sigmaDaily * 0.5);
    const c = sig(close, 7);
    return { date, timestamp: barTimestamp(date, FX_VENUE), open: sig(open, 7), high: sig(high, 7), low: sig(low, 7), close: c, adjclose: c, volume: 0 };
  });
  const price = (bars[bars.length - 1] as DailyBar).close;
  const name = `${from}/${to}`;
  return {
    symbol: sym,
    quoteType: 'CURRENCY',
    shortName: name,
    longName: name,
    currency: to,
    financialCurrency: null,
    priceDivisor: 1,
    priceHint: price >= 0.1 ? 4 : 6,
    priceDigits: Math.max(0, 6 - Math.floor(Math.log10(price))),
    exchange: FX_VENUE.exchange,
    fullExchangeName: FX_VENUE.fullExchangeName,
    venue: FX_VENUE,
    sector: '',
    industry: '',
    firstTradeDate: 1_070_236_800, // Yahoo's for EURUSD=X (2003-12-01)
    bars,
    price,
    previousClose: (bars[bars.length - 2] as DailyBar).close,
    beta: 0,
    sharesOutstanding: 0,
    marketCap: 0,
    fundamentals: null,
    etf: null,
    crypto: null,
    fx: { from, to },
  };
}
