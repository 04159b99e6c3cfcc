// The fiscal years a published model reads: the latest, the one before and the one before that
// (for beginning-of-year assets), each figure under Yahoo's fundamentals names.
import type { AnnualStatements } from '../../prefetch/market-data.js';

export type FiscalYear = AnnualStatements['years'][number];

/** Fiscal years with a period end, oldest first, one per period end (the last answer wins). */
export function fiscalYears(statements: AnnualStatements | null | undefined): FiscalYear[] {
  const byEnd = new Map<string, FiscalYear>();
  for (const year of statements?.years ?? []) if (Object.keys(year.values).length > 0) byEnd.set(year.period_end.slice(0, 10), year);
  return [...byEnd.values()].sort((a, b) => a.period_end.localeCompare(b.period_end));
}

/** A figure of a year, or undefined when Yahoo gave none. */
export const figure = (year: FiscalYear | undefined, name: string): number | undefined => {
  const value = year?.values[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

/** The names of the figures that are missing, for a reason that says which. */
export function missingFigures(needs: ReadonlyArray<[FiscalYear | undefined, string, string]>): string[] {
  return needs.filter(([year, name]) => figure(year, name) === undefined).map(([, name, label]) => label || name);
}
