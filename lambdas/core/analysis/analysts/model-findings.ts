// The published models as findings of the fundamental analyst (category `models`, one fifth of
// the fundamental score): an F-score of 7 or more is strong and 3 or less weak (the usual reading
// of Piotroski's high and low groups); an Altman Z in the safe zone is positive, in distress negative.
import type { PublishedModels } from '../models/published-models.js';
import { ALTMAN_VARIANTS } from '../models/altman.js';
import type { Finding } from './finding.js';

export const MODEL_METRICS = ['piotroskiFScore', 'altmanZ'] as const;
export const F_SCORE_STRONG_FROM = 7;
export const F_SCORE_WEAK_AT_MOST = 3;
const SOURCE = 'yahoo:fundamentals-timeseries (annual statements)';

export function modelFindings(models: PublishedModels): Finding[] {
  const f = models.piotroski_f_score;
  const z = models.altman_z;
  const fFinding: Finding =
    f.score === null
      ? { metric: 'piotroskiFScore', label: `Piotroski F-score (none: ${f.reason})`, value: null, threshold: fRule, signal: 'no data', source: SOURCE }
      : {
          metric: 'piotroskiFScore',
          label: 'Piotroski F-score',
          value: f.score,
          threshold: fRule,
          signal: f.score >= F_SCORE_STRONG_FROM ? 'positive' : f.score <= F_SCORE_WEAK_AT_MOST ? 'negative' : 'neutral',
          verdict: `${f.score} of 9 signals pass (fiscal year to ${f.period_end})${
            f.score >= F_SCORE_STRONG_FROM ? `, at or above the ${F_SCORE_STRONG_FROM} line` : f.score <= F_SCORE_WEAK_AT_MOST ? `, at or below the ${F_SCORE_WEAK_AT_MOST} line` : ''
          }`,
          source: SOURCE,
        };
  const zFinding: Finding =
    z.score === null
      ? { metric: 'altmanZ', label: `Altman Z (none: ${z.reason})`, value: null, threshold: zRule, signal: 'no data', source: SOURCE }
      : {
          metric: 'altmanZ',
          label: ALTMAN_VARIANTS[z.variant].label,
          value: z.score,
          threshold: zRule,
          signal: z.zone === 'safe' ? 'positive' : z.zone === 'distress' ? 'negative' : 'neutral',
          verdict: `${z.score} is in the ${z.zone} zone (${zoneBounds(z.variant)}; fiscal year to ${z.period_end})`,
          source: SOURCE,
        };
  return [fFinding, zFinding];
}

const fRule = `>= ${F_SCORE_STRONG_FROM} of 9 positive; 4 to 6 neutral; <= ${F_SCORE_WEAK_AT_MOST} negative`;
const zRule = "safe zone positive, grey neutral, distress negative (Z: 1.81 and 2.99; Z'': 1.1 and 2.6)";
const zoneBounds = (variant: keyof typeof ALTMAN_VARIANTS) => `distress below ${ALTMAN_VARIANTS[variant].distressBelow}, safe above ${ALTMAN_VARIANTS[variant].safeAbove}`;
