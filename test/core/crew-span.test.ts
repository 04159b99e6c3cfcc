import { describe, expect, it } from 'vitest';
import { crewSpan } from '../../lambdas/core/metrics/crew-span.js';
import type { ReportRow } from '../../lambdas/core/report/ticker-outcome.js';

const row = (analysedAt: string | null, crewSeconds: number) => ({ analysedAt, crewSeconds }) as ReportRow;

describe('crewSpan', () => {
  it("runs from the first Crew's start to the last Crew's end", () => {
    const span = crewSpan([
      row('2026-01-05T10:00:05.000Z', 2), // 10:00:03 -> 10:00:05
      row('2026-01-05T10:00:04.000Z', 3.5), // 10:00:00.5 -> 10:00:04: the first start
      row('2026-01-05T10:00:09.250Z', 1), // the last end
    ]);
    expect(span).toEqual({ firstStartMs: Date.parse('2026-01-05T10:00:00.500Z'), lastEndMs: Date.parse('2026-01-05T10:00:09.250Z'), seconds: 8.75 });
  });

  it('leaves out tickers without a result, and is null when none has one', () => {
    expect(crewSpan([row(null, 0), row('2026-01-05T10:00:02.000Z', 2)])?.seconds).toBe(2);
    expect(crewSpan([row(null, 0)])).toBeNull();
    expect(crewSpan([])).toBeNull();
  });
});
