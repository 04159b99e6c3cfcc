// Stale bars through the local engine: a listing whose history stopped two weeks ago is flagged
// in its result and the report, and its confidence is lowered with the reason in the rationale.
// STALE_AFTER_TRADING_DAYS moves the limit: the same data under a 30-day limit is fresh.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crewResultSchema, type CrewResult } from '../../lambdas/core/analysis/crew-result.js';
import { STALE_CONFIDENCE_FACTOR } from '../../lambdas/core/analysis/analysts/portfolio-manager.js';
import { runFlow, type FlowRun } from './support.js';

const readResult = async (run: FlowRun, ticker: string): Promise<CrewResult> =>
  crewResultSchema.parse(JSON.parse(await readFile(join(run.result.outDir, 'results', `${ticker}.json`), 'utf-8')));

describe('stale bars', () => {
  it('flag the ticker, lower its confidence with the reason, and follow STALE_AFTER_TRADING_DAYS', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'finwiz-stale-')), 'six.csv');
    await writeFile(path, 'ticker,shares\nAAPL,1\nMSFT,2\nKO,3\nPEP,1\nNVDA,1\nJNJ,4\n');
    // KO's last bar is 14 calendar days old: 10 trading days.
    const sim = { staleTickers: ['KO'], staleDays: 14 };
    const run = await runFlow(path, { sim });
    const ko = await readResult(run, 'KO');
    expect(ko.status).toBe('ok');
    expect(ko.stale).toBe(true);
    expect(ko.newest_bar_age_trading_days).toBeGreaterThanOrEqual(9);
    expect(ko.rationale.at(-1)).toMatch(
      new RegExp(`^Confidence lowered: the newest bar is ${ko.newest_bar_age_trading_days} trading days old \\(\\d{4}-\\d\\d-\\d\\d\\), past the 5-trading-day limit`),
    );
    expect(ko.warnings.some((warning) => warning.startsWith('Stale data: the newest bar is'))).toBe(true);
    // The others are fresh.
    for (const ticker of ['AAPL', 'MSFT', 'PEP', 'NVDA', 'JNJ']) expect((await readResult(run, ticker)).stale, ticker).toBe(false);
    // The report names it, in the data and in the text.
    const report = run.report as unknown as { summary: { stale_tickers: string[]; stale_after_trading_days: number } };
    expect(report.summary).toMatchObject({ stale_tickers: ['KO'], stale_after_trading_days: 5 });
    expect(run.reportMarkdown).toContain('- Stale data: KO (newest bar older than 5 trading days; confidence lowered)');
    expect(run.reportMarkdown).toContain(`stale data: ${ko.newest_bar_age_trading_days} trading days old`);

    // The same data under a 30-trading-day limit: fresh, with the full confidence and no such sentence.
    const lenient = await runFlow(path, { sim, env: { STALE_AFTER_TRADING_DAYS: '30' } });
    const koLenient = await readResult(lenient, 'KO');
    expect(koLenient).toMatchObject({ stale: false, composite_score: ko.composite_score, grade: ko.grade });
    expect(koLenient.rationale.some((sentence) => sentence.startsWith('Confidence lowered'))).toBe(false);
    expect(ko.confidence).toBeCloseTo(koLenient.confidence * STALE_CONFIDENCE_FACTOR, 2);
    expect(ko.confidence).toBeLessThan(koLenient.confidence);
  });
});
