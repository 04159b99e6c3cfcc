// A simulated past market through the local engine: SIM_AS_OF (what `finwiz run --sim-as-of`
// sets) with the simulator's asOf. Two runs three months apart over one store see the same
// companies: the later market is the earlier one plus the bars between.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFlow } from './support.js';

const PORTFOLIO = 'examples/small-portfolio.csv';
type Result = { ticker: string; newest_bar_at: string | null; stale: boolean; sector?: string | null; country?: string | null; profile_reason?: string | null; asset_type: string | null; position: { last_price: number | null } };

const run = (day: string, storeDir: string) => runFlow(PORTFOLIO, { storeDir, sim: { seed: 4, asOf: day }, env: { SIM_AS_OF: day } });
const resultOf = async (outDir: string, ticker: string): Promise<Result> => JSON.parse(await readFile(join(outDir, 'results', `${ticker}.json`), 'utf-8'));

describe('a run as of a simulated day', () => {
  it('takes the day as today: bars end there and are fresh, the report and the default session id carry it, results carry their profile', async () => {
    const storeDir = await mkdtemp(join(tmpdir(), 'finwiz-asof-store-'));
    const jan = await run('2026-01-05', storeDir);
    const apr = await run('2026-04-06', storeDir);
    expect(jan.result.sessionId).toBe('portfolio-analysis-20260105-210000');
    expect(apr.result.sessionId).toBe('portfolio-analysis-20260406-210000');
    const report = JSON.parse(await readFile(join(apr.result.outDir, 'report.json'), 'utf-8')) as { generated_at: string };
    expect(report.generated_at).toBe('2026-04-06T21:00:00.000Z');
    expect(apr.metrics.batch_prefetch_metrics.timestamp).toBe('2026-04-06T21:00:00.000Z');
    const janAapl = await resultOf(jan.result.outDir, 'AAPL');
    const aprAapl = await resultOf(apr.result.outDir, 'AAPL');
    expect(janAapl.newest_bar_at?.slice(0, 10)).toBe('2026-01-05');
    expect(aprAapl.newest_bar_at?.slice(0, 10)).toBe('2026-04-06');
    expect(aprAapl.stale).toBe(false);
    // Anchored: Apple trades near its real level, not at a made-up one.
    expect(aprAapl.position.last_price).toBeGreaterThan(120);
    expect(aprAapl.position.last_price).toBeLessThan(350);
    expect(aprAapl).toMatchObject({ sector: 'Technology', country: 'United States', profile_reason: null });
    expect(apr.reportMarkdown).toContain('Profile: sector Technology, industry Consumer Electronics, country United States');
    // The simulated day is shown beside the banner, with what the levels are.
    expect(apr.reportMarkdown).toContain('The simulated market is that of 2026-04-06; the price levels of well-known tickers are approximate.');
    const html = await readFile(join(apr.result.outDir, 'report.html'), 'utf-8');
    expect(html).toContain('<p class="note" id="simulated-date">The simulated market is that of 2026-04-06;');
  }, 120_000);
});
