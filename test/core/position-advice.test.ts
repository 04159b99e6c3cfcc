import { describe, expect, it } from 'vitest';
import { withPositionAdvice } from '../../lambdas/core/portfolio/position-advice.js';
import type { ReportRow } from '../../lambdas/core/report/ticker-outcome.js';

const row = (ticker: string, weight: number | null, recommendation: ReportRow['recommendation']) =>
  ({ ticker, weight, recommendation, rationale: ['Composite 0.70 (grade B).', `${recommendation}: composite 0.70.`, 'Trailing P/E: cheap.'] }) as unknown as ReportRow;

describe('position-aware advice', () => {
  it('trims only above MAX_POSITION_WEIGHT, and a BUY on an overweight holding says so', () => {
    const [buy, hold, atLimit, none] = withPositionAdvice([row('BIG', 0.12, 'BUY'), row('HELD', 0.2, 'HOLD'), row('EDGE', 0.1, 'BUY'), row('NOVAL', null, 'BUY')], 0.1);
    expect(buy!.position_advice).toBe('trim');
    expect(buy!.recommendation).toBe('BUY');
    expect(buy!.rationale[2]).toBe('Overweight: 12.0% of the portfolio, above MAX_POSITION_WEIGHT 10.0%: a BUY on the merits, but trim rather than add.');
    expect(buy!.rationale).toHaveLength(4);
    expect(hold!.rationale[2]).toBe('Overweight: 20.0% of the portfolio, above MAX_POSITION_WEIGHT 10.0%: trim.');
    expect(atLimit!.position_advice).toBeNull();
    expect(atLimit!.rationale).toHaveLength(3);
    expect(none!.position_advice).toBeNull();
  });
});
