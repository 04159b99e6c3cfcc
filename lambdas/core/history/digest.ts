// The digest: what changed since the last run of this portfolio, in one short list, the
// changes that matter most to the holder first (the holding's weight times the size of the
// change). It heads report.json, report.md, report.html and the notification.
import type { ChangeKind, RunComparison, TickerChange, TickerState, ValueChange } from './run-comparison.js';

/** Pure composite moves (no grade, recommendation or status change) beyond these are left out. */
export const MAX_SCORE_MOVES = 5;

export interface DigestEntry {
  ticker: string;
  kinds: ChangeKind[];
  weight: number | null;
  /** weight x size of the change; what orders the entries. */
  importance: number;
  previous: TickerState | null;
  current: TickerState | null;
  composite_change: number | null;
  /** One line, e.g. `AAPL B -> C, composite 0.78 -> 0.71, weight 12.5%`. */
  text: string;
}

export interface Digest {
  /** first_run: nothing to compare yet; compared; unavailable: history could not be read. */
  status: 'first_run' | 'compared' | 'unavailable';
  portfolio_id: string;
  previous: { session_id: string; started_at: string } | null;
  /** One sentence: the counts of each kind of change, or why there is nothing to compare. */
  headline: string;
  base_currency: string;
  market_value: ValueChange | null;
  grade_distribution_change: Record<string, number>;
  entries: DigestEntry[];
  new_holdings: string[];
  removed_holdings: string[];
  /** How many entries of each kind (an entry can be of several kinds). */
  counts: Partial<Record<ChangeKind, number>>;
}

const fixed2 = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
export const money = (value: number) => value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A grade is 0.1 of composite wide: a change of grade, recommendation or status is at least that big. */
export const STEP_SIZE = 0.1;

/** How big a change is: the composite's move, at least one grade step for a change of grade, recommendation or status. */
function sizeOf(change: TickerChange): number {
  const move = Math.abs(change.composite_change ?? 0);
  const steps = Math.abs(change.grade_steps ?? 0) * STEP_SIZE;
  const discrete = change.kinds.some((kind) => kind !== 'score_move') ? STEP_SIZE : 0;
  return Math.max(move, steps, discrete);
}

function entryText(change: TickerChange): string {
  const { ticker, previous: p, current: c, kinds } = change;
  const weight = change.weight === null ? '' : `, weight ${percent(change.weight)}`;
  if (!p && c) {
    const what = c.status === 'ok' ? `${c.grade}, ${c.recommendation}, composite ${fixed2(c.composite_score)}` : `failed: ${c.reason ?? 'unknown'}`;
    return `${ticker} new holding: ${what}${weight}`;
  }
  if (p && !c) {
    const what = p.status === 'ok' ? `${p.grade}, ${p.recommendation}, composite ${fixed2(p.composite_score)}` : 'failed';
    return `${ticker} removed holding (last time ${what})`;
  }
  if (!p || !c) return ticker;
  if (kinds.includes('new_failure')) {
    return `${ticker} failed this time: ${c.reason ?? 'unknown'} (last time ${p.grade}, ${p.recommendation}, composite ${fixed2(p.composite_score)})${weight}`;
  }
  if (kinds.includes('recovered')) {
    const sell = kinds.includes('new_sell') ? ' (new SELL)' : '';
    return `${ticker} analysed again after failing last time: ${c.grade}, ${c.recommendation}, composite ${fixed2(c.composite_score)}${sell}${weight}`;
  }
  const parts: string[] = [];
  if (p.grade !== c.grade) parts.push(`${p.grade} -> ${c.grade}`);
  parts.push(`composite ${fixed2(p.composite_score)} -> ${fixed2(c.composite_score)}`);
  if (p.recommendation !== c.recommendation) parts.push(`${p.recommendation} -> ${c.recommendation}`);
  if (p.grade === c.grade) parts.push(`still ${c.grade}`);
  return `${ticker} ${parts.join(', ')}${kinds.includes('new_sell') ? ' (new SELL)' : ''}${weight}`;
}

const byImportance = (a: DigestEntry, b: DigestEntry) => b.importance - a.importance || a.ticker.localeCompare(b.ticker);

function toEntry(change: TickerChange, fallbackWeight: number): DigestEntry {
  const weight = change.weight ?? fallbackWeight;
  return {
    ticker: change.ticker,
    kinds: change.kinds,
    weight: change.weight,
    importance: Math.round(weight * sizeOf(change) * 1e6) / 1e6,
    previous: change.previous,
    current: change.current,
    composite_change: change.composite_change,
    text: entryText(change),
  };
}

const KIND_WORDS: Array<[ChangeKind, string, string]> = [
  ['downgrade', 'downgrade', 'downgrades'],
  ['upgrade', 'upgrade', 'upgrades'],
  ['new_sell', 'new SELL', 'new SELLs'],
  ['recommendation_flip', 'recommendation flip', 'recommendation flips'],
  ['new_failure', 'new failure', 'new failures'],
  ['recovered', 'recovery', 'recoveries'],
  ['score_move', 'score move', 'score moves'],
  ['new_holding', 'new holding', 'new holdings'],
  ['removed_holding', 'removed holding', 'removed holdings'],
];

export function firstRunDigest(portfolioId: string, baseCurrency: string): Digest {
  return emptyDigest('first_run', portfolioId, baseCurrency, 'First run of this portfolio: nothing to compare yet.');
}

export function unavailableDigest(portfolioId: string, baseCurrency: string, why: string): Digest {
  return emptyDigest('unavailable', portfolioId, baseCurrency, `No comparison with earlier runs: ${why}`);
}

function emptyDigest(status: Digest['status'], portfolioId: string, baseCurrency: string, headline: string): Digest {
  return {
    status,
    portfolio_id: portfolioId,
    previous: null,
    headline,
    base_currency: baseCurrency,
    market_value: null,
    grade_distribution_change: {},
    entries: [],
    new_holdings: [],
    removed_holdings: [],
    counts: {},
  };
}

export function buildDigest(comparison: RunComparison, portfolioId: string, baseCurrency: string): Digest {
  // A holding without a market value counts as an equal share of the portfolio.
  const fallbackWeight = 1 / Math.max(1, comparison.tickers.filter((t) => t.current).length);
  const changed = comparison.tickers.filter((t) => t.kinds.length > 0).map((t) => toEntry(t, fallbackWeight));
  const moves = changed.filter((e) => e.kinds.length === 1 && e.kinds[0] === 'score_move').sort(byImportance);
  const entries = [...changed.filter((e) => !(e.kinds.length === 1 && e.kinds[0] === 'score_move')), ...moves.slice(0, MAX_SCORE_MOVES)].sort(
    byImportance,
  );
  const counts: Partial<Record<ChangeKind, number>> = {};
  for (const entry of entries) for (const kind of entry.kinds) counts[kind] = (counts[kind] ?? 0) + 1;
  const since = `Since ${comparison.previous.session_id} (${comparison.previous.started_at.slice(0, 16).replace('T', ' ')} UTC)`;
  const described = KIND_WORDS.filter(([kind]) => counts[kind]).map(([kind, one, many]) => `${counts[kind]} ${counts[kind] === 1 ? one : many}`);
  return {
    status: 'compared',
    portfolio_id: portfolioId,
    previous: comparison.previous,
    headline: described.length ? `${since}: ${described.join(', ')}.` : `${since}: no grade, recommendation or status changes.`,
    base_currency: baseCurrency,
    market_value: comparison.market_value,
    grade_distribution_change: comparison.grade_distribution_change,
    entries,
    new_holdings: comparison.new_holdings,
    removed_holdings: comparison.removed_holdings,
    counts,
  };
}

/** The portfolio lines of the digest (value, grades), shared by the text, mail and markdown forms. */
export function portfolioLines(digest: Digest): string[] {
  const lines: string[] = [];
  const v = digest.market_value;
  if (v) {
    const pct = v.change_pct === null ? '' : ` (${v.change_pct >= 0 ? '+' : ''}${(v.change_pct * 100).toFixed(1)}%)`;
    // A holding that failed has no value: say so, or a failure reads as a market loss.
    const note =
      v.unvalued_current !== v.unvalued_previous
        ? `; holdings without a value: ${v.unvalued_previous} -> ${v.unvalued_current}`
        : '';
    lines.push(`Portfolio value ${money(v.previous)} -> ${money(v.current)} ${digest.base_currency}${pct}${note}`);
  }
  const grades = Object.entries(digest.grade_distribution_change);
  if (grades.length) lines.push(`Grades: ${grades.map(([grade, delta]) => `${grade} ${delta > 0 ? '+' : ''}${delta}`).join(', ')}`);
  return lines;
}
