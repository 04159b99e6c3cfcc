// What every analyst hands the portfolio manager: a 0..1 score (null when it had no data),
// one finding per metric with the value, the threshold it was judged against and the
// resulting signal, and warnings. Every number is traceable: `source` names where it came from.
import { z } from 'zod';
import { referenceSchema } from '../sector-references.js';

export const signalSchema = z.enum(['positive', 'neutral', 'negative', 'no data']);
export type Signal = z.infer<typeof signalSchema>;

export const findingSchema = z.object({
  /** Stable machine name, e.g. `trailingPE`, `rsi14`, `maxDrawdown`. */
  metric: z.string(),
  /** Human label, e.g. `Trailing P/E`. */
  label: z.string(),
  value: z.number().nullable(),
  /** The whole rule it was judged against, in words: `<= 25`, `between 30 and 70` (shown in tables). */
  threshold: z.string(),
  signal: signalSchema,
  /**
   * For a judged finding with a value: a short, self-contained clause that gives the value in
   * its natural unit and says on which side of which boundary of `threshold` it falls, e.g.
   * `38.2 is above the 25 threshold`, `3.2% is below the 5% floor`, `fell 16.1%`,
   * `75.3 is above the 70 threshold`. The portfolio manager writes it as `<label>: <verdict>.`,
   * so it never repeats the label. Absent for 'no data' and for findings without a value.
   */
  verdict: z.string().optional(),
  /** Where the value came from: `yahoo:summaryDetail.trailingPE`, `computed:bars(252)`. */
  source: z.string(),
  /**
   * What a sector-relative finding was compared with (valuation multiples, margins, ROE): the
   * sector's reference with its source, date and kind; null when there was none, with the reason.
   */
  reference: referenceSchema.nullable().optional(),
  reference_reason: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const analystReportSchema = z.object({
  score: z.number().min(0).max(1).nullable(),
  details: z.array(findingSchema),
  warnings: z.array(z.string()),
});
export type AnalystReport = z.infer<typeof analystReportSchema>;

/**
 * The usual score: positives count 1, neutrals 0.5, negatives 0, over the findings that had
 * data; null when none had. Analysts may weigh findings differently, but say so.
 */
export function scoreFindings(findings: Finding[]): number | null {
  const judged = findings.filter((finding) => finding.signal !== 'no data');
  if (judged.length === 0) return null;
  const points = judged.reduce((sum, f) => sum + (f.signal === 'positive' ? 1 : f.signal === 'neutral' ? 0.5 : 0), 0);
  return Math.round((points / judged.length) * 1000) / 1000;
}

// ---------------------------------------------------------------------------------------------
// Figures in words, shared by the analysts' verdicts and the portfolio manager

/**
 * A number as a reader wants it: 1.2T / 93.8B / 4.5M for large amounts, thousands grouped
 * (850,000), two decimals from 1 (29.77), three below 1 (0.243), two significant digits below
 * 0.01 (0.0042); trailing zeros dropped, never `-0`.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const trim = (text: string) => (text.includes('.') ? text.replace(/\.?0+$/, '') : text);
  // Each branch starts where the one below would round up into it (999.996 is 1,000, not 1000).
  let text: string | undefined;
  for (const [unit, suffix] of [[1e12, 'T'], [1e9, 'B'], [1e6, 'M']] as const) {
    if (abs >= unit * 0.99995) {
      text = `${trim((value / unit).toFixed(1))}${suffix}`;
      break;
    }
  }
  if (text === undefined) {
    if (abs >= 999.995) text = Math.round(value).toLocaleString('en-US');
    else if (abs >= 0.9995) text = trim(value.toFixed(2));
    else if (abs >= 0.00995) text = trim(value.toFixed(3));
    else text = abs === 0 ? '0' : String(Number(value.toPrecision(2)));
  }
  return /^-0(\.0*)?$/.test(text) ? '0' : text;
}

/** A fraction as a percentage: 0.1234 -> `12.3%`, 0.15 -> `15%`, -0.0004 -> `-0.04%`; never `-0%`. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  const percent = fraction * 100;
  const abs = Math.abs(percent);
  if (abs === 0) return '0%';
  const rounded = abs >= 0.1 ? Math.round(percent * 10) / 10 : Number(percent.toPrecision(1));
  return `${Object.is(rounded, -0) ? 0 : rounded}%`;
}

/**
 * Where `value` sits against `boundary`, in words: `is above` / `is below` / `is at`, followed
 * by `what` (`the 25 threshold`). Used by every analyst so the verdicts read alike. With `show`
 * (how both figures are printed), a value that prints like the boundary without being equal to
 * it is `just above` or `just below` it, never a bare `25 is above the 25 threshold`.
 */
export function side(value: number, boundary: number, what: string, show?: (x: number) => string): string {
  if (value === boundary) return `is at ${what}`;
  const just = show !== undefined && show(value) === show(boundary) ? 'just ' : '';
  return `is ${just}${value > boundary ? 'above' : 'below'} ${what}`;
}
