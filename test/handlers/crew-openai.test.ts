// The Crew with CREW_LLM=openai against a fake OpenAI-compatible server on 127.0.0.1: the
// narrative lands in the result with its cost, the key never reaches a result or a log line,
// and with LLM_BUDGET_USD the Crew reserves in the table before the call, or makes no call.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_DEV = 'true'; // Powertools writes through the global console (captured below)
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

import { crewResultSchema } from '../../lambdas/core/analysis/crew-result.js';
import { handler } from '../../lambdas/crew/handler.js';
import { answer, startFakeOpenAi, type FakeOpenAi } from '../support/openai-server.js';
import { ddbMock, prefetchedOk, putObject, readJson, resetAws, TABLE } from './support.js';

const KEY = 'sk-live-DO-NOT-LEAK-42';
const NARRATIVE = {
  thesis: 'A steady compounder priced for it.',
  scenarios: {
    bull: { probability: 0.25, summary: 'Margins expand.', priceTarget: null },
    base: { probability: 0.5, summary: 'Growth continues.', priceTarget: null },
    bear: { probability: 0.25, summary: 'Multiple compresses.', priceTarget: null },
  },
  actionPlan: ['Hold the position'],
};
let server: FakeOpenAi;
let session = 0;
let SID = '';
let logs: string[] = [];

const event = () => ({ sessionId: SID, mode: 'batch' as const, holding: { ticker: 'AAPL', index: 0, shares: 10 }, batchSize: 5, totalTickers: 1 });

beforeAll(async () => {
  server = await startFakeOpenAi();
});
afterAll(() => server.close());
beforeEach(() => {
  SID = `openai-${++session}`;
  resetAws();
  server.requests.length = 0;
  logs = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
  }
  Object.assign(process.env, { CREW_LLM: 'openai', LLM_BASE_URL: server.baseUrl, LLM_MODEL: 'gpt-4o-mini', LLM_API_KEY: KEY });
  putObject(`runs/${SID}/prefetch/AAPL.json`, prefetchedOk('AAPL'));
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the Crew with CREW_LLM=openai', () => {
  it('adds the narrative with tokens and cost at the list price, and the key appears in no result and no log', async () => {
    server.script(answer(JSON.stringify(NARRATIVE), { promptTokens: 1500, completionTokens: 300 }));
    await handler(event());
    const raw = JSON.stringify(readJson(`runs/${SID}/results/AAPL.json`));
    const result = crewResultSchema.parse(JSON.parse(raw));
    expect(result.narrative?.thesis).toBe(NARRATIVE.thesis);
    expect(result.llm).toEqual({ model_id: 'gpt-4o-mini', input_tokens: 1500, output_tokens: 300, cost_usd: (1500 * 0.15 + 300 * 0.6) / 1e6 });
    expect(result.narrative_skipped).toBeNull();
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(logs.length).toBeGreaterThan(0);
    expect(raw + logs.join('\n')).not.toContain(KEY);
  });

  it('keeps the key out of the warning when the server echoes it in an error', async () => {
    server.script({ kind: 'status', status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}` } }) });
    await handler(event());
    const raw = JSON.stringify(readJson(`runs/${SID}/results/AAPL.json`));
    expect(raw).toContain('HTTP 401');
    expect(raw + logs.join('\n')).not.toContain(KEY);
  });

  it('reserves the budget in the table before the call, and settles it to the cost', async () => {
    Object.assign(process.env, { LLM_BUDGET_USD: '1' });
    server.script(answer(JSON.stringify(NARRATIVE)));
    await handler(event());
    const updates = ddbMock.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(updates).toHaveLength(2);
    expect(updates[0]).toMatchObject({ TableName: TABLE, Key: { pk: `RUN#${SID}`, sk: 'LLM_BUDGET' }, ConditionExpression: expect.stringContaining('reservedMicroUsd <= :room') });
    expect(updates[1]!.ExpressionAttributeValues![':delta']).toBeLessThan(0);
    expect(crewResultSchema.parse(readJson(`runs/${SID}/results/AAPL.json`)).narrative).not.toBeNull();
  });

  it('makes no call when the budget has no room: the analysis stands, the result says why', async () => {
    Object.assign(process.env, { LLM_BUDGET_USD: '0' });
    server.script(answer(JSON.stringify(NARRATIVE)));
    await handler(event());
    expect(server.requests).toHaveLength(0);
    const result = crewResultSchema.parse(readJson(`runs/${SID}/results/AAPL.json`));
    expect(result.status).toBe('ok');
    expect(result.grade).not.toBe('N/A');
    expect(result.narrative).toBeNull();
    expect(result.narrative_skipped).toBe('budget');
    expect(result.warnings.some((w) => w.startsWith("LLM narrative skipped: the next call (up to $") && w.includes("LLM budget of $0"))).toBe(true);
  });
});
