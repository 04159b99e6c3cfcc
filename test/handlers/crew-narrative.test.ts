// The Crew with the optional LLM narrative (CREW_LLM=bedrock), Bedrock mocked: the narrative
// and its token usage land in the result; any LLM failure leaves the quantitative result
// standing, with a warning.
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

import { crewResultSchema } from '../../lambdas/core/analysis/crew-result.js';
import { handler } from '../../lambdas/crew/handler.js';
import { prefetchedOk, putObject, readJson, resetAws } from './support.js';

const bedrock = mockClient(BedrockRuntimeClient);
const MODEL = 'us.amazon.nova-lite-v1:0';
let session = 0;
let SID = '';

const narrativeAnswer = {
  thesis: 'A steady compounder priced for it.',
  scenarios: {
    bull: { probability: 0.25, summary: 'Margins expand.' },
    base: { probability: 0.5, summary: 'Growth continues.' },
    bear: { probability: 0.25, summary: 'Multiple compresses.' },
  },
  actionPlan: ['Hold the position', 'Review after earnings'],
};

const event = () => ({
  sessionId: SID,
  mode: 'batch' as const,
  holding: { ticker: 'AAPL', index: 0, shares: 10 },
  batchSize: 5,
  totalTickers: 1,
});

beforeEach(() => {
  SID = `narrative-${++session}`;
  resetAws();
  bedrock.reset();
  process.env.CREW_LLM = 'bedrock';
  process.env.BEDROCK_MODEL_ID = MODEL;
  putObject(`runs/${SID}/prefetch/AAPL.json`, prefetchedOk('AAPL'));
});

describe('the Crew with CREW_LLM=bedrock', () => {
  it('adds the validated narrative and records tokens and cost; the figures are sent as facts', async () => {
    bedrock.on(ConverseCommand).resolves({
      output: { message: { role: 'assistant', content: [{ text: JSON.stringify(narrativeAnswer) }] } },
      usage: { inputTokens: 1000, outputTokens: 200, totalTokens: 1200 },
      stopReason: 'end_turn',
      metrics: { latencyMs: 10 },
    });
    await handler(event());
    const result = crewResultSchema.parse(readJson(`runs/${SID}/results/AAPL.json`));
    expect(result.status).toBe('ok');
    expect(result.narrative?.thesis).toBe(narrativeAnswer.thesis);
    expect(result.llm).toMatchObject({ model_id: MODEL, input_tokens: 1000, output_tokens: 200 });
    expect(result.llm?.cost_usd).toBeGreaterThan(0);
    const sent = bedrock.commandCalls(ConverseCommand)[0]!.args[0].input;
    expect(sent.modelId).toBe(MODEL);
    const userText = sent.messages![0]!.content![0]!.text!;
    expect(userText).toContain('AAPL');
    expect(userText).toContain(String(result.composite_score));
  });

  it('keeps the quantitative result and warns when Bedrock throttles', async () => {
    bedrock.on(ConverseCommand).rejects(Object.assign(new Error('Too many requests'), { name: 'ThrottlingException' }));
    const answer = await handler(event());
    expect(answer).toEqual({ ticker: 'AAPL', status: 'ok' });
    const result = crewResultSchema.parse(readJson(`runs/${SID}/results/AAPL.json`));
    expect(result.grade).not.toBe('N/A');
    expect(result.narrative).toBeNull();
    expect(result.warnings.some((warning) => warning.startsWith('LLM narrative unavailable') && warning.includes('ThrottlingException'))).toBe(true);
  });

  it('keeps the quantitative result and warns when the answer breaks the schema (probabilities not summing to 1)', async () => {
    const bad = { ...narrativeAnswer, scenarios: { ...narrativeAnswer.scenarios, bull: { probability: 0.15, summary: 'x' } } };
    bedrock.on(ConverseCommand).resolves({
      output: { message: { role: 'assistant', content: [{ text: JSON.stringify(bad) }] } },
      usage: { inputTokens: 900, outputTokens: 150, totalTokens: 1050 },
      stopReason: 'end_turn',
      metrics: { latencyMs: 10 },
    });
    await handler(event());
    const result = crewResultSchema.parse(readJson(`runs/${SID}/results/AAPL.json`));
    expect(result.status).toBe('ok');
    expect(result.narrative).toBeNull();
    expect(result.llm).toMatchObject({ input_tokens: 900, output_tokens: 150 });
    expect(result.warnings.join(' ')).toMatch(/LLM narrative unavailable: .*sum to 1/);
  });
});
