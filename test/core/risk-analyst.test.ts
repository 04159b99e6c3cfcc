// The risk analyst against independent computations on synthetic series: volatility, max
// drawdown, beta aligned by date, liquidity, concentration, and the 0..1 risk score.
import { describe, expect, it } from 'vitest';
import { analystReportSchema, type Finding } from '../../lambdas/core/analysis/analysts/finding.js';
import {
  analyseRisk,
  combineRisk,
  RISK_ANCHORS,
  RISK_WEIGHTS,
  riskMeasuresSchema,
  riskPart,
  type RiskInput,
  type RiskReport,
} from '../../lambdas/core/analysis/analysts/risk-analyst.js';
import type { DailyBar } from '../../lambdas/core/prefetch/market-data.js';
import {
  annualisedLogVolatility,
  barsOf,
  countNumbers,
  independentBeta,
  maxDrawdown,
  nonFiniteNumbers,
  randomWalk,
  weekdays,
} from './independent-indicators.js';

const detail = (report: RiskReport, metric: string): Finding => {
  const found = report.details.find((f) => f.metric === metric);
  if (!found) throw new Error(`no finding ${metric}`);
  return found;
};

function expectWellFormed(report: RiskReport) {
  expect(nonFiniteNumbers(report)).toEqual([]);
  expect(analystReportSchema.safeParse(report).success).toBe(true);
  expect(riskMeasuresSchema.safeParse(report.measures).success).toBe(true);
  for (const f of report.details) expect(f.value === null).toBe(f.signal === 'no data');
}

const risk = (input: Partial<RiskInput> & { bars: DailyBar[] }) =>
  analyseRisk({ benchmarkBars: null, benchmarkSymbol: 'SPY', weight: null, ...input });

/** Prices from daily simple returns, starting at `start`. */
const pricesFrom = (returns: number[], start = 100) => returns.reduce<number[]>((p, r) => [...p, p.at(-1)! * (1 + r)], [start]);
const returnsOf = (closes: number[]) => closes.slice(1).map((c, i) => c / closes[i]! - 1);

describe('volatility and max drawdown', () => {
  it('annualised volatility is the sample stdev of daily log returns x sqrt(252), from adjusted closes', () => {
    const closes = randomWalk(252, { seed: 5 });
    const report = risk({ bars: barsOf(closes) });
    expectWellFormed(report);
    expect(report.measures.annualisedVolatility).toBeCloseTo(annualisedLogVolatility(closes), 12);
    expect(detail(report, 'annualisedVolatility').value).toBe(report.measures.annualisedVolatility);
  });

  it('max drawdown of a known series: 100, 120, 90, 130, 65, 80 falls 50% from 130 to 65', () => {
    const closes = [100, 120, 90, 130, 65, 80];
    expect(maxDrawdown(closes)).toBe(0.5);
    const report = risk({ bars: barsOf(closes) });
    expect(report.measures.maxDrawdown).toBeCloseTo(0.5, 12);
    expect(detail(report, 'maxDrawdown')).toMatchObject({ signal: 'negative' });
  });

  it('a rising series has no drawdown; a random walk the independent one', () => {
    expect(risk({ bars: barsOf([1, 2, 3, 4]) }).measures.maxDrawdown).toBe(0);
    const closes = randomWalk(252, { seed: 9 });
    expect(risk({ bars: barsOf(closes) }).measures.maxDrawdown).toBeCloseTo(maxDrawdown(closes), 12);
  });

  it('a 4:1 split in close but not in adjclose is no drawdown and no volatility spike', () => {
    const closes = randomWalk(252, { seed: 13, vol: 0.01 });
    const clean = risk({ bars: barsOf(closes) });
    const split = barsOf(closes).map((bar, i) => ({ ...bar, close: i < 150 ? bar.close! * 4 : bar.close }));
    const report = risk({ bars: split });
    expect(report.measures).toEqual(clean.measures);
    expect(report.measures.maxDrawdown!).toBeLessThan(0.3);
    // Read from `close`, the split is a 75% crash.
    expect(maxDrawdown(split.map((b) => b.close!))).toBeGreaterThan(0.74);
  });

  it('fewer than 20 daily returns: no volatility, with a warning; the rest still counts', () => {
    const report = risk({ bars: barsOf(randomWalk(20)), weight: 0.02 });
    expectWellFormed(report);
    expect(report.measures.annualisedVolatility).toBeNull();
    expect(report.warnings).toContain('No volatility: 19 daily returns (needs 20)');
    expect(report.measures.maxDrawdown).not.toBeNull();
    expect(report.score).not.toBeNull();
  });
});

describe('beta, aligned by date', () => {
  const benchmark = randomWalk(252, { seed: 21, vol: 0.012 });
  const benchmarkBars = barsOf(benchmark);

  it('beta of a series against itself is 1', () => {
    const report = risk({ bars: benchmarkBars, benchmarkBars });
    expect(report.measures.beta).toBeCloseTo(1, 12);
    expect(report.measures.betaObservations).toBe(251);
    expect(detail(report, 'beta')).toMatchObject({ label: 'Beta vs SPY', signal: 'neutral' });
  });

  it('beta of twice its daily returns is 2, and of minus its returns -1', () => {
    const doubled = pricesFrom(returnsOf(benchmark).map((r) => 2 * r));
    expect(risk({ bars: barsOf(doubled), benchmarkBars }).measures.beta).toBeCloseTo(2, 10);
    expect(detail(risk({ bars: barsOf(doubled), benchmarkBars }), 'beta').signal).toBe('negative');
    const inverse = pricesFrom(returnsOf(benchmark).map((r) => -r));
    expect(risk({ bars: barsOf(inverse), benchmarkBars }).measures.beta).toBeCloseTo(-1, 10);
  });

  it('equals an independent beta on two unrelated-but-correlated walks', () => {
    const own = returnsOf(randomWalk(252, { seed: 99, vol: 0.015 })).map((r, i) => r + 1.3 * returnsOf(benchmark)[i]!);
    const closes = pricesFrom(own);
    const expected = independentBeta(returnsOf(closes), returnsOf(benchmark));
    expect(expected).toBeGreaterThan(1);
    expect(risk({ bars: barsOf(closes), benchmarkBars }).measures.beta).toBeCloseTo(expected, 10);
  });

  it('aligns by calendar day, not by position: different times of day, extra and missing days', () => {
    const doubled = pricesFrom(returnsOf(benchmark).map((r) => 2 * r));
    const days = weekdays(252);
    // The holding: listed 10 days later, its bars stamped at 08:00 UTC (another exchange).
    const own = barsOf(doubled, { time: '08:00:00.000' }).slice(10);
    // The benchmark: its bar of day 100 is missing (a holiday on its exchange).
    const bench = benchmarkBars.filter((_, i) => i !== 100);
    const report = risk({ bars: own, benchmarkBars: bench });
    // 241 common days -> 240 returns; the one across the gap spans two days in both series.
    expect(report.measures.betaObservations).toBe(240);
    expect(report.measures.beta!).toBeGreaterThan(1.98);
    expect(report.measures.beta!).toBeLessThan(2.02);
    // Aligned by position instead, everything after day 100 would be off by one day.
    const byPosition = independentBeta(returnsOf(own.map((b) => b.close!)), returnsOf(bench.slice(0, own.length).map((b) => b.close!)));
    expect(Math.abs(byPosition - 2)).toBeGreaterThan(0.5);
    expect(days[10]).toBe(own[0]!.date.slice(0, 10));
  });

  it('fewer than 30 aligned days: no beta, with a warning naming the benchmark', () => {
    const report = risk({ bars: barsOf(benchmark.slice(0, 30)), benchmarkBars });
    expectWellFormed(report);
    expect(report.measures.betaObservations).toBe(29);
    expect(report.measures.beta).toBeNull();
    expect(detail(report, 'beta').signal).toBe('no data');
    expect(report.warnings).toContain('No beta against SPY: only 29 daily returns align by date with the benchmark (needs 30)');
    expect(risk({ bars: barsOf(benchmark.slice(0, 31)), benchmarkBars }).measures.beta).toBeCloseTo(1, 12);
  });

  it('no benchmark, or one that never moved: no beta, with a warning', () => {
    const none = risk({ bars: benchmarkBars, benchmarkBars: null, benchmarkSymbol: 'QQQ' });
    expect(none.measures.beta).toBeNull();
    expect(none.warnings).toContain('No beta: no QQQ bars to compare with');
    const flat = risk({ bars: benchmarkBars, benchmarkBars: barsOf(benchmark.map(() => 50)) });
    expect(flat.measures.beta).toBeNull();
    expect(flat.warnings).toContain('No beta against SPY: the benchmark did not move over the aligned days');
    expectWellFormed(flat);
  });
});

describe('liquidity and concentration', () => {
  const closes = randomWalk(252, { seed: 31 });

  it('average volume is the mean of the last 63 bars that report one', () => {
    const bars = barsOf(closes, { volume: (i) => (i === 250 ? null : i * 1000) });
    const last63 = Array.from({ length: 63 }, (_, k) => 189 + k).filter((i) => i !== 250);
    const report = risk({ bars });
    expect(report.measures.averageVolume).toBeCloseTo(last63.reduce((s, i) => s + i * 1000, 0) / last63.length, 6);
  });

  it.each([
    [50_000, 'negative', 1],
    [100_000, 'negative', 1],
    [316_227.766, 'neutral', 0.5],
    // Just below a million: the log scale gives it (6 - log10(999,999)) / 1 of the risk.
    [999_999, 'neutral', 6 - Math.log10(999_999)],
    [1_000_000, 'positive', 0],
    [30_000_000, 'positive', 0],
  ] as const)('%d shares a day: %s (risk part %s)', (volume, signal, part) => {
    const report = risk({ bars: barsOf(closes, { volume }) });
    expect(detail(report, 'averageVolume').signal).toBe(signal);
    expect(detail(report, 'averageVolume').value).toBeCloseTo(volume, 6);
    expect(report.measures.parts.liquidity).toBeCloseTo(part, 6);
  });

  it("spark's bars (closes only): the quote's 3-month average volume is the liquidity figure, and the sources say close, not adjclose", () => {
    const spark = barsOf(closes).map((bar) => ({ ...bar, open: null, high: null, low: null, volume: null, adjclose: null }));
    const report = risk({ bars: spark, quoteAverageVolume: 2_500_000 });
    expect(report.measures.averageVolume).toBe(2_500_000);
    expect(detail(report, 'averageVolume').source).toBe('quote:averageDailyVolume3Month (the bars carry no volume)');
    expect(report.warnings.some((w) => w.includes('liquidity') || w.includes('Average volume'))).toBe(false);
    expect(detail(report, 'annualisedVolatility').source).toMatch(/of close\(\d+ bars\)/);
    // The same closes give the same volatility as a chart's adjusted closes would.
    expect(report.measures.annualisedVolatility).toBeCloseTo(risk({ bars: barsOf(closes) }).measures.annualisedVolatility!, 12);
    // Bars that report a volume keep it: the quote's figure only stands in for none.
    const charted = risk({ bars: barsOf(closes, { volume: 1000 }), quoteAverageVolume: 2_500_000 });
    expect(charted.measures.averageVolume).toBe(1000);
    expect(detail(charted, 'annualisedVolatility').source).toMatch(/of adjclose\(/);
    // No volume anywhere: still no liquidity figure.
    expect(risk({ bars: spark, quoteAverageVolume: null }).measures.averageVolume).toBeNull();
  });

  it('volumes all zero (an index, a currency pair): no liquidity figure, with a warning', () => {
    const report = risk({ bars: barsOf(closes, { volume: 0 }) });
    expect(report.measures.averageVolume).toBeNull();
    expect(report.warnings).toContain('No liquidity figure: no bar reports a traded volume');
  });

  it.each([
    [0, 'positive'],
    [0.049, 'positive'],
    [0.05, 'neutral'],
    [0.075, 'neutral'],
    [0.1, 'neutral'],
    [0.1001, 'negative'],
    [0.6, 'negative'],
  ] as const)('weight %d of the portfolio: %s', (weight, signal) => {
    const report = risk({ bars: barsOf(closes), weight });
    expect(detail(report, 'portfolioWeight')).toMatchObject({ value: weight, signal });
    expect(report.measures.weight).toBe(weight);
  });

  it('an unknown or invalid weight is left out, with a warning', () => {
    const unknown = risk({ bars: barsOf(closes), weight: null });
    expect(detail(unknown, 'portfolioWeight').signal).toBe('no data');
    expect(unknown.warnings).toContain('No concentration figure: the holding has no portfolio weight');
    const invalid = risk({ bars: barsOf(closes), weight: 12 });
    expect(invalid.measures.weight).toBeNull();
    expect(invalid.warnings).toContain('No concentration figure: weight 12 is not a fraction between 0 and 1');
    const nan = risk({ bars: barsOf(closes), weight: Number.NaN });
    expectWellFormed(nan);
    expect(nan.measures.weight).toBeNull();
  });
});

describe('the risk score (higher is riskier)', () => {
  it('each part is a clamped straight line between its anchors', () => {
    expect(riskPart('volatility', 0.1)).toBe(0);
    expect(riskPart('volatility', 0.15)).toBe(0);
    expect(riskPart('volatility', 0.3)).toBeCloseTo(0.5, 12);
    expect(riskPart('volatility', 0.45)).toBe(1);
    expect(riskPart('volatility', 0.9)).toBe(1);
    expect(riskPart('beta', 1.05)).toBeCloseTo(0.5, 12);
    expect(riskPart('drawdown', 0.275)).toBeCloseTo(0.5, 12);
    expect(riskPart('concentration', 0.075)).toBeCloseTo(0.5, 12);
    expect(riskPart('liquidity', 0)).toBe(1);
    expect(riskPart('liquidity', 1e9)).toBe(0);
    expect(RISK_ANCHORS.volatility).toEqual([0.15, 0.45]);
    expect(Object.values(RISK_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('the score is the weighted mean of the parts that have data', () => {
    expect(combineRisk({ volatility: 1, drawdown: 1, beta: 1, concentration: 1, liquidity: 1 })).toBe(1);
    expect(combineRisk({ volatility: 0, drawdown: 0, beta: 0, concentration: 0, liquidity: 0 })).toBe(0);
    expect(combineRisk({ volatility: 1, drawdown: 0, beta: 0, concentration: 0, liquidity: 0 })).toBe(0.3);
    // Without beta and concentration: volatility 0.3, drawdown 0.25, liquidity 0.1 share it all.
    expect(combineRisk({ volatility: 1, drawdown: 0.5, beta: null, concentration: null, liquidity: 0 })).toBe(
      Math.round(((0.3 + 0.125) / 0.65) * 1000) / 1000,
    );
    expect(combineRisk({ volatility: null, drawdown: null, beta: null, concentration: null, liquidity: null })).toBeNull();
  });

  it('rises with volatility, everything else equal', () => {
    const fixed = { drawdown: 0.3, beta: 0.4, concentration: 0.5, liquidity: 0.2 };
    const scores = [0.1, 0.16, 0.2, 0.25, 0.3, 0.35, 0.4, 0.44, 0.5].map((v) => combineRisk({ ...fixed, volatility: riskPart('volatility', v) })!);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeGreaterThanOrEqual(scores[i - 1]!);
    expect(scores.at(-1)! - scores[0]!).toBeCloseTo(0.3, 2); // the whole volatility weight
  });

  it('rises with the volatility of the price series itself', () => {
    const benchmarkBars = barsOf(randomWalk(252, { seed: 21, vol: 0.01 }));
    const scores = [0.004, 0.008, 0.012, 0.016, 0.02, 0.025, 0.03].map((vol) => {
      const report = risk({ bars: barsOf(randomWalk(252, { seed: 8, vol, drift: 0 })), benchmarkBars, weight: 0.05 });
      expectWellFormed(report);
      return { vol: report.measures.annualisedVolatility!, score: report.score! };
    });
    for (let i = 1; i < scores.length; i++) {
      expect(scores[i]!.vol).toBeGreaterThan(scores[i - 1]!.vol);
      expect(scores[i]!.score).toBeGreaterThanOrEqual(scores[i - 1]!.score);
    }
    expect(scores.at(-1)!.score).toBeGreaterThan(scores[0]!.score + 0.3);
  });

  it('a calm, liquid, small holding is low risk; a wild, thin, concentrated one high', () => {
    const benchmark = randomWalk(252, { seed: 21, vol: 0.01 });
    const benchmarkBars = barsOf(benchmark);
    const calm = risk({ bars: barsOf(randomWalk(252, { seed: 2, vol: 0.004, drift: 0.001 })), benchmarkBars, weight: 0.02 });
    expect(calm.score!).toBeLessThan(0.15);
    // Wild: 2.5 times the market's moves plus its own noise, falling.
    const noise = returnsOf(randomWalk(252, { seed: 2, vol: 0.04, drift: -0.002 }));
    const wildCloses = pricesFrom(returnsOf(benchmark).map((r, i) => 2.5 * r + noise[i]!));
    const wild = risk({ bars: barsOf(wildCloses, { volume: 20_000 }), benchmarkBars, weight: 0.3 });
    expect(wild.measures.beta!).toBeGreaterThan(2);
    expect(wild.score!).toBeGreaterThan(0.8);
    expect(detail(wild, 'annualisedVolatility').signal).toBe('negative');
    expect(detail(calm, 'annualisedVolatility').signal).toBe('positive');
  });

  it('missing parts are left out with a warning; the score is null only without any data', () => {
    const report = risk({ bars: barsOf(randomWalk(252)) }); // no benchmark, no weight
    expect(report.score).not.toBeNull();
    expect(report.warnings).toContain('Risk score without beta, concentration: their weight is shared among the other parts');
    const none = analyseRisk({ bars: [], benchmarkBars: null, benchmarkSymbol: 'SPY', weight: null });
    expectWellFormed(none);
    expect(none.score).toBeNull();
    expect(none.details.every((f) => f.signal === 'no data')).toBe(true);
  });

  it('1 bar, 60 bars, gaps: well formed, never NaN or Infinity', () => {
    const benchmarkBars = barsOf(randomWalk(252, { seed: 21 }));
    const closes = randomWalk(252, { seed: 4 });
    const gappy: DailyBar[] = barsOf(closes).map((b, i) => (i % 10 === 0 ? { ...b, close: null, adjclose: null, volume: null } : b));
    for (const bars of [barsOf([42]), barsOf(closes.slice(0, 60)), gappy, barsOf([42], { volume: () => null })]) {
      for (const weight of [null, 0.07]) {
        const report = analyseRisk({ bars, benchmarkBars, benchmarkSymbol: 'SPY', weight });
        expectWellFormed(report);
        expect(countNumbers(report)).toBeGreaterThan(0);
      }
    }
    const one = analyseRisk({ bars: barsOf([42]), benchmarkBars, benchmarkSymbol: 'SPY', weight: 0.07 });
    expect(one.measures).toMatchObject({ annualisedVolatility: null, maxDrawdown: null, beta: null, averageVolume: 2_000_000, weight: 0.07 });
    expect(one.score).not.toBeNull();
    const sixty = analyseRisk({ bars: barsOf(closes.slice(0, 60)), benchmarkBars, benchmarkSymbol: 'SPY', weight: null });
    expect(sixty.measures.annualisedVolatility).toBeCloseTo(annualisedLogVolatility(closes.slice(0, 60)), 12);
    expect(sixty.measures.betaObservations).toBe(59);
    expect(sixty.warnings).toContain('Average volume taken over only 60 bars (of 63)');
  });
});

describe('verdicts: the value and the boundary that decided each signal', () => {
  const closes = randomWalk(252, { seed: 31 });
  const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;

  it('max drawdown 50% (130 to 65) is above the 40% threshold', () => {
    expect(detail(risk({ bars: barsOf([100, 120, 90, 130, 65, 80]) }), 'maxDrawdown').verdict).toBe('50% is above the 40% threshold');
  });

  it('volatility: a wild walk names 45%, a calm one 15%, each in percent', () => {
    const wild = randomWalk(252, { seed: 5, vol: 0.05 });
    const wildVolatility = annualisedLogVolatility(wild);
    expect(wildVolatility).toBeGreaterThan(0.45);
    expect(detail(risk({ bars: barsOf(wild) }), 'annualisedVolatility').verdict).toBe(`${percent(wildVolatility)} is above the 45% threshold`);
    const calm = randomWalk(252, { seed: 5, vol: 0.003 });
    const calmVolatility = annualisedLogVolatility(calm);
    expect(calmVolatility).toBeLessThan(0.15);
    expect(detail(risk({ bars: barsOf(calm) }), 'annualisedVolatility').verdict).toBe(`${percent(calmVolatility)} is below the 15% threshold`);
  });

  it('beta 2 is above 1.3, beta 1 between 0.8 and 1.3, beta -1 below 0.8', () => {
    const benchmark = randomWalk(252, { seed: 21, vol: 0.012 });
    const benchmarkBars = barsOf(benchmark);
    const beta = (closes: number[]) => detail(risk({ bars: barsOf(closes), benchmarkBars }), 'beta').verdict;
    expect(beta(pricesFrom(returnsOf(benchmark).map((r) => 2 * r)))).toBe('2 is above the 1.3 threshold');
    expect(beta(benchmark)).toBe('1 is between 0.8 and 1.3');
    expect(beta(pricesFrom(returnsOf(benchmark).map((r) => -r)))).toBe('-1 is below the 0.8 threshold');
  });

  it.each([
    [50_000, '50,000 shares a day is below the 100,000 threshold'],
    [316_227.766, '316,228 shares a day is between 100,000 and 1M'],
    [1_000_000, '1M shares a day is at the 1M threshold'],
    [30_000_000, '30M shares a day is above the 1M threshold'],
  ] as const)('%d shares a day: "%s" (more volume is less risk)', (volume, verdict) => {
    expect(detail(risk({ bars: barsOf(closes, { volume }) }), 'averageVolume').verdict).toBe(verdict);
  });

  it.each([
    [0.049, '4.9% is below the 5% threshold'],
    [0.075, '7.5% is between 5% and 10%'],
    [0.1001, '10% is just above the 10% threshold'],
    [0.6, '60% is above the 10% threshold'],
  ] as const)('weight %d: "%s"', (weight, verdict) => {
    expect(detail(risk({ bars: barsOf(closes), weight }), 'portfolioWeight').verdict).toBe(verdict);
  });

  it('a measure without data has no verdict', () => {
    const report = risk({ bars: barsOf(closes, { volume: 0 }) });
    expect(detail(report, 'averageVolume').verdict).toBeUndefined();
    expect(detail(report, 'portfolioWeight').verdict).toBeUndefined();
    expect(detail(report, 'beta').verdict).toBeUndefined();
    expect(detail(report, 'annualisedVolatility').verdict).toMatch(/%/);
  });
});
