// Whose memory the metrics report. In the cloud each function is its own Lambda, and each figure
// is the peak of that function's invocation in this run (the Prefetch, its largest chunk, the
// largest Crew, Consolidate), never a warm container's earlier peak. In a local run every
// function shares one process, which also hosts s3rver, dynalite and the simulator: the figures
// are that process's peak while each function ran.
import type { PrefetchStats } from '../prefetch/run-record.js';
import type { ReportRow } from '../report/ticker-outcome.js';

export interface MemoryFigures {
  scope: 'lambda invocations' | 'local process';
  note: string;
  prefetch_peak_mb: number | null;
  largest_prefetch_chunk_peak_mb: number | null;
  largest_crew_peak_mb: number | null;
  consolidate_peak_mb: number;
}

export function memoryFigures(o: { inLambda: boolean; prefetch: PrefetchStats | null; rows: readonly ReportRow[]; consolidatePeakMb: number }): MemoryFigures {
  const crews = o.rows.flatMap((row) => (row.crewPeakMb != null ? [row.crewPeakMb] : []));
  const chunked = o.prefetch?.chunks !== undefined;
  return {
    scope: o.inLambda ? 'lambda invocations' : 'local process',
    note: o.inLambda
      ? "each figure is that function's peak resident memory in this run's invocation"
      : 'one process ran every function, with s3rver, dynalite and the simulator: each figure is its peak while that function ran',
    prefetch_peak_mb: o.prefetch && !chunked ? o.prefetch.peakRssMb : null,
    largest_prefetch_chunk_peak_mb: o.prefetch && chunked ? o.prefetch.peakRssMb : null,
    largest_crew_peak_mb: crews.length ? Math.max(...crews) : null,
    consolidate_peak_mb: o.consolidatePeakMb,
  };
}

/** The run's peak: the largest of the figures. */
export const peakOf = (m: MemoryFigures): number =>
  Math.max(m.consolidate_peak_mb, m.prefetch_peak_mb ?? 0, m.largest_prefetch_chunk_peak_mb ?? 0, m.largest_crew_peak_mb ?? 0);
