// What the portfolio shares, prepared once per run: the holdings' quotes in as few requests as
// can be, with the FX rates of the currencies known beforehand riding in them.
import type { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import type { YahooPort } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import type { ManifestItem } from '../../lambdas/core/contracts.js';
import { marketContextSchema } from '../../lambdas/core/prefetch/market-context.js';
import type { DailyBar, PrefetchObject } from '../../lambdas/core/prefetch/market-data.js';
import { runKeys } from '../../lambdas/core/run-keys.js';
import { preparePortfolioContext } from '../../lambdas/prefetch/portfolio-context.js';
import { memoryStore } from '../support/memory-store.js';

type Json = Record<string, unknown>;

const BAR: DailyBar = { date: '2026-11-27T14:30:00.000Z', open: 1, high: 1, low: 1, close: 1, adjclose: 1, volume: 1 };
const RATES: Record<string, number> = { 'EURUSD=X': 1.1, 'GBPUSD=X': 1.25, 'CHFUSD=X': 1.2 };
const keys = runKeys('portfolio-context-test');
const quietLogger = { warn: () => {}, info: () => {} } as unknown as Logger;

/** Quotes in the listing's currency (`currencies`), FX quotes from RATES; `failing` quote requests reject. */
function fakePort(currencies: Record<string, string>, options: { failWhen?: (symbols: string[]) => boolean } = {}) {
  const quoteCalls: string[][] = [];
  const port: YahooPort = {
    annualStatements: () => Promise.reject(new Error('the portfolio context asks for no statements')),
    async quote(symbols) {
      quoteCalls.push([...symbols]);
      if (options.failWhen?.(symbols)) throw Object.assign(new Error('HTTP 500'), { name: 'HTTPError', code: 500 });
      return symbols.flatMap((symbol): Json[] => {
        if (symbol.endsWith('=X')) return RATES[symbol] ? [{ symbol, quoteType: 'CURRENCY', regularMarketPrice: RATES[symbol] }] : [];
        return [{ symbol, quoteType: 'EQUITY', currency: currencies[symbol] ?? 'USD', regularMarketPrice: 100 }];
      });
    },
    quoteSummary: () => Promise.reject(new Error('not asked here')),
    dailyBars: async () => [BAR],
  };
  return { port, quoteCalls };
}

const cachedObject = (ticker: string, currency: string): PrefetchObject => ({
  ticker,
  yahoo_finance: { symbol: ticker, quote: { symbol: ticker, currency, regularMarketPrice: 50 }, summary: {}, summaryErrors: {}, bars: [BAR] },
  failed: false,
  fetched_at: '2026-11-29T11:50:00.000Z',
  fetch_duration_seconds: 0.5,
  source: 'cache',
});

async function prepare(manifest: ManifestItem[], port: YahooPort, cached = new Map<string, PrefetchObject>()) {
  const store = memoryStore();
  const result = await preparePortfolioContext({
    port,
    store,
    keys,
    manifest,
    cached,
    concurrency: 2,
    baseCurrency: 'USD',
    benchmark: { symbol: 'SPY', bars: [BAR], error: null, fetchedAt: new Date('2026-11-29T12:00:00Z') },
    logger: quietLogger,
  });
  return { ...result, context: marketContextSchema.parse(store.json(keys.marketContext)) };
}

const item = (ticker: string, index: number, currency?: string): ManifestItem => ({ ticker, index, shares: 10, ...(currency ? { currency } : {}) });

describe('preparePortfolioContext: FX rates riding in the holdings’ quote request', () => {
  it('the rates of the declared currencies ride along: one quote request in all', async () => {
    const { port, quoteCalls } = fakePort({ 'SAP.DE': 'EUR', 'VOD.L': 'GBp' });
    const { context, quotes } = await prepare([item('SAP.DE', 0, 'EUR'), item('VOD.L', 1, 'GBp'), item('AAPL', 2)], port);
    expect(quoteCalls).toEqual([['SAP.DE', 'VOD.L', 'AAPL', 'EURUSD=X', 'GBPUSD=X']]);
    expect(context).toMatchObject({ fx_rates: { EUR: 1.1, GBP: 1.25 }, fx_missing: [] });
    // The FX quotes are not holdings' quotes.
    expect([...quotes.keys()]).toEqual(['SAP.DE', 'VOD.L', 'AAPL']);
  });

  it('a cached holding’s currency is known beforehand too: its rate rides along', async () => {
    const { port, quoteCalls } = fakePort({});
    const cached = new Map([['NESN.SW', cachedObject('NESN.SW', 'CHF')]]);
    const { context, manifest } = await prepare([item('AAPL', 0), item('NESN.SW', 1)], port, cached);
    expect(quoteCalls).toEqual([['AAPL', 'CHFUSD=X']]);
    expect(context.fx_rates).toEqual({ CHF: 1.2 });
    // 10 x 100 USD and 10 x 50 CHF x 1.2.
    expect(manifest.map((m) => m.weight)).toEqual([expect.closeTo(1000 / 1600, 12), expect.closeTo(600 / 1600, 12)]);
  });

  it('a currency first seen in a quote gets one request of its own', async () => {
    const { port, quoteCalls } = fakePort({ 'SAP.DE': 'EUR' });
    const { context } = await prepare([item('SAP.DE', 0), item('AAPL', 1)], port);
    expect(quoteCalls).toEqual([['SAP.DE', 'AAPL'], ['EURUSD=X']]);
    expect(context.fx_rates).toEqual({ EUR: 1.1 });
  });

  it('a rate the failed batch did not bring is asked again on its own', async () => {
    const { port, quoteCalls } = fakePort({}, { failWhen: (symbols) => symbols.includes('AAPL') });
    const { context } = await prepare([item('AAPL', 0, 'EUR')], port);
    expect(quoteCalls).toEqual([['AAPL', 'EURUSD=X'], ['EURUSD=X']]);
    expect(context).toMatchObject({ fx_rates: { EUR: 1.1 }, fx_missing: [] });
  });

  it('with every holding cached there is no batch to ride: the rates have their own request', async () => {
    const { port, quoteCalls } = fakePort({});
    const cached = new Map([['NESN.SW', cachedObject('NESN.SW', 'CHF')]]);
    const { context } = await prepare([item('NESN.SW', 0)], port, cached);
    expect(quoteCalls).toEqual([['CHFUSD=X']]);
    expect(context.fx_rates).toEqual({ CHF: 1.2 });
  });
});
