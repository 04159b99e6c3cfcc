// Alpha Vantage as the secondary source: the fundamental analyst takes its figure only where
// Yahoo lacks one and says so in the finding's source; the run's usage is summed from the
// stored answers; the pace of the Wait states is never faster than the rate.
import { describe, expect, it } from 'vitest';
import {
  alphaVantageFigures,
  alphaVantageOverviewSchema,
  ALPHA_VANTAGE_FIGURE_TO_METRIC,
  type AlphaVantageFigures,
} from '../../lambdas/core/alpha-vantage/alpha-vantage.js';
import {
  alphaVantagePaceSeconds,
  alphaVantageUsage,
  figuresFromFiles,
  type AlphaVantageAnswerFile,
} from '../../lambdas/core/alpha-vantage/alpha-vantage-run.js';
import { analyseFundamentals, FUNDAMENTAL_THRESHOLDS } from '../../lambdas/core/analysis/analysts/fundamental-analyst.js';
import type { Finding } from '../../lambdas/core/analysis/analysts/finding.js';
import type { YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';
import { simulatedOverview } from '../../sim/alpha-vantage-simulator.js';

/** A company Yahoo knows well, except for the PEG ratio and the operating margin. */
function yahooCompany(): YahooTickerData {
  return {
    symbol: 'TEST',
    quote: { quoteType: 'EQUITY' },
    summary: {
      quoteType: { quoteType: 'EQUITY', symbol: 'TEST' },
      summaryDetail: { trailingPE: 20, forwardPE: 18, priceToSalesTrailing12Months: 3 },
      defaultKeyStatistics: { priceToBook: 4, enterpriseToEbitda: 12 },
      financialData: {
        returnOnEquity: 0.2,
        profitMargins: 0.18,
        revenueGrowth: 0.08,
        earningsGrowth: 0.12,
        debtToEquity: 80,
        currentRatio: 1.6,
        freeCashflow: 1e9,
      },
    },
    summaryErrors: {},
    bars: [],
  };
}

const overview = alphaVantageOverviewSchema.parse({
  Symbol: 'TEST',
  LatestQuarter: '2025-03-31',
  PERatio: '35.5',
  PEGRatio: '0.8',
  OperatingMarginTTM: '0.3',
  ReturnOnEquityTTM: '0.05',
  ForwardPE: 'None',
});
const figures: AlphaVantageFigures = alphaVantageFigures(overview, null);
const byMetric = (details: Finding[], metric: string) => details.find((f) => f.metric === metric)!;

describe('the fundamental analyst with Alpha Vantage figures', () => {
  it('takes an Alpha Vantage figure where Yahoo lacks one, and names its source', () => {
    const report = analyseFundamentals(yahooCompany(), figures);
    expect(byMetric(report.details, 'pegRatio')).toMatchObject({
      value: 0.8,
      signal: 'positive',
      source: 'alpha_vantage:OVERVIEW.PEGRatio',
      verdict: '0.8 is below the 1 threshold',
    });
    expect(byMetric(report.details, 'operatingMargins')).toMatchObject({
      value: 0.3,
      signal: 'positive',
      source: 'alpha_vantage:OVERVIEW.OperatingMarginTTM',
    });
  });

  it('keeps Yahoo\'s figure wherever Yahoo has one, even when Alpha Vantage differs', () => {
    const report = analyseFundamentals(yahooCompany(), figures);
    expect(byMetric(report.details, 'trailingPE')).toMatchObject({ value: 20, source: 'yahoo:summaryDetail.trailingPE' });
    expect(byMetric(report.details, 'returnOnEquity')).toMatchObject({ value: 0.2, source: 'yahoo:financialData.returnOnEquity' });
    // Alpha Vantage had no forward P/E ("None"), Yahoo has one: Yahoo's.
    expect(byMetric(report.details, 'forwardPE').source).toBe('yahoo:summaryDetail.forwardPE');
  });

  it('every finding names where its figure came from: yahoo or alpha_vantage, never blank', () => {
    const report = analyseFundamentals(yahooCompany(), figures);
    for (const f of report.details) expect(f.source).toMatch(/^(yahoo|alpha_vantage):\S+$/);
    const fromAlphaVantage = report.details.filter((f) => f.source.startsWith('alpha_vantage:')).map((f) => f.metric);
    expect(fromAlphaVantage.sort()).toEqual(['operatingMargins', 'pegRatio']);
  });

  it('scores the filled-in figures like Yahoo\'s (the score moves with them)', () => {
    const without = analyseFundamentals(yahooCompany());
    const withAv = analyseFundamentals(yahooCompany(), figures);
    expect(byMetric(without.details, 'pegRatio')).toMatchObject({ value: null, signal: 'no data', source: 'yahoo:defaultKeyStatistics.pegRatio' });
    expect(withAv.score).not.toBe(without.score);
  });

  it('keeps the old signature: without Alpha Vantage figures (or with null) nothing changes', () => {
    expect(analyseFundamentals(yahooCompany(), null)).toEqual(analyseFundamentals(yahooCompany()));
    expect(analyseFundamentals(yahooCompany(), alphaVantageFigures(null, null))).toEqual(analyseFundamentals(yahooCompany()));
  });

  it('Yahoo\'s evidence of a loss (P/E left out, EPS negative) wins over another source\'s P/E', () => {
    const data = yahooCompany();
    delete (data.summary.summaryDetail as Record<string, unknown>).trailingPE;
    data.summary.defaultKeyStatistics = { ...(data.summary.defaultKeyStatistics as object), trailingEps: -1.2 };
    const pe = byMetric(analyseFundamentals(data, figures).details, 'trailingPE');
    expect(pe).toMatchObject({ signal: 'negative', source: 'yahoo:defaultKeyStatistics.trailingEps' });
  });

  it('a non-finite Yahoo figure is replaced by Alpha Vantage\'s, with a warning', () => {
    const data = yahooCompany();
    (data.summary.defaultKeyStatistics as Record<string, unknown>).pegRatio = Number.POSITIVE_INFINITY;
    const report = analyseFundamentals(data, figures);
    expect(byMetric(report.details, 'pegRatio')).toMatchObject({ value: 0.8, source: 'alpha_vantage:OVERVIEW.PEGRatio' });
    expect(report.warnings.some((w) => w.includes("Alpha Vantage's figure used"))).toBe(true);
  });

  it('every mapped figure names a metric the analyst has', () => {
    const metrics = new Set(FUNDAMENTAL_THRESHOLDS.map((spec) => spec.metric));
    for (const metric of Object.values(ALPHA_VANTAGE_FIGURE_TO_METRIC)) expect(metrics.has(metric!)).toBe(true);
  });
});

describe('the Crew\'s figures from the stored answers', () => {
  const file = (fn: 'OVERVIEW' | 'EARNINGS', data: Record<string, unknown> | null): AlphaVantageAnswerFile =>
    data
      ? { ticker: 'AAPL', function: fn, ok: true, data, fetched_at: '2025-01-02T10:00:00Z', duration_seconds: 0.2 }
      : { ticker: 'AAPL', function: fn, ok: false, reason: 'quota', message: 'quota', fetched_at: '2025-01-02T10:00:00Z', duration_seconds: 0.1 };

  it('uses the simulator\'s OVERVIEW as stored (parsed numbers re-parse unchanged)', () => {
    const stored = alphaVantageOverviewSchema.parse(simulatedOverview('AAPL'));
    const { figures: f, warnings } = figuresFromFiles({ overview: file('OVERVIEW', stored as Record<string, unknown>), earnings: null });
    expect(warnings).toEqual([]);
    expect(f?.pegRatio).toMatchObject({ value: stored.PEGRatio, source: 'alpha_vantage:OVERVIEW.PEGRatio' });
  });

  it('no answer with data: no figures; an unreadable one: a warning, never a throw', () => {
    expect(figuresFromFiles({ overview: file('OVERVIEW', null), earnings: null }).figures).toBeNull();
    const broken = figuresFromFiles({ overview: file('OVERVIEW', { Symbol: 42 }), earnings: null });
    expect(broken.figures).toBeNull();
    expect(broken.warnings[0]).toMatch(/unreadable/);
  });
});

describe('the run\'s Alpha Vantage usage (metrics data_sources.alpha_vantage)', () => {
  const ok = (ticker: string, fn: 'OVERVIEW' | 'EARNINGS', seconds: number): AlphaVantageAnswerFile => ({
    ticker, function: fn, ok: true, data: { Symbol: ticker }, fetched_at: 'x', duration_seconds: seconds,
  });
  const failed = (ticker: string, fn: 'OVERVIEW' | 'EARNINGS', seconds: number): AlphaVantageAnswerFile => ({
    ticker, function: fn, ok: false, reason: 'quota', message: 'q', fetched_at: 'x', duration_seconds: seconds,
  });

  it('counts tickers with an OVERVIEW answer, the rest as failed, and sums the measured call durations', () => {
    const files = new Map([
      ['A', { overview: ok('A', 'OVERVIEW', 0.5), earnings: ok('A', 'EARNINGS', 0.25) }],
      ['B', { overview: ok('B', 'OVERVIEW', 0.5), earnings: failed('B', 'EARNINGS', 0.125) }],
      ['C', { overview: failed('C', 'OVERVIEW', 0.125), earnings: null }],
    ]);
    const status = { exhausted: true, reason: 'quota' as const, message: 'Alpha Vantage quota: 25 requests per day', at: 'x' };
    expect(alphaVantageUsage({ enabled: true, tickers: ['A', 'B', 'C', 'D'], files, status })).toEqual({
      enabled: true,
      successfulTickers: 2,
      failedTickers: 2,
      durationSeconds: 1.5,
      quotaReached: true,
      quotaMessage: 'Alpha Vantage quota: 25 requests per day',
    });
  });

  it('no quota without a status; a missing key is not a quota; disabled is all zero', () => {
    const files = new Map([['A', { overview: ok('A', 'OVERVIEW', 1), earnings: null }]]);
    expect(alphaVantageUsage({ enabled: true, tickers: ['A'], files, status: null })).toMatchObject({ quotaReached: false, quotaMessage: null });
    const keyStatus = { exhausted: true, reason: 'key' as const, message: 'no key', at: 'x' };
    expect(alphaVantageUsage({ enabled: true, tickers: ['A'], files, status: keyStatus }).quotaReached).toBe(false);
    expect(alphaVantageUsage({ enabled: false, tickers: ['A'], files, status: keyStatus })).toEqual({
      enabled: false, successfulTickers: 0, failedTickers: 0, durationSeconds: 0, quotaReached: false, quotaMessage: null,
    });
  });
});

describe('the pace of the enrichment\'s Wait states', () => {
  it.each([
    [5, 12],
    [7, 9],
    [60, 1],
    [75, 1],
    [100, 1],
    [1, 60],
  ])('%i calls a minute: %i s, never faster than the rate', (rate, seconds) => {
    expect(alphaVantagePaceSeconds(rate)).toBe(seconds);
    expect(60 / alphaVantagePaceSeconds(rate)).toBeLessThanOrEqual(rate);
  });
});
