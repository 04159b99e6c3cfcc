// The narrative on an OpenAI-compatible server, against a fake one on 127.0.0.1: the request it
// sends, valid and invalid answers (one retry), 429, timeouts, the key kept out of every warning,
// and the budget, reserved before each call, holding under concurrent crews.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiNarrator, NARRATIVE_JSON_SCHEMA } from '../../lambdas/adapters/llm/openai-narrator.js';
import { inProcessBudget } from '../../lambdas/adapters/llm/in-process-budget.js';
import { narratorFromConfig } from '../../lambdas/adapters/llm/narrator-from-config.js';
import { callReservationUsd } from '../../lambdas/core/analysis/narrative-budget.js';
import { buildNarrativePrompt, narrativeSchema, type NarrativeFacts } from '../../lambdas/core/analysis/narrative.js';
import { parseLlmConfig } from '../../lambdas/core/config/llm-config.js';
import { answer, startFakeOpenAi, type FakeOpenAi } from '../support/openai-server.js';

const KEY = 'sk-test-SECRET-0123456789';
const PRICE = { inputPerMillion: 0.15, outputPerMillion: 0.6 };
const FACTS: NarrativeFacts = {
  ticker: 'MSFT',
  name: 'Microsoft Corporation',
  currency: 'USD',
  assetType: 'EQUITY',
  lastPrice: 415.26,
  compositeScore: 0.781,
  grade: 'B',
  recommendation: 'BUY',
  confidence: 0.64,
  fundamentalScore: 0.8,
  technicalScore: 0.75,
  riskScore: 0.25,
  keyFindings: [{ label: 'Return on equity', value: 0.356, threshold: '>= 0.15', signal: 'positive' }],
  street: null,
};
const NARRATIVE = {
  thesis: 'A BUY at grade B: return on equity of 0.356 clears the 0.15 threshold.',
  scenarios: {
    bull: { probability: 0.3, summary: 'Cloud growth accelerates.', priceTarget: 600 },
    base: { probability: 0.5, summary: 'Growth continues.', priceTarget: null },
    bear: { probability: 0.2, summary: 'Multiple compression.', priceTarget: 380 },
  },
  actionPlan: ['Hold the position.'],
};
const VALID = JSON.stringify(NARRATIVE);
const BAD_SUM = JSON.stringify({ ...NARRATIVE, scenarios: { ...NARRATIVE.scenarios, bull: { probability: 0.1, summary: 'x', priceTarget: null } } });

let server: FakeOpenAi;
beforeAll(async () => {
  server = await startFakeOpenAi();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const narrator = (o: Partial<Parameters<typeof createOpenAiNarrator>[0]> = {}) =>
  createOpenAiNarrator({ baseUrl: server.baseUrl, model: 'gpt-4o-mini', apiKey: KEY, timeoutMs: 2000, price: PRICE, ...o });

describe('the OpenAI-compatible narrator', () => {
  it('posts one chat completion with the model, the prompt, a strict JSON schema and the key as a bearer token', async () => {
    server.script(answer(VALID));
    const outcome = await narrator().narrate(FACTS);
    expect(outcome).toEqual({
      narrative: narrativeSchema.parse(NARRATIVE),
      warning: null,
      usage: { inputTokens: 1000, outputTokens: 200, costUsd: 0.00027 },
      modelId: 'gpt-4o-mini',
    });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.url).toBe('/v1/chat/completions');
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    const prompt = buildNarrativePrompt(FACTS);
    expect(request!.body).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: prompt.system },
        { role: 'user', content: prompt.user },
      ],
      max_tokens: 800,
      response_format: { type: 'json_schema', json_schema: { name: 'narrative', strict: true, schema: NARRATIVE_JSON_SCHEMA } },
    });
  });

  it('sends no Authorization header to a local server without a key, and a trailing slash in the URL does no harm', async () => {
    server.script(answer(VALID));
    const outcome = await narrator({ apiKey: null, baseUrl: `${server.baseUrl}/` }).narrate(FACTS);
    expect(outcome.narrative).not.toBeNull();
    expect(server.requests[0]!.url).toBe('/v1/chat/completions');
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('retries once after an invalid answer, and sums the usage of both calls', async () => {
    server.script(answer(BAD_SUM), answer(VALID));
    const outcome = await narrator().narrate(FACTS);
    expect(server.requests).toHaveLength(2);
    expect(outcome.narrative?.thesis).toBe(NARRATIVE.thesis);
    expect(outcome.usage).toEqual({ inputTokens: 2000, outputTokens: 400, costUsd: 0.00054 });
  });

  it('gives up after the retry with a warning naming what was wrong, the usage still counted', async () => {
    server.script(answer('Sure! Here is my analysis, no JSON.'));
    const outcome = await narrator().narrate(FACTS);
    expect(server.requests).toHaveLength(2);
    expect(outcome.narrative).toBeNull();
    expect(outcome.warning).toBe('LLM narrative unavailable: the answer has no JSON object (on the retry, too)');
    expect(outcome.usage?.inputTokens).toBe(2000);
  });

  it('says when the invalid answer was cut at the output cap', async () => {
    server.script(answer(VALID.slice(0, 60), { finishReason: 'length' }));
    const outcome = await narrator().narrate(FACTS);
    expect(outcome.warning).toMatch(/\(malformed or truncated JSON\); the answer was cut at maxTokens=800 \(on the retry, too\)$/);
  });

  it('turns a 429 into a warning with the status and Retry-After, without a retry', async () => {
    server.script({ kind: 'status', status: 429, body: JSON.stringify({ error: { message: 'Rate limit reached for gpt-4o-mini' } }), headers: { 'retry-after': '20' } });
    const outcome = await narrator().narrate(FACTS);
    expect(server.requests).toHaveLength(1);
    expect(outcome).toMatchObject({ narrative: null, usage: null });
    expect(outcome.warning).toBe('LLM narrative unavailable: gpt-4o-mini answered HTTP 429 (retry-after 20): Rate limit reached for gpt-4o-mini');
  });

  it('ends a call that gets no answer at the timeout, with a warning', async () => {
    server.script({ kind: 'hang' });
    const outcome = await narrator({ timeoutMs: 150 }).narrate(FACTS);
    expect(outcome.narrative).toBeNull();
    expect(outcome.warning).toBe('LLM narrative unavailable: no answer from gpt-4o-mini within 150 ms');
  });

  it('says a server that is not there could not be reached', async () => {
    const gone = await startFakeOpenAi();
    await gone.close();
    const outcome = await narrator({ baseUrl: gone.baseUrl }).narrate(FACTS);
    expect(outcome.warning).toMatch(/^LLM narrative unavailable: gpt-4o-mini could not be reached \(ECONNREFUSED\)/);
  });

  it('never lets the key into a warning, even from a server that echoes it back', async () => {
    server.script({ kind: 'status', status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}.` } }) });
    const outcome = await narrator().narrate(FACTS);
    expect(outcome.warning).toContain('HTTP 401');
    expect(outcome.warning).toContain('[redacted]');
    expect(JSON.stringify(outcome)).not.toContain(KEY);
  });

  it('gives an unknown cost (null, never 0) for a model without a price', async () => {
    server.script(answer(VALID));
    const outcome = await narrator({ model: 'llama3.1', price: null }).narrate(FACTS);
    expect(outcome.usage).toEqual({ inputTokens: 1000, outputTokens: 200, costUsd: null });
  });
});

describe('the budget (LLM_BUDGET_USD)', () => {
  const reservation = callReservationUsd(PRICE, buildNarrativePrompt(FACTS), 800);

  it('makes no call once the next one could pass the cap, and says so', async () => {
    server.script(answer(VALID));
    const budget = inProcessBudget(reservation * 0.99);
    const outcome = await narrator({ budget }).narrate(FACTS);
    expect(server.requests).toHaveLength(0);
    expect(outcome.budgetSkipped).toBe(true);
    expect(outcome.narrative).toBeNull();
    expect(outcome.warning).toMatch(/^LLM narrative skipped: the next call \(up to \$0\.\d{4}\) could pass the run's LLM budget of \$/);
  });

  it('holds under concurrent crews: the calls made never cost more than the cap, and the rest are skipped', async () => {
    server.script(answer(VALID, { promptTokens: 1000, completionTokens: 200 }));
    // Room for three reservations; each call then costs less than it reserved, freeing room for more.
    const cap = reservation * 3.5;
    const budget = inProcessBudget(cap);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => narrator({ budget }).narrate(FACTS)));
    const made = outcomes.filter((o) => o.narrative !== null);
    const skipped = outcomes.filter((o) => o.budgetSkipped);
    expect(made.length + skipped.length).toBe(20);
    expect(server.requests).toHaveLength(made.length);
    expect(made.length).toBe(3); // all reserved at once, before any answer
    const spent = made.reduce((total, o) => total + (o.usage?.costUsd ?? 0), 0);
    expect(spent).toBeLessThanOrEqual(cap);
    // The answers cost less than reserved: later narratives find the room again.
    const later = await narrator({ budget }).narrate(FACTS);
    expect(later.narrative).not.toBeNull();
  });

  it('releases the reservation of a refused call (429), so it does not eat the budget', async () => {
    const budget = inProcessBudget(reservation * 1.5);
    server.script({ kind: 'status', status: 429, body: '{}' }, answer(VALID));
    expect((await narrator({ budget }).narrate(FACTS)).warning).toContain('HTTP 429');
    expect((await narrator({ budget }).narrate(FACTS)).narrative).not.toBeNull();
  });

  it('reserves again for the retry, and says it was the budget that stopped it', async () => {
    server.script(answer(BAD_SUM, { promptTokens: 2_000_000 }));
    const budget = inProcessBudget(reservation * 1.5);
    const outcome = await narrator({ budget }).narrate(FACTS);
    expect(server.requests).toHaveLength(1);
    expect(outcome.budgetSkipped).toBe(true);
    expect(outcome.warning).toMatch(/for a retry after: the answer does not match the schema/);
  });
});

describe('the narrator from the settings', () => {
  it('reads CREW_LLM=openai with its URL, model and key, and a key secret that cannot be read fails no ticker', async () => {
    server.script(answer(VALID));
    const config = parseLlmConfig({ CREW_LLM: 'openai', LLM_BASE_URL: server.baseUrl, LLM_MODEL: 'gpt-4o-mini', LLM_API_KEY: KEY });
    const made = await narratorFromConfig(config, { budget: null });
    expect((await made!.narrate(FACTS)).usage?.costUsd).toBe(0.00027);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);

    const cloud = parseLlmConfig({ CREW_LLM: 'openai', LLM_BASE_URL: server.baseUrl, LLM_MODEL: 'gpt-4o-mini', LLM_SECRET_NAME: 'finwiz/llm' });
    const secrets = { getSecretValue: async () => JSON.stringify({ apiKey: 'sk-from-secret' }) };
    await (await narratorFromConfig(cloud, { budget: null, secrets }))!.narrate(FACTS);
    expect(server.requests[1]!.headers.authorization).toBe('Bearer sk-from-secret');

    const denied = { getSecretValue: async () => Promise.reject(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' })) };
    const outcome = await (await narratorFromConfig(cloud, { budget: null, secrets: denied }))!.narrate(FACTS);
    expect(outcome.warning).toBe('LLM narrative unavailable: LLM key secret "finwiz/llm" could not be read (AccessDeniedException: not allowed)');
    expect(server.requests).toHaveLength(2);
  });
});
