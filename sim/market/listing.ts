// What a symbol is, from its shape, as on Yahoo.
import { USD_VALUE } from './currencies.js';
import { ETFS, FOREIGN_ETFS } from './etfs.js';
import type { Venue } from './types.js';
import { CRYPTO_VENUE, FX_VENUE, MARKETS, US_VENUE, type Market } from './venues.js';

export type Listing =
  | { kind: 'fx'; from: string; to: string }
  | { kind: 'crypto'; coin: string; quote: string }
  | { kind: 'security'; market: Market | null };

/** What a (normalized) symbol is, from its shape. */
export function listingOf(sym: string): Listing {
  const pair = /^([A-Z]{3})([A-Z]{3})=X$/.exec(sym);
  if (pair) return { kind: 'fx', from: pair[1] as string, to: pair[2] as string };
  const usdPair = /^([A-Z]{3})=X$/.exec(sym); // Yahoo's short form: JPY=X is USD/JPY
  if (usdPair) return { kind: 'fx', from: 'USD', to: usdPair[1] as string };
  // A fiat code after the dash (BRK-B, a share class, has one letter).
  const coin = /^([A-Z0-9]{2,10})-([A-Z]{3})$/.exec(sym);
  if (coin && (coin[2] as string) in USD_VALUE) return { kind: 'crypto', coin: coin[1] as string, quote: coin[2] as string };
  const suffix = /\.([A-Z]{1,2})$/.exec(sym)?.[1];
  return { kind: 'security', market: (suffix && MARKETS[suffix]) || null };
}

/** Where `symbol` trades (exchange, timezone, session). */
export function venueOf(symbol: string): Venue {
  const listing = listingOf(normalizeSymbol(symbol));
  if (listing.kind === 'fx') return FX_VENUE;
  if (listing.kind === 'crypto') return CRYPTO_VENUE;
  return listing.market?.venue ?? US_VENUE;
}

/** The quote currency Yahoo gives `symbol`: by exchange suffix, USD without one. */
export function quoteCurrencyOf(symbol: string): string {
  const sym = normalizeSymbol(symbol);
  const listing = listingOf(sym);
  if (listing.kind === 'fx') return listing.to;
  if (listing.kind === 'crypto') return listing.quote;
  return FOREIGN_ETFS[sym]?.[3] ?? listing.market?.currency ?? 'USD';
}

export function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase();
}

export function isEtfSymbol(symbol: string): boolean {
  return normalizeSymbol(symbol) in ETFS;
}
