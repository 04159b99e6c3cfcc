// Run-to-run history through the local engine: the same portfolio three times over one store,
// the simulated market changed between the first and the second run (another seed, and one
// ticker that Yahoo no longer knows). The second run's digest names exactly what moved, from
// what to what; the third run, on an unchanged market, has nothing to report and a trend line.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportWithHistory } from '../../lambdas/consolidate/run-history-step.js';
import { runDigestLines } from '../../cli/run-digest.js';
import { runFlow } from './support.js';
import { finwiz } from '../support/spawn-cli.js';

const PORTFOLIO = 'examples/small-portfolio.csv';
const fixed2 = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
const pct = (value: number | null) => (value === null ? '' : `, weight ${(value * 100).toFixed(1)}%`);

describe('history across local runs of the same portfolio', () => {
  it('digests what changed between runs, exactly, and draws trends from the third run on', async () => {
    const storeDir = await mkdtemp(join(tmpdir(), 'finwiz-history-store-'));
    const first = await runFlow(PORTFOLIO, { storeDir, sessionId: 'history-1', sim: { seed: 0 } });
    const second = await runFlow(PORTFOLIO, { storeDir, sessionId: 'history-2', sim: { seed: 7, failTickers: ['META'] } });
    const third = await runFlow(PORTFOLIO, { storeDir, sessionId: 'history-3', sim: { seed: 7, failTickers: ['META'] } });
    const r1 = first.report as unknown as ReportWithHistory;
    const r2 = second.report as unknown as ReportWithHistory;
    const r3 = third.report as unknown as ReportWithHistory;

    // The first run has nothing to compare with.
    expect(r1.digest).toMatchObject({ status: 'first_run', previous: null, entries: [] });
    expect(first.reportMarkdown).toContain('First run of this portfolio: nothing to compare yet.');

    // The second run: every ticker whose grade, recommendation or status changed, or whose
    // composite moved by 0.02 or more, with its values in the two reports.
    const before = new Map(r1.holdings.map((row) => [row.ticker, row]));
    const expected: string[] = [];
    for (const now of r2.holdings) {
      const was = before.get(now.ticker)!;
      if (was.status === 'ok' && now.status === 'failed') {
        expected.push(
          `${now.ticker} failed this time: ${now.reason} (last time ${was.grade}, ${was.recommendation}, composite ${fixed2(was.composite_score)})${pct(now.weight ?? was.weight)}`,
        );
        continue;
      }
      const move = Math.round(((now.composite_score ?? 0) - (was.composite_score ?? 0)) * 1000) / 1000;
      const gradeChanged = was.grade !== now.grade;
      const recChanged = was.recommendation !== now.recommendation;
      if (!gradeChanged && !recChanged && Math.abs(move) < 0.02) continue;
      const parts = [
        ...(gradeChanged ? [`${was.grade} -> ${now.grade}`] : []),
        `composite ${fixed2(was.composite_score)} -> ${fixed2(now.composite_score)}`,
        ...(recChanged ? [`${was.recommendation} -> ${now.recommendation}`] : []),
        ...(gradeChanged ? [] : [`still ${now.grade}`]),
      ];
      const newSell = now.recommendation === 'SELL' && was.recommendation !== 'SELL' ? ' (new SELL)' : '';
      expected.push(`${now.ticker} ${parts.join(', ')}${newSell}${pct(now.weight)}`);
    }
    const digest = r2.digest;
    expect(digest).toMatchObject({ status: 'compared', previous: { session_id: 'history-1' }, portfolio_id: 'key:portfolios/small-portfolio.csv' });
    expect([...digest.entries.map((e) => e.text)].sort()).toEqual([...expected].sort());
    // META, unknown to the simulator this time, is named as a new failure.
    const meta = before.get('META')!;
    expect(digest.entries.find((e) => e.ticker === 'META')).toMatchObject({
      kinds: ['new_failure'],
      text: `META failed this time: unknown symbol (last time ${meta.grade}, ${meta.recommendation}, composite ${fixed2(meta.composite_score)}), weight ${((meta.weight ?? 0) * 100).toFixed(1)}%`,
    });
    // The other seed moved more than META: at least one more ticker changed.
    expect(digest.entries.length).toBeGreaterThan(1);
    // Most important first: weight x size of the change.
    const importance = digest.entries.map((e) => e.importance);
    expect(importance).toEqual([...importance].sort((a, b) => b - a));
    // The same lines head report.md, in the same order.
    const section = second.reportMarkdown.slice(second.reportMarkdown.indexOf('## What changed since the last run'), second.reportMarkdown.indexOf('## Summary'));
    expect(section.split('\n').filter((line) => line.startsWith('- ') && !line.startsWith('- Portfolio') && !line.startsWith('- Grades'))).toEqual(
      digest.entries.map((e) => `- ${e.text}`),
    );
    expect(digest.market_value).toMatchObject({ previous: r1.summary.total_market_value, current: r2.summary.total_market_value });
    expect(r2.trends).toBeNull();

    // The third run, on the same market as the second: nothing moved; three runs make a trend.
    expect(r3.digest).toMatchObject({ status: 'compared', previous: { session_id: 'history-2' }, entries: [] });
    expect(r3.trends).not.toBeNull();
    expect(Object.keys(r3.trends!).sort()).toEqual(r3.holdings.map((row) => row.ticker).sort());
    expect(r3.trends!.AAPL!.map((p) => [p.session_id, p.grade, p.composite_score])).toEqual(
      [r1, r2, r3].map((r) => {
        const row = r.holdings.find((h) => h.ticker === 'AAPL')!;
        return [r.session_id, row.grade, row.composite_score];
      }),
    );
    expect(r3.trends!.META!.map((p) => p.status)).toEqual(['ok', 'failed', 'failed']);

    // `finwiz run` prints the second run's digest after its summary.
    expect(await runDigestLines(second.result.outDir)).toEqual([
      '',
      'What changed since the last run:',
      `  ${digest.headline}`,
      ...section
        .split('\n')
        .filter((line) => line.startsWith('- Portfolio value') || line.startsWith('- Grades:'))
        .map((line) => `  ${line.slice(2)}`),
      ...digest.entries.map((e) => `  - ${e.text}`),
    ]);

    // `finwiz history` reads the same store with the same DynamoDB code, newest first.
    const history = await finwiz(['history', 'aapl', '--store', storeDir, '--portfolio', PORTFOLIO, '--json']);
    expect(history.code).toBe(0);
    const points = JSON.parse(history.stdout) as Array<{ session_id: string; grade: string; composite_score: number | null; portfolio_key: string }>;
    expect(points.map((p) => [p.session_id, p.grade, p.composite_score, p.portfolio_key])).toEqual(
      [r3, r2, r1].map((r) => {
        const row = r.holdings.find((h) => h.ticker === 'AAPL')!;
        return [r.session_id, row.grade, row.composite_score, 'portfolios/small-portfolio.csv'];
      }),
    );
    const limited = await finwiz(['history', 'META', '--local', '--store', storeDir, '--limit', '2']);
    expect(limited.code).toBe(0);
    const lines = limited.stdout.trim().split('\n');
    expect(lines[0]).toBe('META in the last 2 runs, newest first:');
    expect(lines.slice(2).map((line) => line.split(/\s{2,}/).slice(1, 4))).toEqual([
      ['history-3', 'portfolios/small-portfolio.csv', 'failed'],
      ['history-2', 'portfolios/small-portfolio.csv', 'failed'],
    ]);
  });
});
