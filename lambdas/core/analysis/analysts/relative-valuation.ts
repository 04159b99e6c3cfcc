// Valuation and profitability against the holding's sector (sector-references.ts): a multiple
// is cheap at or below 0.8x its sector's reference and dear above 1.25x; a margin or ROE is
// strong at or above 1.25x the reference and weak below 0.8x. Leverage is judged by sector-aware
// rules: no debt/equity or current-ratio verdict for a bank or an insurer, a higher debt line for
// utilities and real estate. Each finding names the reference it used, or why it had none.
import { DEBT_HEAVY_SECTORS, isFinancialIntermediary, type SectorOfHolding } from '../sector.js';
import { referenceFor, REFERENCE_METRICS, type ReferenceMetric, type SectorMedians } from '../sector-references.js';
import { formatNumber, formatPercent, type Finding, type Signal } from './finding.js';

export const CHEAP_AT_MOST = 0.8;
export const DEAR_ABOVE = 1.25;
/** Margins and ROE: higher is better, the same band turned round. */
const HIGHER_IS_BETTER: ReadonlySet<ReferenceMetric> = new Set(['profitMargins', 'operatingMargins', 'returnOnEquity']);

export interface SectorContext {
  holding: SectorOfHolding | null;
  medians: SectorMedians | null;
  /** The run's date: the as-of of a run median. */
  runDate: string;
}

const isReferenceMetric = (metric: string): metric is ReferenceMetric => (REFERENCE_METRICS as readonly string[]).includes(metric);

const shown = (metric: ReferenceMetric, value: number) => (HIGHER_IS_BETTER.has(metric) ? formatPercent(value) : formatNumber(value));

/** The band of a value against its reference, in words (the finding's `threshold`). */
export function relativeRule(metric: ReferenceMetric): string {
  return HIGHER_IS_BETTER.has(metric)
    ? `against the sector reference: >= ${DEAR_ABOVE}x positive; ${CHEAP_AT_MOST}x to ${DEAR_ABOVE}x neutral; < ${CHEAP_AT_MOST}x negative`
    : `against the sector reference: <= ${CHEAP_AT_MOST}x positive; ${CHEAP_AT_MOST}x to ${DEAR_ABOVE}x neutral; > ${DEAR_ABOVE}x negative`;
}

function relativeSignal(metric: ReferenceMetric, ratio: number): Signal {
  if (HIGHER_IS_BETTER.has(metric)) return ratio >= DEAR_ABOVE ? 'positive' : ratio < CHEAP_AT_MOST ? 'negative' : 'neutral';
  return ratio <= CHEAP_AT_MOST ? 'positive' : ratio > DEAR_ABOVE ? 'negative' : 'neutral';
}

/**
 * A finding judged against its sector: the ratio of value to reference decides the signal.
 * A finding the below-zero or loss rules already decided keeps its signal and gains the reference.
 */
export function judgeAgainstSector(finding: Finding, context: SectorContext): Finding {
  const { metric } = finding;
  if (!isReferenceMetric(metric)) return finding;
  const lookup = referenceFor(metric, context.holding?.sector ?? null, context.medians, context.runDate);
  const reference = lookup.reference;
  const withReference: Finding = { ...finding, reference, ...(lookup.reason ? { reference_reason: lookup.reason } : {}) };
  const value = finding.value;
  const decidedByRule = value === null || value < 0 || finding.signal === 'no data';
  if (decidedByRule) return withReference;
  // No sector reference: the market-wide threshold judges it, and the finding says so.
  if (!reference || reference.value <= 0) {
    return { ...withReference, reference: null, reference_reason: `${lookup.reason ?? 'no reference answered'}: judged by the market-wide threshold` };
  }
  const ratio = value / reference.value;
  const signal = relativeSignal(metric, ratio);
  const kind = reference.kind === 'run_sector_median' ? 'the run median' : 'the table';
  const verdict = `${shown(metric, value)} is ${formatNumber(Number(ratio.toFixed(2)))}x the ${context.holding!.sector} reference of ${shown(metric, reference.value)} (${kind})`;
  return { ...withReference, signal, verdict, threshold: relativeRule(metric) };
}

/** Debt/equity (Yahoo's percent) and current ratio under the sector's own rules. */
export function judgeLeverage(finding: Finding, holding: SectorOfHolding | null): Finding {
  if (finding.metric !== 'debtToEquity' && finding.metric !== 'currentRatio') return finding;
  if (isFinancialIntermediary(holding)) {
    const { verdict: _verdict, ...rest } = finding;
    return {
      ...rest,
      signal: 'no data',
      label: `${finding.label} (not judged for ${holding!.industry ?? holding!.sector}: its liabilities are its business)`,
      threshold: 'not judged for banks, insurers and other financial intermediaries',
    };
  }
  if (finding.metric === 'debtToEquity' && DEBT_HEAVY_SECTORS.has(holding?.sector ?? '') && finding.value !== null && finding.value >= 0) {
    const signal: Signal = finding.value <= 150 ? 'positive' : finding.value > 300 ? 'negative' : 'neutral';
    const x = `${formatNumber(finding.value / 100)}x`;
    const verdict =
      signal === 'positive' ? `${x} is at or below the 1.5x line for ${holding!.sector}` : signal === 'negative' ? `${x} is above the 3x line for ${holding!.sector}` : `${x} is between 1.5x and 3x, usual for ${holding!.sector}`;
    return { ...finding, signal, verdict, threshold: `${holding!.sector}: <= 150% (1.5x) positive; 150 to 300 neutral; > 300% (3x) negative` };
  }
  return finding;
}
