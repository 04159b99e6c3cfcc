// Where the money sits: weight per sector, country, currency and asset type, each map summing
// to 1. A missing classification is its own key, "unknown", so no weight is dropped; a fund
// (ETF, mutual fund), which has no single sector or country, is the key "fund" there, not "unknown".
export const UNKNOWN = 'unknown';
export const FUND = 'fund';
const FUND_TYPES = new Set(['ETF', 'MUTUALFUND']);

/** What a holding says about itself; sector, industry and country come from the crew result when it has them. */
export interface Classified {
  readonly sector?: string | null;
  readonly country?: string | null;
  readonly currency?: string | null;
  readonly assetType?: string | null;
}

export interface Exposures {
  readonly sector: Record<string, number>;
  readonly country: Record<string, number>;
  readonly currency: Record<string, number>;
  readonly asset_type: Record<string, number>;
}

function shareBy(weights: readonly number[], keys: readonly (string | null | undefined)[]): Record<string, number> {
  const total = weights.reduce((a, w) => a + w, 0);
  const out: Record<string, number> = {};
  weights.forEach((w, i) => {
    const key = keys[i]?.trim() || UNKNOWN;
    out[key] = (out[key] ?? 0) + (total > 0 ? w / total : 0);
  });
  return out;
}

export function exposures(weights: readonly number[], holdings: readonly Classified[]): Exposures {
  const orFund = (h: Classified, value: string | null | undefined) => value || (FUND_TYPES.has(h.assetType?.toUpperCase() ?? '') ? FUND : null);
  return {
    sector: shareBy(weights, holdings.map((h) => orFund(h, h.sector))),
    country: shareBy(weights, holdings.map((h) => orFund(h, h.country))),
    currency: shareBy(weights, holdings.map((h) => h.currency)),
    asset_type: shareBy(weights, holdings.map((h) => h.assetType)),
  };
}
