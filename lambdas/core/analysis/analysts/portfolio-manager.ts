// The portfolio manager: composes the analysts' scores into one composite, grades it, and
// decides BUY, HOLD or SELL with a confidence and a rationale that cites the numbers.
//
// The scale: every finding counts 1 (positive), 0.5 (neutral) or 0 (negative); an analyst's score
// is the mean of its judged findings, the composite the weighted mean of the analysts' (risk as
// 1 - risk). So 0.5 is a holding with as much for it as against it, or nothing either way, and it
// sits in the middle of HOLD. Missing data is left out of the means: it lowers the confidence,
// never the score. The bands (README, "Grades and recommendations"):
//   A+ >= 0.85, A >= 0.75, B >= 0.60  -> BUY   (clearly more for than against)
//   C 0.40 to 0.60                     -> HOLD  (0.50 is its middle)
//   D >= 0.25, F below 0.25            -> SELL  (clearly more against than for)
import { z } from 'zod';
import { type AnalystReport, type Finding, formatNumber } from './finding.js';
import type { Reference } from '../sector-references.js';
import { FUNDAMENTAL_CATEGORY_WEIGHTS, fundamentalCategoryOf } from './fundamental-analyst.js';

export const BASE_WEIGHTS = { fundamental: 0.4, technical: 0.3, risk: 0.3 } as const;
type Component = keyof typeof BASE_WEIGHTS;

export const GRADE_FLOORS: Array<[Grade, number]> = [
  ['A+', 0.85],
  ['A', 0.75],
  ['B', 0.6],
  ['C', 0.4],
  ['D', 0.25],
];
export const gradeSchema = z.enum(['A+', 'A', 'B', 'C', 'D', 'F', 'N/A']);
export type Grade = z.infer<typeof gradeSchema>;
export const recommendationSchema = z.enum(['BUY', 'HOLD', 'SELL', 'WAIT']);
export type Recommendation = z.infer<typeof recommendationSchema>;

/** BUY from grade B up, SELL at D and F, HOLD at C: symmetric about the neutral 0.5. */
export const BUY_FROM = 0.6;
export const SELL_BELOW = 0.4;
/** The composite of a holding with nothing for or against it: the middle of HOLD. */
export const NEUTRAL_COMPOSITE = 0.5;
/** Stale data keeps this share of the confidence. */
export const STALE_CONFIDENCE_FACTOR = 0.6;

/** The finding that weighed most in the decision, with what it was compared with. */
export interface LeadFinding {
  analyst: Component;
  metric: string;
  /** The sentence the rationale cites: `<label>: <verdict>.` */
  sentence: string;
  /** Its share of the composite's distance from the neutral 0.5 (analyst weight x its weight in the analyst). */
  weight: number;
  source: string;
  reference: Reference | null;
  reference_reason: string | null;
}

export interface Decision {
  composite: number | null;
  /** The finding that weighed most for the decision (a SELL's worst, a BUY's best); null without one. */
  lead: LeadFinding | null;
  grade: Grade;
  recommendation: Recommendation;
  confidence: number;
  rationale: string[];
  weights: Record<Component, number>;
  warnings: string[];
}

export function gradeFor(composite: number): Grade {
  for (const [grade, floor] of GRADE_FLOORS) if (composite >= floor) return grade;
  return 'F';
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

export function decide(input: {
  fundamental: AnalystReport;
  technical: AnalystReport;
  risk: AnalystReport;
  /** The newest bar's age when it is past the threshold (STALE_AFTER_TRADING_DAYS). */
  stale: { tradingDays: number; threshold: number; newestBarAt: string | null } | null;
}): Decision {
  const scores: Record<Component, number | null> = {
    fundamental: input.fundamental.score,
    technical: input.technical.score,
    // Risk is higher-is-riskier: it counts as 1 - risk.
    risk: input.risk.score === null ? null : 1 - input.risk.score,
  };
  const available = (Object.keys(BASE_WEIGHTS) as Component[]).filter((c) => scores[c] !== null);
  const availableWeight = available.reduce((sum, c) => sum + BASE_WEIGHTS[c], 0);
  const weights = Object.fromEntries(
    (Object.keys(BASE_WEIGHTS) as Component[]).map((c) => [c, scores[c] === null ? 0 : round3(BASE_WEIGHTS[c] / availableWeight)]),
  ) as Record<Component, number>;
  const warnings: string[] = [];
  // Nothing for or against it (risk alone says how bumpy a holding is, not whether it is worth
  // holding): the neutral composite, the middle of HOLD, with no confidence at all.
  if (scores.fundamental === null && scores.technical === null) {
    const reason =
      available.length === 0 ? 'No analyst had data to judge' : 'Not enough data to judge: neither fundamentals nor a usable price history';
    return {
      composite: NEUTRAL_COMPOSITE,
      lead: null,
      grade: gradeFor(NEUTRAL_COMPOSITE),
      recommendation: 'HOLD',
      confidence: 0,
      rationale: [`HOLD at the neutral ${NEUTRAL_COMPOSITE.toFixed(2)}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}; nothing for or against it.`],
      weights: { fundamental: 0, technical: 0, risk: 0 },
      warnings: [reason],
    };
  }
  for (const missing of (Object.keys(BASE_WEIGHTS) as Component[]).filter((c) => scores[c] === null)) {
    warnings.push(`No ${missing} score: its ${BASE_WEIGHTS[missing]} weight is shared among ${available.join(' and ')}`);
  }
  const composite = round3(available.reduce((sum, c) => sum + weights[c] * scores[c]!, 0));
  const grade = gradeFor(composite);
  const recommendation: Recommendation = composite >= BUY_FROM ? 'BUY' : composite < SELL_BELOW ? 'SELL' : 'HOLD';
  // Far from a decision boundary, with every analyst reporting and every figure there: confident.
  // Missing figures lower the confidence (never the score): half of it rests on their coverage.
  const margin = Math.min(Math.abs(composite - BUY_FROM), Math.abs(composite - SELL_BELOW));
  const findings = [...input.fundamental.details, ...input.technical.details, ...input.risk.details];
  const weightOf = findingWeights(input, weights);
  const coverage = findings.length === 0 ? 1 : findings.filter((f) => f.signal !== 'no data').length / findings.length;
  let confidence = (0.5 + Math.min(margin * 2.5, 0.5)) * availableWeight * (0.5 + 0.5 * coverage);
  const rationale = [
    `Composite ${composite.toFixed(2)} (grade ${grade}) from ${available
      .map((c) => `${c} ${(c === 'risk' ? input.risk.score! : scores[c]!).toFixed(2)}`)
      .join(', ')}${available.includes('risk') ? ' (risk: higher is riskier)' : ''}.`,
    recommendation === 'BUY'
      ? `${recommendation}: composite ${composite.toFixed(2)} is at or above ${BUY_FROM}.`
      : recommendation === 'SELL'
        ? `${recommendation}: composite ${composite.toFixed(2)} is below ${SELL_BELOW}.`
        : `${recommendation}: composite ${composite.toFixed(2)} is between ${SELL_BELOW} and ${BUY_FROM}.`,
    // One finding fewer when the stale note follows, so the rationale stays at 7 sentences.
    ...keyFindings(findings, recommendation, input.stale ? MAX_KEY_FINDINGS - 1 : MAX_KEY_FINDINGS, (f) => weightOf.get(f)?.weight ?? 0),
  ];
  if (input.stale) {
    confidence *= STALE_CONFIDENCE_FACTOR;
    const { tradingDays, threshold, newestBarAt } = input.stale;
    const since = newestBarAt ? ` (${newestBarAt.slice(0, 10)})` : '';
    rationale.push(
      `Confidence lowered: the newest bar is ${tradingDays} trading days old${since}, past the ${threshold}-trading-day limit for fresh data.`,
    );
    warnings.push(`Stale data: the newest bar is ${tradingDays} trading days old${since}, past the ${threshold}-trading-day limit`);
  }
  const lead = leadFinding(findings, recommendation, weightOf);
  return { composite, lead, grade, recommendation, confidence: round3(Math.min(1, confidence)), rationale, weights, warnings };
}

/**
 * Each judged finding's weight in the composite: its analyst's weight times its weight within
 * the analyst (fundamentals: its category's weight shared among the category's judged findings;
 * technical and risk: an equal share of the analyst's judged findings).
 */
export function findingWeights(
  input: { fundamental: AnalystReport; technical: AnalystReport; risk: AnalystReport },
  weights: Record<Component, number>,
): Map<Finding, { analyst: Component; weight: number }> {
  const out = new Map<Finding, { analyst: Component; weight: number }>();
  const judged = (details: Finding[]) => details.filter((f) => f.signal !== 'no data');
  const fundamental = judged(input.fundamental.details);
  const categories = new Map<string, Finding[]>();
  for (const f of fundamental) {
    const category = fundamentalCategoryOf(f.metric) ?? 'other';
    categories.set(category, [...(categories.get(category) ?? []), f]);
  }
  const categoryWeight = (category: string) => FUNDAMENTAL_CATEGORY_WEIGHTS[category as keyof typeof FUNDAMENTAL_CATEGORY_WEIGHTS] ?? 0;
  const totalCategoryWeight = [...categories.keys()].reduce((sum, c) => sum + categoryWeight(c), 0);
  for (const [category, list] of categories) {
    const share = totalCategoryWeight > 0 ? categoryWeight(category) / totalCategoryWeight / list.length : 0;
    for (const f of list) out.set(f, { analyst: 'fundamental', weight: weights.fundamental * share });
  }
  for (const analyst of ['technical', 'risk'] as const) {
    const list = judged(input[analyst].details);
    for (const f of list) out.set(f, { analyst, weight: weights[analyst] / list.length });
  }
  return out;
}

/** The decision's weightiest finding on its own side: a SELL's or a HOLD's worst, a BUY's best. */
function leadFinding(findings: Finding[], recommendation: Recommendation, weightOf: Map<Finding, { analyst: Component; weight: number }>): LeadFinding | null {
  const side = recommendation === 'BUY' ? 'positive' : 'negative';
  const candidates = findings.filter((f) => f.signal === side && weightOf.has(f));
  if (candidates.length === 0) return null;
  const best = candidates.reduce((a, b) => (weightOf.get(b)!.weight > weightOf.get(a)!.weight ? b : a));
  const { analyst, weight } = weightOf.get(best)!;
  return {
    analyst,
    metric: best.metric,
    sentence: keyFindings([best], recommendation, 1)[0]!,
    weight: round3(weight),
    source: best.source,
    reference: best.reference ?? null,
    reference_reason: best.reference_reason ?? null,
  };
}

/** Findings cited in the rationale: with its two opening sentences and the stale note, at most 7 sentences. */
export const MAX_KEY_FINDINGS = 5;

/**
 * The findings that argue for the decision first (negatives for SELL and HOLD, positives for
 * BUY), at most `limit`, one short sentence each that cites the number and the boundary that
 * decided it: `Trailing P/E: 29.77 is above the 25 threshold.`, `3-month momentum: fell 16.1%.`
 * (the finding's verdict). A judged finding without a value (a loss-making company's P/E) says
 * why in its label: `<label>: negative.`; one with a value but no verdict cites the value.
 */
export function keyFindings(
  findings: Finding[],
  recommendation: Recommendation,
  limit = MAX_KEY_FINDINGS,
  weightOf: (finding: Finding) => number = () => 0,
): string[] {
  const judged = findings.filter((f) => f.signal === 'positive' || f.signal === 'negative');
  const first = recommendation === 'BUY' ? 'positive' : 'negative';
  // On each side the weightiest first (a stable sort keeps the analysts' order among equals).
  const byWeight = (a: Finding, b: Finding) => weightOf(b) - weightOf(a);
  const ordered = [...judged.filter((f) => f.signal === first).sort(byWeight), ...judged.filter((f) => f.signal !== first).sort(byWeight)];
  return ordered.slice(0, Math.max(0, limit)).map((f) => {
    if (f.value === null) return `${f.label}: ${f.signal}.`;
    if (f.verdict) return `${f.label}: ${f.verdict}.`;
    return `${f.label} ${formatValue(f.value)}: ${f.signal}.`;
  });
}

/** A finding's raw value for a sentence: `29.77`, `0.243`, `850,000`, `93.8B`, `1.2T`, never `-0`. */
export function formatValue(value: number): string {
  return formatNumber(value);
}
