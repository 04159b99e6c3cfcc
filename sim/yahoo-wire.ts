// Yahoo's wire format for a simulated ticker: field names, units and nulls copied from
// recorded real answers (quote-AAPL/QQQ, quoteSummary-<module>-AAPL/QQQ, chart-AAPL; for
// crypto and FX yahoo-2026 quote/quoteSummary-all/chart of BTC-USD and EURUSD=X; BMW.DE and
// VWRL.L for listings outside the US).
// With formatted=false (what yahoo-finance2 sends) numbers are plain; only company officers'
// pay still comes as {raw, fmt, longFmt}.
import { hash32, type DailyBar, type TickerModel } from './market/index.js';

/** The exchange's timezone fields of a quote. */
const zone = (m: TickerModel) => ({
  exchangeTimezoneName: m.venue.timezone, exchangeTimezoneShortName: m.venue.timezoneShort, gmtOffSetMilliseconds: m.venue.gmtOffset * 1000,
});
const r = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
/** A figure derived from prices (change, average), with two decimals more than the prices. */
const px = (m: TickerModel, x: number) => r(x, Math.max(4, m.priceDigits + 2));
const CURRENCY_SYMBOLS: Record<string, string> = { USD: '$', GBp: '£', GBP: '£', EUR: '€', CHF: 'CHF', JPY: '¥', CAD: 'CA$', HKD: 'HK$' };
/** Figures only a company has (fundamentals); not an ETF, a coin or a currency. */
const isCompany = (m: TickerModel) => m.quoteType === 'EQUITY';
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

function last<T>(xs: T[], n = 1): T[] {
  return xs.slice(Math.max(xs.length - n, 0));
}

/** Figures both quote and quoteSummary derive from the bars. */
function marketStats(m: TickerModel, now: number) {
  const bar = m.bars[m.bars.length - 1] as DailyBar;
  const closes = m.bars.map((b) => b.close);
  const sessionOpen = bar.timestamp;
  const sessionClose = sessionOpen + m.venue.session;
  const first = m.bars[0] as DailyBar;
  return {
    bar,
    change: px(m, bar.close - m.previousClose),
    changeFraction: (bar.close - m.previousClose) / m.previousClose,
    // The session open while it trades (not "now"), so two answers a moment apart are equal.
    marketTime: now >= sessionClose ? sessionClose : sessionOpen,
    marketState: now >= sessionOpen && now < sessionClose ? 'REGULAR' : 'CLOSED',
    low52: Math.min(...m.bars.map((b) => b.low)),
    high52: Math.max(...m.bars.map((b) => b.high)),
    avg50: px(m, mean(last(closes, 50))),
    avg200: px(m, mean(last(closes, 200))),
    vol3m: Math.round(mean(last(m.bars, 63).map((b) => b.volume))),
    vol10d: Math.round(mean(last(m.bars, 10).map((b) => b.volume))),
    yearChange: (bar.close - first.close) / first.close,
  };
}

const messageBoardId = (m: TickerModel) =>
  m.crypto ? `finmb_${m.crypto.coin}_CCC` : m.fx ? `finmb_${m.fx.from}_X` : `finmb_${hash32(`mb:${m.symbol}`) % 100_000_000}`;

/** Price fields every kind of quote has (FX and crypto answers are built from these alone). */
function quoteMarket(m: TickerModel, s: ReturnType<typeof marketStats>): Record<string, unknown> {
  return {
    regularMarketChange: s.change, regularMarketChangePercent: r(s.changeFraction * 100, 6),
    fulldayChange: s.change, fulldayChangePercent: r(s.changeFraction * 100, 6), fulldayPrice: s.bar.close,
    regularMarketPrice: s.bar.close, regularMarketDayHigh: s.bar.high, regularMarketDayRange: `${s.bar.low} - ${s.bar.high}`,
    regularMarketDayLow: s.bar.low, regularMarketVolume: s.bar.volume, regularMarketPreviousClose: m.previousClose, regularMarketOpen: s.bar.open,
    fiftyTwoWeekLowChange: px(m, s.bar.close - s.low52), fiftyTwoWeekLowChangePercent: r((s.bar.close - s.low52) / s.low52, 6),
    fiftyTwoWeekRange: `${s.low52} - ${s.high52}`,
    fiftyTwoWeekHighChange: px(m, s.bar.close - s.high52), fiftyTwoWeekHighChangePercent: r((s.bar.close - s.high52) / s.high52, 6),
    fiftyTwoWeekLow: s.low52, fiftyTwoWeekHigh: s.high52, fiftyTwoWeekChangePercent: r(s.yearChange * 100, 6),
    fiftyDayAverage: s.avg50, fiftyDayAverageChange: px(m, s.bar.close - s.avg50), fiftyDayAverageChangePercent: r((s.bar.close - s.avg50) / s.avg50, 6),
    twoHundredDayAverage: s.avg200, twoHundredDayAverageChange: px(m, s.bar.close - s.avg200), twoHundredDayAverageChangePercent: r((s.bar.close - s.avg200) / s.avg200, 6),
    averageDailyVolume3Month: s.vol3m, averageDailyVolume10Day: s.vol10d,
  };
}

/** Fields of a quote that describe the listing rather than its price. */
function quoteListing(m: TickerModel, s: ReturnType<typeof marketStats>): Record<string, unknown> {
  return {
    corporateActions: [], regularMarketTime: s.marketTime, marketState: s.marketState, hasPrePostMarketData: m.venue.hasPrePostMarketData,
    firstTradeDateMilliseconds: m.firstTradeDate * 1000, priceHint: m.priceHint, fullExchangeName: m.fullExchangeName,
    sourceInterval: 15, exchangeDataDelayedBy: m.venue.delayedBy, tradeable: false, cryptoTradeable: false,
    exchange: m.exchange, messageBoardId: messageBoardId(m), ...zone(m), market: m.venue.market, esgPopulated: false,
  };
}

/** The coin's CoinMarketCap page, as Yahoo links it. */
const coinLink = (m: TickerModel) => `https://coinmarketcap.com/currencies/${(m.crypto?.name ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** Mirrors yahoo-2026/quote-EURUSD=X.json: no volume, no market cap, no financial currency. */
function fxQuote(m: TickerModel, now: number): Record<string, unknown> {
  const s = marketStats(m, now);
  const spread = s.bar.close * 0.00005;
  return {
    language: 'en-US', region: 'US', quoteType: 'CURRENCY', typeDisp: 'Currency', quoteSourceName: m.venue.quoteSourceName,
    triggerable: true, customPriceAlertConfidence: 'HIGH', currency: m.currency, shortName: m.shortName, longName: m.longName,
    ...quoteMarket(m, s), bid: px(m, s.bar.close - spread), ask: px(m, s.bar.close + spread), bidSize: 0, askSize: 0,
    ...quoteListing(m, s), symbol: m.symbol,
  };
}

/** Mirrors yahoo-2026/quote-BTC-USD.json: supply and market cap, volume as value traded, no fundamentals. */
function cryptoQuote(m: TickerModel, now: number): Record<string, unknown> {
  const s = marketStats(m, now);
  const c = m.crypto;
  const image = `https://s2.coinmarketcap.com/static/img/coins/64x64/${(hash32(`coin:${c?.coin}`) % 30_000) + 1}.png`;
  return {
    language: 'en-US', region: 'US', quoteType: 'CRYPTOCURRENCY', typeDisp: 'Cryptocurrency', quoteSourceName: m.venue.quoteSourceName,
    triggerable: true, customPriceAlertConfidence: 'HIGH', currency: m.currency, shortName: m.shortName, longName: m.longName,
    ...quoteListing(m, s),
    circulatingSupply: c?.circulatingSupply, lastMarket: 'Coinbase', volume24Hr: s.bar.volume, volumeAllCurrencies: s.bar.volume,
    fromCurrency: c?.coin, toCurrency: `${m.currency}=X`, coinMarketCapLink: coinLink(m), marketCap: m.marketCap,
    ...(c?.maxSupply !== undefined ? { maxSupply: c.maxSupply } : {}), totalSupply: c?.totalSupply, coinImageUrl: image, logoUrl: image,
    ...quoteMarket(m, s), startDate: c?.startEpoch, symbol: m.symbol,
  };
}

/** One entry of /v7/finance/quote's quoteResponse.result. */
export function quoteResult(m: TickerModel, now: number): Record<string, unknown> {
  if (m.quoteType === 'CURRENCY') return fxQuote(m, now);
  if (m.quoteType === 'CRYPTOCURRENCY') return cryptoQuote(m, now);
  const s = marketStats(m, now);
  const f = m.fundamentals;
  const base: Record<string, unknown> = {
    language: 'en-US', region: 'US', quoteType: m.quoteType, typeDisp: m.quoteType === 'ETF' ? 'ETF' : 'Equity',
    quoteSourceName: m.venue.quoteSourceName, triggerable: true, customPriceAlertConfidence: 'HIGH',
    currency: m.currency, shortName: m.shortName, longName: m.longName,
    regularMarketChangePercent: r(s.changeFraction * 100, 6), regularMarketPrice: s.bar.close,
    hasPrePostMarketData: m.venue.hasPrePostMarketData, firstTradeDateMilliseconds: m.firstTradeDate * 1000, priceHint: m.priceHint,
    regularMarketChange: s.change, regularMarketDayHigh: s.bar.high, regularMarketDayRange: `${s.bar.low} - ${s.bar.high}`,
    regularMarketDayLow: s.bar.low, regularMarketVolume: s.bar.volume, regularMarketPreviousClose: m.previousClose,
    bid: r(s.bar.close * 0.9998, m.priceDigits), ask: r(s.bar.close * 1.0002, m.priceDigits), bidSize: 1, askSize: 1,
    fullExchangeName: m.fullExchangeName, financialCurrency: m.financialCurrency, regularMarketOpen: s.bar.open,
    averageDailyVolume3Month: s.vol3m, averageDailyVolume10Day: s.vol10d,
    fiftyTwoWeekLowChange: px(m, s.bar.close - s.low52), fiftyTwoWeekLowChangePercent: r((s.bar.close - s.low52) / s.low52, 6),
    fiftyTwoWeekRange: `${s.low52} - ${s.high52}`,
    fiftyTwoWeekHighChange: px(m, s.bar.close - s.high52), fiftyTwoWeekHighChangePercent: r((s.bar.close - s.high52) / s.high52, 6),
    fiftyTwoWeekLow: s.low52, fiftyTwoWeekHigh: s.high52, fiftyTwoWeekChangePercent: r(s.yearChange * 100, 6),
    ...(m.dividendYield !== undefined ? { trailingAnnualDividendRate: m.dividendRate, trailingAnnualDividendYield: m.dividendYield, dividendYield: r(m.dividendYield * 100, 2) } : {}),
    sharesOutstanding: m.sharesOutstanding,
    fiftyDayAverage: s.avg50, fiftyDayAverageChange: px(m, s.bar.close - s.avg50), fiftyDayAverageChangePercent: r((s.bar.close - s.avg50) / s.avg50, 6),
    twoHundredDayAverage: s.avg200, twoHundredDayAverageChange: px(m, s.bar.close - s.avg200), twoHundredDayAverageChangePercent: r((s.bar.close - s.avg200) / s.avg200, 6),
    marketCap: m.marketCap, sourceInterval: 15, exchangeDataDelayedBy: m.venue.delayedBy,
    tradeable: false, cryptoTradeable: false, corporateActions: [],
    regularMarketTime: s.marketTime, marketState: s.marketState, exchange: m.exchange, messageBoardId: messageBoardId(m),
    ...zone(m), market: m.venue.market, esgPopulated: false, symbol: m.symbol,
  };
  if (m.etf) {
    return { ...base, ytdReturn: r(m.etf.ytdReturn * 100, 5), netAssets: m.etf.totalAssets, netExpenseRatio: m.etf.netExpenseRatio, trailingThreeMonthReturns: r(s.yearChange * 25, 5) };
  }
  if (!f) return base;
  return {
    ...base,
    ...(f.trailingPE !== undefined ? { trailingPE: f.trailingPE } : {}),
    epsTrailingTwelveMonths: f.trailingEps, epsForward: f.forwardEps, forwardPE: f.forwardPE,
    bookValue: f.bookValue, priceToBook: f.priceToBook,
    earningsTimestamp: f.nextEarnings - 91 * 86_400, earningsTimestampStart: f.nextEarnings, earningsTimestampEnd: f.nextEarnings,
    isEarningsDateEstimate: true,
    averageAnalystRating: `${f.recommendationMean.toFixed(1)} - ${f.recommendationKey === 'strong_buy' ? 'Strong Buy' : f.recommendationKey.charAt(0).toUpperCase() + f.recommendationKey.slice(1)}`,
    displayName: m.shortName.replace(/,? (Inc\.|Corporation|Incorporated|plc)$/, ''),
  };
}

type Module = Record<string, unknown>;

/** The fields a coin adds to price and summaryDetail (yahoo-2026/quoteSummary-all-BTC-USD.json). */
function coinFields(m: TickerModel, s: ReturnType<typeof marketStats>): Module {
  return {
    fromCurrency: m.crypto?.coin, toCurrency: `${m.currency}=X`, lastMarket: 'Coinbase',
    volume24Hr: s.bar.volume, volumeAllCurrencies: s.bar.volume, circulatingSupply: m.crypto?.circulatingSupply,
  };
}

function price(m: TickerModel, now: number): Module {
  const s = marketStats(m, now);
  const delayed = m.venue.delayedBy > 0 || m.quoteType === 'CURRENCY';
  return {
    maxAge: 1, regularMarketChangePercent: r(s.changeFraction, 8), regularMarketChange: s.change, regularMarketTime: s.marketTime,
    priceHint: m.priceHint, regularMarketPrice: s.bar.close, regularMarketDayHigh: s.bar.high, regularMarketDayLow: s.bar.low,
    regularMarketVolume: s.bar.volume, averageDailyVolume10Day: s.vol10d, averageDailyVolume3Month: s.vol3m,
    regularMarketPreviousClose: m.previousClose, regularMarketSource: delayed ? 'DELAYED' : 'FREE_REALTIME', regularMarketOpen: s.bar.open,
    exchange: m.exchange, exchangeName: m.fullExchangeName, exchangeDataDelayedBy: m.venue.delayedBy, marketState: s.marketState,
    quoteType: m.quoteType, symbol: m.symbol, underlyingSymbol: null, shortName: m.shortName, longName: m.longName,
    currency: m.currency, quoteSourceName: m.venue.quoteSourceName, currencySymbol: CURRENCY_SYMBOLS[m.currency] ?? m.currency,
    ...(m.crypto ? coinFields(m, s) : { fromCurrency: null, toCurrency: null, lastMarket: null }),
    ...(m.fx ? {} : { marketCap: m.marketCap }),
  };
}

function summaryDetail(m: TickerModel, now: number): Module {
  const s = marketStats(m, now);
  const f = m.fundamentals;
  const common = {
    maxAge: 1, priceHint: m.priceHint, previousClose: m.previousClose, open: s.bar.open, dayLow: s.bar.low, dayHigh: s.bar.high,
    regularMarketPreviousClose: m.previousClose, regularMarketOpen: s.bar.open, regularMarketDayLow: s.bar.low, regularMarketDayHigh: s.bar.high,
  };
  const volumes = {
    volume: s.bar.volume, regularMarketVolume: s.bar.volume, averageVolume: s.vol3m, averageVolume10days: s.vol10d, averageDailyVolume10Day: s.vol10d,
  };
  const trading = {
    ...volumes, bid: r(s.bar.close * 0.9998, m.priceDigits), ask: r(s.bar.close * 1.0002, m.priceDigits), bidSize: 100, askSize: 100,
  };
  const tail = { currency: m.currency, fromCurrency: null, toCurrency: null, lastMarket: null, coinMarketCapLink: null, algorithm: null, tradeable: false };
  const dividends = m.dividendYield !== undefined ? { trailingAnnualDividendRate: m.dividendRate, trailingAnnualDividendYield: m.dividendYield } : {};
  const averages = { fiftyTwoWeekLow: s.low52, fiftyTwoWeekHigh: s.high52, fiftyDayAverage: s.avg50, twoHundredDayAverage: s.avg200 };
  if (m.fx) {
    // yahoo-2026/quoteSummary-all-EURUSD=X.json: volumes 0, bid/ask sizes 0.
    const spread = s.bar.close * 0.00005;
    return {
      ...common, ...volumes, bid: px(m, s.bar.close - spread), ask: px(m, s.bar.close + spread), bidSize: 0, askSize: 0, ...averages, ...tail,
    };
  }
  if (m.crypto) {
    const c = m.crypto;
    return {
      ...common, ...volumes, marketCap: m.marketCap, ...averages, currency: m.currency, ...coinFields(m, s), coinMarketCapLink: coinLink(m),
      algorithm: null, ...(c.maxSupply !== undefined ? { maxSupply: c.maxSupply } : {}), totalSupply: c.totalSupply, startDate: c.startEpoch,
      tradeable: false, volume24HrMarketCapPercent: r(s.bar.volume / m.marketCap, 8),
    };
  }
  if (m.etf || !f) {
    return {
      ...common, ...trading, yield: m.etf?.yield, totalAssets: m.etf?.totalAssets, fiftyTwoWeekLow: s.low52, fiftyTwoWeekHigh: s.high52,
      fiftyDayAverage: s.avg50, twoHundredDayAverage: s.avg200, ...dividends, navPrice: r(s.bar.close * 0.9999, m.priceDigits), ...tail,
    };
  }
  return {
    ...common,
    ...(m.dividendYield !== undefined
      ? { dividendRate: m.dividendRate, dividendYield: m.dividendYield, payoutRatio: f.trailingEps > 0 ? r((m.dividendRate ?? 0) / m.priceDivisor / f.trailingEps) : 0 }
      : {}),
    beta: m.beta, ...(f.trailingPE !== undefined ? { trailingPE: f.trailingPE } : {}), forwardPE: f.forwardPE,
    ...trading, marketCap: m.marketCap, fiftyTwoWeekLow: s.low52, fiftyTwoWeekHigh: s.high52,
    priceToSalesTrailing12Months: f.priceToSalesTrailing12Months, fiftyDayAverage: s.avg50, twoHundredDayAverage: s.avg200,
    ...dividends, ...tail,
  };
}

function defaultKeyStatistics(m: TickerModel, now: number): Module | null {
  if (m.crypto || m.fx) return null; // neither recorded answer has the module
  const f = m.fundamentals;
  if (m.etf || !f) {
    const e = m.etf;
    return {
      maxAge: 1, priceHint: 2, category: e?.category ?? null, ytdReturn: e?.ytdReturn, beta3Year: e?.beta3Year, totalAssets: e?.totalAssets,
      yield: e?.yield, fundFamily: e?.fundFamily ?? null, fundInceptionDate: e?.fundInceptionDate, legalType: 'Exchange Traded Fund',
      threeYearAverageReturn: e?.threeYearAverageReturn, fiveYearAverageReturn: e?.fiveYearAverageReturn,
      lastSplitFactor: null, latestShareClass: null, leadInvestor: null,
    };
  }
  const s = marketStats(m, now);
  const year = new Date(now * 1000).getUTCFullYear();
  return {
    maxAge: 1, priceHint: 2, enterpriseValue: f.enterpriseValue, forwardPE: f.forwardPE,
    profitMargins: f.profitMargins, floatShares: Math.round(m.sharesOutstanding * 0.98), sharesOutstanding: m.sharesOutstanding,
    heldPercentInsiders: 0.012, heldPercentInstitutions: 0.68, beta: m.beta, impliedSharesOutstanding: m.sharesOutstanding,
    category: null, bookValue: f.bookValue, priceToBook: f.priceToBook, fundFamily: null, legalType: null,
    lastFiscalYearEnd: Date.UTC(year - 1, 11, 31) / 1000, nextFiscalYearEnd: Date.UTC(year, 11, 31) / 1000,
    mostRecentQuarter: Date.UTC(year, Math.floor(new Date(now * 1000).getUTCMonth() / 3) * 3, 0) / 1000,
    earningsQuarterlyGrowth: f.earningsGrowth, netIncomeToCommon: f.netIncomeToCommon, trailingEps: f.trailingEps, forwardEps: f.forwardEps,
    ...(f.pegRatio !== undefined ? { pegRatio: f.pegRatio } : {}),
    lastSplitFactor: null, enterpriseToRevenue: f.enterpriseToRevenue, enterpriseToEbitda: f.enterpriseToEbitda,
    '52WeekChange': r(s.yearChange, 6), SandP52WeekChange: 0.1412, latestShareClass: null, leadInvestor: null,
  };
}

function financialData(m: TickerModel, f: NonNullable<TickerModel['fundamentals']>): Module {
  return {
    maxAge: 86400, currentPrice: m.price, targetHighPrice: f.targetHighPrice, targetLowPrice: f.targetLowPrice,
    targetMeanPrice: f.targetMeanPrice, targetMedianPrice: f.targetMedianPrice, recommendationMean: f.recommendationMean,
    recommendationKey: f.recommendationKey, numberOfAnalystOpinions: f.numberOfAnalystOpinions, totalCash: f.totalCash,
    totalCashPerShare: r(f.totalCash / m.sharesOutstanding, 3), ebitda: f.ebitda, totalDebt: f.totalDebt,
    quickRatio: f.quickRatio, currentRatio: f.currentRatio, totalRevenue: f.totalRevenue, debtToEquity: f.debtToEquity,
    revenuePerShare: r(f.totalRevenue / m.sharesOutstanding, 3), returnOnAssets: f.returnOnAssets, returnOnEquity: f.returnOnEquity,
    grossProfits: Math.round(f.totalRevenue * f.grossMargins), freeCashflow: f.freeCashflow, operatingCashflow: f.operatingCashflow,
    earningsGrowth: f.earningsGrowth, revenueGrowth: f.revenueGrowth, grossMargins: f.grossMargins, ebitdaMargins: f.ebitdaMargins,
    operatingMargins: f.operatingMargins, profitMargins: f.profitMargins, financialCurrency: m.financialCurrency,
  };
}

/** A coin's profile, as yahoo-2026/quoteSummary-all-BTC-USD.json has it for assetProfile and summaryProfile. */
function coinProfile(m: TickerModel, c: NonNullable<TickerModel['crypto']>): Module {
  const description = `${c.name} (${c.coin}) is a cryptocurrency launched in ${c.startDate.slice(0, 4)}. ${c.name} has a current supply of ` +
    `${c.circulatingSupply.toLocaleString('en-US')}. The last known price of ${c.name} is ${m.price} ${m.currency}. More information can be found at ${c.website}.`;
  return { website: c.website, companyOfficers: [], name: c.name, startDate: c.startDate, description, executiveTeam: [], maxAge: 86400 };
}

function profile(m: TickerModel, withOfficers: boolean): Module | null {
  if (m.fx) return null; // the recorded EURUSD=X answer has no profile
  if (m.crypto) return coinProfile(m, m.crypto);
  if (m.etf) {
    const summary = `The fund seeks to track the investment results of an index in the ${m.etf.category} category, ` +
      `investing substantially all of its assets in the securities that make up the index.`;
    return { longBusinessSummary: summary, companyOfficers: [], executiveTeam: [], maxAge: 86400 };
  }
  const f = m.fundamentals;
  const sectorKey = m.sector.toLowerCase().replace(/[^a-z]+/g, '-');
  const industryKey = m.industry.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-+$/, '');
  const pay = (raw: number) => ({ raw, fmt: `${(raw / 1e6).toFixed(2)}M`, longFmt: raw.toLocaleString('en-US') });
  const zero = { raw: 0, fmt: null, longFmt: '0' };
  const h = hash32(`officers:${m.symbol}`);
  const officers = withOfficers
    ? [
        { maxAge: 1, name: 'Ms. Alex Morgan', age: 50 + (h % 15), title: 'CEO & Director', yearBorn: 1960 + (h % 15), fiscalYear: 2024, totalPay: pay(8_000_000 + (h % 9_000_000)), exercisedValue: zero, unexercisedValue: zero },
        { maxAge: 1, name: 'Mr. Sam Rivera', age: 45 + (h % 12), title: 'Senior VP & CFO', yearBorn: 1966 + (h % 12), fiscalYear: 2024, totalPay: pay(3_000_000 + (h % 2_000_000)), exercisedValue: zero, unexercisedValue: zero },
      ]
    : [];
  const { country, city } = m.venue;
  const us = country === 'United States';
  const address = us
    ? { address1: `${100 + (h % 900)} Market Street`, city, state: 'DE', zip: '19801', country, phone: `(302) 555-${String(h % 10_000).padStart(4, '0')}` }
    : { address1: `${1 + (h % 200)} Exchange Square`, city, zip: String(10_000 + (h % 89_999)), country, phone: `+00 ${String(h % 100_000_000).padStart(8, '0')}` };
  const domain = m.symbol.toLowerCase().replace(/\.[a-z]+$/, '').replace(/[^a-z0-9]/g, '');
  return {
    ...address, website: `https://www.${domain}.com`,
    industry: m.industry, industryKey, industryDisp: m.industry, sector: m.sector, sectorKey, sectorDisp: m.sector,
    longBusinessSummary: `${m.longName} operates in the ${m.industry.toLowerCase()} industry within the ${m.sector.toLowerCase()} sector in ${us ? 'the United States' : country} and internationally.`,
    fullTimeEmployees: f?.fullTimeEmployees ?? 10_000, companyOfficers: officers,
    ...(withOfficers ? { auditRisk: 1 + (h % 10), boardRisk: 1 + ((h >>> 4) % 10), compensationRisk: 1 + ((h >>> 8) % 10), shareHolderRightsRisk: 1 + ((h >>> 12) % 10), overallRisk: 1 + ((h >>> 16) % 10), governanceEpochDate: 1_735_689_600, compensationAsOfEpochDate: 1_735_603_200 } : {}),
    irWebsite: `https://investor.${domain}.com/`, executiveTeam: [], maxAge: 86400,
  };
}

function quoteType(m: TickerModel): Module {
  const h = hash32(`uuid:${m.symbol}`).toString(16).padStart(8, '0');
  return {
    exchange: m.exchange, quoteType: m.quoteType, symbol: m.symbol, underlyingSymbol: m.symbol, shortName: m.shortName, longName: m.longName,
    firstTradeDateEpochUtc: m.firstTradeDate, timeZoneFullName: m.venue.timezone, timeZoneShortName: m.venue.timezoneShort,
    uuid: `${h}-${h.slice(0, 4)}-3${h.slice(1, 4)}-9${h.slice(5, 8)}-${h}${h.slice(0, 4)}`, messageBoardId: messageBoardId(m),
    gmtOffSetMilliseconds: m.venue.gmtOffset * 1000, maxAge: 1,
  };
}

function calendarEvents(m: TickerModel, f: NonNullable<TickerModel['fundamentals']>): Module {
  const eps = f.quarters[f.quarters.length - 1]?.actual ?? f.trailingEps / 4;
  const revenue = f.totalRevenue / 4;
  return {
    maxAge: 1,
    earnings: {
      earningsDate: [f.nextEarnings], earningsCallDate: [f.nextEarnings + 2 * 3600], isEarningsDateEstimate: true,
      earningsAverage: r(eps * 1.02), earningsLow: r(eps * 0.9), earningsHigh: r(eps * 1.1),
      revenueAverage: Math.round(revenue * 1.02), revenueLow: Math.round(revenue * 0.95), revenueHigh: Math.round(revenue * 1.08),
    },
    ...(m.dividendYield !== undefined ? { exDividendDate: f.nextEarnings - 30 * 86_400, dividendDate: f.nextEarnings - 20 * 86_400 } : {}),
  };
}

// The 2026 shape (yahoo-2026/quoteSummary-earnings-AAPL.json): yahoo-finance2 3.15 requires
// fiscalQuarter, surprisePct (a string), profitMargin, defaultMethodology; the 2025 shape fails.
function earnings(m: TickerModel, f: NonNullable<TickerModel['fundamentals']>): Module {
  const next = new Date(f.nextEarnings * 1000);
  const currentQuarter = `${Math.floor(next.getUTCMonth() / 3) + 1}Q${next.getUTCFullYear()}`;
  const margin = (revenue: number, earned: number) => r(earned / revenue, 8);
  return {
    maxAge: 86400,
    earningsChart: {
      quarterly: f.quarters.map((q) => ({
        date: q.date, actual: q.actual, estimate: q.estimate, fiscalQuarter: q.date, calendarQuarter: q.date,
        difference: (q.actual - q.estimate).toFixed(2), surprisePct: (((q.actual - q.estimate) / Math.abs(q.estimate || 1)) * 100).toFixed(2),
        periodEndDate: q.periodEndDate, reportedDate: q.reportedDate,
      })),
      currentQuarterEstimate: r(f.forwardEps / 4, 5), currentQuarterEstimateDate: currentQuarter.slice(0, 2),
      currentCalendarQuarter: currentQuarter, currentQuarterEstimateYear: next.getUTCFullYear(), currentFiscalQuarter: currentQuarter,
      currentPeriodEndDate: Date.UTC(next.getUTCFullYear(), Math.floor(next.getUTCMonth() / 3) * 3, 0) / 1000,
      earningsDate: [f.nextEarnings], isEarningsDateEstimate: true,
    },
    financialsChart: {
      yearly: f.years.map((y) => ({ date: y.year, revenue: y.revenue, earnings: y.earnings, profitMargin: margin(y.revenue, y.earnings) })),
      quarterly: f.quarters.map((q) => ({ date: q.date, fiscalQuarter: q.date, revenue: q.revenue, earnings: q.earnings, profitMargin: margin(q.revenue, q.earnings) })),
    },
    financialCurrency: m.financialCurrency,
    defaultMethodology: 'gaap',
  };
}

/** The requested quoteSummary modules this ticker has, by name; null when it has none
 * (Yahoo then answers 404). ETFs, coins and currencies have no company fundamentals, as on
 * Yahoo; a coin has no defaultKeyStatistics and a currency no profile either (recorded 2026). */
export function summaryModules(m: TickerModel, requested: string[], now: number): Record<string, Module> | null {
  const f = isCompany(m) ? m.fundamentals : null;
  const builders: Record<string, () => Module | null> = {
    price: () => price(m, now),
    summaryDetail: () => summaryDetail(m, now),
    defaultKeyStatistics: () => defaultKeyStatistics(m, now),
    assetProfile: () => profile(m, true),
    summaryProfile: () => profile(m, false),
    quoteType: () => quoteType(m),
    financialData: () => (f ? financialData(m, f) : null),
    calendarEvents: () => (f ? calendarEvents(m, f) : null),
    recommendationTrend: () => (f ? { trend: f.recommendationTrend, maxAge: 86400 } : null),
    earnings: () => (f ? earnings(m, f) : null),
  };
  const out: Record<string, Module> = {};
  for (const name of requested) {
    const module = builders[name]?.();
    if (module) out[name] = module;
  }
  return Object.keys(out).length ? out : null;
}

/** /v8/finance/chart body for the daily bars whose timestamp falls in [period1, period2). */
export function chartBody(m: TickerModel, period1: number, period2: number, now: number): unknown {
  const s = marketStats(m, now);
  const day = (t: number) => Math.floor(t / 86_400) * 86_400;
  const index = m.bars.findIndex((b) => b.timestamp >= period1);
  const bars = m.bars.filter((b) => b.timestamp >= period1 && b.timestamp < period2);
  const before = index > 0 ? m.bars[index - 1] : undefined;
  const { venue } = m;
  const todayOpen = day(now) + venue.openUtc;
  const todayClose = todayOpen + venue.session;
  const period = (start: number, end: number) => ({ timezone: venue.timezoneShort, start, end, gmtoffset: venue.gmtOffset });
  const meta = {
    currency: m.currency, symbol: m.symbol, exchangeName: m.exchange, fullExchangeName: m.fullExchangeName, instrumentType: m.quoteType,
    firstTradeDate: m.firstTradeDate, regularMarketTime: s.marketTime, hasPrePostMarketData: venue.hasPrePostMarketData, gmtoffset: venue.gmtOffset,
    timezone: venue.timezoneShort, exchangeTimezoneName: venue.timezone, regularMarketPrice: s.bar.close, fiftyTwoWeekHigh: s.high52, fiftyTwoWeekLow: s.low52,
    regularMarketDayHigh: s.bar.high, regularMarketDayLow: s.bar.low, regularMarketVolume: s.bar.volume, longName: m.longName, shortName: m.shortName,
    chartPreviousClose: before?.close ?? bars[0]?.open ?? s.bar.close, priceHint: m.priceHint,
    // Without extended hours Yahoo sends empty pre and post periods at the session's edges.
    currentTradingPeriod: venue.hasPrePostMarketData
      ? { pre: period(todayOpen - 19_800, todayOpen), regular: period(todayOpen, todayClose), post: period(todayClose, todayClose + 14_400) }
      : { pre: period(todayOpen, todayOpen), regular: period(todayOpen, todayClose), post: period(todayClose, todayClose) },
    dataGranularity: '1d', range: '', validRanges: ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'],
  };
  // No bars: Yahoo omits `timestamp` and sends one empty quote object.
  const result = bars.length
    ? {
        meta,
        timestamp: bars.map((b) => b.timestamp),
        indicators: {
          quote: [{ close: bars.map((b) => b.close), open: bars.map((b) => b.open), volume: bars.map((b) => b.volume), high: bars.map((b) => b.high), low: bars.map((b) => b.low) }],
          adjclose: [{ adjclose: bars.map((b) => b.adjclose) }],
        },
      }
    : { meta, indicators: { quote: [{}], adjclose: [{}] } };
  return { chart: { result: [result], error: null } };
}

/** One `spark.result[]` entry of /v7/finance/spark: the chart answer's result for the same bars,
 * with only the closes (split-adjusted; the simulated market has no dividends to adjust for). */
export function sparkEntry(m: TickerModel, period1: number, period2: number, now: number, range: string): unknown {
  const chart = chartBody(m, period1, period2, now) as { chart: { result: [{ meta: Record<string, unknown>; timestamp?: number[]; indicators: { quote: [{ close?: number[] }] } }] } };
  const [result] = chart.chart.result;
  const close = result.indicators.quote[0].close;
  return {
    symbol: m.symbol,
    response: [{
      meta: { ...result.meta, range },
      ...(result.timestamp ? { timestamp: result.timestamp } : {}),
      indicators: { quote: [close ? { close } : {}] },
    }],
  };
}
