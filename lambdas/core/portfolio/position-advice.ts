// Position-aware advice: a holding above MAX_POSITION_WEIGHT gets "trim" beside its
// recommendation (its own field, not a new recommendation), and a BUY on it says it is
// overweight, so the report never tells a holder to add to a position that is already too large.
import type { ReportRow } from '../report/ticker-outcome.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function withPositionAdvice(rows: readonly ReportRow[], maxWeight: number): ReportRow[] {
  return rows.map((row) => {
    const over = row.weight !== null && row.weight > maxWeight;
    if (!over) return { ...row, position_advice: null };
    const sentence =
      row.recommendation === 'BUY'
        ? `Overweight: ${pct(row.weight!)} of the portfolio, above MAX_POSITION_WEIGHT ${pct(maxWeight)}: a BUY on the merits, but trim rather than add.`
        : `Overweight: ${pct(row.weight!)} of the portfolio, above MAX_POSITION_WEIGHT ${pct(maxWeight)}: trim.`;
    // After the composite and the decision, before the findings.
    return { ...row, position_advice: 'trim', rationale: [...row.rationale.slice(0, 2), sentence, ...row.rationale.slice(2)] };
  });
}
