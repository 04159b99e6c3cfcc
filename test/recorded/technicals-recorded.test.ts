// The technical and risk analysts on the REAL recorded one-year MSFT and NVDA charts
// (../shared/fixtures/yahoo), loaded through yahoo-finance2 + yahooPort with the replay fetch,
// checked against independent computations from the recorded arrays themselves.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createYahooFinance } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { yahooPort, type YahooFinanceLike } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import { analyseRisk } from '../../lambdas/core/analysis/analysts/risk-analyst.js';
import { analyseTechnicals } from '../../lambdas/core/analysis/analysts/technical-analyst.js';
import type { DailyBar } from '../../lambdas/core/prefetch/market-data.js';
import {
  annualisedLogVolatility,
  bollingerLast,
  independentBeta,
  macdLast,
  maxDrawdown,
  nonFiniteNumbers,
  simpleReturns,
  smaLast,
  wilderRsi,
} from '../core/independent-indicators.js';
import { createReplayFetch, FIXTURES_DIR, yahoo2025Recordings } from './replay-fetch.js';

const MSFT = 'yahoo/historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json';
const NVDA = 'yahoo/historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json';

interface RecordedChart {
  timestamp: number[];
  events?: { splits?: Record<string, { numerator: number; denominator: number }> };
  indicators: { quote: Array<{ close: Array<number | null> }>; adjclose: Array<{ adjclose: Array<number | null> }> };
}
interface RecordedExchange {
  request: { url: string };
  response: { bodyJson: { chart: { result: RecordedChart[] } } };
}
const recorded = (file: string): RecordedExchange => JSON.parse(readFileSync(new URL(file, FIXTURES_DIR), 'utf8')) as RecordedExchange;
const chartOf = (file: string) => recorded(file).response.bodyJson.chart.result[0]!;
const numbers = (values: Array<number | null>): number[] => {
  if (values.some((v) => typeof v !== 'number')) throw new Error('recorded series has gaps');
  return values as number[];
};
/** The recorded adjusted closes and closes, straight from the fixture. */
const adjcloseOf = (file: string) => numbers(chartOf(file).indicators.adjclose[0]!.adjclose);
const closeOf = (file: string) => numbers(chartOf(file).indicators.quote[0]!.close);

const replay = createReplayFetch(yahoo2025Recordings());
const port = yahooPort(createYahooFinance({ fetchImpl: replay }) as unknown as YahooFinanceLike);

async function barsFrom(symbol: string, file: string): Promise<DailyBar[]> {
  const url = new URL(recorded(file).request.url);
  const from = new Date(Number(url.searchParams.get('period1')) * 1000);
  const to = new Date(Number(url.searchParams.get('period2')) * 1000);
  const start = replay.served.length;
  const bars = await port.dailyBars(symbol, from, to);
  expect(replay.served.slice(start)).toEqual([file]); // answered by that very recording
  return bars;
}

const bars: Record<'MSFT' | 'NVDA', DailyBar[]> = { MSFT: [], NVDA: [] };
beforeAll(async () => {
  bars.MSFT = await barsFrom('MSFT', MSFT);
  bars.NVDA = await barsFrom('NVDA', NVDA);
});

describe.each([
  ['MSFT', MSFT],
  ['NVDA', NVDA],
] as const)('%s one-year chart: indicators equal the independent computation on the recorded adjusted closes', (symbol, file) => {
  const adj = adjcloseOf(file);

  it('252 bars, no warnings, every finding judged, no NaN', () => {
    const report = analyseTechnicals(bars[symbol]);
    expect(bars[symbol]).toHaveLength(252);
    expect(report.indicators.bars).toBe(252);
    expect(report.warnings).toEqual([]);
    expect(report.details.filter((f) => f.signal === 'no data')).toEqual([]);
    expect(nonFiniteNumbers(report)).toEqual([]);
    expect(report.score).not.toBeNull();
    expect(report.indicators.lastClose).toBe(adj.at(-1));
  });

  it('SMA50 and SMA200', () => {
    const { indicators } = analyseTechnicals(bars[symbol]);
    expect(indicators.sma50).toBeCloseTo(smaLast(adj, 50)!, 9);
    expect(indicators.sma200).toBeCloseTo(smaLast(adj, 200)!, 9);
    expect(indicators.cross.state).toBe(smaLast(adj, 50)! > smaLast(adj, 200)! ? 'golden' : 'death');
  });

  it("RSI 14 (Wilder's)", () => {
    const expected = wilderRsi(adj, 14)!;
    expect(analyseTechnicals(bars[symbol]).indicators.rsi14).toBeCloseTo(expected, 9);
  });

  it('MACD 12/26/9 within 1e-6 of the TA-Lib (SMA-seeded) computation', () => {
    const got = analyseTechnicals(bars[symbol]).indicators.macd!;
    const expected = macdLast(adj, 'sma')!;
    for (const key of ['macd', 'signal', 'histogram'] as const) expect(Math.abs(got[key] - expected[key]), key).toBeLessThan(1e-6);
    expect(Math.sign(got.histogram)).toBe(Math.sign(expected.histogram));
  });

  it('Bollinger 20/2 (population standard deviation) and momentum', () => {
    const { indicators } = analyseTechnicals(bars[symbol]);
    const bands = bollingerLast(adj)!;
    expect(indicators.bollinger!.upper).toBeCloseTo(bands.upper, 9);
    expect(indicators.bollinger!.lower).toBeCloseTo(bands.lower, 9);
    const last = adj.at(-1)!;
    expect(indicators.momentum.m1).toBeCloseTo(last / adj[251 - 21]! - 1, 12);
    expect(indicators.momentum.m3).toBeCloseTo(last / adj[251 - 63]! - 1, 12);
    expect(indicators.momentum.m6).toBeCloseTo(last / adj[251 - 126]! - 1, 12);
    expect(indicators.momentum.m12).toBeCloseTo(last / adj[0]! - 1, 12);
  });

  it('risk: volatility and max drawdown of the adjusted closes', () => {
    const report = analyseRisk({ bars: bars[symbol], benchmarkBars: null, benchmarkSymbol: 'SPY', weight: 0.05 });
    expect(report.measures.annualisedVolatility).toBeCloseTo(annualisedLogVolatility(adj), 12);
    expect(report.measures.maxDrawdown).toBeCloseTo(maxDrawdown(adj), 12);
    expect(nonFiniteNumbers(report)).toEqual([]);
  });
});

describe('MSFT pays dividends: the figures come from adjclose, not close', () => {
  it('SMA200 equals the adjusted one and differs from the one of the closes', () => {
    const { indicators } = analyseTechnicals(bars.MSFT);
    const adj = adjcloseOf(MSFT);
    const close = closeOf(MSFT);
    expect(indicators.sma200).toBeCloseTo(smaLast(adj, 200)!, 9);
    expect(Math.abs(indicators.sma200! - smaLast(close, 200)!)).toBeGreaterThan(0.5);
  });
});

describe('NVDA: the 4:1 split of 2021-07-20 is not a crash', () => {
  const chart = chartOf(NVDA);
  const splitAt = Number(Object.keys(chart.events?.splits ?? {})[0]);
  const splitIndex = chart.timestamp.findIndex((t) => t >= splitAt);
  const adj = adjcloseOf(NVDA);

  /** What a feed that does not adjust for the split would give: 4x the price before it. */
  const unadjusted = (list: DailyBar[]) => list.map((bar, i) => ({ ...bar, close: i < splitIndex ? bar.close! * 4 : bar.close }));

  it('the split is in the window', () => {
    expect(Object.values(chart.events!.splits!).map((s) => `${s.numerator}:${s.denominator}`)).toEqual(['4:1']);
    expect(splitIndex).toBeGreaterThan(100);
    expect(splitIndex).toBeLessThan(252 - 22);
  });

  it('max drawdown is the adjusted one (NVDA fell ~34% from its November high), not a 75% crash', () => {
    const report = analyseRisk({ bars: bars.NVDA, benchmarkBars: bars.MSFT, benchmarkSymbol: 'MSFT', weight: null });
    expect(report.measures.maxDrawdown).toBeCloseTo(maxDrawdown(adj), 12);
    expect(report.measures.maxDrawdown!).toBeGreaterThan(0.2);
    expect(report.measures.maxDrawdown!).toBeLessThan(0.5);
    // Even fed raw pre-split prices (with Yahoo's adjclose beside them) nothing changes ...
    const raw = unadjusted(bars.NVDA);
    expect(analyseRisk({ bars: raw, benchmarkBars: bars.MSFT, benchmarkSymbol: 'MSFT', weight: null }).measures).toEqual(report.measures);
    // ... whereas read from those closes the split is a 75% fall.
    expect(maxDrawdown(raw.map((b) => b.close!))).toBeGreaterThan(0.74);
    // Beta against MSFT, aligned by date, equals the independent one.
    expect(report.measures.betaObservations).toBe(251);
    expect(report.measures.beta).toBeCloseTo(independentBeta(simpleReturns(adj), simpleReturns(adjcloseOf(MSFT))), 10);
    expect(report.measures.beta!).toBeGreaterThan(0.5);
  });

  it('1-month momentum across the split is the adjusted return, not -75%', () => {
    const upTo = bars.NVDA.slice(0, splitIndex + 10); // the month ends 10 days after the split
    const window = adj.slice(0, splitIndex + 10);
    const expected = window.at(-1)! / window.at(-22)! - 1;
    for (const list of [upTo, unadjusted(upTo)]) {
      const report = analyseTechnicals(list);
      expect(report.indicators.momentum.m1).toBeCloseTo(expected, 12);
      expect(Math.abs(report.indicators.momentum.m1!)).toBeLessThan(0.3);
      expect(report.indicators.week52!.low).toBe(Math.min(...window));
      expect(nonFiniteNumbers(report)).toEqual([]);
    }
    const raw = unadjusted(upTo).map((b) => b.close!);
    expect(raw.at(-1)! / raw.at(-22)! - 1).toBeLessThan(-0.7);
  });

  it('one year of NVDA: momentum and the 52-week range are sane', () => {
    const { indicators } = analyseTechnicals(bars.NVDA);
    expect(indicators.momentum.m12!).toBeGreaterThan(0.5); // NVDA rose ~73% over the window
    expect(indicators.week52!.low).toBe(Math.min(...adj));
    expect(indicators.week52!.high).toBe(Math.max(...adj));
  });
});
