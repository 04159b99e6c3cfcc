// Where listings trade: the US, the markets of exchange suffixes, crypto and FX.
import type { Venue } from './types.js';

const OPEN_UTC_MS = (14 * 60 + 30) * 60_000;

export const US_VENUE: Venue = {
  exchange: 'NMS', fullExchangeName: 'NasdaqGS', market: 'us_market', timezone: 'America/New_York', timezoneShort: 'EST',
  gmtOffset: -18_000, openUtc: OPEN_UTC_MS / 1000, session: 6.5 * 3600, everyDay: false, delayedBy: 0,
  quoteSourceName: 'Nasdaq Real Time Price', hasPrePostMarketData: true, country: 'United States', city: 'Wilmington',
};

export interface Market {
  venue: Venue;
  currency: string;
  /** Range of a share price, in quote units (pence for GBp). */
  prices: [lo: number, hi: number];
  /** Legal-form suffix for generated company names. */
  form: string;
}

const europe = (exchange: string, fullExchangeName: string, market: string, timezone: string, country: string, city: string): Venue => ({
  exchange, fullExchangeName, market, timezone, timezoneShort: 'CET', gmtOffset: 3600, openUtc: 8 * 3600, session: 8.5 * 3600,
  everyDay: false, delayedBy: 15, quoteSourceName: 'Delayed Quote', hasPrePostMarketData: false, country, city,
});

/** Exchange suffixes Yahoo uses, with the market's currency (real Yahoo's rule). */
export const MARKETS: Record<string, Market> = {
  L: {
    venue: { ...europe('LSE', 'LSE', 'gb_market', 'Europe/London', 'United Kingdom', 'London'), timezoneShort: 'GMT', gmtOffset: 0 },
    currency: 'GBp', prices: [100, 6000], form: 'plc',
  },
  AS: { venue: europe('AMS', 'Amsterdam', 'nl_market', 'Europe/Amsterdam', 'Netherlands', 'Amsterdam'), currency: 'EUR', prices: [5, 400], form: 'N.V.' },
  PA: { venue: europe('PAR', 'Paris', 'fr_market', 'Europe/Paris', 'France', 'Paris'), currency: 'EUR', prices: [5, 400], form: 'SA' },
  DE: { venue: europe('GER', 'XETRA', 'de_market', 'Europe/Berlin', 'Germany', 'Munich'), currency: 'EUR', prices: [5, 400], form: 'AG' },
  MI: { venue: europe('MIL', 'Milan', 'it_market', 'Europe/Rome', 'Italy', 'Milan'), currency: 'EUR', prices: [1, 100], form: 'S.p.A.' },
  MC: { venue: europe('MCE', 'MCE', 'es_market', 'Europe/Madrid', 'Spain', 'Madrid'), currency: 'EUR', prices: [1, 100], form: 'S.A.' },
  SW: { venue: europe('EBS', 'Swiss', 'ch_market', 'Europe/Zurich', 'Switzerland', 'Zurich'), currency: 'CHF', prices: [10, 600], form: 'AG' },
  T: {
    venue: {
      exchange: 'JPX', fullExchangeName: 'Tokyo', market: 'jp_market', timezone: 'Asia/Tokyo', timezoneShort: 'JST', gmtOffset: 9 * 3600,
      openUtc: 0, session: 6.5 * 3600, everyDay: false, delayedBy: 20, quoteSourceName: 'Delayed Quote', hasPrePostMarketData: false, country: 'Japan', city: 'Tokyo',
    },
    currency: 'JPY', prices: [400, 15_000], form: 'Corporation',
  },
  TO: {
    venue: {
      exchange: 'TOR', fullExchangeName: 'Toronto', market: 'ca_market', timezone: 'America/Toronto', timezoneShort: 'EST', gmtOffset: -18_000,
      openUtc: OPEN_UTC_MS / 1000, session: 6.5 * 3600, everyDay: false, delayedBy: 15, quoteSourceName: 'Delayed Quote', hasPrePostMarketData: false, country: 'Canada', city: 'Toronto',
    },
    currency: 'CAD', prices: [5, 200], form: 'Inc.',
  },
  HK: {
    venue: {
      exchange: 'HKG', fullExchangeName: 'HKSE', market: 'hk_market', timezone: 'Asia/Hong_Kong', timezoneShort: 'HKT', gmtOffset: 8 * 3600,
      openUtc: 1.5 * 3600, session: 6.5 * 3600, everyDay: false, delayedBy: 15, quoteSourceName: 'Delayed Quote', hasPrePostMarketData: false, country: 'Hong Kong', city: 'Hong Kong',
    },
    currency: 'HKD', prices: [5, 500], form: 'Limited',
  },
};

export const CRYPTO_VENUE: Venue = {
  exchange: 'CCC', fullExchangeName: 'CCC', market: 'ccc_market', timezone: 'UTC', timezoneShort: 'UTC', gmtOffset: 0,
  openUtc: 0, session: 86_340, everyDay: true, delayedBy: 0, quoteSourceName: 'CoinMarketCap', hasPrePostMarketData: false, country: '', city: '',
};

export const FX_VENUE: Venue = {
  exchange: 'CCY', fullExchangeName: 'CCY', market: 'ccy_market', timezone: 'Europe/London', timezoneShort: 'GMT', gmtOffset: 0,
  openUtc: 0, session: 86_340, everyDay: false, delayedBy: 0, quoteSourceName: 'Delayed Quote', hasPrePostMarketData: false, country: '', city: '',
};
