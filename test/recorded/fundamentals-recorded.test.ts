// The fundamental analyst, the street view and the asset type on REAL recorded Yahoo answers
// (../shared/fixtures/yahoo and yahoo-2026), fetched through yahoo-finance2 + yahooPort over the
// replay fetch, exactly as the prefetch gets them. Expected values are read straight from the
// recorded JSON files, never from the product's code.
import { beforeAll, describe, expect, it } from 'vitest';
import { resetYahooSession } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import type { YahooPort } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import { assetType } from '../../lambdas/core/analysis/analysts/asset-type.js';
import { analystReportSchema, type Finding } from '../../lambdas/core/analysis/analysts/finding.js';
import { analyseFundamentals } from '../../lambdas/core/analysis/analysts/fundamental-analyst.js';
import { streetView, streetViewSchema } from '../../lambdas/core/analysis/analysts/street-view.js';
import type { YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';
import { createReplayFetch, readRecordedFile, recordedModules, recordedSummary, yahoo2025Recordings, yahoo2026Recordings } from './replay-fetch.js';
import { portOver, RECORDED_MODULES, recordedTickerData } from './ticker-data.js';

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// The recordings, read directly.

const recorded = readRecordedFile;


const recordedQuote = (file: string, symbol: string): Json =>
  (recorded(file).response.bodyJson as { quoteResponse: { result: Json[] } }).quoteResponse.result.find((q) => q.symbol === symbol)!;


const get = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Json)[key] : undefined), value);

/** The 2025 recorded raw value behind a finding's source (`yahoo:summaryDetail.trailingPE`). */
function recorded2025(symbol: string, source: string): unknown {
  const path = source.replace(/^yahoo:/, '');
  const [owner] = path.split('.') as [string];
  if (owner === 'quote') return get(recordedQuote(`yahoo/quote-${symbol}.json`, symbol), path.slice('quote.'.length));
  return get(recordedSummary(`yahoo/quoteSummary-${owner}-${symbol}.json`), path);
}

const MODULES = RECORDED_MODULES;
const clientOver = portOver;
const tickerData = (port: YahooPort, symbol: string) => recordedTickerData(port, symbol);

const replay2025 = createReplayFetch(yahoo2025Recordings());
const port2025 = clientOver(replay2025);
const data2025 = new Map<string, YahooTickerData>();

beforeAll(async () => {
  await resetYahooSession(); // the cookie and crumb exchange runs through the replay
  for (const symbol of ['AAPL', 'AMZN', 'QQQ']) data2025.set(symbol, await tickerData(port2025, symbol));
  expect(replay2025.unmatched).toEqual([]);
});

const data = (symbol: string): YahooTickerData => data2025.get(symbol)!;

const byMetric = (details: Finding[]) => Object.fromEntries(details.map((f) => [f.metric, f]));

// ---------------------------------------------------------------------------------------------

describe.each(['AAPL', 'AMZN'])('%s (2025 recordings): fundamentals', (symbol) => {
  it('is an EQUITY with every company module', () => {
    expect(assetType(data(symbol))).toBe('EQUITY');
    expect(data(symbol).summaryErrors).toEqual({});
    expect(Object.keys(data(symbol).summary).sort()).toEqual([...MODULES].sort());
  });

  it("the trailing P/E finding is the recorded summaryDetail.trailingPE, read from the file", () => {
    const raw = get(recordedSummary(`yahoo/quoteSummary-summaryDetail-${symbol}.json`), 'summaryDetail.trailingPE');
    expect(typeof raw).toBe('number');
    const pe = byMetric(analyseFundamentals(data(symbol)).details).trailingPE!;
    expect(pe.value).toBe(raw);
    expect(pe.source).toBe('yahoo:summaryDetail.trailingPE');
  });

  it("every finding's value equals the recorded raw value at its source", () => {
    const report = analyseFundamentals(data(symbol));
    const withValue = report.details.filter((f) => f.value !== null);
    // Every metric but PEG: Yahoo's 2025 defaultKeyStatistics no longer carries pegRatio.
    expect(withValue.map((f) => f.metric)).toEqual(report.details.map((f) => f.metric).filter((m) => m !== 'pegRatio'));
    for (const f of withValue) {
      const raw = recorded2025(symbol, f.source);
      expect(typeof raw, f.source).toBe('number');
      expect(f.value, f.source).toBe(raw);
    }
    const peg = byMetric(report.details).pegRatio!;
    expect(peg).toMatchObject({ value: null, signal: 'no data' });
    expect(get(recordedSummary(`yahoo/quoteSummary-defaultKeyStatistics-${symbol}.json`), 'defaultKeyStatistics.pegRatio')).toBeUndefined();
  });

  it('the debt/equity finding is the recorded percent figure, not a ratio', () => {
    const raw = get(recordedSummary(`yahoo/quoteSummary-financialData-${symbol}.json`), 'financialData.debtToEquity') as number;
    const de = byMetric(analyseFundamentals(data(symbol)).details).debtToEquity!;
    expect(de.value).toBe(raw);
    expect(raw).toBeGreaterThan(10); // percent: AAPL 145, AMZN 54.342
  });

  it('gives a score in 0..1, no warning, and a report its schema accepts', () => {
    const report = analyseFundamentals(data(symbol));
    expect(report.score).not.toBeNull();
    expect(report.score!).toBeGreaterThanOrEqual(0);
    expect(report.score!).toBeLessThanOrEqual(1);
    expect(report.warnings).toEqual([]);
    expect(analystReportSchema.parse(report)).toEqual(report);
  });
});

describe('AAPL and AMZN (2025 recordings): signals and scores against their sectors and the thresholds', () => {
  it('AAPL (Technology): dear against its sector on most multiples, very profitable, modest growth, tight liquidity', () => {
    const report = analyseFundamentals(data('AAPL'));
    const signals = Object.fromEntries(report.details.map((f) => [f.metric, f.signal]));
    expect(signals).toEqual({
      // Against the Technology row of the sector table (no run medians here): dear above 1.25x.
      trailingPE: 'negative', // 38.91442 / 30 = 1.30x
      forwardPE: 'neutral', // 29.548735 / 25 = 1.18x
      pegRatio: 'no data',
      priceToBook: 'negative', // 55.328976 / 7 = 7.9x
      priceToSales: 'negative', // 9.320489 / 6 = 1.55x
      enterpriseToEbitda: 'negative', // 27.169 / 20 = 1.36x
      returnOnEquity: 'positive', // 1.3652 / 0.25 = 5.5x
      profitMargins: 'neutral', // 0.24295 / 0.20 = 1.21x
      operatingMargins: 'positive', // 0.34459 / 0.25 = 1.38x
      revenueGrowth: 'neutral', // 0.04
      earningsGrowth: 'positive', // 0.101
      debtToEquity: 'neutral', // 145 % = 1.45x
      currentRatio: 'negative', // 0.923
      freeCashflow: 'positive',
    });
    // valuation 0.5/5 = 0.1, profitability 2.5/3, growth 0.75, health 0.5 -> 0.5458
    expect(report.score).toBe(0.546);
  });

  it('AMZN', () => {
    const report = analyseFundamentals(data('AMZN'));
    const signals = Object.fromEntries(report.details.map((f) => [f.metric, f.signal]));
    expect(signals).toMatchObject({
      // Against the Consumer Cyclical row of the sector table.
      trailingPE: 'negative', // 39.235508 / 22 = 1.78x
      priceToSales: 'negative', // 3.5978012 / 1.5 = 2.4x
      enterpriseToEbitda: 'negative', // 19.503 / 13 = 1.5x
      profitMargins: 'positive', // 0.09287 / 0.07 = 1.33x
      operatingMargins: 'neutral', // 0.11291 / 0.10 = 1.13x
      revenueGrowth: 'positive', // 0.105
      debtToEquity: 'positive', // 54.342 % = 0.54x
      currentRatio: 'neutral', // 1.064
    });
    // valuation 0/5 (every multiple dear against its sector), profitability 2.5/3, growth 1, health 2.5/3 -> 0.6667
    expect(report.score).toBe(0.667);
  });
});

describe.each(['AAPL', 'AMZN'])('%s (2025 recordings): street view', (symbol) => {
  const financial = () => get(recordedSummary(`yahoo/quoteSummary-financialData-${symbol}.json`), 'financialData') as Json;
  const trend = () =>
    (get(recordedSummary(`yahoo/quoteSummary-recommendationTrend-${symbol}.json`), 'recommendationTrend.trend') as Json[])[0]!;

  it('targets, analysts and recommendation equal the recorded financialData', () => {
    const view = streetView(data(symbol));
    const raw = financial();
    expect(typeof raw.targetMeanPrice).toBe('number');
    expect(view).toMatchObject({
      available: true,
      targetLowPrice: raw.targetLowPrice,
      targetMeanPrice: raw.targetMeanPrice,
      targetMedianPrice: raw.targetMedianPrice,
      targetHighPrice: raw.targetHighPrice,
      analystCount: raw.numberOfAnalystOpinions,
      recommendationMean: raw.recommendationMean,
      recommendationKey: raw.recommendationKey,
      currentPrice: raw.currentPrice,
      currentPriceSource: 'yahoo:financialData.currentPrice',
      currency: 'USD',
    });
    expect(view.upside).toBe((raw.targetMeanPrice as number) / (raw.currentPrice as number) - 1);
    expect(streetViewSchema.parse(view)).toEqual(view);
  });

  it("the trend is the recorded latest period's counts", () => {
    const view = streetView(data(symbol));
    const raw = trend();
    expect(raw.period).toBe('0m');
    expect(view.trend).toMatchObject({
      period: '0m',
      strongBuy: raw.strongBuy,
      buy: raw.buy,
      hold: raw.hold,
      sell: raw.sell,
      strongSell: raw.strongSell,
    });
  });

  it('the consensus from the counts agrees with the recorded recommendationKey', () => {
    const view = streetView(data(symbol));
    // AAPL: 7/21/14/2/2 -> mean 2.37 -> buy (key `buy`); AMZN: 18/47/4/0/0 -> mean 1.80 -> buy (key `strong_buy`, mean 1.38)
    expect(view.consensus).toBe('buy');
    expect(view.consensusSource).toBe('recommendationTrend');
  });
});

describe('QQQ (2025 recordings): an ETF whose company modules are real 404s', () => {
  it('the four company modules were 404s and are listed as errors', () => {
    for (const module of ['financialData', 'earnings', 'recommendationTrend', 'calendarEvents']) {
      expect(recorded(`yahoo/quoteSummary-${module}-QQQ.json`).response.status).toBe(404);
    }
    expect(Object.keys(data('QQQ').summaryErrors).sort()).toEqual(['calendarEvents', 'earnings', 'financialData', 'recommendationTrend']);
  });

  it('is an ETF', () => {
    expect(assetType(data('QQQ'))).toBe('ETF');
  });

  it('fundamental score null with the warning; the weight goes to the others', () => {
    const report = analyseFundamentals(data('QQQ'));
    expect(report).toEqual({
      score: null,
      details: [],
      warnings: ['No company fundamentals for an ETF: the fundamental weight is shared among the other analysts'],
    });
    expect(analystReportSchema.parse(report)).toEqual(report);
  });

  it('street view: not available, never throws', () => {
    const view = streetView(data('QQQ'));
    expect(view.available).toBe(false);
    expect(view.targetMeanPrice).toBeNull();
    expect(view.trend).toBeNull();
    expect(view.currentPrice).toBe(get(recordedSummary('yahoo/quoteSummary-price-QQQ.json'), 'price.regularMarketPrice'));
    expect(streetViewSchema.parse(view)).toEqual(view);
  });

  it('every partial view of its data is analysed without throwing', () => {
    const full = data('QQQ');
    const variants: YahooTickerData[] = [
      full,
      { ...full, quote: null },
      { ...full, quote: null, summary: {} },
      { ...full, summaryErrors: {} },
    ];
    for (const variant of variants) {
      expect(() => analyseFundamentals(variant)).not.toThrow();
      expect(() => streetView(variant)).not.toThrow();
    }
  });
});

describe('the 2026 recordings', () => {
  const replay = createReplayFetch(yahoo2026Recordings());
  const port = clientOver(replay);

  async function allModules(symbol: string, file: string): Promise<YahooTickerData> {
    const summary = await port.quoteSummary(symbol, recordedModules(file));
    expect(replay.served.at(-1)).toBe(file);
    return { symbol, quote: null, summary, summaryErrors: {}, bars: [] };
  }

  it('BMW.DE (many modules in one answer): every finding equals the recorded value, PEG included', async () => {
    const file = 'yahoo-2026/quoteSummary-other-BMW.DE.json';
    const bmw = await allModules('BMW.DE', file);
    const raw = recordedSummary(file);
    expect(assetType(bmw)).toBe('EQUITY');
    const report = analyseFundamentals(bmw);
    expect(report.details.every((f) => f.value !== null)).toBe(true); // all 14, pegRatio too
    for (const f of report.details) expect(f.value, f.source).toBe(get(raw, f.source.replace(/^yahoo:/, '')));
    const found = byMetric(report.details);
    expect(found.pegRatio).toMatchObject({ value: get(raw, 'defaultKeyStatistics.pegRatio'), signal: 'positive', source: 'yahoo:defaultKeyStatistics.pegRatio' });
    expect(found.trailingPE).toMatchObject({ value: get(raw, 'summaryDetail.trailingPE'), signal: 'positive' }); // 5.2281036
    expect(found.earningsGrowth).toMatchObject({ value: get(raw, 'financialData.earningsGrowth'), signal: 'negative' }); // -0.279
    expect(report.score!).toBeGreaterThanOrEqual(0);
    expect(report.score!).toBeLessThanOrEqual(1);
    expect(report.warnings).toEqual([]);
  });

  it('BMW.DE street view: recorded targets in EUR, the price below the lowest target', async () => {
    const file = 'yahoo-2026/quoteSummary-other-BMW.DE.json';
    const view = streetView(await allModules('BMW.DE', file));
    const raw = get(recordedSummary(file), 'financialData') as Json;
    expect(view).toMatchObject({
      available: true,
      currency: 'EUR',
      targetLowPrice: raw.targetLowPrice,
      targetMeanPrice: raw.targetMeanPrice,
      targetHighPrice: raw.targetHighPrice,
      analystCount: raw.numberOfAnalystOpinions,
      recommendationKey: 'hold',
    });
    expect(view.upside).toBe((raw.targetMeanPrice as number) / (raw.currentPrice as number) - 1);
    expect(view.currentPrice!).toBeLessThan(view.targetLowPrice!);
    expect(streetViewSchema.parse(view)).toEqual(view);
  });

  it.each([
    ['QQQ', 'ETF', 'an ETF'],
    ['BTC-USD', 'CRYPTOCURRENCY', 'a cryptocurrency'],
    ['EURUSD=X', 'CURRENCY', 'a currency'],
  ])('%s (all modules asked, Yahoo answers only what it has): %s, score null with the warning', async (symbol, type, name) => {
    const file = `yahoo-2026/quoteSummary-all-${symbol}.json`;
    const listing = await allModules(symbol, file);
    expect(listing.summary).not.toHaveProperty('financialData');
    expect(assetType(listing)).toBe(type);
    expect(analyseFundamentals(listing)).toEqual({
      score: null,
      details: [],
      warnings: [`No company fundamentals for ${name}: the fundamental weight is shared among the other analysts`],
    });
    expect(streetView(listing).available).toBe(false);
  });
});
