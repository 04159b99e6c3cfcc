// Run-to-run comparison and the digest: what moved, from what to what, in the order that
// matters to the holder (weight x size of the change).
import { describe, expect, it } from 'vitest';
import { buildDigest, firstRunDigest, MAX_SCORE_MOVES } from '../../lambdas/core/history/digest.js';
import { digestWorthSending } from '../../lambdas/core/history/digest-threshold.js';
import { digestThreshold } from '../../lambdas/core/config/history-retention.js';
import { renderDigestMarkdown } from '../../lambdas/core/history/digest-markdown.js';
import { portfolioIdentity, portfolioKeyOf } from '../../lambdas/core/history/portfolio-identity.js';
import { compareRuns } from '../../lambdas/core/history/run-comparison.js';
import type { RunSnapshot, TickerSnapshot } from '../../lambdas/core/history/run-snapshot.js';
import { failedSnapshot, okSnapshot } from '../support/snapshot-builder.js';
import { buildTrends } from '../../lambdas/core/history/ticker-trend.js';
import { expiresAt, historyRetentionDays } from '../../lambdas/core/config/history-retention.js';

const ok = okSnapshot;
const failed = failedSnapshot;
const run = (sessionId: string, startedAt: string, tickers: TickerSnapshot[], value: number | null, grades: Record<string, number> = {}): RunSnapshot => ({
  sessionId,
  startedAt,
  totalMarketValue: value,
  gradeDistribution: grades,
  tickers,
});

const previous = run(
  'run-1',
  '2025-01-02T06:00:00.000Z',
  [
    ok('AAPL', 'B', 'BUY', 0.78, 0.4),
    ok('MSFT', 'A', 'BUY', 0.9, 0.3),
    ok('NVDA', 'C', 'HOLD', 0.7, 0.1),
    ok('META', 'D', 'HOLD', 0.56, 0.1),
    ok('IBM', 'C', 'HOLD', 0.66, 0.05),
    failed('AMZN', 'HTTP 500'),
    ok('OLD', 'B', 'BUY', 0.8, 0.05),
  ],
  1000,
  { A: 1, B: 2, C: 2, D: 1, 'N/A': 1 },
);
const current = run(
  'run-2',
  '2025-01-03T06:00:00.000Z',
  [
    ok('AAPL', 'C', 'HOLD', 0.71, 0.4),
    ok('MSFT', 'A', 'BUY', 0.87, 0.3),
    ok('NVDA', 'C', 'HOLD', 0.705, 0.1),
    ok('META', 'F', 'SELL', 0.54, 0.1),
    failed('IBM', 'unknown symbol'),
    ok('AMZN', 'B', 'BUY', 0.8, 0.05),
    ok('NEW', 'F', 'SELL', 0.4, 0.05),
  ],
  1050,
  { A: 1, B: 1, C: 2, F: 2, 'N/A': 1 },
);

describe('compareRuns and buildDigest', () => {
  const comparison = compareRuns(previous, current);
  const digest = buildDigest(comparison, 'key:portfolios/main.csv', 'USD');

  it('names each change, from what to what, most important first', () => {
    expect(digest.entries.map((e) => e.text)).toEqual([
      'AAPL B -> C, composite 0.78 -> 0.71, BUY -> HOLD, weight 40.0%',
      'META D -> F, composite 0.56 -> 0.54, HOLD -> SELL (new SELL), weight 10.0%',
      'MSFT composite 0.90 -> 0.87, still A, weight 30.0%',
      'AMZN analysed again after failing last time: B, BUY, composite 0.80, weight 5.0%',
      'IBM failed this time: unknown symbol (last time C, HOLD, composite 0.66), weight 5.0%',
      'NEW new holding: F, SELL, composite 0.40, weight 5.0%',
      'OLD removed holding (last time B, BUY, composite 0.80)',
    ]);
    // weight x size, where a change of grade, recommendation or status is at least one grade
    // step (0.1): AAPL 0.4 x 0.1; META 0.1 x 0.1; MSFT 0.3 x 0.03 (a pure move); the rest 0.05 x 0.1.
    expect(digest.entries.map((e) => e.importance)).toEqual([0.04, 0.01, 0.009, 0.005, 0.005, 0.005, 0.005]);
  });

  it('tags the kinds: downgrade, new SELL, flip, new failure, recovery, score move, new and removed holdings', () => {
    const kinds = Object.fromEntries(digest.entries.map((e) => [e.ticker, e.kinds]));
    expect(kinds).toEqual({
      AAPL: ['downgrade', 'recommendation_flip'],
      META: ['downgrade', 'new_sell', 'recommendation_flip'],
      IBM: ['new_failure'],
      AMZN: ['recovered'],
      MSFT: ['score_move'],
      NEW: ['new_holding', 'new_sell'],
      OLD: ['removed_holding'],
    });
    // NVDA moved 0.005: noise, not in the digest.
    expect(digest.entries.some((e) => e.ticker === 'NVDA')).toBe(false);
    expect(digest.new_holdings).toEqual(['NEW']);
    expect(digest.removed_holdings).toEqual(['OLD']);
  });

  it('gives the portfolio value and grade distribution change, and a headline of counts', () => {
    expect(digest.market_value).toEqual({ previous: 1000, current: 1050, change: 50, change_pct: 0.05, unvalued_previous: 1, unvalued_current: 1 });
    expect(digest.grade_distribution_change).toEqual({ B: -1, D: -1, F: 2 });
    expect(digest.headline).toBe(
      'Since run-1 (2025-01-02 06:00 UTC): 2 downgrades, 2 new SELLs, 2 recommendation flips, 1 new failure, 1 recovery, 1 score move, 1 new holding, 1 removed holding.',
    );
    expect(renderDigestMarkdown(digest)).toEqual(
      expect.arrayContaining(['## What changed since the last run', '- Portfolio value 1,000.00 -> 1,050.00 USD (+5.0%)', '- Grades: B -1, D -1, F +2']),
    );
  });

  it('says when the totals leave out a different number of holdings (a failure is not a market loss)', () => {
    const lost = { ...current, totalMarketValue: 600, tickers: current.tickers.map((t) => (t.ticker === 'MSFT' ? { ...t, market_value: null } : t)) };
    const d = buildDigest(compareRuns(previous, lost), 'x', 'USD');
    expect(renderDigestMarkdown(d)).toContain('- Portfolio value 1,000.00 -> 600.00 USD (-40.0%); holdings without a value: 1 -> 2');
  });

  it('names a ticker that recovers straight into SELL as a new SELL', () => {
    const d = buildDigest(compareRuns(run('a', '1', [failed('X', 'HTTP 500')], null), run('b', '2', [ok('X', 'F', 'SELL', 0.4, 1)], null)), 'x', 'USD');
    expect(d.entries.map((e) => [e.kinds, e.text])).toEqual([
      [['recovered', 'new_sell'], 'X analysed again after failing last time: F, SELL, composite 0.40 (new SELL), weight 100.0%'],
    ]);
  });

  it('keeps only the largest pure score moves', () => {
    const many = Array.from({ length: 12 }, (_, i) => ok(`T${String(i).padStart(2, '0')}`, 'B', 'BUY', 0.8, 1 / 12));
    const moved = many.map((t, i) => ({ ...t, composite_score: 0.8 + 0.03 + i * 0.001 }));
    const d = buildDigest(compareRuns(run('a', '1', many, null), run('b', '2', moved, null)), 'x', 'USD');
    expect(d.entries).toHaveLength(MAX_SCORE_MOVES);
    expect(d.entries.map((e) => e.ticker)).toEqual(['T11', 'T10', 'T09', 'T08', 'T07']);
  });

  it('says so when nothing changed, and on a first run', () => {
    const same = buildDigest(compareRuns(previous, { ...previous, sessionId: 'run-3' }), 'x', 'USD');
    expect(same.entries).toEqual([]);
    expect(same.headline).toBe('Since run-1 (2025-01-02 06:00 UTC): no grade, recommendation or status changes.');
    expect(firstRunDigest('x', 'USD')).toMatchObject({ status: 'first_run', entries: [], previous: null, headline: 'First run of this portfolio: nothing to compare yet.' });
  });
});

describe('digest threshold', () => {
  const digest = buildDigest(compareRuns(previous, current), 'x', 'USD');
  const only = (ticker: string) => ({ ...digest, entries: digest.entries.filter((e) => e.ticker === ticker) });

  it('by default sends on any grade change or a new SELL, not on a score move or a failure', () => {
    const t = digestThreshold({});
    expect(digestWorthSending(only('AAPL'), t)).toBe(true);
    expect(digestWorthSending(only('NEW'), t)).toBe(true);
    expect(digestWorthSending(only('MSFT'), t)).toBe(false);
    expect(digestWorthSending(only('IBM'), t)).toBe(false);
    expect(digestWorthSending(firstRunDigest('x', 'USD'), t)).toBe(false);
  });

  it('takes failure, score:X, always and never', () => {
    expect(digestWorthSending(only('IBM'), digestThreshold({ DIGEST_THRESHOLD: 'failure' }))).toBe(true);
    expect(digestWorthSending(only('MSFT'), digestThreshold({ DIGEST_THRESHOLD: 'score:0.03' }))).toBe(true);
    expect(digestWorthSending(only('MSFT'), digestThreshold({ DIGEST_THRESHOLD: 'score:0.05' }))).toBe(false);
    expect(digestWorthSending(firstRunDigest('x', 'USD'), digestThreshold({ DIGEST_THRESHOLD: 'always' }))).toBe(true);
    expect(digestWorthSending(only('AAPL'), digestThreshold({ DIGEST_THRESHOLD: 'never' }))).toBe(false);
  });

  it('rejects an unknown trigger, naming the variable and the rule', () => {
    expect(() => digestThreshold({ DIGEST_THRESHOLD: 'grade,sometimes' })).toThrow(/DIGEST_THRESHOLD="grade,sometimes" is invalid: must be a comma-separated list of grade, downgrade, sell/);
    expect(() => digestThreshold({ DIGEST_THRESHOLD: 'score:2' })).toThrow(/DIGEST_THRESHOLD/);
  });
});

describe('trends, identity and retention', () => {
  it('needs three runs, then gives each current holding its points oldest first', () => {
    expect(buildTrends([current, previous])).toBeNull();
    const third = run('run-3', '2025-01-04T06:00:00.000Z', [ok('AAPL', 'C', 'HOLD', 0.69, 1)], null);
    const trends = buildTrends([third, previous, current])!;
    expect(Object.keys(trends)).toEqual(['AAPL']);
    expect(trends.AAPL!.map((p) => [p.session_id, p.grade, p.composite_score])).toEqual([
      ['run-1', 'B', 0.78],
      ['run-2', 'C', 0.71],
      ['run-3', 'C', 0.69],
    ]);
  });

  it('identifies a portfolio by its key, else by its set of tickers in any order', () => {
    expect(portfolioIdentity('portfolios/main.csv', ['A'])).toBe('key:portfolios/main.csv');
    expect(portfolioIdentity(null, ['msft', 'AAPL'])).toBe(portfolioIdentity(null, ['AAPL', 'MSFT', 'AAPL']));
    expect(portfolioIdentity(null, ['AAPL'])).not.toBe(portfolioIdentity(null, ['AAPL', 'MSFT']));
    expect(portfolioKeyOf('examples/finwiz-original.csv')).toBe('portfolios/finwiz-original.csv');
    expect(portfolioKeyOf('portfolios/main.csv')).toBe('portfolios/main.csv');
  });

  it('expires items HISTORY_RETENTION_DAYS later, in epoch seconds; default 365', () => {
    expect(historyRetentionDays({})).toBe(365);
    expect(historyRetentionDays({ HISTORY_RETENTION_DAYS: '30' })).toBe(30);
    expect(() => historyRetentionDays({ HISTORY_RETENTION_DAYS: '0' })).toThrow(/HISTORY_RETENTION_DAYS="0" is invalid/);
    expect(expiresAt(new Date('2025-01-01T00:00:00Z'), 30)).toBe(Date.parse('2025-01-31T00:00:00Z') / 1000);
  });
});
