// The track record in words and tables, shared by report.md and report.html: one row per
// horizon and call, every rate beside its n.
import { SCORED_RECOMMENDATIONS, type CallStats, type TrackRecord } from '../history/track-record.js';

/** A track record, or why there is none (no earlier run old enough, history unreadable). */
export type TrackRecordSection = TrackRecord | { unavailable: string };

export interface TrackRecordRow {
  horizon: string;
  trading_days: number;
  runs: number;
  call: string;
  n: number;
  hit_rate: string;
  mean_excess_return: string;
}

const pct = (value: number | null, digits = 1): string => (value === null ? '—' : `${(value * 100).toFixed(digits)}%`);
const signedPct = (value: number | null): string => (value === null ? '—' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`);

export function trackRecordRows(record: TrackRecord): TrackRecordRow[] {
  const rows: TrackRecordRow[] = [];
  for (const horizon of record.horizons) {
    const add = (call: string, stats: CallStats) =>
      rows.push({
        horizon: horizon.horizon,
        trading_days: horizon.trading_days,
        runs: horizon.runs.length,
        call,
        n: stats.n,
        hit_rate: pct(stats.hit_rate),
        mean_excess_return: signedPct(stats.mean_excess_return),
      });
    for (const recommendation of SCORED_RECOMMENDATIONS) {
      const stats = horizon.by_recommendation[recommendation];
      if (stats) add(recommendation, stats);
    }
    for (const [grade, stats] of Object.entries(horizon.by_grade)) add(`grade ${grade}`, stats);
  }
  return rows;
}

/** The sentence the section opens with: what is scored, or why nothing is. */
export function trackRecordLead(section: TrackRecordSection): string {
  if ('unavailable' in section) return `No track record: ${section.unavailable}.`;
  if (section.horizons.length === 0) {
    return 'No track record yet: no earlier run of this portfolio is 21 trading days old (the shortest horizon).';
  }
  const unscored = Object.entries(section.unscored).map(([reason, n]) => `${n} ${reason}`);
  return `Calls of earlier runs against ${section.benchmark}, as of ${section.as_of}. ${section.method}${
    unscored.length ? ` Not scored: ${unscored.join('; ')}.` : ''
  }`;
}
