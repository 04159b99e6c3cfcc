// An ETF (or a coin, or a currency) is read from its batched quote alone: no quoteSummary. The
// evidence, on Yahoo's REAL recorded answers: the crew's result from the quote alone equals its
// result with the BASE_MODULES quoteSummary (price, summaryDetail, defaultKeyStatistics,
// quoteType), figure for figure, except where the street view takes its current price (the quote's,
// which is also the position's price, instead of the price module's).
import { beforeAll, describe, expect, it } from 'vitest';
import { resetYahooSession } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import type { YahooPort } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import { BASE_MODULES, fetchYahooTicker, quoteSuffices } from '../../lambdas/adapters/yahoo/yahoo-ticker-fetch.js';
import { analyseTicker, type CrewAnalysis } from '../../lambdas/core/analysis/crew-analysis.js';
import type { MarketContext } from '../../lambdas/core/prefetch/market-context.js';
import type { DailyBar, YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';
import { createReplayFetch, recordedModules, yahoo2025Recordings, yahoo2026Recordings, type ReplayFetch } from './replay-fetch.js';
import { portOver, recordedWindow } from './ticker-data.js';

type Json = Record<string, unknown>;

// No year of bars is recorded for these listings: each gets MSFT's recorded year (as in
// crew-recorded.test.ts), so that the technical and risk analysts have data to agree on.
const MSFT_YEAR = 'yahoo/historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json';
const NOW = new Date('2022-02-01T00:00:00Z');

let year: DailyBar[] = [];
let context: MarketContext;

beforeAll(async () => {
  await resetYahooSession();
  const replay = createReplayFetch(yahoo2025Recordings());
  const window = recordedWindow(MSFT_YEAR);
  year = await portOver(replay).dailyBars('MSFT', window.from, window.to);
  expect(year.length).toBeGreaterThan(200);
  context = { base_currency: 'USD', fx_rates: { GBP: 1.27 }, fx_missing: [], benchmark: { symbol: 'MSFT', bars: year }, benchmark_error: null, fetched_at: NOW.toISOString() };
});

/** The replay port, with the recorded year of bars for any symbol (charts are not the point here). */
const withYear = (port: YahooPort): YahooPort => ({ ...port, dailyBars: async () => year });

const analyse = (data: YahooTickerData): CrewAnalysis =>
  analyseTicker({
    holding: { ticker: data.symbol, index: 0, shares: 10, costBasis: 100, weight: 0.2 },
    data,
    context,
    baseCurrency: 'USD',
    benchmarkSymbol: 'MSFT',
    now: NOW,
  });

const quoteSummaryRequests = (replay: ReplayFetch) => replay.requested.filter((url) => url.includes('/quoteSummary/'));

/** The crew's result from the quote alone (as the prefetch now fetches it) and with the BASE_MODULES. */
async function bothWays(replay: ReplayFetch, symbol: string, baseModules: () => Promise<Json>) {
  const port = withYear(portOver(replay));
  const [quote] = await port.quote([symbol]);
  expect(quote, `${symbol}: a recorded quote`).toBeDefined();
  const before = quoteSummaryRequests(replay).length;
  const fetched = await fetchYahooTicker(port, symbol, quote!, NOW);
  // The point of it all: not one quoteSummary request for this listing.
  expect(quoteSummaryRequests(replay).length).toBe(before);
  if (!fetched.ok) throw new Error(`${symbol}: ${fetched.error}`);
  const lean = fetched.data;
  const full: YahooTickerData = { ...lean, summary: await baseModules() };
  expect(Object.keys(full.summary).length).toBeGreaterThan(0);
  expect(replay.unmatched).toEqual([]);
  return { quote: quote!, lean: analyse(lean), full: analyse(full), fullData: full };
}

/** Every figure, with the street view's current price set aside (compared on its own). */
const withoutCurrentPrice = (analysis: CrewAnalysis) => ({
  ...analysis,
  street_view: { ...analysis.street_view!, currentPrice: null, currentPriceSource: null },
});

function expectSameAnalysis(lean: CrewAnalysis, full: CrewAnalysis, quote: Json, fullData: YahooTickerData) {
  expect(lean.status).toBe('ok');
  expect(withoutCurrentPrice(lean)).toEqual(withoutCurrentPrice(full));
  // What a reader sees, named: the same type, name, currency, grade, scores, findings and warnings.
  for (const key of ['asset_type', 'name', 'quote_currency', 'grade', 'recommendation', 'composite_score', 'position', 'warnings'] as const) {
    expect(lean[key], key).toEqual(full[key]);
  }
  // The street view (no analyst covers a fund) is not available either way; its current price is
  // the quote's, the very price the position is valued at.
  expect(lean.street_view).toMatchObject({ available: false, currentPrice: quote.regularMarketPrice, currentPriceSource: 'yahoo:quote.regularMarketPrice' });
  expect(lean.street_view!.currentPrice).toBe(lean.position.last_price);
  const priceModule = fullData.summary.price as Json;
  expect(full.street_view).toMatchObject({ currentPrice: priceModule.regularMarketPrice, currentPriceSource: 'yahoo:price.regularMarketPrice' });
}

describe('a non-company listing read from its quote alone (2025 recordings)', () => {
  it('QQQ: the same analysis as with its BASE_MODULES answers', async () => {
    await resetYahooSession();
    const replay = createReplayFetch(yahoo2025Recordings());
    const port = portOver(replay);
    // The 2025 recordings hold one module per answer.
    const modules = async () => Object.assign({}, ...(await Promise.all(BASE_MODULES.map((module) => port.quoteSummary('QQQ', [module]))))) as Json;
    const { quote, lean, full, fullData } = await bothWays(replay, 'QQQ', modules);
    expect(quote.quoteType).toBe('ETF');
    expect(lean.asset_type).toBe('ETF');
    expect(lean.fundamental_score).toBeNull();
    expect(lean.technical_score).not.toBeNull();
    expect(lean.risk_score).not.toBeNull();
    expectSameAnalysis(lean, full, quote, fullData);
  });
});

describe('a non-company listing read from its quote alone (2026 recordings)', () => {
  it.each([
    ['QQQ', 'ETF'],
    ['BTC-USD', 'CRYPTOCURRENCY'],
    ['EURUSD=X', 'CURRENCY'],
  ])('%s (%s): the same analysis as with its BASE_MODULES answers', async (symbol, type) => {
    await resetYahooSession();
    const replay = createReplayFetch(yahoo2026Recordings());
    const port = portOver(replay);
    const file = `yahoo-2026/quoteSummary-all-${symbol}.json`;
    // The 2026 recordings asked every module at once; the BASE_MODULES are taken from that answer.
    const modules = async () => {
      const all = await port.quoteSummary(symbol, recordedModules(file));
      return Object.fromEntries(BASE_MODULES.filter((module) => module in all).map((module) => [module, all[module]])) as Json;
    };
    const { quote, lean, full, fullData } = await bothWays(replay, symbol, modules);
    expect(lean.asset_type).toBe(type);
    expectSameAnalysis(lean, full, quote, fullData);
  });

  it('VWRL.L, a London ETF quoted in GBP: its quote suffices, and its currency is the quote’s', async () => {
    await resetYahooSession();
    const replay = createReplayFetch(yahoo2026Recordings());
    const port = withYear(portOver(replay));
    const [quote] = await port.quote(['VWRL.L']);
    expect(quoteSuffices(quote!)).toBe(true);
    const fetched = await fetchYahooTicker(port, 'VWRL.L', quote!, NOW);
    expect(quoteSummaryRequests(replay)).toEqual([]);
    if (!fetched.ok) throw new Error(fetched.error);
    const result = analyse(fetched.data);
    expect(result).toMatchObject({ status: 'ok', asset_type: 'ETF', quote_currency: 'GBP' });
    expect(result.position.market_value).toBeCloseTo((quote!.regularMarketPrice as number) * 10 * 1.27, 6);
  });

  it('a company is still asked its quoteSummary (AAPL)', async () => {
    await resetYahooSession();
    const replay = createReplayFetch(yahoo2026Recordings());
    const [quote] = await portOver(replay).quote(['AAPL']);
    expect(quote!.quoteType).toBe('EQUITY');
    expect(quoteSuffices(quote!)).toBe(false);
  });
});
