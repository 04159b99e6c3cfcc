import { describe, expect, it } from 'vitest';
import type { ManifestItem } from '../../lambdas/core/contracts.js';
import { analyseTicker, failedAnalysis, type CrewAnalysis } from '../../lambdas/core/analysis/crew-analysis.js';
import { crewResultSchema, type CrewResult } from '../../lambdas/core/analysis/crew-result.js';
import type { MarketContext } from '../../lambdas/core/prefetch/market-context.js';
import type { DailyBar, YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';
import { gradeOf, recommendationOf, testProvenance } from '../support/crew-result-builder.js';
import { nonFiniteNumberPaths, numberCount } from '../support/walk-numbers.js';

// ---------------------------------------------------------------------------------------------
// Synthetic data: a seeded random walk on weekdays, a benchmark on the same days.

const DAY = 86_400_000;
const HOUR = 3_600_000;

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` weekdays ending on 2025-03-07 (a Friday), at the 14:30 UTC open, oldest first. */
function weekdays(count: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(2025, 2, 7, 14, 30); days.length < count; t -= DAY) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(new Date(t).toISOString());
  }
  return days.reverse();
}

function walk(count: number, options: { seed?: number; start?: number; vol?: number; drift?: number } = {}): number[] {
  const random = seeded(options.seed ?? 1);
  const closes: number[] = [];
  let price = options.start ?? 100;
  for (let i = 0; i < count; i++) {
    closes.push(Math.round(price * 100) / 100);
    price *= Math.exp((options.drift ?? 0.0005) + (options.vol ?? 0.015) * (random() * 2 - 1) * Math.sqrt(3));
  }
  return closes;
}

function barsOf(closes: Array<number | null>, volume: (i: number) => number | null = (i) => 2_000_000 + 1000 * i): DailyBar[] {
  const days = weekdays(closes.length);
  return closes.map((close, i) => ({
    date: days[i]!,
    open: close,
    high: close === null ? null : close * 1.01,
    low: close === null ? null : close * 0.99,
    close,
    adjclose: close,
    volume: volume(i),
  }));
}

const LAST_BAR_AT = Date.parse(weekdays(1)[0]!);
/** The quote's market time: the close of the last bar's session. */
const QUOTE_AT = new Date(LAST_BAR_AT + 6.5 * HOUR);
/** A Saturday morning after that close: 12 hours later. */
const NOW = new Date(QUOTE_AT.getTime() + 12 * HOUR);

function equity(bars = barsOf(walk(260)), quote: Record<string, unknown> | null = {}): YahooTickerData {
  const price = 123.45;
  return {
    symbol: 'ACME',
    quote:
      quote === null
        ? null
        : { symbol: 'ACME', quoteType: 'EQUITY', longName: 'Acme Corporation', currency: 'USD', regularMarketPrice: price, regularMarketTime: QUOTE_AT, ...quote },
    summary: {
      price: { symbol: 'ACME', quoteType: 'EQUITY', currency: 'USD', regularMarketPrice: price },
      summaryDetail: { trailingPE: 22.4, forwardPE: 18.1, priceToSalesTrailing12Months: 4.2 },
      defaultKeyStatistics: { pegRatio: 1.5, priceToBook: 6.1, enterpriseToEbitda: 15.3, trailingEps: 5.5 },
      financialData: {
        currentPrice: price,
        targetLowPrice: 100,
        targetMeanPrice: 140,
        targetMedianPrice: 138,
        targetHighPrice: 180,
        recommendationMean: 2.1,
        recommendationKey: 'buy',
        numberOfAnalystOpinions: 31,
        returnOnEquity: 0.21,
        profitMargins: 0.15,
        operatingMargins: 0.2,
        revenueGrowth: 0.08,
        earningsGrowth: 0.1,
        debtToEquity: 80,
        currentRatio: 1.4,
        freeCashflow: 5e9,
      },
      recommendationTrend: { trend: [{ period: '0m', strongBuy: 6, buy: 12, hold: 9, sell: 1, strongSell: 0 }] },
    },
    summaryErrors: {},
    bars,
  };
}

function etf(bars = barsOf(walk(260, { seed: 7 }))): YahooTickerData {
  return {
    symbol: 'QQQ',
    quote: { symbol: 'QQQ', quoteType: 'ETF', longName: 'Invesco QQQ Trust', currency: 'USD', regularMarketPrice: 480.1, regularMarketTime: QUOTE_AT },
    summary: {
      price: { symbol: 'QQQ', quoteType: 'ETF', currency: 'USD', regularMarketPrice: 480.1 },
      summaryDetail: { trailingPE: 33.1 },
      defaultKeyStatistics: {},
      quoteType: { quoteType: 'ETF' },
    },
    summaryErrors: {
      financialData: 'not available for this asset type',
      recommendationTrend: 'not available for this asset type',
      earnings: 'not available for this asset type',
    },
    bars,
  };
}

const context = (overrides: Partial<MarketContext> = {}): MarketContext => ({
  base_currency: 'USD',
  fx_rates: { GBP: 1.25, EUR: 1.1 },
  fx_missing: [],
  benchmark: { symbol: 'SPY', bars: barsOf(walk(260, { seed: 99, start: 500, vol: 0.01 })) },
  benchmark_error: null,
  fetched_at: NOW.toISOString(),
  ...overrides,
});

const holding = (ticker: string, extra: Partial<ManifestItem> = {}): ManifestItem => ({ ticker, index: 0, shares: 10, weight: 0.04, ...extra });

function analyse(data: YahooTickerData, options: { holding?: ManifestItem; context?: MarketContext | null; now?: Date; base?: string } = {}) {
  return analyseTicker({
    holding: options.holding ?? holding(data.symbol),
    data,
    context: options.context === undefined ? context() : options.context,
    baseCurrency: options.base ?? 'USD',
    benchmarkSymbol: 'SPY',
    now: options.now ?? NOW,
  });
}

/** The result the Crew handler writes: the analysis plus the handler's own fields, validated. */
function complete(analysis: CrewAnalysis): CrewResult {
  return crewResultSchema.parse({
    ...analysis,
    mode: 'batch',
    provenance: testProvenance(),
    simulated: false,
    narrative: null,
    llm: null,
    durations: { fetch_seconds: 0.5, analysis_seconds: 0.01, llm_seconds: 0, total_seconds: 0.51 },
    peak_rss_mb: 120,
    analysed_at: NOW.toISOString(),
  });
}

/** Every number of the analysis as computed (in memory: JSON would hide a NaN as null) is finite. */
function expectAllFinite(analysis: CrewAnalysis, label: string): void {
  expect(nonFiniteNumberPaths(analysis), label).toEqual([]);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

// ---------------------------------------------------------------------------------------------

describe('analyseTicker: an equity', () => {
  const analysis = analyse(equity());

  it('is an ok result that passes crewResultSchema once the handler has added its fields', () => {
    expect(analysis).toMatchObject({
      ticker: 'ACME',
      name: 'Acme Corporation',
      quote_currency: 'USD',
      asset_type: 'EQUITY',
      status: 'ok',
      error: null,
    });
    const result = complete(analysis);
    expect(result.status).toBe('ok');
  });

  it('has every analyst: fundamental, technical, risk and the street view, with their scores', () => {
    expect(analysis.fundamental_score).not.toBeNull();
    expect(analysis.technical_score).not.toBeNull();
    expect(analysis.risk_score).not.toBeNull();
    expect(analysis.fundamental_score).toBe(analysis.fundamental!.score);
    expect(analysis.technical_score).toBe(analysis.technical!.score);
    expect(analysis.risk_score).toBe(analysis.risk!.score);
    // Each finding cites the figure it judged: AAPL-style trailing P/E is the given one.
    expect(analysis.fundamental!.details.find((f) => f.metric === 'trailingPE')).toMatchObject({
      value: 22.4,
      source: 'yahoo:summaryDetail.trailingPE',
    });
    expect(analysis.technical!.indicators).toMatchObject({ bars: 260 });
    expect(analysis.risk!.measures).toMatchObject({ benchmarkSymbol: 'SPY', weight: 0.04 });
    expect((analysis.risk!.measures as { beta: number | null }).beta).not.toBeNull();
    expect(analysis.street_view).toMatchObject({ available: true, targetMeanPrice: 140, currentPrice: 123.45 });
    expect(analysis.street_view!.upside).toBeCloseTo(140 / 123.45 - 1, 12);
  });

  it('composes 0.4 fundamental + 0.3 technical + 0.3 (1 - risk), grades it and decides by it', () => {
    expect(analysis.weights).toEqual({ fundamental: 0.4, technical: 0.3, risk: 0.3 });
    const expected = 0.4 * analysis.fundamental_score! + 0.3 * analysis.technical_score! + 0.3 * (1 - analysis.risk_score!);
    expect(analysis.composite_score).toBeCloseTo(round3(expected), 3);
    expect(analysis.grade).toBe(gradeOf(analysis.composite_score!));
    expect(analysis.recommendation).toBe(recommendationOf(analysis.composite_score!));
    expect(analysis.confidence).toBeGreaterThan(0);
    expect(analysis.confidence).toBeLessThanOrEqual(1);
    expect(analysis.rationale.length).toBeGreaterThanOrEqual(2);
    expect(analysis.rationale[0]).toContain(analysis.composite_score!.toFixed(2));
    expect(analysis.rationale.join(' ')).toContain(analysis.recommendation);
  });

  it('values the position from the quote price and the holding (weight included)', () => {
    expect(analysis.position).toMatchObject({ shares: 10, last_price: 123.45, quote_currency: 'USD', base_currency: 'USD', weight: 0.04 });
    expect(analysis.position.market_value).toBeCloseTo(1234.5, 9);
  });

  it('knows how fresh its data is: 12 hours after the quote, not stale', () => {
    expect(analysis).toMatchObject({ data_freshness_hours: 12, stale: false, quote_at: QUOTE_AT.toISOString() });
    expect(analysis.newest_bar_at).toBe(new Date(LAST_BAR_AT).toISOString());
  });

  it('has no NaN or Infinity anywhere, walking every number of the result', () => {
    // The walk reaches the nested indicators and measures, which the schema does not type.
    expect(numberCount(analysis.technical!.indicators)).toBeGreaterThan(10);
    expect(numberCount(analysis.risk!.measures)).toBeGreaterThan(5);
    expect(numberCount(analysis)).toBeGreaterThan(numberCount(analysis.technical!.indicators) + numberCount(analysis.risk!.measures));
    expectAllFinite(analysis, 'equity');
    expectAllFinite(complete(analysis) as CrewAnalysis, 'equity, completed');
  });

  it('(the walk itself finds a NaN or Infinity hidden deep inside)', () => {
    const spoiled = structuredClone(analysis);
    (spoiled.technical!.indicators as { momentum: { m3: number } }).momentum.m3 = Number.NaN;
    (spoiled.risk!.details[0] as { value: number }).value = Number.NEGATIVE_INFINITY;
    expect(nonFiniteNumberPaths(spoiled)).toEqual(['$.technical.indicators.momentum.m3 = NaN', '$.risk.details[0].value = -Infinity']);
  });

  it('is deterministic: the same data gives the same result', () => {
    expect(analyse(equity())).toEqual(analysis);
  });
});

describe('analyseTicker: an ETF', () => {
  const analysis = analyse(etf(), { holding: holding('QQQ') });

  it('is ok, not failed, with no fundamental score: its weight is shared by the others, with a warning', () => {
    expect(analysis).toMatchObject({ status: 'ok', error: null, asset_type: 'ETF', fundamental_score: null });
    expect(analysis.fundamental?.score ?? null).toBeNull();
    expect(analysis.weights).toEqual({ fundamental: 0, technical: 0.5, risk: 0.5 });
    const expected = 0.5 * analysis.technical_score! + 0.5 * (1 - analysis.risk_score!);
    expect(analysis.composite_score).toBeCloseTo(round3(expected), 3);
    expect(analysis.grade).not.toBe('N/A');
    expect(analysis.warnings.some((w) => /ETF/.test(w) && /fundamental/i.test(w))).toBe(true);
    expect(analysis.warnings.some((w) => /fundamental/i.test(w) && /shared/i.test(w))).toBe(true);
  });

  it('passes the schema and has no NaN or Infinity anywhere', () => {
    expect(complete(analysis).status).toBe('ok');
    expectAllFinite(analysis, 'ETF');
  });
});

describe('analyseTicker: stale data', () => {
  it('lowers the confidence, says so, and leaves the composite alone', () => {
    const fresh = analyse(equity());
    const later = new Date(QUOTE_AT.getTime() + 30 * 24 * HOUR);
    const stale = analyse(equity(), { now: later });
    expect(stale.stale).toBe(true);
    expect(stale.data_freshness_hours).toBe(720);
    expect(stale.composite_score).toBe(fresh.composite_score);
    expect(stale.grade).toBe(fresh.grade);
    expect(stale.confidence).toBeLessThan(fresh.confidence);
    expect(stale.warnings.some((w) => /stale/i.test(w))).toBe(true);
    // 30 calendar days after a Friday close (a Sunday): 20 weekdays, past the default 5.
    expect(stale.newest_bar_age_trading_days).toBe(20);
    expect(stale.rationale.at(-1)).toMatch(/^Confidence lowered: the newest bar is 20 trading days old \(\d{4}-\d\d-\d\d\), past the 5-trading-day limit/);
    expect(stale.confidence).toBeCloseTo(fresh.confidence * 0.6, 2);
    // STALE_AFTER_TRADING_DAYS: a longer limit keeps the same data fresh.
    const lenient = analyseTicker({ holding: holding('ACME'), data: equity(), context: context(), baseCurrency: 'USD', benchmarkSymbol: 'SPY', now: later, staleAfterTradingDays: 30 });
    expect(lenient).toMatchObject({ stale: false, confidence: fresh.confidence, newest_bar_age_trading_days: 20 });
    expect(fresh.warnings.some((w) => /stale/i.test(w))).toBe(false);
    expect(complete(stale).stale).toBe(true);
  });
});

describe('analyseTicker: never NaN or Infinity, whatever the data', () => {
  const flat = barsOf(Array.from({ length: 260 }, () => 100));
  const gappy = barsOf(walk(260, { seed: 3 }).map((close, i) => (i % 7 === 3 ? null : close)));
  const cases: Array<[string, YahooTickerData, { context?: MarketContext | null; holding?: ManifestItem }?]> = [
    ['a short history (30 bars)', equity(barsOf(walk(30)))],
    ['a single bar', equity(barsOf([101.5]))],
    ['two identical bars', equity(barsOf([100, 100]))],
    ['flat prices for a year', equity(flat)],
    ['no traded volume', equity(barsOf(walk(260), () => 0))],
    ['null volumes', equity(barsOf(walk(260), () => null))],
    ['bars without a close here and there', equity(gappy)],
    ['no quote at all', equity(barsOf(walk(260)), null)],
    ['no market context', equity(), { context: null }],
    ['a benchmark of three bars', equity(), { context: context({ benchmark: { symbol: 'SPY', bars: barsOf([1, 2, 3]) } }) }],
    ['a flat benchmark', equity(), { context: context({ benchmark: { symbol: 'SPY', bars: flat } }) }],
    ['a holding without shares or weight', equity(), { holding: { ticker: 'ACME', index: 0 } }],
    ['a zero weight and zero shares', equity(), { holding: holding('ACME', { shares: 0, weight: 0 }) }],
    ['a pence listing without its FX rate', equity(barsOf(walk(260)), { currency: 'GBp' }), { context: context({ fx_rates: {} }) }],
    ['an ETF with a short history', etf(barsOf(walk(40, { seed: 5 })))],
    ['empty summary modules', { ...equity(), summary: {}, summaryErrors: { all: 'HTTP 500' } }],
  ];

  it.each(cases)('%s', (_label, data, options) => {
    const analysis = analyse(data, options ?? {});
    expect(analysis.status).toBe('ok');
    expectAllFinite(analysis, _label);
    const result = complete(analysis);
    if (result.composite_score !== null) {
      expect(result.grade).toBe(gradeOf(result.composite_score));
      expect(result.recommendation).toBe(recommendationOf(result.composite_score));
    } else {
      expect(result).toMatchObject({ grade: 'N/A', recommendation: 'WAIT' });
    }
  });

  it('warns of a short history and leaves out what it cannot compute', () => {
    const analysis = analyse(equity(barsOf(walk(30))));
    expect((analysis.technical!.indicators as { sma200: number | null }).sma200).toBeNull();
    expect(analysis.warnings.some((w) => /short price history/i.test(w))).toBe(true);
    expect(analysis.technical_score).not.toBeNull(); // RSI, Bollinger, 1-month momentum... still there
  });
});

describe('analyseTicker: price and currency', () => {
  it("takes the quote's price, else the last usable (unadjusted) close", () => {
    const closes = [100, 101, 102];
    const bars = barsOf(closes).map((bar) => ({ ...bar, adjclose: bar.close! / 2 }));
    expect(analyse(equity(bars)).position.last_price).toBe(123.45);
    expect(analyse(equity(bars, null)).position.last_price).toBe(102);
    for (const regularMarketPrice of [0, -3, '103', Number.NaN]) {
      expect(analyse(equity(bars, { regularMarketPrice })).position.last_price, String(regularMarketPrice)).toBe(102);
    }
    const trailingNull = [...bars, { ...bars[2]!, date: new Date(LAST_BAR_AT + DAY).toISOString(), close: null, adjclose: null }];
    expect(analyse(equity(trailingNull, null)).position.last_price).toBe(102);
  });

  it('values a pence listing in the base currency with the rate of the market context', () => {
    const analysis = analyse(equity(undefined, { currency: 'GBp', regularMarketPrice: 72.5 }), {
      holding: holding('VOD.L', { shares: 1000 }),
      context: context({ fx_rates: { GBP: 1.25 } }),
    });
    expect(analysis.quote_currency).toBe('GBp');
    expect(analysis.position).toMatchObject({ last_price: 72.5, quote_currency: 'GBp', base_currency: 'USD' });
    expect(analysis.position.market_value).toBeCloseTo(906.25, 9);
  });

  it('keeps the quote currency visible and warns when there is no rate to the base currency', () => {
    const analysis = analyse(equity(undefined, { currency: 'EUR' }), { context: context({ fx_rates: {} }) });
    expect(analysis.quote_currency).toBe('EUR');
    expect(analysis.position.market_value).toBeNull();
    expect(analysis.warnings).toContain('No FX rate from EUR to USD: no market value');
  });

  it("falls back to the price module's currency without a quote, and to the quote's names without the holding's", () => {
    const data = equity(undefined, null);
    (data.summary.price as Record<string, unknown>).currency = 'CHF';
    expect(analyse(data).quote_currency).toBe('CHF');
    expect(analyse(data).name).toBeNull();
    expect(analyse(equity(), { holding: holding('ACME', { name: 'My Acme' }) }).name).toBe('My Acme');
    expect(analyse(equity(undefined, { longName: undefined, shortName: 'ACME CORP' })).name).toBe('ACME CORP');
  });
});

describe('failedAnalysis', () => {
  it('is grade N/A and WAIT with the reason in the rationale and the error', () => {
    const analysis = failedAnalysis(holding('GONE', { name: 'Gone Corp', shares: 5, weight: 0.1 }), 'unknown symbol', 'USD');
    expect(analysis).toMatchObject({
      ticker: 'GONE',
      name: 'Gone Corp',
      status: 'failed',
      error: 'unknown symbol',
      grade: 'N/A',
      recommendation: 'WAIT',
      confidence: 0,
      composite_score: null,
      fundamental_score: null,
      technical_score: null,
      risk_score: null,
      fundamental: null,
      technical: null,
      risk: null,
      weights: { fundamental: 0, technical: 0, risk: 0 },
    });
    expect(analysis.rationale.join(' ')).toContain('unknown symbol');
    expect(analysis.rationale[0]).toMatch(/^WAIT/);
    // The holding is still there: its shares and weight, no value without a price.
    expect(analysis.position).toMatchObject({ shares: 5, weight: 0.1, market_value: null, base_currency: 'USD' });
    expect(complete(analysis).status).toBe('failed');
    expectAllFinite(analysis, 'failed');
  });
});

describe('partial data', () => {
  it('analyses a ticker whose chart did not answer: no technical part, a warning, the quote and fundamentals kept', () => {
    const data: YahooTickerData = { ...equity(), bars: [], barsError: 'unknown symbol' };
    const analysis = analyse(data);
    expect(analysis.status).toBe('ok');
    expect(analysis.technical).toBeNull();
    expect(analysis.technical_score).toBeNull();
    expect(analysis.fundamental_score).not.toBeNull();
    expect(analysis.warnings[0]).toBe('No price history (unknown symbol): no technical analysis; the quote and fundamentals are analysed');
    expect(analysis.position.last_price).not.toBeNull();
  });
});
