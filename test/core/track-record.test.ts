import { describe, expect, it } from 'vitest';
import {
  buildTrackRecord,
  HOLD_BAND,
  horizonOf,
  isHit,
  spread,
  type RunCalls,
} from '../../lambdas/core/history/track-record.js';

const bench = (close: number, as_of: string) => ({ symbol: 'SPY', close, as_of });

// 2026-07-06 is a Monday; 2026-01-05 and 2026-04-06 are Mondays too.
const now: RunCalls = {
  sessionId: 'run-3',
  startedAt: '2026-07-06T09:00:00.000Z',
  benchmark: bench(440, '2026-07-03'),
  calls: [
    { ticker: 'AAA', recommendation: 'BUY', grade: 'A', last_price: 120 },
    { ticker: 'BBB', recommendation: 'HOLD', grade: 'C', last_price: 55 },
    { ticker: 'CCC', recommendation: 'HOLD', grade: 'C', last_price: 10.3 },
  ],
};
const sixMonthsAgo: RunCalls = {
  sessionId: 'run-1',
  startedAt: '2026-01-05T09:00:00.000Z',
  benchmark: bench(400, '2026-01-02'),
  calls: [
    { ticker: 'AAA', recommendation: 'BUY', grade: 'A', last_price: 100 }, // +20% vs +10%: excess +0.10, hit
    { ticker: 'BBB', recommendation: 'SELL', grade: 'F', last_price: 50 }, // +10% vs +10%: excess 0, a SELL that did not trail: miss
    { ticker: 'CCC', recommendation: 'HOLD', grade: 'C', last_price: 10 }, // +3% vs +10%: excess -0.07, outside the band: miss
    { ticker: 'DDD', recommendation: 'BUY', grade: 'B', last_price: 30 }, // no longer held: unscored
    { ticker: 'EEE', recommendation: 'WAIT', grade: 'N/A', last_price: null }, // not a call
  ],
};
const threeMonthsAgo: RunCalls = {
  sessionId: 'run-2',
  startedAt: '2026-04-06T09:00:00.000Z',
  benchmark: bench(430, '2026-04-03'),
  calls: [
    { ticker: 'AAA', recommendation: 'HOLD', grade: 'B', last_price: 117 }, // 120/117-1 = 2.564% vs 440/430-1 = 2.326%: excess +0.0024, hit
    { ticker: 'CCC', recommendation: 'SELL', grade: 'D', last_price: 11 }, // -6.364% vs +2.326%: excess -0.0869, hit
  ],
};

describe('the track record', () => {
  it('scores each run at the longest horizon it has reached', () => {
    expect(horizonOf(20)).toBeNull();
    expect(horizonOf(21)?.horizon).toBe('1m');
    expect(horizonOf(62)?.horizon).toBe('1m');
    expect(horizonOf(63)?.horizon).toBe('3m');
    expect(horizonOf(126)?.horizon).toBe('6m');
    expect(horizonOf(400)?.horizon).toBe('6m');
  });

  it('defines a hit for each recommendation', () => {
    expect(isHit('BUY', 0.001)).toBe(true);
    expect(isHit('BUY', 0)).toBe(false);
    expect(isHit('SELL', -0.001)).toBe(true);
    expect(isHit('SELL', 0)).toBe(false);
    expect(isHit('HOLD', HOLD_BAND)).toBe(true);
    expect(isHit('HOLD', -HOLD_BAND - 0.0001)).toBe(false);
  });

  it('gives three runs a 3-month and a 6-month horizon, with hand-computed rates and excess returns', () => {
    const record = buildTrackRecord(now, [threeMonthsAgo, sixMonthsAgo], 'SPY');
    expect(record.horizons.map((h) => h.horizon)).toEqual(['3m', '6m']);
    const [three, six] = record.horizons;
    expect(three!.runs).toEqual([{ session_id: 'run-2', started_at: threeMonthsAgo.startedAt, age_trading_days: 65 }]);
    expect(six!.runs[0]!.age_trading_days).toBe(130);
    expect(six!.by_recommendation).toEqual({
      BUY: { n: 1, hit_rate: 1, mean_excess_return: 0.1 },
      HOLD: { n: 1, hit_rate: 0, mean_excess_return: -0.07 },
      SELL: { n: 1, hit_rate: 0, mean_excess_return: 0 },
    });
    expect(six!.by_grade).toEqual({
      A: { n: 1, hit_rate: 1, mean_excess_return: 0.1 },
      C: { n: 1, hit_rate: 0, mean_excess_return: -0.07 },
      F: { n: 1, hit_rate: 0, mean_excess_return: 0 },
    });
    expect(three!.by_recommendation.HOLD).toEqual({ n: 1, hit_rate: 1, mean_excess_return: 0.0024 });
    expect(three!.by_recommendation.SELL).toEqual({ n: 1, hit_rate: 1, mean_excess_return: -0.0869 });
    expect(record.unscored).toEqual({ 'no price in this run (sold, renamed or failed)': 1 });
  });

  it('scores nothing from runs younger than a month, and says why a call could not be scored', () => {
    const lastWeek: RunCalls = { ...threeMonthsAgo, sessionId: 'recent', startedAt: '2026-06-29T09:00:00.000Z' };
    expect(buildTrackRecord(now, [lastWeek], 'SPY').horizons).toEqual([]);
    const noBenchmark: RunCalls = { ...sixMonthsAgo, benchmark: null };
    const record = buildTrackRecord(now, [noBenchmark], 'SPY');
    expect(record.horizons[0]!.by_recommendation).toEqual({});
    expect(record.unscored).toEqual({ 'no benchmark close for that run': 4 });
  });

  it('spreads the scored runs over a horizon, keeping the oldest and the newest', () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    const picked = spread(items, 10);
    expect(picked).toHaveLength(10);
    expect(picked[0]).toBe(0);
    expect(picked[9]).toBe(24);
    expect(new Set(picked).size).toBe(10);
    expect(spread([1, 2], 10)).toEqual([1, 2]);
  });
});
