// A company's fundamentals on a date: its last reported statements against the price of the day.
import { DAY_MS } from './calendar.js';
import { createRng, Draw, hash32, round } from './random.js';
import { annualStatement, lastReportedYear, type AnnualStatement, type CompanyTraits } from './statements.js';
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
 * currency; per-share figures and money come out in the financial currency, targets in quote units.
 * The trailing figures are those of the last fiscal year reported by `asOf`, so every ratio is the
 * quote's price against the statements the fundamentals time series serves. */
export function makeFundamentals(t: CompanyTraits, quotePrice: number, asOf: Date, divisor = 1): Fundamentals {
  // Company-level draws (analysts, employees): the same at every simulated date.
  const d = new Draw(createRng(hash32(`views|${t.key}`)));
  const price = quotePrice / divisor;
  const lastYear = lastReportedYear(asOf);
  const statements = [5, 4, 3, 2, 1, 0].map((back) => annualStatement(t, lastYear - back));
  const last = statements[5] as AnnualStatement;
  const prev = statements[4] as AnnualStatement;
  const shares = t.shares;
  const marketCap = price * shares;
  const trailingEps = last.netIncome / shares;
  const trailingPE = trailingEps > 0 ? price / trailingEps : undefined;
  const revenueGrowth = last.totalRevenue / prev.totalRevenue - 1;
  const earningsGrowth = prev.netIncome > 0 && last.netIncome > 0 ? last.netIncome / prev.netIncome - 1 : revenueGrowth;
  const forwardEps = trailingEps > 0 ? trailingEps * (1 + Math.max(t.growth, -0.2) * 1.2 + d.uniform(-0.02, 0.06)) : trailingEps * d.uniform(0.3, 1.2);
  const forwardPE = price / forwardEps;
  const totalRevenue = last.totalRevenue;
  const netIncome = last.netIncome;
  const equity = last.stockholdersEquity;
  const totalDebt = last.totalDebt;
  const totalCash = last.cashAndCashEquivalents;
  const enterpriseValue = marketCap + totalDebt - totalCash;
  const currentRatio = last.currentAssets !== null && last.currentLiabilities ? last.currentAssets / last.currentLiabilities : undefined;
  const recommendationMean = d.uniform(1.4, 3.4);
  const analysts = d.int(6, 52);
  const targetMean = quotePrice * d.uniform(0.88, 1.3);
  const targets = { low: targetMean * d.uniform(0.65, 0.9), high: targetMean * d.uniform(1.12, 1.5) };
  // The last four quarters already reported (Yahoo reports about a month after quarter end).
  const reportLagDays = 30;
  const ends: number[] = [];;
  for (let month = asOf.getUTCMonth() + 1; ends.length < 4; month--) {
    const end = Date.UTC(asOf.getUTCFullYear(), month, 0); // last day of month-1
    const isQuarterEnd = new Date(end).getUTCMonth() % 3 === 2;
    if (isQuarterEnd && end + (reportLagDays + 1) * DAY_MS <= asOf.getTime()) ends.unshift(end);
  }
  const quarters: QuarterEarnings[] = ends.map((end) => {
    // Each quarter is a quarter of its fiscal year, give or take; drawn from the quarter alone.
    const q = new Draw(createRng(hash32(`quarter|${t.key}|${end}`)));
    const year = annualStatement(t, new Date(end).getUTCFullYear());
    const actual = round((year.netIncome / shares / 4) * q.uniform(0.8, 1.2));
    return {
      date: quarterLabel(new Date(end)),
      actual,
      estimate: round(actual * q.uniform(0.9, 1.06), 5),
      revenue: Math.round((year.totalRevenue / 4) * q.uniform(0.9, 1.1)),
      earnings: Math.round(actual * shares),
      periodEndDate: end / 1000,
      reportedDate: (end + reportLagDays * DAY_MS) / 1000 + 20 * 3600 + 30 * 60,
    };
  });
  const lastReported = (quarters[3] as QuarterEarnings).reportedDate;
  let nextEarnings = lastReported + 91 * 86_400;
  while (nextEarnings * 1000 <= asOf.getTime()) nextEarnings += 91 * 86_400;
  const years = statements.slice(2).map((y) => ({ year: y.year, revenue: y.totalRevenue, earnings: y.netIncome }));
  const pegGrowth = earningsGrowth * 100;
  const priceToBook = price / (equity / shares);
  const margin = (x: number) => round(x / totalRevenue, 4);
  return {
    trailingPE: trailingPE === undefined ? undefined : round(trailingPE, 4),
    forwardPE: round(forwardPE, 4),
    trailingEps: round(trailingEps),
    forwardEps: round(forwardEps),
    pegRatio: forwardPE > 0 && pegGrowth > 2 ? round(forwardPE / pegGrowth) : undefined,
    priceToBook: round(priceToBook, 4),
    bookValue: round(equity / shares, 3),
    priceToSalesTrailing12Months: round(marketCap / totalRevenue, 4),
    enterpriseValue: Math.round(enterpriseValue),
    enterpriseToEbitda: round(enterpriseValue / last.ebitda, 3),
    enterpriseToRevenue: round(enterpriseValue / totalRevenue, 3),
    returnOnEquity: round(netIncome / equity, 4),
    returnOnAssets: round(netIncome / last.totalAssets, 4),
    profitMargins: margin(netIncome),
    operatingMargins: margin(last.ebit),
    grossMargins: margin(last.grossProfit),
    ebitdaMargins: margin(last.ebitda),
    revenueGrowth: round(revenueGrowth, 3),
    earningsGrowth: round(earningsGrowth, 3),
    // Yahoo gives a bank neither debt/equity nor a current ratio.
    debtToEquity: t.bank ? undefined : round((totalDebt / equity) * 100, 3),
    currentRatio: currentRatio === undefined ? undefined : round(currentRatio, 3),
    quickRatio: currentRatio === undefined ? undefined : round(currentRatio * d.uniform(0.6, 0.95), 3),
    totalRevenue,
    ebitda: last.ebitda,
    totalCash,
    totalDebt,
    freeCashflow: last.freeCashFlow,
    operatingCashflow: last.operatingCashFlow,
    netIncomeToCommon: netIncome,
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
    statements,
    nextEarnings,
    fullTimeEmployees: Math.round(d.logUniform(2_000, 400_000)),
  };
}
