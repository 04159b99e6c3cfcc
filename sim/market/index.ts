// Deterministic, plausible market data per ticker: what the Yahoo simulator serves.
// Everything is drawn from PRNGs seeded by hashes of the symbol and the seed, so the same symbol,
// seed and day give the same numbers on every run. A stock's or ETF's bars and statements are
// functions of the date (price-path.ts, statements.ts): a later day adds bars; a coin's or a
// currency's series ends at its level on whatever day is asked.
//
// What a symbol is follows its shape, as on Yahoo: `EURUSD=X` (or `JPY=X`, i.e. USDJPY) is an
// FX rate, `BTC-USD` a cryptocurrency, a known exchange suffix (`.L`, `.DE`, `.T`, ...) a
// listing on that market in its currency (London in pence: GBp), anything else a US stock or
// ETF in USD.
import { cryptoModel } from './crypto-model.js';
import { fxModel } from './fx-model.js';
import { listingOf, normalizeSymbol } from './listing.js';
import { securityModel } from './security-model.js';
import type { TickerModel } from './types.js';

export { CRYPTO_DAYS, TRADING_DAYS, tradingDays } from './calendar.js';
export { fxRate, usdPerUnit } from './currencies.js';
export { isEtfSymbol, normalizeSymbol, quoteCurrencyOf, venueOf } from './listing.js';
export { createRng, hash32 } from './random.js';
export type * from './types.js';

/** Everything the simulator knows about `symbol` (seed selects another "universe"). */
export function marketModel(symbol: string, seed = 0, asOf: Date = new Date()): TickerModel {
  const sym = normalizeSymbol(symbol);
  const listing = listingOf(sym);
  if (listing.kind === 'fx') return fxModel(sym, listing, seed, asOf);
  if (listing.kind === 'crypto') return cryptoModel(sym, listing, seed, asOf);
  return securityModel(sym, listing.market, seed, asOf);
}
