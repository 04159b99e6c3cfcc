// The shapes of the simulated market: what a ticker's model holds.
import type { AnnualStatement } from './statements.js';

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
  debtToEquity?: number; // percent, as Yahoo gives it (145 = 1.45x); absent for a bank
  currentRatio?: number; // absent for a bank (no current split)
  quickRatio?: number;
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
  /** The last six fiscal years reported, oldest first; the last one gives the trailing figures. */
  statements: AnnualStatement[];
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
  /** Headquarters country of a company; empty for an ETF, a coin or a currency. */
  country: string;
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
