// Currencies: some listings are quoted in minor units (a London listing in pence, `GBp`);
// values are reported in the base currency through FX rates fetched with the batch.
const MINOR_UNITS: Record<string, { major: string; divisor: number }> = {
  GBp: { major: 'GBP', divisor: 100 },
  GBX: { major: 'GBP', divisor: 100 },
  ZAc: { major: 'ZAR', divisor: 100 },
  ZAC: { major: 'ZAR', divisor: 100 },
  ILA: { major: 'ILS', divisor: 100 },
};

export const DEFAULT_BASE_CURRENCY = 'USD';

/** The major currency of a quote currency and what to divide by to reach it (GBp -> GBP, 100). */
export function majorCurrency(code: string): { major: string; divisor: number } {
  return MINOR_UNITS[code] ?? { major: code.toUpperCase(), divisor: 1 };
}

/** Yahoo's symbol for the rate that turns `from` into `base`, e.g. EURUSD=X. */
export const fxSymbol = (from: string, base: string): string => `${from}${base}=X`;

/** Units of `base` per unit of each major currency; the base itself is 1. */
export type FxRates = Record<string, number>;

/** An amount in `currency` (major or minor units) in the base currency, or null without a rate. */
export function toBase(amount: number, currency: string | null, rates: FxRates, base: string): number | null {
  if (currency === null) return null;
  const { major, divisor } = majorCurrency(currency);
  const rate = major === base ? 1 : rates[major];
  if (rate === undefined || !Number.isFinite(rate) || rate <= 0) return null;
  return (amount / divisor) * rate;
}

/** The major currencies, other than the base, that these quote currencies need a rate for. */
export function currenciesNeedingRates(currencies: Iterable<string | null | undefined>, base: string): string[] {
  const needed = new Set<string>();
  for (const currency of currencies) {
    if (!currency) continue;
    const { major } = majorCurrency(currency);
    if (major !== base) needed.add(major);
  }
  return [...needed].sort();
}
