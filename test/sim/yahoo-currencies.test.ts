// Listings outside USD through yahoo-finance2 (createYahooFinance) against the simulator: a
// London share in pence, Amsterdam in EUR, Tokyo in JPY, a coin and FX rates. Every answer
// passes the library's schema validation (it throws FailedYahooValidationError otherwise); the
// crypto and FX shapes mirror the recorded 2026 answers (yahoo-2026/*BTC-USD*, *EURUSD=X*).
import { afterEach, describe, expect, it } from 'vitest';
import { createYahooFinance } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { startYahooSimulator, type SimulatorOptions, type YahooSimulator } from '../../sim/yahoo-simulator.js';
import { COMPANY_ONLY_MODULES, SUMMARY_MODULES } from './tickers.js';

const open: YahooSimulator[] = [];
async function simulator(options: SimulatorOptions = {}): Promise<YahooSimulator> {
  const sim = await startYahooSimulator({ latencyMs: 0, ...options });
  open.push(sim);
  return sim;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; code?: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { code?: unknown };
    return { name: e.name, message: e.message, code: e.code };
  }
  throw new Error('expected the call to fail');
}

const DAY_MS = 86_400_000;
const yearAgo = () => new Date(Date.now() - 365 * DAY_MS);
const utcHour = (d: Date) => d.getUTCHours() + d.getUTCMinutes() / 60;

// symbol, currency, financialCurrency, exchange, fullExchangeName, timezone, session open (UTC hour)
const LISTINGS = [
  ['VOD.L', 'GBp', 'GBP', 'LSE', 'LSE', 'Europe/London', 8],
  ['ASML.AS', 'EUR', 'EUR', 'AMS', 'Amsterdam', 'Europe/Amsterdam', 8],
  ['7203.T', 'JPY', 'JPY', 'JPX', 'Tokyo', 'Asia/Tokyo', 0],
] as const;

/** Rates today in every seed, and the band a plausible year stays in. */
const RATES = {
  'EURUSD=X': { today: 1.08, band: [0.95, 1.22] },
  'GBPUSD=X': { today: 1.27, band: [1.12, 1.42] },
  'JPYUSD=X': { today: 0.0067, band: [0.0058, 0.0077] },
  'CHFUSD=X': { today: 1.12, band: [0.98, 1.26] },
  'CADUSD=X': { today: 0.73, band: [0.64, 0.82] },
  'HKDUSD=X': { today: 0.128, band: [0.127, 0.129] },
} as const;

describe('yahoo-finance2 against the simulator: currencies', () => {
  it.each(LISTINGS)('%s: quote, quoteSummary and chart in %s, accounts in %s, on %s', async (symbol, currency, financialCurrency, exchange, fullExchangeName, timezone, openHour) => {
    const sim = await simulator();
    const yf = createYahooFinance({ endpoint: sim.url });
    const [quote] = await yf.quote([symbol]);
    expect(quote).toMatchObject({ symbol, quoteType: 'EQUITY', currency, financialCurrency, exchange, fullExchangeName, exchangeTimezoneName: timezone });
    const price = quote!.regularMarketPrice!;
    // The market cap is in the major unit: pounds for a share quoted in pence.
    const perMajor = currency === 'GBp' ? 100 : 1;
    expect(Math.abs((quote!.sharesOutstanding! * price) / perMajor / quote!.marketCap! - 1)).toBeLessThan(1e-3);

    const summary = await yf.quoteSummary(symbol, { modules: [...SUMMARY_MODULES] });
    expect(Object.keys(summary).sort()).toEqual([...SUMMARY_MODULES].sort());
    expect(summary.price).toMatchObject({ currency, exchange, exchangeName: fullExchangeName, regularMarketPrice: price, quoteType: 'EQUITY' });
    expect(summary.summaryDetail?.currency).toBe(currency);
    expect(summary.financialData).toMatchObject({ financialCurrency, currentPrice: price });
    expect(summary.earnings?.financialCurrency).toBe(financialCurrency);
    expect(summary.quoteType?.timeZoneFullName).toBe(timezone);
    // Analysts' targets are prices, in the quote currency like the price.
    expect(summary.financialData!.targetMeanPrice! / price).toBeGreaterThan(0.85);
    expect(summary.financialData!.targetMeanPrice! / price).toBeLessThan(1.35);

    const chart = await yf.chart(symbol, { period1: yearAgo() });
    expect(chart.meta).toMatchObject({ currency, symbol, exchangeName: exchange, fullExchangeName, instrumentType: 'EQUITY', exchangeTimezoneName: timezone });
    expect(chart.quotes.length).toBeGreaterThanOrEqual(250);
    expect(chart.quotes.every((q) => utcHour(q.date) === openHour)).toBe(true);
    expect(chart.quotes.at(-1)?.close).toBe(price);
  });

  it('prices VOD.L in pence, ASML.AS in euros and 7203.T in thousands of yen', async () => {
    const sim = await simulator();
    const yf = createYahooFinance({ endpoint: sim.url });
    const [vod, asml, toyota] = await yf.quote(['VOD.L', 'ASML.AS', '7203.T']);
    const year = async (symbol: string) => (await yf.chart(symbol, { period1: yearAgo() })).quotes.map((q) => q.close!);
    // Pence: a 0.78 GBP share is 78 GBp (Vodafone's anchored level). Every close of the year is in pence, not pounds.
    expect(vod!.regularMarketPrice).toBeGreaterThan(40);
    expect(Math.min(...(await year('VOD.L')))).toBeGreaterThan(30);
    expect(Math.max(...(await year('VOD.L')))).toBeLessThan(20_000);
    expect(asml!.regularMarketPrice).toBeLessThan(1_000);
    expect(Math.min(...(await year('7203.T')))).toBeGreaterThan(300);
    expect(toyota!.regularMarketPrice).toBeGreaterThan(1_000);
  });

  it('answers BTC-USD as a cryptocurrency in USD with the modules Yahoo has for it, trading every day', async () => {
    const sim = await simulator();
    const yf = createYahooFinance({ endpoint: sim.url });
    const [btc] = await yf.quote(['BTC-USD']);
    expect(btc).toMatchObject({ symbol: 'BTC-USD', quoteType: 'CRYPTOCURRENCY', currency: 'USD', exchange: 'CCC', fromCurrency: 'BTC', toCurrency: 'USD=X', shortName: 'Bitcoin USD' });
    expect(btc).not.toHaveProperty('financialCurrency');
    expect(btc).not.toHaveProperty('epsTrailingTwelveMonths');
    const price = btc!.regularMarketPrice!;
    expect(price).toBeGreaterThan(50_000);
    expect(price).toBeLessThan(150_000);
    // Yahoo gives a coin's volume as the value traded: billions of dollars, a few % of the cap a day.
    const volume = btc!.regularMarketVolume!;
    expect(volume).toBeGreaterThan(1e9);
    expect(volume / btc!.marketCap!).toBeGreaterThan(0.005);
    expect(volume / btc!.marketCap!).toBeLessThan(0.1);
    expect(btc!.marketCap! / price).toBeCloseTo(btc!.circulatingSupply!, -3);

    // All modules asked: the five of the recorded answer (quoteSummary-all-BTC-USD.json).
    const summary = await yf.quoteSummary('BTC-USD', { modules: [...SUMMARY_MODULES] });
    expect(Object.keys(summary).sort()).toEqual(['assetProfile', 'price', 'quoteType', 'summaryDetail', 'summaryProfile']);
    expect(summary.price).toMatchObject({ quoteType: 'CRYPTOCURRENCY', currency: 'USD', fromCurrency: 'BTC', regularMarketPrice: price });
    expect(summary.summaryDetail).toMatchObject({ currency: 'USD', fromCurrency: 'BTC', toCurrency: 'USD=X', marketCap: btc!.marketCap });
    expect(summary.quoteType).toMatchObject({ quoteType: 'CRYPTOCURRENCY', timeZoneFullName: 'UTC' });
    expect(summary.assetProfile?.companyOfficers).toEqual([]);

    const chart = await yf.chart('BTC-USD', { period1: new Date(Date.now() - 14 * DAY_MS) });
    expect(chart.meta).toMatchObject({ currency: 'USD', instrumentType: 'CRYPTOCURRENCY', exchangeName: 'CCC', exchangeTimezoneName: 'UTC' });
    const days = chart.quotes.map((q) => q.date.getTime());
    expect(chart.quotes.length).toBeGreaterThanOrEqual(13); // every calendar day, weekends included
    expect(days.slice(1).every((t, i) => t - (days[i] as number) === DAY_MS)).toBe(true);
    expect(chart.quotes.every((q) => utcHour(q.date) === 0 && q.volume! > 1e9)).toBe(true);
  });

  it('fails a company-only module for BTC-USD exactly as for an ETF (QQQ) and as real Yahoo does', async () => {
    const sim = await simulator();
    const yf = createYahooFinance({ endpoint: sim.url });
    for (const module of [...COMPANY_ONLY_MODULES, 'defaultKeyStatistics'] as const) {
      const recorded = JSON.stringify({ quoteSummary: { result: null, error: { code: 'Not Found', description: `No fundamentals data found for any of the summaryTypes=${module}` } } });
      const replay = createYahooFinance({
        endpoint: sim.url,
        fetchImpl: (input, init) =>
          String(input).includes('/v10/finance/quoteSummary/')
            ? Promise.resolve(new Response(recorded, { status: 404, statusText: 'Not Found', headers: { 'content-type': 'application/json;charset=utf-8' } }))
            : fetch(input, init),
      });
      const real = await failure(replay.quoteSummary('BTC-USD', { modules: [module] }));
      const coin = await failure(yf.quoteSummary('BTC-USD', { modules: [module] }));
      expect(coin, module).toEqual(real);
      if (module !== 'defaultKeyStatistics') expect(coin, module).toEqual(await failure(yf.quoteSummary('QQQ', { modules: [module] })));
    }
  });

  it('answers FX pairs as CURRENCY in the quote currency, at plausible rates, with only the recorded modules', async () => {
    const sim = await simulator();
    const yf = createYahooFinance({ endpoint: sim.url });
    const symbols = Object.keys(RATES) as (keyof typeof RATES)[];
    const quotes = await yf.quote([...symbols, 'EURGBP=X', 'JPY=X']);
    expect(quotes.map((q) => q.symbol)).toEqual([...symbols, 'EURGBP=X', 'JPY=X']);
    for (const q of quotes.slice(0, symbols.length)) {
      const { today } = RATES[q.symbol as keyof typeof RATES];
      expect(q).toMatchObject({ quoteType: 'CURRENCY', currency: 'USD', exchange: 'CCY', regularMarketVolume: 0, shortName: `${q.symbol.slice(0, 3)}/USD` });
      expect(q.regularMarketPrice, q.symbol).toBe(today);
      expect(q).not.toHaveProperty('marketCap');
    }
    const rate = (symbol: string) => quotes.find((q) => q.symbol === symbol)!.regularMarketPrice!;
    expect(quotes.at(-2)).toMatchObject({ currency: 'GBP', shortName: 'EUR/GBP' });
    expect(rate('EURGBP=X')).toBeCloseTo(rate('EURUSD=X') / rate('GBPUSD=X'), 6);
    expect(quotes.at(-1)).toMatchObject({ currency: 'JPY', shortName: 'USD/JPY' });
    expect(rate('JPY=X') * rate('JPYUSD=X')).toBeCloseTo(1, 5);

    // All modules asked: the three of the recorded answer (quoteSummary-all-EURUSD=X.json).
    for (const symbol of ['EURUSD=X', 'GBPUSD=X']) {
      const summary = await yf.quoteSummary(symbol, { modules: [...SUMMARY_MODULES] });
      expect(Object.keys(summary).sort(), symbol).toEqual(['price', 'quoteType', 'summaryDetail']);
      expect(summary.price).toMatchObject({ quoteType: 'CURRENCY', currency: 'USD', regularMarketPrice: rate(symbol), priceHint: 4 });
      expect(summary.summaryDetail).toMatchObject({ currency: 'USD', volume: 0, averageVolume: 0 });
      expect(await failure(yf.quoteSummary(symbol, { modules: ['financialData'] }))).toMatchObject({ message: 'No fundamentals data found for any of the summaryTypes=financialData' });
    }
  });

  it.each(['EURUSD=X', 'GBPUSD=X'] as const)('charts %s as a flat-ish year around the rate, weekdays only, no volume', async (symbol) => {
    const sim = await simulator();
    const yf = createYahooFinance({ endpoint: sim.url });
    const chart = await yf.chart(symbol, { period1: yearAgo() });
    expect(chart.meta).toMatchObject({ currency: 'USD', instrumentType: 'CURRENCY', exchangeName: 'CCY', regularMarketVolume: 0, regularMarketPrice: RATES[symbol].today });
    expect(chart.quotes.length).toBeGreaterThanOrEqual(250);
    const [lo, hi] = RATES[symbol].band;
    for (const q of chart.quotes) {
      expect(q.volume).toBe(0);
      expect(q.low!).toBeGreaterThanOrEqual(lo);
      expect(q.high!).toBeLessThanOrEqual(hi);
      expect([0, 6]).not.toContain(q.date.getUTCDay());
    }
    expect(chart.quotes.at(-1)?.close).toBe(RATES[symbol].today);
  });

  it('is deterministic: two simulators give the same currency answers; another seed keeps the rate but not the history', async () => {
    const symbols = ['VOD.L', 'ASML.AS', '7203.T', 'BTC-USD', 'EURUSD=X', 'GBPUSD=X'];
    const answers = async (seed: number) => {
      const sim = await simulator({ seed });
      const yf = createYahooFinance({ endpoint: sim.url });
      const quotes = await yf.quote(symbols);
      const charts = await Promise.all(symbols.map((s) => yf.chart(s, { period1: yearAgo(), period2: new Date(Date.now() + DAY_MS) })));
      return { quotes, closes: charts.map((c) => c.quotes.map((q) => q.close)) };
    };
    const first = await answers(0);
    expect(JSON.stringify(await answers(0))).toBe(JSON.stringify(first));
    const other = await answers(1);
    const price = (a: typeof first, symbol: string) => a.quotes.find((q) => q.symbol === symbol)?.regularMarketPrice;
    expect(price(other, 'EURUSD=X')).toBe(price(first, 'EURUSD=X'));
    expect(price(other, 'GBPUSD=X')).toBe(price(first, 'GBPUSD=X'));
    expect(other.closes[4]).not.toEqual(first.closes[4]);
    expect(price(other, 'VOD.L')).not.toBe(price(first, 'VOD.L'));
  });

  it('answers a portfolio mixing all of them in one quote request, each valued in USD with the rates of the same answer', async () => {
    const sim = await simulator();
    const yf = createYahooFinance({ endpoint: sim.url });
    const portfolio = ['AAPL', 'VOD.L', 'ASML.AS', '7203.T', 'QQQ', 'BTC-USD', 'EURUSD=X', 'GBPUSD=X', 'JPYUSD=X'];
    const quotes = await yf.quote(portfolio);
    expect(quotes.map((q) => [q.symbol, q.quoteType, q.currency])).toEqual([
      ['AAPL', 'EQUITY', 'USD'],
      ['VOD.L', 'EQUITY', 'GBp'],
      ['ASML.AS', 'EQUITY', 'EUR'],
      ['7203.T', 'EQUITY', 'JPY'],
      ['QQQ', 'ETF', 'USD'],
      ['BTC-USD', 'CRYPTOCURRENCY', 'USD'],
      ['EURUSD=X', 'CURRENCY', 'USD'],
      ['GBPUSD=X', 'CURRENCY', 'USD'],
      ['JPYUSD=X', 'CURRENCY', 'USD'],
    ]);
    expect(sim.stats().byEndpoint.quote).toBe(1);
    const usdPer = (currency: string) => {
      if (currency === 'USD') return 1;
      if (currency === 'GBp') return quotes.find((q) => q.symbol === 'GBPUSD=X')!.regularMarketPrice! / 100;
      return quotes.find((q) => q.symbol === `${currency}USD=X`)!.regularMarketPrice!;
    };
    const inUsd = Object.fromEntries(quotes.filter((q) => q.quoteType !== 'CURRENCY').map((q) => [q.symbol, q.regularMarketPrice! * usdPer(q.currency!)]));
    // One share in USD: London pence and Tokyo yen land in the same range as a US share.
    for (const symbol of ['AAPL', 'VOD.L', 'ASML.AS', '7203.T', 'QQQ']) {
      expect(inUsd[symbol], symbol).toBeGreaterThan(0.5);
      expect(inUsd[symbol], symbol).toBeLessThan(2_000);
    }
    expect(inUsd['VOD.L']).toBeCloseTo((quotes[1]!.regularMarketPrice! / 100) * 1.27, 6);
    expect(inUsd['7203.T']).toBeCloseTo(quotes[3]!.regularMarketPrice! * 0.0067, 6);
    expect(inUsd['BTC-USD']).toBeGreaterThan(50_000);
  });
});
