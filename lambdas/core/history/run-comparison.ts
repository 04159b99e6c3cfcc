// This run against the previous completed run of the same portfolio: per ticker, what moved
// (grade, recommendation, composite, status), and for the portfolio its value and grades.
import type { RunSnapshot, TickerSnapshot } from './run-snapshot.js';

export type ChangeKind =
  | 'downgrade'
  | 'upgrade'
  | 'new_sell'
  | 'recommendation_flip'
  | 'score_move'
  | 'new_failure'
  | 'recovered'
  | 'new_holding'
  | 'removed_holding';

/** A composite move smaller than this, without a grade or recommendation change, is noise. */
export const SCORE_MOVE_MIN = 0.02;

/** Best first; N/A is not on the scale. */
const GRADE_SCALE = ['A+', 'A', 'B', 'C', 'D', 'F'];

export interface TickerState {
  status: 'ok' | 'failed';
  grade: string;
  recommendation: string;
  composite_score: number | null;
  reason: string | null;
}

export interface TickerChange {
  ticker: string;
  previous: TickerState | null;
  current: TickerState | null;
  /** This run's weight, else the previous run's (a removed or failed holding), else null. */
  weight: number | null;
  /** current - previous composite, when both runs have one (3 decimals). */
  composite_change: number | null;
  /** Steps up the grade scale (positive = upgrade), when both runs analysed the ticker. */
  grade_steps: number | null;
  kinds: ChangeKind[];
}

export interface ValueChange {
  previous: number;
  current: number;
  change: number;
  /** Relative change, a fraction (0.05 = +5%); null when the previous value was 0. */
  change_pct: number | null;
  /** Holdings without a market value (failed, no price) in each run: the totals leave them out. */
  unvalued_previous: number;
  unvalued_current: number;
}

export interface RunComparison {
  previous: { session_id: string; started_at: string };
  /** Every ticker of either run, in ticker order; `kinds` is empty when nothing moved. */
  tickers: TickerChange[];
  new_holdings: string[];
  removed_holdings: string[];
  market_value: ValueChange | null;
  /** Count change per grade (this run - previous), non-zero only. */
  grade_distribution_change: Record<string, number>;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

const stateOf = (t: TickerSnapshot): TickerState => ({
  status: t.status,
  grade: t.grade,
  recommendation: t.recommendation,
  composite_score: t.composite_score,
  reason: t.reason ?? null,
});

function gradeSteps(previous: TickerState, current: TickerState): number | null {
  if (previous.status !== 'ok' || current.status !== 'ok') return null;
  const before = GRADE_SCALE.indexOf(previous.grade);
  const after = GRADE_SCALE.indexOf(current.grade);
  return before < 0 || after < 0 ? null : before - after;
}

function kindsOf(previous: TickerState | null, current: TickerState | null, steps: number | null, move: number | null): ChangeKind[] {
  if (!previous) return current?.recommendation === 'SELL' ? ['new_holding', 'new_sell'] : ['new_holding'];
  if (!current) return ['removed_holding'];
  if (previous.status === 'ok' && current.status === 'failed') return ['new_failure'];
  const kinds: ChangeKind[] = previous.status === 'failed' && current.status === 'ok' ? ['recovered'] : [];
  if (steps !== null && steps < 0) kinds.push('downgrade');
  if (steps !== null && steps > 0) kinds.push('upgrade');
  if (current.recommendation === 'SELL' && previous.recommendation !== 'SELL') kinds.push('new_sell');
  if (previous.status === 'ok' && current.status === 'ok' && previous.recommendation !== current.recommendation) {
    kinds.push('recommendation_flip');
  }
  if (kinds.length === 0 && move !== null && Math.abs(move) >= SCORE_MOVE_MIN) kinds.push('score_move');
  return kinds;
}

export function compareRuns(previous: RunSnapshot, current: RunSnapshot): RunComparison {
  const before = new Map(previous.tickers.map((t) => [t.ticker, t]));
  const after = new Map(current.tickers.map((t) => [t.ticker, t]));
  const symbols = [...new Set([...before.keys(), ...after.keys()])].sort();
  const tickers = symbols.map((ticker): TickerChange => {
    const was = before.get(ticker);
    const now = after.get(ticker);
    const p = was ? stateOf(was) : null;
    const c = now ? stateOf(now) : null;
    const move = p?.composite_score != null && c?.composite_score != null ? round3(c.composite_score - p.composite_score) : null;
    const steps = p && c ? gradeSteps(p, c) : null;
    return {
      ticker,
      previous: p,
      current: c,
      weight: now?.weight ?? was?.weight ?? null,
      composite_change: move,
      grade_steps: steps,
      kinds: kindsOf(p, c, steps, move),
    };
  });
  const grades = new Set([...Object.keys(previous.gradeDistribution), ...Object.keys(current.gradeDistribution)]);
  const gradeChange: Record<string, number> = {};
  for (const grade of grades) {
    const delta = (current.gradeDistribution[grade] ?? 0) - (previous.gradeDistribution[grade] ?? 0);
    if (delta !== 0) gradeChange[grade] = delta;
  }
  return {
    previous: { session_id: previous.sessionId, started_at: previous.startedAt },
    tickers,
    new_holdings: symbols.filter((t) => !before.has(t)),
    removed_holdings: symbols.filter((t) => !after.has(t)),
    market_value: valueChange(previous, current),
    grade_distribution_change: gradeChange,
  };
}

const unvalued = (run: RunSnapshot) => run.tickers.filter((t) => t.market_value === null || t.market_value === undefined).length;

function valueChange(previousRun: RunSnapshot, currentRun: RunSnapshot): ValueChange | null {
  const previous = previousRun.totalMarketValue;
  const current = currentRun.totalMarketValue;
  if (previous === null || current === null) return null;
  const change = Math.round((current - previous) * 100) / 100;
  return {
    previous,
    current,
    change,
    change_pct: previous === 0 ? null : Math.round(((current - previous) / previous) * 10000) / 10000,
    unvalued_previous: unvalued(previousRun),
    unvalued_current: unvalued(currentRun),
  };
}
