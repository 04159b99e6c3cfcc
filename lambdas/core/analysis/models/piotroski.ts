// Piotroski's F-score (Piotroski 2000, "Value Investing: The Use of Historical Financial
// Statement Information to Separate Winners from Losers"): nine binary signals on the latest
// fiscal year (t) against the one before (t-1), from the annual statements. Beginning-of-year
// total assets are the previous year's end, so three fiscal years are needed. A signal whose
// figures are missing makes no score: the result is null with the reason, never a default.
import { z } from 'zod';
import { figure, fiscalYears, missingFigures, type FiscalYear } from './fiscal-years.js';
import type { AnnualStatements } from '../../prefetch/market-data.js';

export const piotroskiSignalSchema = z.object({
  name: z.string(),
  pass: z.boolean(),
  value: z.number(),
  /** The same ratio a year earlier (for the change signals), or the bar it was held to. */
  previous: z.number().nullable(),
});
export const piotroskiSchema = z.union([
  z.object({
    score: z.number().int().min(0).max(9),
    max: z.literal(9),
    period_end: z.string(),
    signals: z.array(piotroskiSignalSchema).length(9),
  }),
  z.object({ score: z.null(), reason: z.string() }),
]);
export type PiotroskiFScore = z.infer<typeof piotroskiSchema>;

const round = (x: number) => Number(x.toPrecision(6));

export function piotroskiFScore(statements: AnnualStatements | null | undefined): PiotroskiFScore {
  const years = fiscalYears(statements);
  if (years.length < 3) {
    return { score: null, reason: `needs three fiscal years (the latest, the one before, and the year before that for beginning-of-year assets); the statements have ${years.length}` };
  }
  const [t2, t1, t] = years.slice(-3) as [FiscalYear, FiscalYear, FiscalYear];
  const missing = missingFigures([
    [t, 'netIncome', 'net income'],
    [t1, 'netIncome', 'net income (prior year)'],
    [t, 'totalAssets', 'total assets'],
    [t1, 'totalAssets', 'total assets (prior year)'],
    [t2, 'totalAssets', 'total assets (two years back)'],
    [t, 'operatingCashFlow', 'operating cash flow'],
    [t, 'longTermDebt', 'long-term debt'],
    [t1, 'longTermDebt', 'long-term debt (prior year)'],
    [t, 'currentAssets', 'current assets'],
    [t1, 'currentAssets', 'current assets (prior year)'],
    [t, 'currentLiabilities', 'current liabilities'],
    [t1, 'currentLiabilities', 'current liabilities (prior year)'],
    [t, 'ordinarySharesNumber', 'ordinary shares'],
    [t1, 'ordinarySharesNumber', 'ordinary shares (prior year)'],
    [t, 'grossProfit', 'gross profit'],
    [t1, 'grossProfit', 'gross profit (prior year)'],
    [t, 'totalRevenue', 'revenue'],
    [t1, 'totalRevenue', 'revenue (prior year)'],
  ]);
  if (missing.length) return { score: null, reason: `the statements lack ${missing.join(', ')}` };
  const f = (year: FiscalYear, name: string) => figure(year, name)!;
  const roa = f(t, 'netIncome') / f(t1, 'totalAssets');
  const roaBefore = f(t1, 'netIncome') / f(t2, 'totalAssets');
  const cfo = f(t, 'operatingCashFlow');
  const accrual = cfo / f(t1, 'totalAssets');
  const leverage = f(t, 'longTermDebt') / ((f(t, 'totalAssets') + f(t1, 'totalAssets')) / 2);
  const leverageBefore = f(t1, 'longTermDebt') / ((f(t1, 'totalAssets') + f(t2, 'totalAssets')) / 2);
  const current = f(t, 'currentAssets') / f(t, 'currentLiabilities');
  const currentBefore = f(t1, 'currentAssets') / f(t1, 'currentLiabilities');
  const shares = f(t, 'ordinarySharesNumber');
  const sharesBefore = f(t1, 'ordinarySharesNumber');
  const margin = f(t, 'grossProfit') / f(t, 'totalRevenue');
  const marginBefore = f(t1, 'grossProfit') / f(t1, 'totalRevenue');
  const turnover = f(t, 'totalRevenue') / f(t1, 'totalAssets');
  const turnoverBefore = f(t1, 'totalRevenue') / f(t2, 'totalAssets');
  const signal = (name: string, pass: boolean, value: number, previous: number | null) => ({ name, pass, value: round(value), previous: previous === null ? null : round(previous) });
  const signals = [
    signal('ROA > 0 (net income / beginning-of-year total assets)', roa > 0, roa, 0),
    signal('operating cash flow > 0', cfo > 0, cfo, 0),
    signal('ROA up', roa > roaBefore, roa, roaBefore),
    signal('operating cash flow / beginning-of-year assets > ROA (accruals)', accrual > roa, accrual, roa),
    signal('long-term debt / average total assets down', leverage < leverageBefore, leverage, leverageBefore),
    signal('current ratio up', current > currentBefore, current, currentBefore),
    signal('ordinary shares not increased', shares <= sharesBefore, shares, sharesBefore),
    signal('gross margin up', margin > marginBefore, margin, marginBefore),
    signal('asset turnover up (revenue / beginning-of-year assets)', turnover > turnoverBefore, turnover, turnoverBefore),
  ];
  return { score: signals.filter((s) => s.pass).length, max: 9, period_end: t.period_end.slice(0, 10), signals };
}
