// Currency values against USD and FX rates, the same in every seed.
import { hash32, sig } from './random.js';

/** USD per unit of each currency: the simulated market's rate today, in every seed. */
export const USD_VALUE: Record<string, number> = {
  USD: 1, EUR: 1.08, GBP: 1.27, JPY: 0.0067, CHF: 1.12, CAD: 0.73, HKD: 0.128, AUD: 0.66, NZD: 0.61, SEK: 0.095, NOK: 0.094,
  DKK: 0.145, CNY: 0.138, SGD: 0.74, INR: 0.012, KRW: 0.00074, MXN: 0.058, BRL: 0.19, ZAR: 0.054, ILS: 0.27, PLN: 0.25, TRY: 0.03,
};
/** Annual volatility of a currency against USD (HKD is pegged). */
export const FX_VOL: Record<string, number> = { USD: 0, HKD: 0.004, EUR: 0.07, GBP: 0.08, JPY: 0.1, CHF: 0.07, CAD: 0.06 };

/** USD per unit of a (major) currency code today; an unlisted code gets a fixed made-up value. */
export function usdPerUnit(code: string): number {
  const c = code.toUpperCase();
  return USD_VALUE[c] ?? Math.exp(Math.log(0.0005) + (hash32(`usd:${c}`) / 2 ** 32) * Math.log(2 / 0.0005));
}

/** Today's simulated rate of an FX pair: units of `to` per unit of `from`, in every seed. */
export function fxRate(from: string, to: string): number {
  return sig(usdPerUnit(from) / usdPerUnit(to), 7);
}
