// What kind of listing a ticker is, from Yahoo's own `quoteType`: only an EQUITY has company
// fundamentals (financialData, recommendation trend, ...). Pure: data in, answer out.
import type { YahooTickerData } from '../../prefetch/market-data.js';

export const ASSET_TYPES = ['EQUITY', 'ETF', 'MUTUALFUND', 'INDEX', 'CRYPTOCURRENCY', 'CURRENCY', 'OTHER'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

const KNOWN = new Set<string>(ASSET_TYPES.filter((type) => type !== 'OTHER'));

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * Yahoo's quoteType as given, from the first place that has one: the quote, then the
 * quoteSummary `quoteType` module, then the `price` module. Null when none has it.
 */
export function rawQuoteType(data: YahooTickerData): string | null {
  const quoteTypeModule = data.summary.quoteType;
  const priceModule = data.summary.price;
  return (
    text(data.quote?.quoteType) ??
    text(isRecord(quoteTypeModule) ? quoteTypeModule.quoteType : undefined) ??
    text(isRecord(priceModule) ? priceModule.quoteType : undefined)
  );
}

/** The asset type; a type Yahoo names that is not in the list (FUTURE, OPTION, ...) or none at all is OTHER. */
export function assetType(data: YahooTickerData): AssetType {
  const raw = rawQuoteType(data)?.toUpperCase();
  return raw !== undefined && KNOWN.has(raw) ? (raw as AssetType) : 'OTHER';
}

const NAMES: Record<Exclude<AssetType, 'OTHER'>, string> = {
  EQUITY: 'a company share (EQUITY)',
  ETF: 'an ETF',
  MUTUALFUND: 'a mutual fund',
  INDEX: 'an index',
  CRYPTOCURRENCY: 'a cryptocurrency',
  CURRENCY: 'a currency',
};

/** The asset type in words with its article, for warnings: `an ETF`, `a mutual fund`. */
export function describeAssetType(data: YahooTickerData): string {
  const type = assetType(data);
  if (type !== 'OTHER') return NAMES[type];
  const raw = rawQuoteType(data);
  return raw === null ? 'a listing of unknown type' : `a listing of type ${raw}`;
}
