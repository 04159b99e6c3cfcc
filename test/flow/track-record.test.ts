// The track record over three runs of one portfolio on a simulated market, three months apart
// (finwiz run --sim-as-of 2026-01-05, 2026-04-06, 2026-07-06 over one store): the last run scores
// the April run's calls at 3 months and the January run's at 6, each call by its excess return
// over the benchmark, recomputed here from the runs' own results and market contexts.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finwiz } from '../support/spawn-cli.js';
import { runFlow } from './support.js';

const PORTFOLIO = 'examples/small-portfolio.csv';
type Result = { ticker: string; recommendation: string; grade: string; position: { last_price: number | null } };
type Horizon = { horizon: string; trading_days: number; runs: Array<{ session_id: string; age_trading_days: number }>; by_recommendation: Record<string, { n: number; hit_rate: number | null; mean_excess_return: number | null }>; by_grade: Record<string, { n: number }> };

const run = (day: string, storeDir: string) => runFlow(PORTFOLIO, { storeDir, sim: { seed: 4, asOf: day }, env: { SIM_AS_OF: day } });
const results = async (outDir: string, tickers: string[]): Promise<Map<string, Result>> =>
  new Map(await Promise.all(tickers.map(async (t) => [t, JSON.parse(await readFile(join(outDir, 'results', `${t}.json`), 'utf-8')) as Result] as const)));
const benchmarkClose = async (storeDir: string, sessionId: string): Promise<number> => {
  const context = JSON.parse(await readFile(join(storeDir, 's3', 'finwiz-local', 'runs', sessionId, 'market-context.json._S3rver_object'), 'utf-8')) as {
    benchmark: { bars: Array<{ close: number }> };
  };
  return context.benchmark.bars.at(-1)!.close;
};

describe('the track record of three simulated runs', () => {
  it('scores the April calls at 3 months and the January calls at 6, by their excess return over the benchmark', async () => {
    const storeDir = await mkdtemp(join(tmpdir(), 'finwiz-track-'));
    const jan = await run('2026-01-05', storeDir);
    const apr = await run('2026-04-06', storeDir);
    const jul = await run('2026-07-06', storeDir);
    const trackRecordOf = (flow: { report: unknown }) => (flow.report as { track_record: unknown }).track_record;
    expect(trackRecordOf(jan)).toMatchObject({ horizons: [] });

    const record = trackRecordOf(jul) as { as_of: string; benchmark: string; horizons: Horizon[]; unscored: Record<string, number> };
    expect(record).toMatchObject({ as_of: '2026-07-06T21:00:00.000Z', benchmark: 'SPY' });
    expect(record.horizons.map((h) => [h.horizon, h.runs.map((r) => r.session_id)])).toEqual([
      ['3m', [apr.result.sessionId]],
      ['6m', [jan.result.sessionId]],
    ]);
    expect(record.horizons.map((h) => h.runs[0]!.age_trading_days)).toEqual([65, 130]);

    // The 6-month figures again, from the January and July results and the runs' benchmark closes.
    const tickers = jul.resultFiles.map((file) => file.replace(/\.json$/, ''));
    const [then, now] = await Promise.all([results(jan.result.outDir, tickers), results(jul.result.outDir, tickers)]);
    const benchmark = (await benchmarkClose(storeDir, jul.result.sessionId)) / (await benchmarkClose(storeDir, jan.result.sessionId)) - 1;
    const expected = new Map<string, number[]>();
    for (const [ticker, call] of then) {
      const before = call.position.last_price;
      const after = now.get(ticker)?.position.last_price;
      if (!['BUY', 'HOLD', 'SELL'].includes(call.recommendation) || !before || !after) continue;
      expected.set(call.recommendation, [...(expected.get(call.recommendation) ?? []), after / before - 1 - benchmark]);
    }
    const six = record.horizons[1]!;
    expect(Object.keys(six.by_recommendation).sort()).toEqual([...expected.keys()].sort());
    for (const [recommendation, excesses] of expected) {
      const stats = six.by_recommendation[recommendation]!;
      expect(stats.n).toBe(excesses.length);
      expect(stats.mean_excess_return).toBeCloseTo(excesses.reduce((a, b) => a + b, 0) / excesses.length, 3);
      const hits = excesses.filter((x) => (recommendation === 'BUY' ? x > 0 : recommendation === 'SELL' ? x < 0 : Math.abs(x) <= 0.05)).length;
      expect(stats.hit_rate).toBeCloseTo(hits / excesses.length, 4);
    }
    // By grade: the same calls, grouped by the grade they had.
    expect(Object.values(six.by_grade).reduce((sum, g) => sum + g.n, 0)).toBe([...expected.values()].flat().length);

    // report.md and report.html show it; finwiz track-record prints the same record from the store.
    expect(jul.reportMarkdown).toContain('## Track record');
    expect(jul.reportMarkdown).toMatch(/\| 6m \(126 trading days\) \| 1 \| (BUY|HOLD|SELL) \| \d+ \| \d+\.\d% \|/);
    const html = await readFile(join(jul.result.outDir, 'report.html'), 'utf-8');
    expect(html).toContain('<section id="track-record">');
    expect(html).toContain('data-chart="track-record"');
    const cli = await finwiz(['track-record', '--store', storeDir, '--portfolio', PORTFOLIO, '--json']);
    expect(cli.code).toBe(0);
    const printed = JSON.parse(cli.stdout) as typeof record;
    expect(printed.horizons).toEqual(record.horizons);
  }, 240_000);
});
