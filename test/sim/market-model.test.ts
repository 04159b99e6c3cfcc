import { describe, expect, it } from 'vitest';
import { CRYPTO_DAYS, fxRate, isEtfSymbol, marketModel, quoteCurrencyOf, TRADING_DAYS, tradingDays, type TickerModel } from '../../sim/market/index.js';
import { SP66 } from './tickers.js';

const ASOF = new Date('2026-03-18T20:00:00Z'); // a Wednesday

describe('market model', () => {
  it('is byte-identical for the same symbol and seed, different for another seed or symbol', () => {
    const a = JSON.stringify(marketModel('AAPL', 7, ASOF));
    expect(JSON.stringify(marketModel('aapl', 7, ASOF))).toBe(a);
    expect(JSON.stringify(marketModel('AAPL', 8, ASOF))).not.toBe(a);
    expect(JSON.stringify(marketModel('MSFT', 7, ASOF))).not.toBe(a);
  });

  it('makes a later market the earlier one plus the bars in between (same seed, same company)', () => {
    const jan = marketModel('NVDA', 0, new Date('2026-01-05T20:00:00Z'));
    const apr = marketModel('NVDA', 0, new Date('2026-04-06T20:00:00Z'));
    expect(apr.bars.at(-1)?.date).toBe('2026-04-06');
    const shared = apr.bars.filter((b) => b.date <= '2026-01-05');
    expect(shared.length).toBeGreaterThan(150);
    expect(shared).toEqual(jan.bars.slice(jan.bars.length - shared.length));
    // The same company: shares and the statements already reported do not change.
    expect(apr.sharesOutstanding).toBe(jan.sharesOutstanding);
    const reported = (m: TickerModel) => m.fundamentals?.statements.filter((s) => s.year >= 2020 && s.year <= 2024);
    expect(reported(apr)).toHaveLength(5);
    expect(reported(apr)).toEqual(reported(jan));
    // FY2025 is reported on 2026-02-20: January's trailing year is 2024, April's 2025.
    expect(jan.fundamentals?.statements.at(-1)?.year).toBe(2024);
    expect(apr.fundamentals?.statements.at(-1)?.year).toBe(2025);
  });

  it('gives a year of weekday bars ending today, oldest first, with consistent OHLCV', () => {
    const { bars } = marketModel('JPM', 0, ASOF);
    expect(bars).toHaveLength(TRADING_DAYS);
    expect(bars.at(-1)?.date).toBe('2026-03-18');
    for (const [i, b] of bars.entries()) {
      expect([0, 6]).not.toContain(new Date(`${b.date}T00:00:00Z`).getUTCDay());
      expect(b.timestamp).toBe(Date.parse(`${b.date}T14:30:00Z`) / 1000);
      if (i > 0) expect(b.timestamp).toBeGreaterThan((bars[i - 1] as { timestamp: number }).timestamp);
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
      expect(b.low).toBeGreaterThan(0);
      expect(Number.isInteger(b.volume) && b.volume > 0).toBe(true);
    }
  });

  it('ends on Friday when today is a weekend day', () => {
    expect(tradingDays(3, new Date('2026-03-22T12:00:00Z'))).toEqual(['2026-03-18', '2026-03-19', '2026-03-20']);
  });

  it('shapes the fixed ETF list as ETFs without company fundamentals', () => {
    for (const s of ['SPY', 'QQQ', 'VTI', 'VOO', 'IWM', 'DIA', 'VEA', 'VWO', 'AGG', 'BND', 'GLD', 'TLT', 'XLK', 'XLF', 'XLE', 'ARKK']) {
      const m = marketModel(s, 0, ASOF);
      expect(isEtfSymbol(s)).toBe(true);
      expect(m.quoteType).toBe('ETF');
      expect(m.fundamentals).toBeNull();
      expect(m.etf?.totalAssets).toBeGreaterThan(0);
    }
    expect(marketModel('AAPL', 0, ASOF).quoteType).toBe('EQUITY');
  });

  it('keeps every stock of the example list, over several seeds, in realistic ranges', () => {
    for (const seed of [0, 1, 2, 3]) {
      for (const s of SP66.filter((x) => !isEtfSymbol(x))) {
        const m = marketModel(s, seed, ASOF);
        const f = m.fundamentals;
        expect(f, s).not.toBeNull();
        if (!f) continue;
        expect(m.currency).toBe('USD');
        expect(m.price).toBeGreaterThan(1);
        expect(m.marketCap).toBeGreaterThan(1e9);
        // A loss-making company has no P/E (as on Yahoo); any other one a plausible one.
        if (f.trailingPE === undefined) expect(f.trailingEps, s).toBeLessThanOrEqual(0);
        else {
          expect(f.trailingPE).toBeGreaterThan(5);
          expect(f.trailingPE).toBeLessThan(100);
        }
        expect(f.priceToBook).toBeGreaterThan(0.5);
        expect(f.profitMargins).toBeGreaterThan(-0.5);
        expect(f.profitMargins).toBeLessThan(0.65); // Visa and Mastercard keep about 0.55
        expect(f.operatingMargins).toBeLessThan(0.7);
        // Banks, brokers and insurers have no current split; banks and brokers no debt/equity either.
        const bank = ['Banks - Diversified', 'Capital Markets'].includes(m.industry);
        if (bank) expect(f.debtToEquity, s).toBeUndefined();
        else expect(f.debtToEquity).toBeGreaterThanOrEqual(0);
        if (bank || m.industry.startsWith('Insurance')) expect(f.currentRatio, s).toBeUndefined();
        else expect(f.currentRatio, s).toBeGreaterThan(0.3);
        expect(m.beta).toBeGreaterThan(0);
        expect(f.targetLowPrice).toBeLessThan(f.targetMeanPrice);
        expect(f.targetMeanPrice).toBeLessThan(f.targetHighPrice);
        expect(f.numberOfAnalystOpinions).toBeGreaterThan(0);
        expect(f.recommendationTrend).toHaveLength(4);
        expect(f.quarters).toHaveLength(4);
        expect(f.quarters.every((q) => q.reportedDate * 1000 <= ASOF.getTime())).toBe(true);
        expect(f.nextEarnings * 1000).toBeGreaterThan(ASOF.getTime());
        expect(m.longName.length).toBeGreaterThan(2);
      }
    }
  });
});

const hourUtc = (timestamp: number) => new Date(timestamp * 1000).getUTCHours() + new Date(timestamp * 1000).getUTCMinutes() / 60;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const closes = (m: TickerModel) => m.bars.map((b) => b.close);

describe('market model: currencies, coins and FX', () => {
  it('quotes a listing in its market currency by exchange suffix, on that exchange and its session; no suffix is USD', () => {
    // symbol, currency, financialCurrency, exchange, timezone, session open (UTC hour, standard time)
    const cases: [string, string, string, string, string, number][] = [
      ['VOD.L', 'GBp', 'GBP', 'LSE', 'Europe/London', 8],
      ['ASML.AS', 'EUR', 'EUR', 'AMS', 'Europe/Amsterdam', 8],
      ['MC.PA', 'EUR', 'EUR', 'PAR', 'Europe/Paris', 8],
      ['SAP.DE', 'EUR', 'EUR', 'GER', 'Europe/Berlin', 8],
      ['ENI.MI', 'EUR', 'EUR', 'MIL', 'Europe/Rome', 8],
      ['SAN.MC', 'EUR', 'EUR', 'MCE', 'Europe/Madrid', 8],
      ['NESN.SW', 'CHF', 'CHF', 'EBS', 'Europe/Zurich', 8],
      ['7203.T', 'JPY', 'JPY', 'JPX', 'Asia/Tokyo', 0],
      ['RY.TO', 'CAD', 'CAD', 'TOR', 'America/Toronto', 14.5],
      ['0700.HK', 'HKD', 'HKD', 'HKG', 'Asia/Hong_Kong', 1.5],
      ['ZZTOP.L', 'GBp', 'GBP', 'LSE', 'Europe/London', 8],
      ['AAPL', 'USD', 'USD', 'NMS', 'America/New_York', 14.5],
      ['BRK-B', 'USD', 'USD', 'NYQ', 'America/New_York', 14.5],
      ['FOO.XX', 'USD', 'USD', 'NMS', 'America/New_York', 14.5], // not a Yahoo suffix
    ];
    for (const [symbol, currency, financialCurrency, exchange, timezone, openHour] of cases) {
      const m = marketModel(symbol, 0, ASOF);
      expect([m.currency, m.financialCurrency, m.exchange, m.venue.timezone], symbol).toEqual([currency, financialCurrency, exchange, timezone]);
      expect(quoteCurrencyOf(symbol.toLowerCase()), symbol).toBe(currency);
      expect(m.quoteType, symbol).toBe('EQUITY');
      expect(m.fundamentals, symbol).not.toBeNull();
      expect(m.bars).toHaveLength(TRADING_DAYS);
      expect(m.bars.every((b) => hourUtc(b.timestamp) === openHour), symbol).toBe(true);
      expect(m.bars.at(-1)?.date).toBe('2026-03-18');
    }
  });

  it('prices London in pence (hundreds to thousands) and Tokyo in thousands of yen; caps and accounts in the major unit', () => {
    const generated = (suffix: string) => Array.from({ length: 40 }, (_, i) => marketModel(`SIM${i}.${suffix}`, 0, ASOF));
    const london = generated('L');
    const tokyo = generated('T');
    const paris = generated('PA');
    expect(median(london.map((m) => m.price))).toBeGreaterThan(300);
    expect(Math.min(...london.map((m) => m.price))).toBeGreaterThan(50);
    expect(median(tokyo.map((m) => m.price))).toBeGreaterThan(1000);
    expect(tokyo.every((m) => closes(m).every((c) => Number.isInteger(c * 10)))).toBe(true); // yen: at most one decimal
    expect(median(paris.map((m) => m.price))).toBeLessThan(400);
    for (const m of [...london, ...tokyo, ...paris]) {
      const major = m.price / m.priceDivisor; // pounds for a GBp listing
      expect(m.priceDivisor).toBe(m.currency === 'GBp' ? 100 : 1);
      expect(Math.abs(m.sharesOutstanding * major - m.marketCap) / m.marketCap, m.symbol).toBeLessThan(1e-3);
      const f = m.fundamentals!;
      expect(Math.abs((f.bookValue * f.priceToBook) / major - 1), m.symbol).toBeLessThan(0.02);
      // EPS in the major unit, to its two decimals (in pence it would be 100 times larger).
      const pe = f.trailingPE;
      if (pe === undefined) expect(f.trailingEps, m.symbol).toBeLessThanOrEqual(0);
      else expect(Math.abs(f.trailingEps * pe - major), m.symbol).toBeLessThanOrEqual(0.005 * pe + major * 1e-5);
      // Targets are prices: in quote units, near the price.
      expect(f.targetMeanPrice / m.price, m.symbol).toBeGreaterThan(0.85);
      expect(f.targetMeanPrice / m.price, m.symbol).toBeLessThan(1.35);
    }
    // A USD market cap of 4e9..3.5e12 becomes yen: far larger numbers than in GBP.
    expect(median(tokyo.map((m) => m.marketCap))).toBeGreaterThan(100 * median(london.map((m) => m.marketCap)));
  });

  it('keeps the recorded exception: VWRL.L is an ETF quoted in GBP, not GBp', () => {
    const m = marketModel('VWRL.L', 0, ASOF);
    expect([m.quoteType, m.currency, m.priceDivisor, m.exchange]).toEqual(['ETF', 'GBP', 1, 'LSE']);
    expect(m.fundamentals).toBeNull();
    expect(m.price).toBeGreaterThan(2);
    expect(m.price).toBeLessThan(400);
  });

  it('makes XXX-USD a cryptocurrency: USD, no fundamentals, a bar every calendar day at 00:00 UTC, volume as value traded', () => {
    for (const seed of [0, 1, 2]) {
      const btc = marketModel('BTC-USD', seed, ASOF);
      expect([btc.quoteType, btc.currency, btc.financialCurrency, btc.exchange]).toEqual(['CRYPTOCURRENCY', 'USD', null, 'CCC']);
      expect(btc.fundamentals).toBeNull();
      expect(btc.etf).toBeNull();
      expect(btc.crypto?.coin).toBe('BTC');
      expect(btc.bars).toHaveLength(CRYPTO_DAYS);
      expect(btc.bars.map((b) => b.date)).toEqual(tradingDays(CRYPTO_DAYS, ASOF, true));
      expect(btc.bars.some((b) => [0, 6].includes(new Date(b.timestamp * 1000).getUTCDay()))).toBe(true);
      expect(btc.bars.every((b) => hourUtc(b.timestamp) === 0)).toBe(true);
      expect(btc.price).toBeGreaterThan(50_000);
      expect(btc.price).toBeLessThan(150_000);
      expect(btc.marketCap).toBe(Math.round(btc.price * (btc.crypto?.circulatingSupply ?? 0)));
      const turnover = (btc.bars.at(-1)?.volume ?? 0) / btc.marketCap;
      expect(turnover).toBeGreaterThan(0.005);
      expect(turnover).toBeLessThan(0.1);
    }
    expect(marketModel('ETH-USD', 0, ASOF).price).toBeLessThan(10_000);
    const doge = marketModel('DOGE-USD', 0, ASOF);
    expect(doge.price).toBeLessThan(1);
    expect(doge.price).toBeGreaterThan(0);
    expect(marketModel('BTC-EUR', 0, ASOF)).toMatchObject({ quoteType: 'CRYPTOCURRENCY', currency: 'EUR' });
  });

  it("makes XXXYYY=X an FX rate in YYY: today's rate fixed in every seed, a flat-ish year, no volume, weekdays only", () => {
    const today: Record<string, number> = { 'EURUSD=X': 1.08, 'GBPUSD=X': 1.27, 'JPYUSD=X': 0.0067, 'CHFUSD=X': 1.12, 'CADUSD=X': 0.73, 'HKDUSD=X': 0.128 };
    for (const seed of [0, 5]) {
      for (const [symbol, rate] of Object.entries(today)) {
        const m = marketModel(symbol, seed, ASOF);
        expect([m.quoteType, m.currency, m.financialCurrency, m.exchange, m.fx?.from], symbol).toEqual(['CURRENCY', 'USD', null, 'CCY', symbol.slice(0, 3)]);
        expect(m.price, symbol).toBe(rate);
        expect(m.fundamentals).toBeNull();
        expect(m.bars.map((b) => b.date)).toEqual(tradingDays(TRADING_DAYS, ASOF));
        expect(m.bars.every((b) => b.volume === 0 && hourUtc(b.timestamp) === 0)).toBe(true);
        expect(m.bars.every((b) => b.low <= Math.min(b.open, b.close) && b.high >= Math.max(b.open, b.close))).toBe(true);
        for (const c of closes(m)) expect(Math.abs(c / rate - 1), symbol).toBeLessThan(symbol === 'HKDUSD=X' ? 0.01 : 0.12);
      }
    }
    expect(marketModel('EURGBP=X', 0, ASOF)).toMatchObject({ currency: 'GBP', price: fxRate('EUR', 'GBP'), shortName: 'EUR/GBP' });
    expect(marketModel('JPY=X', 0, ASOF)).toMatchObject({ currency: 'JPY', shortName: 'USD/JPY', fx: { from: 'USD', to: 'JPY' } });
    // The history depends on the seed; today's rate does not.
    expect(closes(marketModel('EURUSD=X', 1, ASOF))).not.toEqual(closes(marketModel('EURUSD=X', 2, ASOF)));
  });

  it('keeps every FX pair consistent with the others on every day: XXXYYY = usd(XXX) / usd(YYY)', () => {
    const close = (symbol: string, seed: number) => closes(marketModel(symbol, seed, ASOF));
    const expectRatio = (pair: number[], numerator: number[], denominator: number[]) =>
      pair.forEach((value, i) => expect(Math.abs(value / ((numerator[i] as number) / (denominator[i] as number)) - 1)).toBeLessThan(3e-6));
    for (const seed of [0, 3]) {
      const usd = Array<number>(TRADING_DAYS).fill(1);
      expectRatio(close('EURGBP=X', seed), close('EURUSD=X', seed), close('GBPUSD=X', seed));
      expectRatio(close('CHFJPY=X', seed), close('CHFUSD=X', seed), close('JPYUSD=X', seed));
      expectRatio(close('JPY=X', seed), usd, close('JPYUSD=X', seed));
      expectRatio(close('USDCAD=X', seed), usd, close('CADUSD=X', seed));
      // A currency the table does not know still gets one value per day, shared by its pairs.
      expectRatio(close('XAAEUR=X', seed), close('XAAUSD=X', seed), close('EURUSD=X', seed));
    }
    expect(fxRate('GBP', 'EUR')).toBeCloseTo(1.27 / 1.08, 6);
  });
});
