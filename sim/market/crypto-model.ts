// A coin quoted in a fiat currency.
import { makeBars } from './bars.js';
import { CRYPTO_DAYS } from './calendar.js';
import { COINS } from './coins.js';
import { usdPerUnit } from './currencies.js';
import { createRng, Draw, hash32 } from './random.js';
import { capitalized } from './security-model.js';
import type { DailyBar, TickerModel } from './types.js';
import { CRYPTO_VENUE } from './venues.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A coin quoted in a fiat currency (BTC-USD): trades every day, around the clock, on Yahoo's
 * CCC; volume is the value traded (in the quote currency), as Yahoo gives it. */
export function cryptoModel(sym: string, listing: { coin: string; quote: string }, seed: number, asOf: Date): TickerModel {
  const d = new Draw(createRng(hash32(`${sym}|${seed}`)));
  const { coin, quote } = listing;
  const info = COINS[coin];
  const usd = info?.[1] ?? d.logUniform(0.01, 50);
  const supply = info?.[2] ?? Math.round(d.logUniform(1e7, 5e10));
  const maxSupply = info ? info[3] ?? undefined : d.chance(0.4) ? Math.round(supply * d.uniform(1.1, 3)) : undefined;
  const name = info?.[0] ?? capitalized(coin);
  const startDate = info?.[4] ?? `${d.int(2017, 2023)}-${pad2(d.int(1, 12))}-${pad2(d.int(1, 28))}`;
  const startEpoch = Date.parse(`${startDate}T00:00:00Z`) / 1000;
  // Today's price: the coin's level (in the quote currency) within +-15%, varying by seed.
  const level = (usd / usdPerUnit(quote)) * d.uniform(0.85, 1.15);
  const digits = level >= 1 ? 2 : level >= 0.01 ? 5 : 8;
  const sigma = coin === 'BTC' ? d.uniform(0.4, 0.6) : d.uniform(0.6, 1);
  const mu = d.uniform(-0.3, 0.6);
  const turnover = d.uniform(0.015, 0.04); // share of the market cap traded a day
  const bars = makeBars(d, 1, mu, sigma, level * supply * turnover, asOf, { count: CRYPTO_DAYS, venue: CRYPTO_VENUE, digits, lastClose: level });
  const price = (bars[bars.length - 1] as DailyBar).close;
  const longName = `${name} ${quote}`;
  return {
    symbol: sym,
    quoteType: 'CRYPTOCURRENCY',
    shortName: longName,
    longName,
    currency: quote,
    financialCurrency: null,
    priceDivisor: 1,
    priceHint: digits,
    priceDigits: digits,
    exchange: CRYPTO_VENUE.exchange,
    fullExchangeName: CRYPTO_VENUE.fullExchangeName,
    venue: CRYPTO_VENUE,
    sector: '',
    industry: '',
    country: '',
    // Yahoo's BTC-USD history starts 2014-09-17, the other coins' 2017-11-09 at the earliest.
    firstTradeDate: coin === 'BTC' ? 1_410_912_000 : Math.max(startEpoch, 1_510_185_600),
    bars,
    price,
    previousClose: (bars[bars.length - 2] as DailyBar).close,
    beta: 0,
    sharesOutstanding: supply,
    marketCap: Math.round(price * supply),
    fundamentals: null,
    etf: null,
    crypto: {
      coin, name, circulatingSupply: supply, totalSupply: supply, ...(maxSupply !== undefined ? { maxSupply } : {}),
      startDate, startEpoch, website: info?.[5] ?? `https://${coin.toLowerCase()}.org/`,
    },
    fx: null,
  };
}
