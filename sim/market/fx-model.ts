// An FX rate.
import { barTimestamp, TRADING_DAYS, tradingDays } from './calendar.js';
import { FX_VOL, usdPerUnit } from './currencies.js';
import { createRng, Draw, hash32, sig } from './random.js';
import type { DailyBar, FxPair, TickerModel } from './types.js';
import { FX_VENUE } from './venues.js';

/** A currency's USD value over the FX bars, oldest first, ending exactly at today's value: a
 * mean-reverting walk drawn backwards from it, per currency and seed, so that every pair is the
 * ratio of its legs on every day (EURGBP = EURUSD / GBPUSD). */
function usdPath(code: string, seed: number, count: number): number[] {
  const today = usdPerUnit(code);
  const sigma = (FX_VOL[code] ?? 0.09) / Math.sqrt(TRADING_DAYS);
  const d = new Draw(createRng(hash32(`fx:${code}|${seed}`)));
  const values = [today];
  let x = 0; // log(value / today)
  for (let i = 1; i < count; i++) {
    x = x * 0.98 + d.normal() * sigma;
    values.push(today * Math.exp(x));
  }
  return values.reverse();
}

/** An FX rate XXXYYY=X: YYY per XXX, 7 significant digits, no volume (as Yahoo), weekdays from
 * 00:00 London time. Today's close is fxRate(XXX, YYY) in every seed. */
export function fxModel(sym: string, pair: FxPair, seed: number, asOf: Date): TickerModel {
  const { from, to } = pair;
  const d = new Draw(createRng(hash32(`${sym}|${seed}`)));
  const legs = [usdPath(from, seed, TRADING_DAYS), usdPath(to, seed, TRADING_DAYS)] as const;
  const closes = legs[0].map((v, i) => v / (legs[1][i] as number));
  const sigmaDaily = Math.hypot(FX_VOL[from] ?? 0.09, FX_VOL[to] ?? 0.09) / Math.sqrt(TRADING_DAYS);
  const bars = tradingDays(TRADING_DAYS, asOf).map((date, i): DailyBar => {
    const close = closes[i] as number;
    const open = i > 0 ? (closes[i - 1] as number) : close * Math.exp(d.normal() * sigmaDaily * 0.3);
    const high = Math.max(open, close) * Math.exp(Math.abs(d.normal()) * sigmaDaily * 0.5);
    const low = Math.min(open, close) * Math.exp(-Math.abs(d.normal()) * sigmaDaily * 0.5);
    const c = sig(close, 7);
    return { date, timestamp: barTimestamp(date, FX_VENUE), open: sig(open, 7), high: sig(high, 7), low: sig(low, 7), close: c, adjclose: c, volume: 0 };
  });
  const price = (bars[bars.length - 1] as DailyBar).close;
  const name = `${from}/${to}`;
  return {
    symbol: sym,
    quoteType: 'CURRENCY',
    shortName: name,
    longName: name,
    currency: to,
    financialCurrency: null,
    priceDivisor: 1,
    priceHint: price >= 0.1 ? 4 : 6,
    priceDigits: Math.max(0, 6 - Math.floor(Math.log10(price))),
    exchange: FX_VENUE.exchange,
    fullExchangeName: FX_VENUE.fullExchangeName,
    venue: FX_VENUE,
    sector: '',
    industry: '',
    country: '',
    firstTradeDate: 1_070_236_800, // Yahoo's for EURUSD=X (2003-12-01)
    bars,
    price,
    previousClose: (bars[bars.length - 2] as DailyBar).close,
    beta: 0,
    sharesOutstanding: 0,
    marketCap: 0,
    fundamentals: null,
    etf: null,
    crypto: null,
    fx: { from, to },
  };
}
