// A company's fundamentals, drawn around its price and market cap.
import { DAY_MS } from './calendar.js';
import { round, type Draw } from './random.js';
import type { Fundamentals, QuarterEarnings, RecommendationPeriod } from './types.js';

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
export function makeFundamentals(d: Draw, quotePrice: number, marketCap: number, asOf: Date, divisor = 1): Fundamentals {
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
