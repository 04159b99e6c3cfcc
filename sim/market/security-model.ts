// A stock or ETF listed in the US or on the market of its suffix.
import { KNOWN, KNOWN_FOREIGN, SECTORS } from './companies.js';
import { usdPerUnit } from './currencies.js';
import { ETFS, FOREIGN_ETFS, LOW_VOL_ETFS } from './etfs.js';
import { makeFundamentals } from './fundamentals.js';
import { etfExposure, stockExposure } from './market-factors.js';
import { ANCHOR_DATE, PRICE_ANCHORS } from './price-anchors.js';
import { pathBars } from './price-path.js';
import { createRng, Draw, hash32, round } from './random.js';
import { sectorProfile } from './sector-profiles.js';
import { companyTraits, lastReportedYear } from './statements.js';
import type { DailyBar, EtfProfile, TickerModel, Venue } from './types.js';
import { US_VENUE, type Market } from './venues.js';

/** GBp -> 100 pence per pound; everything else is quoted in major units. */
export const divisorOf = (currency: string) => (currency === 'GBp' ? 100 : 1);
export const majorOf = (currency: string) => (currency === 'GBp' ? 'GBP' : currency);
export const capitalized = (word: string) => `${word.charAt(0)}${word.slice(1).toLowerCase()}`;

function makeEtf(d: Draw, lowVol: boolean, family: string, category: string): EtfProfile {
  return {
    totalAssets: Math.round(d.logUniform(5e9, 6e11)),
    yield: round(lowVol ? d.uniform(0.02, 0.045) : d.uniform(0.003, 0.02), 4),
    category,
    fundFamily: family,
    ytdReturn: round(d.uniform(-0.1, 0.25), 6),
    beta3Year: round(lowVol ? d.uniform(0.05, 0.4) : d.uniform(0.8, 1.4), 2),
    threeYearAverageReturn: round(d.uniform(-0.02, 0.2), 6),
    fiveYearAverageReturn: round(d.uniform(0, 0.18), 6),
    netExpenseRatio: round(d.uniform(0.03, 0.75), 2),
    fundInceptionDate: Date.UTC(d.int(1993, 2014), d.int(0, 11), 1) / 1000,
  };
}

/** A stock or ETF: in the US (`market` null) or on the market of its suffix. A well-known
 * ticker's price starts from its anchored level (price-anchors.ts), any other from a drawn one;
 * every figure is then a function of the symbol, the seed and the date (price-path.ts). */
export function securityModel(sym: string, market: Market | null, seed: number, asOf: Date): TickerModel {
  const d = new Draw(createRng(hash32(`${sym}|${seed}`)));
  const foreignEtf = market ? FOREIGN_ETFS[sym] : undefined;
  const etfInfo = ETFS[sym] ?? foreignEtf;
  const lowVol = LOW_VOL_ETFS.has(sym);
  const usKnown = KNOWN[sym];
  const known = usKnown ?? KNOWN_FOREIGN[sym];
  const anchor = PRICE_ANCHORS[sym];
  const sector = etfInfo ? '' : known?.[1] ?? d.pick(Object.keys(SECTORS));
  const industry = etfInfo ? '' : known?.[2] ?? d.pick(SECTORS[sector] ?? ['Conglomerates']);
  const nyse = usKnown ? usKnown[3] === 1 : d.chance(0.45);
  const [exchange, fullExchangeName] = etfInfo ? (d.chance(0.5) ? ['PCX', 'NYSEArca'] : ['NGM', 'NasdaqGM']) : nyse ? ['NYQ', 'NYSE'] : ['NMS', 'NasdaqGS'];
  const venue: Venue = market ? market.venue : { ...US_VENUE, exchange, fullExchangeName };
  const currency = foreignEtf?.[3] ?? market?.currency ?? 'USD';
  const divisor = divisorOf(currency);
  const digits = currency === 'JPY' ? 1 : 2;
  const profile = sectorProfile(sector, industry);
  const mu = etfInfo ? (lowVol ? d.uniform(-0.02, 0.04) : d.uniform(0.03, 0.1)) : d.uniform(-0.04, 0.14);
  const drawnSigma = etfInfo ? (lowVol ? d.uniform(0.06, 0.16) : d.uniform(0.12, 0.3)) : d.uniform(...profile.sigma);
  const { sigma, exposure, beta } = etfInfo
    ? etfExposure(sym, seed, drawnSigma, (drawnSigma - 0.06) / 0.24)
    : { sigma: drawnSigma, ...stockExposure(sym, seed, sector, drawnSigma, market !== null) };
  let drawnLevel: number;
  let baseVolume: number;
  if (market) {
    // A stock within the market's range (in its units); a UCITS ETF at 5..150 of the major unit.
    const [lo, hi] = etfInfo ? [5 * divisor, 150 * divisor] : market.prices;
    drawnLevel = d.logUniform(lo, hi);
    baseVolume = etfInfo ? d.logUniform(5e4, 2e6) : d.logUniform(3e5, 3e7);
  } else {
    drawnLevel = etfInfo ? d.logUniform(40, 550) : d.logUniform(12, 650);
    baseVolume = d.logUniform(etfInfo ? 2e6 : 1e6, 6e7);
  }
  // A known level moves a little with the seed, so that each seed is another market.
  const level = anchor ? anchor[0] * d.uniform(0.92, 1.08) : drawnLevel;
  const bars = pathBars({ key: `${sym}|${seed}`, level, anchorDate: ANCHOR_DATE, mu, sigma, spread: etfInfo ? 0.12 : 0.2, baseVolume, venue, digits, exposure }, asOf);
  const last = bars[bars.length - 1] as DailyBar;
  const price = last.close;
  // Drawn in USD; kept in the major unit of the listing's currency (GBP for GBp), as Yahoo gives it.
  const drawnCap = (etfInfo ? d.logUniform(5e9, 6e11) : d.logUniform(4e9, 3.5e12)) / usdPerUnit(majorOf(currency));
  // Shares do not change with the date: market cap is always price x shares.
  const shares = Math.round(anchor?.[1] !== undefined ? anchor[1] * 1e6 : drawnCap / (level / divisor));
  const lossMaking = !known && d.chance(0.06);
  const anchorYear = lastReportedYear(new Date(`${ANCHOR_DATE}T00:00:00Z`));
  const traits = etfInfo ? null : companyTraits(`${sym}|${seed}`, sector, industry, (level / divisor) * shares, shares, anchorYear, lossMaking);
  const marketCap = (price / divisor) * shares;
  const paysDividend = etfInfo ? !['GLD', 'ARKK'].includes(sym) : d.chance(0.6);
  const dividendYield = paysDividend ? round(d.uniform(0.003, 0.04), 4) : undefined;
  const fundamentals = traits ? makeFundamentals(traits, price, asOf, divisor) : null;
  const base = sym.replace(/\.[A-Z]+$/, '');
  const generated = market ? `${/^\d+$/.test(base) ? base : capitalized(base)} Holdings ${market.form}` : `${capitalized(sym)} Holdings, Inc.`;
  const longName = etfInfo?.[0] ?? known?.[0] ?? generated;
  return {
    symbol: sym,
    quoteType: etfInfo ? 'ETF' : 'EQUITY',
    shortName: longName,
    longName,
    currency,
    financialCurrency: majorOf(currency),
    priceDivisor: divisor,
    priceHint: 2,
    priceDigits: digits,
    exchange: venue.exchange,
    fullExchangeName: venue.fullExchangeName,
    venue,
    sector,
    industry,
    country: etfInfo ? '' : venue.country,
    firstTradeDate: Date.UTC(d.int(1980, 2015), d.int(0, 11), d.int(1, 28)) / 1000 + venue.openUtc,
    bars,
    price,
    previousClose: (bars[bars.length - 2] as DailyBar).close,
    beta,
    sharesOutstanding: shares,
    marketCap: Math.round(marketCap),
    dividendYield,
    dividendRate: dividendYield === undefined ? undefined : round(price * dividendYield),
    fundamentals,
    etf: etfInfo ? makeEtf(d, lowVol, etfInfo[1], etfInfo[2]) : null,
    crypto: null,
    fx: null,
  };
}
