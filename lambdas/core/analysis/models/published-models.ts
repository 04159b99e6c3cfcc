// The published models of one holding, from its annual statements: Piotroski's F-score and
// Altman's Z (piotroski.ts, altman.ts). Where a model cannot apply (not a company, no statements,
// a financial firm for Altman, a market value that cannot be converted) it says why, no number.
import { z } from 'zod';
import { assetType, describeAssetType } from '../analysts/asset-type.js';
import { sectorOf } from '../sector.js';
import { majorCurrency, type FxRates } from '../../portfolio/currency.js';
import type { YahooTickerData } from '../../prefetch/market-data.js';
import { altmanSchema, altmanZ } from './altman.js';
import { piotroskiFScore, piotroskiSchema } from './piotroski.js';

export const publishedModelsSchema = z.object({ piotroski_f_score: piotroskiSchema, altman_z: altmanSchema });
export type PublishedModels = z.infer<typeof publishedModelsSchema>;

const text = (record: unknown, key: string): string | null => {
  const value = record && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value.trim() ? value.trim() : null;
};
const number = (record: unknown, key: string): number | null => {
  const raw = record && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;
  const value = raw && typeof raw === 'object' && 'raw' in raw ? (raw as { raw: unknown }).raw : raw;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

/** The market value of equity in the statements' currency, or null with the reason. */
function marketValueOfEquity(data: YahooTickerData, statementsCurrency: string | null, rates: FxRates): { value: number | null; reason?: string } {
  const cap = number(data.quote, 'marketCap') ?? number(data.summary.summaryDetail, 'marketCap') ?? number(data.summary.price, 'marketCap');
  if (cap === null) return { value: null, reason: 'no market capitalisation' };
  const quoteCurrency = text(data.quote, 'currency') ?? text(data.summary.price, 'currency');
  if (!quoteCurrency || !statementsCurrency) return { value: cap };
  const from = majorCurrency(quoteCurrency);
  const to = majorCurrency(statementsCurrency);
  const capMajor = cap / from.divisor;
  if (from.major === to.major) return { value: capMajor };
  // Rates are units of the base per unit of each currency: through the base, both ways.
  const rateFrom = rates[from.major];
  const rateTo = rates[to.major];
  if (!rateFrom || !rateTo) return { value: null, reason: `no rate to turn ${from.major} into the statements' ${to.major}` };
  return { value: (capMajor * rateFrom) / rateTo };
}

export function publishedModels(data: YahooTickerData, rates: FxRates, baseCurrency: string): PublishedModels {
  if (assetType(data) !== 'EQUITY') {
    const reason = `not a company: ${describeAssetType(data)}`;
    return { piotroski_f_score: { score: null, reason }, altman_z: { score: null, reason } };
  }
  if (!data.statements) {
    const reason = `no annual statements (${data.statementsError ?? 'not fetched'})`;
    return { piotroski_f_score: { score: null, reason }, altman_z: { score: null, reason } };
  }
  const currency = text(data.quote, 'financialCurrency') ?? text(data.summary.financialData, 'financialCurrency');
  const withBase: FxRates = { ...rates, [baseCurrency]: 1 };
  const mve = marketValueOfEquity(data, currency, withBase);
  return {
    piotroski_f_score: piotroskiFScore(data.statements),
    altman_z: altmanZ(data.statements, {
      holding: sectorOf(data),
      marketValueOfEquity: mve.value,
      ...(mve.reason ? { marketValueReason: mve.reason } : {}),
      currency,
    }),
  };
}
