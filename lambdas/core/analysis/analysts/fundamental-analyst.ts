// The fundamental analyst: valuation, profitability, growth and financial health of a company
// from Yahoo's quoteSummary modules. Each metric becomes one Finding with the value exactly as
// Yahoo gave it, the rule it was judged by (in words) and the signal; a judged one also has a
// verdict naming the boundary that decided it, in the metric's unit (`38.2 is above the 25
// threshold`, `3.2% is below the 5% floor`, `2.5x is above the 2x threshold` for a debt/equity of
// 250 percent). Pure: data in, report out.
//
// Scoring: each category's findings are scored as scoreFindings does (positive 1, neutral 0.5,
// negative 0, 'no data' left out); the score is the weighted mean of the categories that had
// data (FUNDAMENTAL_CATEGORY_WEIGHTS, equal weights), so six valuation multiples do not outvote
// the two growth figures. A fund, index, cryptocurrency or currency has no company fundamentals:
// score null and a warning, and the portfolio manager shares the weight among the others.
import { ALPHA_VANTAGE_FIGURE_TO_METRIC, type AlphaVantageFigures } from '../../alpha-vantage/alpha-vantage.js';
import type { YahooTickerData } from '../../prefetch/market-data.js';
import { assetType, describeAssetType, rawQuoteType } from './asset-type.js';
import { type AnalystReport, type Finding, formatNumber, formatPercent, type Signal, side } from './finding.js';
import { judgeAgainstSector, judgeLeverage, type SectorContext } from './relative-valuation.js';
import { sectorOf } from '../sector.js';
import type { PublishedModels } from '../models/published-models.js';
import { MODEL_METRICS, modelFindings } from './model-findings.js';
import { REFERENCE_METRICS, type ReferenceMetric, type SectorMedians } from '../sector-references.js';

export type FundamentalCategory = 'valuation' | 'profitability' | 'growth' | 'health' | 'models';

/**
 * The score is the weighted mean of the category scores that had data (weights renormalised).
 * `models`: the published models (Piotroski's F-score, Altman's Z), one fifth like the others.
 */
export const FUNDAMENTAL_CATEGORY_WEIGHTS: Readonly<Record<FundamentalCategory, number>> = {
  valuation: 0.2,
  profitability: 0.2,
  growth: 0.2,
  health: 0.2,
  models: 0.2,
};

/**
 * How a value is judged.
 * - `lower`: lower is better. value <= positive -> positive; value > negative -> negative;
 *   in between -> neutral.
 * - `higher`: higher is better. value >= positive -> positive; value < negative -> negative;
 *   in between -> neutral.
 * - `sign`: > 0 positive, 0 neutral, < 0 negative.
 */
export type FundamentalRule =
  | { kind: 'lower'; positive: number; negative: number }
  | { kind: 'higher'; positive: number; negative: number }
  | { kind: 'sign' };

export interface FundamentalMetric {
  metric: string;
  label: string;
  category: FundamentalCategory;
  /** Where the value is read, first finite number wins: `module.field` in the quoteSummary, or `quote.field`. */
  sources: readonly string[];
  rule: FundamentalRule;
  /** How the figures of the rule are written: a multiple (38.9), a fraction (0.24 = 24%), percent (145 = 1.45x), an amount. */
  unit: 'multiple' | 'fraction' | 'percent' | 'amount';
  /** A value below zero is not judged by the bands (a negative P/E is not cheap): this signal and reason instead. */
  belowZero?: { signal: Signal; reason: string };
  /**
   * When no source has the value and one of these fields is negative, the metric is judged
   * negative for that reason (Yahoo leaves out the P/E of a loss-making company).
   */
  lossWhenAbsent?: { sources: readonly string[]; reason: string; name: string };
}

/** Every fundamental metric with its source and thresholds: the one place they are defined. */
export const FUNDAMENTAL_THRESHOLDS: readonly FundamentalMetric[] = [
  // --- valuation: lower multiples are cheaper
  {
    metric: 'trailingPE',
    label: 'Trailing P/E',
    category: 'valuation',
    sources: ['summaryDetail.trailingPE', 'defaultKeyStatistics.trailingPE', 'quote.trailingPE'],
    rule: { kind: 'lower', positive: 15, negative: 25 },
    unit: 'multiple',
    belowZero: { signal: 'negative', reason: 'loss-making, not cheap' },
    lossWhenAbsent: {
      sources: ['defaultKeyStatistics.trailingEps', 'quote.epsTrailingTwelveMonths'],
      reason: 'loss-making',
      name: 'trailing EPS',
    },
  },
  {
    metric: 'forwardPE',
    label: 'Forward P/E',
    category: 'valuation',
    sources: ['summaryDetail.forwardPE', 'defaultKeyStatistics.forwardPE', 'quote.forwardPE'],
    rule: { kind: 'lower', positive: 15, negative: 25 },
    unit: 'multiple',
    belowZero: { signal: 'negative', reason: 'losses expected, not cheap' },
    lossWhenAbsent: {
      sources: ['defaultKeyStatistics.forwardEps', 'quote.epsForward'],
      reason: 'losses expected',
      name: 'forward EPS',
    },
  },
  {
    metric: 'pegRatio',
    label: 'PEG ratio',
    category: 'valuation',
    sources: ['defaultKeyStatistics.pegRatio', 'defaultKeyStatistics.trailingPegRatio'],
    rule: { kind: 'lower', positive: 1, negative: 2 },
    unit: 'multiple',
    belowZero: { signal: 'negative', reason: 'losses or shrinking earnings' },
  },
  {
    metric: 'priceToBook',
    label: 'Price/book',
    category: 'valuation',
    sources: ['defaultKeyStatistics.priceToBook', 'quote.priceToBook'],
    rule: { kind: 'lower', positive: 1.5, negative: 5 },
    unit: 'multiple',
    belowZero: { signal: 'negative', reason: 'negative book value' },
  },
  {
    metric: 'priceToSales',
    label: 'Price/sales (trailing 12 months)',
    category: 'valuation',
    sources: ['summaryDetail.priceToSalesTrailing12Months'],
    rule: { kind: 'lower', positive: 2, negative: 5 },
    unit: 'multiple',
    belowZero: { signal: 'no data', reason: 'not meaningful' },
  },
  {
    metric: 'enterpriseToEbitda',
    label: 'EV/EBITDA',
    category: 'valuation',
    sources: ['defaultKeyStatistics.enterpriseToEbitda'],
    rule: { kind: 'lower', positive: 10, negative: 20 },
    unit: 'multiple',
    // Negative EBITDA is bad, a negative enterprise value (cash above market value) is not:
    // the sign alone cannot tell them apart; the margins judge the losses.
    belowZero: { signal: 'no data', reason: 'not meaningful: negative EBITDA or enterprise value' },
  },
  // --- profitability: fractions, 0.24 = 24%
  {
    metric: 'returnOnEquity',
    label: 'Return on equity',
    category: 'profitability',
    sources: ['financialData.returnOnEquity'],
    rule: { kind: 'higher', positive: 0.15, negative: 0.05 },
    unit: 'fraction',
  },
  {
    metric: 'profitMargins',
    label: 'Net profit margin',
    category: 'profitability',
    sources: ['financialData.profitMargins', 'defaultKeyStatistics.profitMargins'],
    rule: { kind: 'higher', positive: 0.15, negative: 0.05 },
    unit: 'fraction',
  },
  {
    metric: 'operatingMargins',
    label: 'Operating margin',
    category: 'profitability',
    sources: ['financialData.operatingMargins'],
    rule: { kind: 'higher', positive: 0.2, negative: 0.1 },
    unit: 'fraction',
  },
  // --- growth: year over year, fractions
  {
    metric: 'revenueGrowth',
    label: 'Revenue growth (year over year)',
    category: 'growth',
    sources: ['financialData.revenueGrowth'],
    rule: { kind: 'higher', positive: 0.1, negative: 0 },
    unit: 'fraction',
  },
  {
    metric: 'earningsGrowth',
    label: 'Earnings growth (year over year)',
    category: 'growth',
    sources: ['financialData.earningsGrowth'],
    rule: { kind: 'higher', positive: 0.1, negative: 0 },
    unit: 'fraction',
  },
  // --- financial health
  {
    metric: 'debtToEquity',
    label: 'Debt/equity (Yahoo gives percent: 145 means 1.45x)',
    category: 'health',
    sources: ['financialData.debtToEquity'],
    rule: { kind: 'lower', positive: 100, negative: 200 },
    unit: 'percent',
    belowZero: { signal: 'negative', reason: "negative shareholders' equity" },
  },
  {
    metric: 'currentRatio',
    label: 'Current ratio',
    category: 'health',
    sources: ['financialData.currentRatio'],
    rule: { kind: 'higher', positive: 1.5, negative: 1 },
    unit: 'multiple',
  },
  {
    metric: 'freeCashflow',
    label: 'Free cash flow',
    category: 'health',
    sources: ['financialData.freeCashflow'],
    rule: { kind: 'sign' },
    unit: 'amount',
  },
];

// ---------------------------------------------------------------------------------------------
// Thresholds in words

function figure(value: number, unit: FundamentalMetric['unit']): string {
  if (unit === 'fraction') return `${value} (${Math.round(value * 1000) / 10}%)`;
  if (unit === 'percent') return `${value}% (${value / 100}x)`;
  return String(value);
}

/** The rule of a metric in words, e.g. `<= 15 positive; 15 to 25 neutral; > 25 negative; below 0 negative (loss-making, not cheap)`. */
export function thresholdText(spec: FundamentalMetric): string {
  const { rule, unit } = spec;
  let words: string;
  if (rule.kind === 'sign') words = '> 0 positive; 0 neutral; < 0 negative';
  else if (rule.kind === 'lower') {
    words = `<= ${figure(rule.positive, unit)} positive; ${rule.positive} to ${rule.negative} neutral; > ${figure(rule.negative, unit)} negative`;
  } else {
    words = `>= ${figure(rule.positive, unit)} positive; ${rule.negative} to ${rule.positive} neutral; < ${figure(rule.negative, unit)} negative`;
  }
  if (spec.belowZero) {
    words += `; below 0 ${spec.belowZero.signal === 'no data' ? 'not judged' : spec.belowZero.signal} (${spec.belowZero.reason})`;
  }
  if (spec.lossWhenAbsent) words += `; absent with a negative ${spec.lossWhenAbsent.name}: negative (${spec.lossWhenAbsent.reason})`;
  return words;
}

function bandSignal(value: number, rule: FundamentalRule): Signal {
  if (rule.kind === 'sign') return value > 0 ? 'positive' : value < 0 ? 'negative' : 'neutral';
  if (rule.kind === 'lower') return value <= rule.positive ? 'positive' : value > rule.negative ? 'negative' : 'neutral';
  return value >= rule.positive ? 'positive' : value < rule.negative ? 'negative' : 'neutral';
}

// ---------------------------------------------------------------------------------------------
// Verdicts: the value in its natural unit and the boundary that decided its signal

/** A value or boundary in the metric's unit: a multiple 29.77, a fraction 24.3%, percent 145 -> 1.45x, an amount 93.8B. */
function natural(value: number, unit: FundamentalMetric['unit']): string {
  if (unit === 'fraction') return formatPercent(value);
  if (unit === 'percent') return `${formatNumber(value / 100)}x`;
  return formatNumber(value);
}

/**
 * The verdict of a banded value (see Finding.verdict): `29.77 is above the 25 threshold`,
 * `12 is below the 15 threshold`, `3.2% is below the 5% floor`, `-4% is below zero`,
 * `20 is between 15 and 25`, `-1.2B is negative (below zero)`.
 */
export function bandVerdict(spec: FundamentalMetric, value: number, signal: Signal): string | undefined {
  if (signal === 'no data') return undefined;
  const { rule, unit } = spec;
  const figureOf = (x: number) => natural(x, unit);
  const shown = figureOf(value);
  if (rule.kind === 'sign') {
    if (signal === 'positive') return `${shown} is positive (above zero)`;
    return signal === 'negative' ? `${shown} is negative (below zero)` : `${shown} is zero`;
  }
  if (signal === 'neutral') {
    const [low, high] = rule.kind === 'lower' ? [rule.positive, rule.negative] : [rule.negative, rule.positive];
    return `${shown} is between ${figureOf(low)} and ${figureOf(high)}`;
  }
  const boundary = signal === 'positive' ? rule.positive : rule.negative;
  const noun = rule.kind === 'higher' && signal === 'negative' ? 'floor' : 'threshold';
  return `${shown} ${side(value, boundary, boundary === 0 ? 'zero' : `the ${figureOf(boundary)} ${noun}`, figureOf)}`;
}

// ---------------------------------------------------------------------------------------------
// Reading Yahoo's figures

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

/** The value at `module.field` (quoteSummary) or `quote.field`; a `{raw, fmt}` figure gives its raw number. */
function read(data: YahooTickerData, path: string): unknown {
  const dot = path.indexOf('.');
  const [owner, field] = [path.slice(0, dot), path.slice(dot + 1)];
  const container: unknown = owner === 'quote' ? data.quote : data.summary[owner];
  if (!isRecord(container)) return undefined;
  const value = container[field];
  return isRecord(value) && 'raw' in value ? value.raw : value;
}

type Lookup =
  | { kind: 'value'; value: number; path: string }
  | { kind: 'non-finite'; raw: unknown; path: string }
  | { kind: 'absent' };

/** The first finite number among `paths`; else the first non-finite number met; else absent. */
function lookup(data: YahooTickerData, paths: readonly string[]): Lookup {
  let nonFinite: Lookup | null = null;
  for (const path of paths) {
    const value = read(data, path);
    if (typeof value !== 'number') continue;
    if (Number.isFinite(value)) return { kind: 'value', value, path };
    nonFinite ??= { kind: 'non-finite', raw: value, path };
  }
  return nonFinite ?? { kind: 'absent' };
}

const source = (path: string) => `yahoo:${path}`;

/** Fundamental metric -> the Alpha Vantage figure that can stand in for it. */
const ALPHA_VANTAGE_FIGURE_OF_METRIC = new Map(
  (Object.entries(ALPHA_VANTAGE_FIGURE_TO_METRIC) as Array<[keyof AlphaVantageFigures, string]>).map(([figure, metric]) => [metric, figure]),
);

/** Alpha Vantage's value for a metric (same units as Yahoo's: ratios are fractions), with its source; null when it has none. */
function alphaVantageFigure(figures: AlphaVantageFigures | null | undefined, metric: string): { value: number; source: string } | null {
  const key = ALPHA_VANTAGE_FIGURE_OF_METRIC.get(metric);
  const figure = key && figures ? figures[key] : undefined;
  if (!figure || figure.value === null || !Number.isFinite(figure.value)) return null;
  return { value: figure.value, source: figure.source };
}

/** The finding of a value, from whichever source: banded, or the below-zero rule. */
function judgedValue(spec: FundamentalMetric, value: number, from: string): Finding {
  const base = { metric: spec.metric, threshold: thresholdText(spec) };
  if (value < 0 && spec.belowZero) {
    const { signal, reason } = spec.belowZero;
    // The band does not apply: the label gives the reason, the verdict the sign.
    const verdict = signal === 'no data' ? undefined : `${natural(value, spec.unit)} is below zero`;
    const label = `${spec.label} (${reason})`;
    return { ...base, label, value, signal, ...(verdict === undefined ? {} : { verdict }), source: from };
  }
  const signal = bandSignal(value, spec.rule);
  const verdict = bandVerdict(spec, value, signal);
  return { ...base, label: spec.label, value, signal, ...(verdict === undefined ? {} : { verdict }), source: from };
}

/**
 * One metric: Yahoo's figure; where Yahoo lacks it, Alpha Vantage's (its source says so, e.g.
 * `alpha_vantage:OVERVIEW.PEGRatio`). Yahoo's own evidence of a loss (a P/E left out with a
 * negative EPS) still wins over another source's multiple.
 */
function judge(
  data: YahooTickerData,
  spec: FundamentalMetric,
  alphaVantage?: AlphaVantageFigures | null,
): { finding: Finding; warning?: string } {
  const base = { metric: spec.metric, threshold: thresholdText(spec) };
  const found = lookup(data, spec.sources);
  if (found.kind === 'value') return { finding: judgedValue(spec, found.value, source(found.path)) };
  const secondary = alphaVantageFigure(alphaVantage, spec.metric);
  if (found.kind === 'non-finite') {
    if (secondary) {
      return {
        finding: judgedValue(spec, secondary.value, secondary.source),
        warning: `${spec.label}: Yahoo gave ${String(found.raw)} at ${found.path}; Alpha Vantage's figure used`,
      };
    }
    return {
      finding: { ...base, label: `${spec.label} (not a finite number)`, value: null, signal: 'no data', source: source(found.path) },
      warning: `${spec.label}: Yahoo gave ${String(found.raw)} at ${found.path}, not judged`,
    };
  }
  if (spec.lossWhenAbsent) {
    const eps = lookup(data, spec.lossWhenAbsent.sources);
    if (eps.kind === 'value' && eps.value < 0) {
      const { reason, name } = spec.lossWhenAbsent;
      return {
        finding: {
          ...base,
          label: `${spec.label} (none: ${reason}, ${name} ${eps.value})`,
          value: null,
          signal: 'negative',
          source: source(eps.path),
        },
      };
    }
  }
  if (secondary) return { finding: judgedValue(spec, secondary.value, secondary.source) };
  return { finding: { ...base, label: spec.label, value: null, signal: 'no data', source: source(spec.sources[0]!) } };
}

/** The figures a sector median is made of, read from the same sources the analyst reads. */
export function referenceFigures(data: YahooTickerData): Partial<Record<ReferenceMetric, number>> {
  const figures: Partial<Record<ReferenceMetric, number>> = {};
  for (const spec of FUNDAMENTAL_THRESHOLDS) {
    if (!(REFERENCE_METRICS as readonly string[]).includes(spec.metric)) continue;
    const found = lookup(data, spec.sources);
    if (found.kind === 'value') figures[spec.metric as ReferenceMetric] = found.value;
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// The analyst

const NO_FUNDAMENTALS_TAIL = 'the fundamental weight is shared among the other analysts';

/**
 * Why a ticker has no company fundamentals, or null when it has them: a listing Yahoo types
 * as something other than EQUITY (fund, index, crypto, currency) is not a company at all;
 * a company (or an untyped listing) whose financialData module failed or is absent lacks them.
 */
function missingFundamentals(data: YahooTickerData): { company: boolean; warning: string } | null {
  if (rawQuoteType(data) !== null && assetType(data) !== 'EQUITY') {
    return { company: false, warning: `No company fundamentals for ${describeAssetType(data)}: ${NO_FUNDAMENTALS_TAIL}` };
  }
  const error = data.summaryErrors.financialData;
  if (error !== undefined || !isRecord(data.summary.financialData)) {
    const reason = error ?? 'not in the data';
    return { company: true, warning: `No company fundamentals for ${data.symbol} (financialData: ${reason}): ${NO_FUNDAMENTALS_TAIL}` };
  }
  return null;
}

const SIGNAL_POINTS: Record<Signal, number> = { positive: 1, neutral: 0.5, negative: 0, 'no data': 0 };

const CATEGORY_OF = new Map<string, FundamentalCategory>([
  ...FUNDAMENTAL_THRESHOLDS.map((spec) => [spec.metric, spec.category] as const),
  ...MODEL_METRICS.map((metric) => [metric, 'models'] as const),
]);

/** The category a fundamental finding counts in, or undefined for a metric the analyst does not score. */
export const fundamentalCategoryOf = (metric: string): FundamentalCategory | undefined => CATEGORY_OF.get(metric);

/**
 * The weighted mean (FUNDAMENTAL_CATEGORY_WEIGHTS) of the category scores that had data, each
 * category scored as scoreFindings does (positive 1, neutral 0.5, negative 0, 'no data' left out); rounded to 3 decimals; null when no category had data.
 * Findings whose metric is not in FUNDAMENTAL_THRESHOLDS are ignored.
 */
export function fundamentalScore(findings: readonly Finding[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const [category, weight] of Object.entries(FUNDAMENTAL_CATEGORY_WEIGHTS) as Array<[FundamentalCategory, number]>) {
    const judged = findings.filter((f) => CATEGORY_OF.get(f.metric) === category && f.signal !== 'no data');
    if (judged.length === 0 || weight <= 0) continue;
    // scoreFindings' points, unrounded here so that only the final score is rounded.
    const score = judged.reduce((sum, f) => sum + SIGNAL_POINTS[f.signal], 0) / judged.length;
    weighted += weight * score;
    weights += weight;
  }
  if (weights === 0) return null;
  return Math.round((weighted / weights) * 1000) / 1000;
}

/**
 * The fundamental report of one ticker. `alphaVantage`: the secondary source's figures, used
 * only where Yahoo lacks a figure (each finding's `source` says which source it came from).
 */
export function analyseFundamentals(
  data: YahooTickerData,
  alphaVantage?: AlphaVantageFigures | null,
  sector: { medians: SectorMedians | null; runDate: string } = { medians: null, runDate: new Date().toISOString() },
  models: PublishedModels | null = null,
): AnalystReport {
  const missing = missingFundamentals(data);
  if (missing !== null && !missing.company) return { score: null, details: [], warnings: [missing.warning] };

  const warnings: string[] = [];
  const details: Finding[] = [];
  // Valuation, margins and ROE against the holding's sector; leverage by the sector's own rules.
  const context: SectorContext = { holding: sectorOf(data), medians: sector.medians, runDate: sector.runDate };
  for (const spec of FUNDAMENTAL_THRESHOLDS) {
    const { finding, warning } = judge(data, spec, alphaVantage);
    details.push(judgeLeverage(judgeAgainstSector(finding, context), context.holding));
    if (warning) warnings.push(warning);
  }
  if (models) details.push(...modelFindings(models));
  // A company without financialData: the valuation figures are shown, but a score from
  // valuation alone would not be a fundamental score.
  if (missing !== null) return { score: null, details, warnings: [missing.warning, ...warnings] };

  const judged = details.filter((f) => f.signal !== 'no data').length;
  const score = fundamentalScore(details);
  if (score === null) warnings.push(`No fundamental figure had data: ${NO_FUNDAMENTALS_TAIL}`);
  else if (judged < details.length / 2) {
    warnings.push(`Only ${judged} of ${details.length} fundamental figures had data: the fundamental score rests on few figures`);
  }
  return { score, details, warnings };
}
