import { describe, expect, it } from 'vitest';
import { memoryFigures, peakOf } from '../../lambdas/core/metrics/memory-figures.js';
import type { PrefetchStats } from '../../lambdas/core/prefetch/run-record.js';
import type { ReportRow } from '../../lambdas/core/report/ticker-outcome.js';

const stats = (o: Partial<PrefetchStats> = {}) => ({ peakRssMb: 310, ...o }) as PrefetchStats;
const rows = [{ crewPeakMb: 140 }, { crewPeakMb: 190.5 }, { crewPeakMb: null }] as ReportRow[];

describe('memoryFigures', () => {
  it("names each function's peak in the cloud, the largest Crew among them", () => {
    const m = memoryFigures({ inLambda: true, prefetch: stats(), rows, consolidatePeakMb: 120 });
    expect(m).toMatchObject({ scope: 'lambda invocations', prefetch_peak_mb: 310, largest_prefetch_chunk_peak_mb: null, largest_crew_peak_mb: 190.5, consolidate_peak_mb: 120 });
    expect(peakOf(m)).toBe(310);
  });

  it("reports a chunked prefetch's figure as its largest chunk's", () => {
    const m = memoryFigures({ inLambda: true, prefetch: stats({ chunks: 4, peakRssMb: 420 }), rows: [], consolidatePeakMb: 500 });
    expect(m).toMatchObject({ prefetch_peak_mb: null, largest_prefetch_chunk_peak_mb: 420, largest_crew_peak_mb: null });
    expect(peakOf(m)).toBe(500);
  });

  it('says when one local process hosted everything', () => {
    const m = memoryFigures({ inLambda: false, prefetch: null, rows, consolidatePeakMb: 200 });
    expect(m.scope).toBe('local process');
    expect(m.note).toContain('s3rver, dynalite and the simulator');
    expect(m.prefetch_peak_mb).toBeNull();
  });
});
