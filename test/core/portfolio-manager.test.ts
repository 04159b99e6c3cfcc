// The portfolio manager: the composite of the analysts' scores, missing components, grades,
// BUY/HOLD/SELL, confidence, and a rationale of short sentences that cite the numbers.
import { describe, expect, it } from 'vitest';
import type { AnalystReport, Finding } from '../../lambdas/core/analysis/analysts/finding.js';
import { analyseFundamentals } from '../../lambdas/core/analysis/analysts/fundamental-analyst.js';
import { decide, formatValue, gradeFor, keyFindings, type Decision } from '../../lambdas/core/analysis/analysts/portfolio-manager.js';
import { analyseRisk } from '../../lambdas/core/analysis/analysts/risk-analyst.js';
import { analyseTechnicals } from '../../lambdas/core/analysis/analysts/technical-analyst.js';
import type { YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';
import { barsOf } from './independent-indicators.js';

const report = (score: number | null, details: Finding[] = []): AnalystReport => ({ score, details, warnings: [] });
const round3 = (x: number) => Math.round(x * 1000) / 1000;

type Stale = { tradingDays: number; threshold: number; newestBarAt: string | null };
const NINE_DAYS: Stale = { tradingDays: 9, threshold: 5, newestBarAt: '2025-01-02T14:30:00.000Z' };

/** decide() on bare scores (no findings), fresh data unless told. */
const scores = (f: number | null, t: number | null, r: number | null, stale: Stale | null = null): Decision =>
  decide({ fundamental: report(f), technical: report(t), risk: report(r), stale });

/** Only the technical analyst reports: the composite is its score, unweighted. */
const onlyTechnical = (t: number, stale: Stale | null = null) => scores(null, t, null, stale);

const judged = (label: string, value: number | null, signal: Finding['signal'], verdict?: string): Finding => ({
  metric: label.toLowerCase().replace(/\W+/g, ''),
  label,
  value,
  threshold: 'the whole rule',
  signal,
  ...(verdict === undefined ? {} : { verdict }),
  source: 'test',
});

describe('the composite', () => {
  it('is 0.4 fundamental + 0.3 technical + 0.3 (1 - risk)', () => {
    const d = scores(0.8, 0.6, 0.3);
    expect(d.composite).toBe(0.71); // 0.32 + 0.18 + 0.21
    expect(d.weights).toEqual({ fundamental: 0.4, technical: 0.3, risk: 0.3 });
    expect(d.warnings).toEqual([]);
  });

  it('equals the formula (to its 3 decimals) over a grid of scores; risk counts inverted', () => {
    const grid = [0, 0.13, 0.25, 0.5, 0.61, 0.874, 1];
    for (const f of grid)
      for (const t of grid)
        for (const r of grid) expect(scores(f, t, r).composite, `${f} ${t} ${r}`).toBe(round3(0.4 * f + 0.3 * t + 0.3 * (1 - r)));
    // More risk, lower composite: by 0.3 per unit of risk.
    expect(scores(0.5, 0.5, 0.9).composite! - scores(0.5, 0.5, 0.1).composite!).toBeCloseTo(-0.24, 12);
  });

  it('an ETF (no fundamental score): technical and risk share its weight 0.5/0.5, and a warning names it', () => {
    const d = scores(null, 0.6, 0.2);
    expect(d.weights).toEqual({ fundamental: 0, technical: 0.5, risk: 0.5 });
    expect(d.composite).toBe(0.7); // 0.5 x 0.6 + 0.5 x (1 - 0.2)
    expect(d.warnings).toEqual(['No fundamental score: its 0.4 weight is shared among technical and risk']);
    expect(d.grade).toBe('B');
  });

  it('any missing component: its weight shared in proportion, the warning naming it', () => {
    const noTechnical = scores(1, null, 1); // 0.4/0.7 x 1 + 0.3/0.7 x 0
    expect(noTechnical.weights).toEqual({ fundamental: 0.571, technical: 0, risk: 0.429 });
    expect(noTechnical.composite).toBe(0.571);
    expect(noTechnical.warnings).toEqual(['No technical score: its 0.3 weight is shared among fundamental and risk']);
    const noRisk = scores(0, 1, null); // 0.4/0.7 x 0 + 0.3/0.7 x 1
    expect(noRisk.weights).toEqual({ fundamental: 0.571, technical: 0.429, risk: 0 });
    expect(noRisk.composite).toBe(0.429);
    expect(noRisk.warnings).toEqual(['No risk score: its 0.3 weight is shared among fundamental and technical']);
    const technicalOnly = onlyTechnical(0.62);
    expect(technicalOnly.weights).toEqual({ fundamental: 0, technical: 1, risk: 0 });
    expect(technicalOnly.composite).toBe(0.62);
    expect(technicalOnly.warnings).toHaveLength(2);
  });

  it('no component at all: nothing for or against it, so the neutral 0.5, the middle of HOLD, with confidence 0', () => {
    const d = scores(null, null, null);
    expect(d).toMatchObject({ composite: 0.5, grade: 'C', recommendation: 'HOLD', confidence: 0 });
    expect(d.rationale).toEqual(['HOLD at the neutral 0.50: no analyst had data to judge; nothing for or against it.']);
    expect(d.weights).toEqual({ fundamental: 0, technical: 0, risk: 0 });
  });

  it('risk alone: still the neutral HOLD (how bumpy a holding is does not say whether to hold it)', () => {
    expect(scores(null, null, 0.9)).toMatchObject({ composite: 0.5, grade: 'C', recommendation: 'HOLD', confidence: 0 });
  });

  it('a holding whose findings are all neutral lands in the middle of HOLD: 0.5, grade C', () => {
    const neutral = (label: string) => judged(label, 1, 'neutral', 'between the lines');
    const d = decide({
      fundamental: report(0.5, [neutral('P/E'), neutral('ROE')]),
      technical: report(0.5, [neutral('RSI')]),
      risk: report(0.5, [neutral('Volatility')]),
      stale: null,
    });
    expect(d).toMatchObject({ composite: 0.5, grade: 'C', recommendation: 'HOLD' });
    expect(d.rationale[1]).toBe('HOLD: composite 0.50 is between 0.4 and 0.6.');
  });

  it('missing figures lower the confidence, never the score', () => {
    const full = decide({ fundamental: report(0.7, [judged('P/E', 10, 'positive'), judged('ROE', 0.2, 'positive')]), technical: report(0.7), risk: report(0.3), stale: null });
    const half = decide({ fundamental: report(0.7, [judged('P/E', 10, 'positive'), judged('ROE', null, 'no data')]), technical: report(0.7), risk: report(0.3), stale: null });
    expect(half.composite).toBe(full.composite);
    expect(half.confidence).toBeLessThan(full.confidence);
    expect(half.confidence).toBeCloseTo(full.confidence * 0.75, 2);
  });
});

describe('grades', () => {
  it.each([
    [1, 'A+'],
    [0.85, 'A+'],
    [0.8499, 'A'],
    [0.75, 'A'],
    [0.7499, 'B'],
    [0.6, 'B'],
    [0.5999, 'C'],
    [0.5, 'C'],
    [0.4, 'C'],
    [0.3999, 'D'],
    [0.25, 'D'],
    [0.2499, 'F'],
    [0, 'F'],
  ] as const)('gradeFor(%d) is %s', (composite, grade) => {
    expect(gradeFor(composite)).toBe(grade);
  });

  it.each([
    [0.85, 'A+'],
    [0.849, 'A'],
    [0.75, 'A'],
    [0.749, 'B'],
    [0.6, 'B'],
    [0.599, 'C'],
    [0.4, 'C'],
    [0.399, 'D'],
    [0.25, 'D'],
    [0.249, 'F'],
  ] as const)('decide grades a composite of %d as %s', (composite, grade) => {
    expect(onlyTechnical(composite)).toMatchObject({ composite, grade });
  });
});

describe('the recommendation', () => {
  it.each([
    [1, 'BUY'],
    [0.6, 'BUY'],
    [0.599, 'HOLD'],
    [0.5, 'HOLD'],
    [0.4, 'HOLD'],
    [0.399, 'SELL'],
    [0, 'SELL'],
  ] as const)('composite %d: %s', (composite, recommendation) => {
    const d = onlyTechnical(composite);
    expect(d.recommendation).toBe(recommendation);
    expect(d.rationale[1]).toMatch(new RegExp(`^${recommendation}: composite ${composite.toFixed(2)} `));
  });
});

describe('confidence', () => {
  it('stays within 0..1, highest far from the BUY and SELL boundaries', () => {
    for (let i = 0; i <= 100; i++) {
      for (const d of [scores(i / 100, i / 100, 1 - i / 100), onlyTechnical(i / 100), scores(null, i / 100, 0.5, NINE_DAYS)]) {
        expect(d.confidence).toBeGreaterThanOrEqual(0);
        expect(d.confidence).toBeLessThanOrEqual(1);
      }
    }
    expect(scores(1, 1, 0).confidence).toBe(1);
    expect(scores(0.6, 0.6, 0.4).confidence).toBe(0.5); // on the BUY boundary
    expect(scores(0.4, 0.4, 0.6).confidence).toBe(0.5); // on the SELL boundary
    expect(scores(1, 1, 0).confidence).toBeGreaterThan(scores(0.65, 0.65, 0.35).confidence);
  });

  it('is lower when a component is missing', () => {
    expect(scores(null, 1, 0).confidence).toBeLessThan(scores(1, 1, 0).confidence);
  });

  it('is lower with stale data, the reason in the rationale and a warning', () => {
    const fresh = scores(0.9, 0.8, 0.2);
    const stale = scores(0.9, 0.8, 0.2, NINE_DAYS);
    expect(stale.confidence).toBeLessThan(fresh.confidence);
    expect(stale.confidence).toBeCloseTo(fresh.confidence * 0.6, 3);
    expect(stale.rationale.at(-1)).toBe(
      'Confidence lowered: the newest bar is 9 trading days old (2025-01-02), past the 5-trading-day limit for fresh data.',
    );
    expect(stale.warnings).toContain('Stale data: the newest bar is 9 trading days old (2025-01-02), past the 5-trading-day limit');
    expect(fresh.rationale.join(' ')).not.toMatch(/hours old/);
    // Stale data changes the confidence only, not the verdict.
    expect(stale).toMatchObject({ composite: fresh.composite, grade: fresh.grade, recommendation: fresh.recommendation });
  });
});

// ------------------------------------------------------------------------------------------------
// The rationale, from the real analysts

/** A company with the given module fields (see fundamental-analyst.test.ts). */
function company(fields: { summaryDetail?: object; defaultKeyStatistics?: object; financialData?: object }): YahooTickerData {
  return {
    symbol: 'TEST',
    quote: { quoteType: 'EQUITY' },
    summary: {
      quoteType: { quoteType: 'EQUITY', symbol: 'TEST' },
      summaryDetail: { ...fields.summaryDetail },
      defaultKeyStatistics: { ...fields.defaultKeyStatistics },
      financialData: { ...fields.financialData },
    },
    summaryErrors: {},
    bars: [],
  };
}

/** An expensive, weak company in a steady fall, thinly traded and concentrated: a SELL. */
const SELL_CASE = {
  fundamental: analyseFundamentals(
    company({
      summaryDetail: { trailingPE: 38.2, forwardPE: 31 },
      financialData: { returnOnEquity: 0.032, profitMargins: 0.02, revenueGrowth: -0.04, currentRatio: 0.8, freeCashflow: -1.2e9 },
    }),
  ),
  // Closes 400 down to 149: 1-month momentum 149/170 - 1 = -12.4%.
  technical: analyseTechnicals(barsOf(Array.from({ length: 252 }, (_, i) => 400 - i))),
  risk: analyseRisk({ bars: barsOf(Array.from({ length: 252 }, (_, i) => 400 - i), { volume: 50_000 }), benchmarkBars: null, benchmarkSymbol: 'SPY', weight: 0.12 }),
};

/** A cheap, profitable, growing company: fundamentals positive. */
const BUY_FUNDAMENTALS = analyseFundamentals(
  company({
    summaryDetail: { trailingPE: 12, forwardPE: 11, priceToSalesTrailing12Months: 1.5 },
    defaultKeyStatistics: { pegRatio: 0.8, priceToBook: 1.2, enterpriseToEbitda: 8 },
    financialData: { returnOnEquity: 0.25, profitMargins: 0.2, operatingMargins: 0.3, revenueGrowth: 0.15, earningsGrowth: 0.2, debtToEquity: 50, currentRatio: 2, freeCashflow: 5e9 },
  }),
);

/** A sentence ends at a full stop followed by a space and a capital, or at the end (not at 38.2). */
const sentenceCount = (rationale: string[]) => rationale.join(' ').split(/\.(?:\s+(?=[A-Z0-9-])|$)/).filter((s) => s.trim() !== '').length;

describe('the rationale', () => {
  it('cites the numbers and the boundary that decided them: "Trailing P/E: 38.2 is above the 25 threshold."', () => {
    const d = decide({ ...SELL_CASE, stale: null });
    expect(d.recommendation).toBe('SELL');
    expect(d.rationale).toContain('Trailing P/E: 38.2 is above the 25 threshold.');
    expect(d.rationale).toContain('Revenue growth (year over year): -4% is below zero.');
    // The finding that weighed most: the only growth figure, 0.4 x 0.25 of the composite.
    expect(d.lead).toMatchObject({ analyst: 'fundamental', metric: 'revenueGrowth', weight: 0.1, sentence: 'Revenue growth (year over year): -4% is below zero.' });
    // Never the whole rule.
    expect(d.rationale.join(' ')).not.toMatch(/positive;|neutral;| against /);
  });

  it('has at most 7 sentences, one per entry, each ending in a full stop; 7 also when stale', () => {
    for (const stale of [null, NINE_DAYS]) {
      const d = decide({ ...SELL_CASE, stale });
      expect(d.rationale).toHaveLength(7);
      expect(sentenceCount(d.rationale)).toBe(7);
      for (const sentence of d.rationale) expect(sentence).toMatch(/^[A-Z0-9].*\.$/);
    }
    expect(decide({ ...SELL_CASE, stale: NINE_DAYS }).rationale.at(-1)).toMatch(/9 trading days old/);
    const fewer = decide({ fundamental: report(0.5), technical: report(0.5), risk: report(0.5), stale: null });
    expect(fewer.rationale).toHaveLength(2);
  });

  it('SELL and HOLD put the negative findings first; BUY the positive ones', () => {
    const sell = decide({ ...SELL_CASE, stale: null });
    // The weightiest negatives first: revenue growth (0.4 x 0.25), then each risk finding
    // (0.3 shared by the judged risk findings), then the valuation figures (0.4 x 0.25 / 2).
    expect(sell.rationale.slice(2)).toEqual([
      'Revenue growth (year over year): -4% is below zero.',
      'Max drawdown: 62.7% is above the 40% threshold.',
      'Average daily volume: 50,000 shares a day is below the 100,000 threshold.',
      'Portfolio weight (12%): 12% is above the 10% threshold.',
      'Trailing P/E: 38.2 is above the 25 threshold.',
    ]);
    const buy = decide({ fundamental: BUY_FUNDAMENTALS, technical: report(0.9), risk: report(0.1), stale: null });
    expect(buy.recommendation).toBe('BUY');
    // Growth's two figures weigh 0.4 x 0.25 / 2 each, profitability's three 0.4 x 0.25 / 3, valuation's six 0.4 x 0.25 / 6.
    expect(buy.rationale.slice(2)).toEqual([
      'Revenue growth (year over year): 15% is above the 10% threshold.',
      'Earnings growth (year over year): 20% is above the 10% threshold.',
      'Return on equity: 25% is above the 15% threshold.',
      'Net profit margin: 20% is above the 15% threshold.',
      'Operating margin: 30% is above the 20% threshold.',
    ]);
    expect(buy.lead).toMatchObject({ metric: 'revenueGrowth', weight: 0.05 });
  });

  it('technical and risk verdicts read as sentences too', () => {
    const technical = SELL_CASE.technical.details;
    const risk = SELL_CASE.risk.details;
    const sentences = keyFindings([...technical, ...risk], 'SELL', 20);
    expect(sentences).toContain('1-month momentum: fell 12.4%.');
    expect(sentences).toContain('Price vs SMA200: 40% below the 200-day average, past the -1% band.');
    expect(sentences).toContain('Average daily volume: 50,000 shares a day is below the 100,000 threshold.');
    expect(sentences).toContain('Portfolio weight (12%): 12% is above the 10% threshold.');
    expect(sentences).toContain('RSI 14 (oversold): 0.0 is below the 30 threshold.');
  });

  it('a judged finding without a value says why in its label: label and signal', () => {
    const loss = analyseFundamentals(company({ defaultKeyStatistics: { trailingEps: -1.37 }, financialData: { returnOnEquity: -0.2 } }));
    const d = decide({ fundamental: loss, technical: report(0.2), risk: report(0.8), stale: null });
    expect(d.rationale).toContain('Trailing P/E (none: loss-making, trailing EPS -1.37): negative.');
    expect(d.rationale).toContain('Return on equity: -20% is below the 5% floor.');
  });

  it('keyFindings: at most five by default, the limit honoured, neutral and no-data findings left out', () => {
    const many = Array.from({ length: 8 }, (_, i) => judged(`Metric ${i}`, i, i % 2 ? 'negative' : 'positive', `${i} is past ${i}`));
    const withNoise = [...many, judged('Neutral', 1, 'neutral', '1 is between'), judged('Unknown', null, 'no data')];
    const buy = keyFindings(withNoise, 'BUY');
    expect(buy).toEqual(['Metric 0: 0 is past 0.', 'Metric 2: 2 is past 2.', 'Metric 4: 4 is past 4.', 'Metric 6: 6 is past 6.', 'Metric 1: 1 is past 1.']);
    expect(keyFindings(withNoise, 'SELL', 3)).toEqual(['Metric 1: 1 is past 1.', 'Metric 3: 3 is past 3.', 'Metric 5: 5 is past 5.']);
    expect(keyFindings(withNoise, 'HOLD', 0)).toEqual([]);
    expect(keyFindings(withNoise, 'HOLD', 20)).toHaveLength(8);
  });

  it('keyFindings: a finding with a value but no verdict cites its formatted value and signal, not the rule', () => {
    expect(keyFindings([judged('Old figure', 0.24295, 'positive')], 'BUY')).toEqual(['Old figure 0.243: positive.']);
    expect(keyFindings([judged('Big figure', 93_833_871_360, 'negative')], 'SELL')).toEqual(['Big figure 93.8B: negative.']);
  });
});

describe('formatValue', () => {
  it.each([
    [38.2, '38.2'],
    [29.77, '29.77'],
    [38.91442, '38.91'],
    [15, '15'],
    [100, '100'],
    [0.243, '0.243'],
    [0.24295, '0.243'],
    [0.1, '0.1'],
    [0.0042, '0.0042'],
    [0, '0'],
    [-0, '0'],
    [-0.0001, '-0.0001'],
    [-4.2, '-4.2'],
    [850_000, '850,000'],
    [1234.5, '1,235'],
    [999.999, '1,000'],
    [999_999.7, '1M'],
    [1_000_000, '1M'],
    [4_500_000, '4.5M'],
    [93_833_871_360, '93.8B'],
    [-1.2e9, '-1.2B'],
    [2.5e12, '2.5T'],
  ] as const)('%d -> %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe('minimum evidence', () => {
  it('does not grade a holding on its risk alone (no fundamentals, no usable price history)', () => {
    const report = (score: number | null) => ({ score, details: [], warnings: [] });
    const decision = decide({ fundamental: report(null), technical: report(null), risk: report(0.1), stale: null });
    expect(decision).toMatchObject({ composite: 0.5, grade: 'C', recommendation: 'HOLD', confidence: 0 });
    expect(decision.warnings.join(' ')).toMatch(/Not enough data/);
    // One of the two is enough.
    expect(decide({ fundamental: report(null), technical: report(0.8), risk: report(0.1), stale: null }).confidence).toBeGreaterThan(0);
  });
});
