// The wall time of the crews' Map, from the results themselves: from the first Crew's start
// (its result's analysed_at minus its own duration) to the last one's end. Unlike "Consolidate's
// start minus Prefetch's end", it leaves out what ran between them: the Alpha Vantage stage
// (mostly Wait states) and the state machine's own transitions.
import type { ReportRow } from '../report/ticker-outcome.js';

export interface CrewSpan {
  /** Epoch ms of the first Crew's start. */
  firstStartMs: number;
  /** Epoch ms of the last Crew's end. */
  lastEndMs: number;
  seconds: number;
}

/** Null when no row has a result with its time (every Crew crashed, or results from before analysed_at). */
export function crewSpan(rows: readonly ReportRow[]): CrewSpan | null {
  let firstStartMs = Number.POSITIVE_INFINITY;
  let lastEndMs = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    const end = row.analysedAt ? Date.parse(row.analysedAt) : Number.NaN;
    if (!Number.isFinite(end)) continue;
    firstStartMs = Math.min(firstStartMs, end - (row.crewSeconds ?? 0) * 1000);
    lastEndMs = Math.max(lastEndMs, end);
  }
  if (!Number.isFinite(firstStartMs)) return null;
  return { firstStartMs, lastEndMs, seconds: Math.max(0, (lastEndMs - firstStartMs) / 1000) };
}
