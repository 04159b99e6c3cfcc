// The narrative on an OpenAI-compatible server (a fake one on 127.0.0.1) through the local
// engine, with a budget that runs out: crews run concurrently and reserve in the local table
// (dynalite), no call passes the cap, every ticker keeps its analysis, and report.md,
// report.html and the metrics name the tickers left without a narrative.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crewResultSchema } from '../../lambdas/core/analysis/crew-result.js';
import { answer, startFakeOpenAi, type FakeOpenAi } from '../support/openai-server.js';
import { runFlow } from './support.js';

const KEY = 'sk-flow-NEVER-SHOWN-7';
const NARRATIVE = JSON.stringify({
  thesis: 'The figures support the grade.',
  scenarios: {
    bull: { probability: 0.3, summary: 'Up.', priceTarget: null },
    base: { probability: 0.5, summary: 'Flat.', priceTarget: null },
    bear: { probability: 0.2, summary: 'Down.', priceTarget: null },
  },
  actionPlan: ['Hold.'],
});
const TICKERS = ['AAPL', 'MSFT', 'KO', 'PEP', 'NVDA', 'JNJ'];
let server: FakeOpenAi;

beforeAll(async () => {
  server = await startFakeOpenAi();
});
afterAll(() => server.close());

describe('the narrative with a hard budget, through the local engine', () => {
  it('stops calling once the next call could pass the cap, and says which tickers got no narrative', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'finwiz-llm-')), 'six.csv');
    await writeFile(path, `ticker,shares\n${TICKERS.map((t) => `${t},1`).join('\n')}\n`);
    // $1 per million tokens each way: a call answers 1000 + 200 tokens ($0.0012) and reserves a few
    // thousand tokens' worth, so a $0.006 cap lets some calls through and not all six.
    server.script(answer(NARRATIVE, { promptTokens: 1000, completionTokens: 200 }));
    const env = {
      CREW_LLM: 'openai',
      LLM_BASE_URL: server.baseUrl,
      LLM_MODEL: 'local-model',
      LLM_API_KEY: KEY,
      LLM_INPUT_USD_PER_MTOK: '1',
      LLM_OUTPUT_USD_PER_MTOK: '1',
      LLM_BUDGET_USD: '0.006',
      // Batch mode: all six crews at once, reserving concurrently.
      BATCH_PREFETCH_MIN_HOLDINGS: '1',
      DEEP_ANALYSIS_BATCH_SIZE: '6',
    };
    const run = await runFlow(path, { env });
    const results = await Promise.all(
      TICKERS.map(async (t) => crewResultSchema.parse(JSON.parse(await readFile(join(run.result.outDir, 'results', `${t}.json`), 'utf-8')))),
    );
    for (const result of results) expect(result.status, result.ticker).toBe('ok');
    const told = results.filter((r) => r.narrative !== null);
    const skipped = results.filter((r) => r.narrative_skipped === 'budget').map((r) => r.ticker).sort();
    expect(told.length).toBeGreaterThanOrEqual(1);
    expect(skipped.length).toBeGreaterThanOrEqual(1);
    expect(told.length + skipped.length).toBe(6);
    expect(server.requests.length).toBe(told.length);

    const llm = run.metrics.batch_prefetch_metrics.llm as Record<string, unknown>;
    expect(llm).toMatchObject({ tickers: told.length, budget_usd: 0.006, budget_skipped_tickers: skipped, model_id: 'local-model' });
    expect(llm.cost_usd as number).toBeLessThanOrEqual(0.006);
    expect(llm.cost_usd).toBeCloseTo(told.length * 0.0012, 9);
    // Stated before the run: six tickers at the typical prompt and the output cap.
    expect(llm.expected_cost_usd).toBeCloseTo(6 * (1800 + 800) / 1e6, 9);

    const sentence = `LLM budget of $0.0060 reached: no narrative for ${skipped.length} ticker${skipped.length === 1 ? '' : 's'} (${skipped.join(', ')}); their analysis stands without one.`;
    expect(run.reportMarkdown).toContain(sentence);
    expect(run.reportMarkdown).toContain('LLM narrative expected before the run: $0.0156 with local-model');
    const html = await readFile(join(run.result.outDir, 'report.html'), 'utf-8');
    expect(html).toContain(sentence);
    // The key went to the server and nowhere else.
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    const everything = [run.reportMarkdown, html, JSON.stringify(run.metrics), JSON.stringify(results), run.logs.join('\n')].join('\n');
    expect(everything).not.toContain(KEY);
  });
});
