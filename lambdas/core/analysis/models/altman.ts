// Altman's Z-score of the latest fiscal year.
// - Original Z (Altman 1968, public manufacturers): 1.2 WC/TA + 1.4 RE/TA + 3.3 EBIT/TA
//   + 0.6 MVE/TL + 1.0 Sales/TA; distress below 1.81, grey 1.81 to 2.99, safe above 2.99.
// - Z'' (Altman 1995, non-manufacturers, where sales/assets says little): 6.56 WC/TA + 3.26 RE/TA
//   + 6.72 EBIT/TA + 1.05 book equity/TL; distress below 1.1, grey 1.1 to 2.6, safe above 2.6.
// Banks, insurers and other financial firms: neither applies (their liabilities are their
// business). MVE is today's market value, converted to the statements' currency.
import { z } from 'zod';
import { isFinancialIntermediary, type SectorOfHolding } from '../sector.js';
import { figure, fiscalYears, missingFigures, type FiscalYear } from './fiscal-years.js';
import type { AnnualStatements } from '../../prefetch/market-data.js';

export const ALTMAN_VARIANTS = {
  original: { label: "Altman Z (1968, manufacturers)", distressBelow: 1.81, safeAbove: 2.99 },
  'z-double-prime': { label: "Altman Z'' (1995, non-manufacturers)", distressBelow: 1.1, safeAbove: 2.6 },
} as const;
export type AltmanVariant = keyof typeof ALTMAN_VARIANTS;

/** Sectors whose companies make goods: the original model's population. */
const MANUFACTURING_SECTORS: ReadonlySet<string> = new Set([
  'Industrials',
  'Basic Materials',
  'Energy',
  'Consumer Cyclical',
  'Consumer Defensive',
  'Technology',
  'Healthcare',
]);

export const altmanSchema = z.union([
  z.object({
    score: z.number(),
    zone: z.enum(['distress', 'grey', 'safe']),
    variant: z.enum(['original', 'z-double-prime']),
    period_end: z.string(),
    inputs: z.object({
      working_capital: z.number(),
      retained_earnings: z.number(),
      ebit: z.number(),
      market_value_of_equity: z.number().nullable(),
      book_value_of_equity: z.number().nullable(),
      total_liabilities: z.number(),
      sales: z.number(),
      total_assets: z.number(),
      currency: z.string().nullable(),
    }),
  }),
  z.object({ score: z.null(), reason: z.string() }),
]);
export type AltmanZ = z.infer<typeof altmanSchema>;

export function altmanVariantFor(holding: SectorOfHolding | null): AltmanVariant {
  return holding && MANUFACTURING_SECTORS.has(holding.sector) ? 'original' : 'z-double-prime';
}

export function altmanZ(
  statements: AnnualStatements | null | undefined,
  options: {
    holding: SectorOfHolding | null;
    /** Market value of equity in the statements' currency; null when it could not be had (or converted). */
    marketValueOfEquity: number | null;
    marketValueReason?: string;
    currency: string | null;
  },
): AltmanZ {
  if (isFinancialIntermediary(options.holding)) {
    return { score: null, reason: `not designed for ${options.holding!.industry ?? options.holding!.sector}: a financial firm's liabilities are its business` };
  }
  const years = fiscalYears(statements);
  const t = years.at(-1) as FiscalYear | undefined;
  if (!t) return { score: null, reason: 'no annual statements' };
  const variant = altmanVariantFor(options.holding);
  const workingCapital =
    figure(t, 'workingCapital') ??
    (figure(t, 'currentAssets') !== undefined && figure(t, 'currentLiabilities') !== undefined ? figure(t, 'currentAssets')! - figure(t, 'currentLiabilities')! : undefined);
  const missing = [
    ...(workingCapital === undefined ? ['working capital'] : []),
    ...missingFigures([
      [t, 'retainedEarnings', 'retained earnings'],
      [t, 'EBIT', 'EBIT'],
      [t, 'totalLiabilitiesNetMinorityInterest', 'total liabilities'],
      [t, 'totalRevenue', 'revenue'],
      [t, 'totalAssets', 'total assets'],
      ...(variant === 'z-double-prime' ? ([[t, 'stockholdersEquity', 'book value of equity']] as Array<[FiscalYear, string, string]>) : []),
    ]),
  ];
  if (variant === 'original' && options.marketValueOfEquity === null) {
    missing.push(`market value of equity (${options.marketValueReason ?? 'no market capitalisation'})`);
  }
  if (missing.length) return { score: null, reason: `the inputs lack ${missing.join(', ')}` };
  const ta = figure(t, 'totalAssets')!;
  const tl = figure(t, 'totalLiabilitiesNetMinorityInterest')!;
  const re = figure(t, 'retainedEarnings')!;
  const ebit = figure(t, 'EBIT')!;
  const sales = figure(t, 'totalRevenue')!;
  const book = figure(t, 'stockholdersEquity') ?? null;
  if (!(ta > 0) || !(tl > 0)) return { score: null, reason: 'total assets and total liabilities must be positive' };
  const wc = workingCapital!;
  const score =
    variant === 'original'
      ? 1.2 * (wc / ta) + 1.4 * (re / ta) + 3.3 * (ebit / ta) + 0.6 * (options.marketValueOfEquity! / tl) + 1.0 * (sales / ta)
      : 6.56 * (wc / ta) + 3.26 * (re / ta) + 6.72 * (ebit / ta) + 1.05 * (book! / tl);
  const { distressBelow, safeAbove } = ALTMAN_VARIANTS[variant];
  const zone = score < distressBelow ? 'distress' : score > safeAbove ? 'safe' : 'grey';
  return {
    score: Number(score.toFixed(3)),
    zone,
    variant,
    period_end: t.period_end.slice(0, 10),
    inputs: {
      working_capital: wc,
      retained_earnings: re,
      ebit,
      market_value_of_equity: options.marketValueOfEquity,
      book_value_of_equity: book,
      total_liabilities: tl,
      sales,
      total_assets: ta,
      currency: options.currency,
    },
  };
}
