// The track record: were the earlier runs' calls right? Each earlier run of the portfolio at
// least 21 trading days old falls in the longest horizon it has reached (1m: 21, 3m: 63, 6m: 126
// trading days), and each of its BUY, HOLD and SELL calls is scored by the holding's price
// return since that run against the benchmark's over the same days (excess = holding - benchmark).
// A hit: BUY beat the benchmark, SELL trailed it, HOLD stayed within HOLD_BAND of it. Prices are
// the runs' last prices (splits between two runs would distort a return; dividends are not
// counted, for the holding nor for the benchmark's close). Never a rate without its n.
import { z } from 'zod';
import { tradingDaysBetween } from '../analysis/trading-days.js';

export const TRACK_RECORD_HORIZONS = [
  { horizon: '1m', trading_days: 21 },
  { horizon: '3m', trading_days: 63 },
  { horizon: '6m', trading_days: 126 },
] as const;
export type HorizonName = (typeof TRACK_RECORD_HORIZONS)[number]['horizon'];

/** A HOLD is right when the holding ended within this of the benchmark, either way. */
export const HOLD_BAND = 0.05;
/** At most this many earlier runs are scored per horizon, spread over it (the newest, the oldest, between). */
export const MAX_RUNS_PER_HORIZON = 10;

export const SCORED_RECOMMENDATIONS = ['BUY', 'HOLD', 'SELL'] as const;
type ScoredRecommendation = (typeof SCORED_RECOMMENDATIONS)[number];

/** The benchmark's close as a run saw it; stored on the run's item so later runs can score against it. */
export const benchmarkCloseSchema = z.object({ symbol: z.string(), close: z.number().positive(), as_of: z.string() });
export type BenchmarkClose = z.infer<typeof benchmarkCloseSchema>;

/** One run as the track record reads it: when, the benchmark then, and each holding's call and price. */
export interface RunCalls {
  sessionId: string;
  startedAt: string;
  benchmark: BenchmarkClose | null;
  calls: ReadonlyArray<{ ticker: string; recommendation: string; grade: string; last_price: number | null }>;
}

export interface CallStats {
  n: number;
  /** Share of the n calls that were right; null when n is 0. */
  hit_rate: number | null;
  /** Mean of holding return - benchmark return over the n calls; null when n is 0. */
  mean_excess_return: number | null;
}

export interface HorizonRecord {
  horizon: HorizonName;
  trading_days: number;
  /** The earlier runs scored at this horizon, oldest first. */
  runs: Array<{ session_id: string; started_at: string; age_trading_days: number }>;
  by_recommendation: Partial<Record<ScoredRecommendation, CallStats>>;
  by_grade: Record<string, CallStats>;
}

export interface TrackRecord {
  as_of: string;
  benchmark: string;
  hold_band: number;
  horizons: HorizonRecord[];
  /** Calls that could not be scored, by reason (no price then or now, no benchmark close then). */
  unscored: Record<string, number>;
  /** How the figures are made, in one sentence for the report. */
  method: string;
}

export const TRACK_RECORD_METHOD =
  'Each earlier run at least 21 trading days old is scored at the longest horizon it has reached (1m 21, 3m 63, 6m 126 trading days): ' +
  "every BUY, HOLD and SELL call by the holding's price return since that run minus the benchmark's; a BUY hits when it beat the benchmark, " +
  `a SELL when it trailed it, a HOLD when it ended within ${HOLD_BAND * 100}% of it. Dividends are not counted.`;

/** Whether a call was right, given its excess return over the benchmark. */
export function isHit(recommendation: ScoredRecommendation, excess: number): boolean {
  if (recommendation === 'BUY') return excess > 0;
  if (recommendation === 'SELL') return excess < 0;
  return Math.abs(excess) <= HOLD_BAND;
}

/** The horizon a run of this age is scored at: the longest it has reached; null before 1m. */
export function horizonOf(ageTradingDays: number): (typeof TRACK_RECORD_HORIZONS)[number] | null {
  let reached: (typeof TRACK_RECORD_HORIZONS)[number] | null = null;
  for (const horizon of TRACK_RECORD_HORIZONS) if (ageTradingDays >= horizon.trading_days) reached = horizon;
  return reached;
}

/** At most `max` of `items` (sorted), evenly spread, the first and the last kept. */
export function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  if (max === 1) return [items[items.length - 1]!];
  return Array.from({ length: max }, (_, i) => items[Math.round((i * (items.length - 1)) / (max - 1))]!);
}

/** Which earlier runs to read: those the track record would score, at most MAX_RUNS_PER_HORIZON per horizon. */
export function runsToScore<R extends { sessionId: string; startedAt: string }>(runs: readonly R[], asOf: string, currentSessionId: string): R[] {
  const now = new Date(asOf);
  const picked: R[] = [];
  for (const { horizon } of TRACK_RECORD_HORIZONS) {
    const inHorizon = runs
      .filter((run) => run.sessionId !== currentSessionId && horizonOf(tradingDaysBetween(new Date(run.startedAt), now))?.horizon === horizon)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    picked.push(...spread(inHorizon, MAX_RUNS_PER_HORIZON));
  }
  return picked;
}

const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

function statsOf(excesses: ReadonlyArray<{ hit: boolean; excess: number }>): CallStats {
  if (excesses.length === 0) return { n: 0, hit_rate: null, mean_excess_return: null };
  const hits = excesses.filter((e) => e.hit).length;
  return {
    n: excesses.length,
    hit_rate: round(hits / excesses.length),
    mean_excess_return: round(excesses.reduce((sum, e) => sum + e.excess, 0) / excesses.length),
  };
}

const isScored = (recommendation: string): recommendation is ScoredRecommendation =>
  (SCORED_RECOMMENDATIONS as readonly string[]).includes(recommendation);

/**
 * The track record of `current` (this run: its prices and the benchmark's close now) over the
 * earlier runs of the same portfolio. Runs younger than 21 trading days are not scored.
 */
export function buildTrackRecord(current: RunCalls, earlier: readonly RunCalls[], benchmarkSymbol: string): TrackRecord {
  const now = new Date(current.startedAt);
  const priceNow = new Map(current.calls.filter((c) => c.last_price !== null && c.last_price > 0).map((c) => [c.ticker, c.last_price!]));
  const unscored: Record<string, number> = {};
  const skip = (reason: string, count = 1) => {
    unscored[reason] = (unscored[reason] ?? 0) + count;
  };

  const byHorizon = new Map<HorizonName, Array<RunCalls & { age: number }>>();
  for (const run of earlier) {
    if (run.sessionId === current.sessionId) continue;
    const age = tradingDaysBetween(new Date(run.startedAt), now);
    const horizon = horizonOf(age);
    if (!horizon) continue;
    const runs = byHorizon.get(horizon.horizon) ?? [];
    runs.push({ ...run, age });
    byHorizon.set(horizon.horizon, runs);
  }

  const horizons: HorizonRecord[] = [];
  for (const { horizon, trading_days } of TRACK_RECORD_HORIZONS) {
    const runs = spread(
      (byHorizon.get(horizon) ?? []).sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
      MAX_RUNS_PER_HORIZON,
    );
    if (runs.length === 0) continue;
    const byRecommendation = new Map<ScoredRecommendation, Array<{ hit: boolean; excess: number }>>();
    const byGrade = new Map<string, Array<{ hit: boolean; excess: number }>>();
    for (const run of runs) {
      const benchmarkReturn =
        run.benchmark && current.benchmark && run.benchmark.symbol === current.benchmark.symbol
          ? current.benchmark.close / run.benchmark.close - 1
          : null;
      for (const call of run.calls) {
        if (!isScored(call.recommendation)) continue;
        if (benchmarkReturn === null) {
          skip('no benchmark close for that run');
          continue;
        }
        const then = call.last_price;
        const nowPrice = priceNow.get(call.ticker);
        if (then === null || !(then > 0)) {
          skip('no price at that run');
          continue;
        }
        if (nowPrice === undefined) {
          skip('no price in this run (sold, renamed or failed)');
          continue;
        }
        const excess = nowPrice / then - 1 - benchmarkReturn;
        const scored = { hit: isHit(call.recommendation, excess), excess };
        byRecommendation.set(call.recommendation, [...(byRecommendation.get(call.recommendation) ?? []), scored]);
        byGrade.set(call.grade, [...(byGrade.get(call.grade) ?? []), scored]);
      }
    }
    horizons.push({
      horizon,
      trading_days,
      runs: runs.map((run) => ({ session_id: run.sessionId, started_at: run.startedAt, age_trading_days: run.age })),
      by_recommendation: Object.fromEntries(SCORED_RECOMMENDATIONS.filter((r) => byRecommendation.has(r)).map((r) => [r, statsOf(byRecommendation.get(r)!)])),
      by_grade: Object.fromEntries([...byGrade.keys()].sort().map((grade) => [grade, statsOf(byGrade.get(grade)!)])),
    });
  }
  return { as_of: current.startedAt, benchmark: benchmarkSymbol, hold_band: HOLD_BAND, horizons, unscored, method: TRACK_RECORD_METHOD };
}
