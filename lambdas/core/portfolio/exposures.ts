// Where the money sits: weight per sector, country, currency and asset type, each map summing
// to 1. A missing classification is its own key, "unknown", so no weight is dropped.
export const UNKNOWN = 'unknown';

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

/** The classification of a result: its own fields when present, else unknown. */
export function classificationOf(result: Record<string, unknown>): Classified {
  const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  return {
    sector: text(result.sector),
    country: text(result.country),
    currency: text(result.currency),
    assetType: text(result.assetType) ?? text(result.asset_type) ?? text(result.quoteType),
  };
}

function shareBy(weights: readonly number[], keys: readonly (string | null | undefined)[]): Record<string, number> {
  const total = weights.reduce((a, w) => a + w, 0);
  const out: Record<string, number> = {};
  weights.forEach((w, i) => {
    const key = keys[i] ?? UNKNOWN;
    out[key] = (out[key] ?? 0) + (total > 0 ? w / total : 0);
  });
  return out;
}

export function exposures(weights: readonly number[], holdings: readonly Classified[]): Exposures {
  return {
    sector: shareBy(weights, holdings.map((h) => h.sector)),
    country: shareBy(weights, holdings.map((h) => h.country)),
    currency: shareBy(weights, holdings.map((h) => h.currency)),
    asset_type: shareBy(weights, holdings.map((h) => h.assetType)),
  };
}
