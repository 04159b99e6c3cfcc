import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  ThrottlingException,
  type ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBedrockNarrator, narratorFromEnv } from '../../lambdas/adapters/llm/bedrock-narrator.js';
import { inProcessBudget } from '../../lambdas/adapters/llm/in-process-budget.js';
import { callReservationUsd } from '../../lambdas/core/analysis/narrative-budget.js';
import { modelPrice } from '../../lambdas/core/metrics/llm-prices.js';
import { InvalidConfigurationError } from '../../lambdas/core/errors.js';
import { buildNarrativePrompt, type NarrativeFacts } from '../../lambdas/core/analysis/narrative.js';

const bedrockMock = mockClient(BedrockRuntimeClient);
const MODEL = 'us.amazon.nova-lite-v1:0';

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
  street: {
    targetMeanPrice: 492.3,
    targetHighPrice: 600,
    targetLowPrice: 405,
    analystCount: 52,
    recommendationKey: 'strong_buy',
    recommendationMean: 1.4,
  },
};

const NARRATIVE = {
  thesis: 'A BUY at grade B: return on equity of 0.356 clears the 0.15 threshold.',
  scenarios: {
    bull: { probability: 0.3, summary: 'Cloud growth accelerates.', priceTarget: 600 },
    base: { probability: 0.5, summary: 'The street mean target of 492.3 is reached.', priceTarget: 492.3 },
    bear: { probability: 0.2, summary: 'Multiple compression to the street low.', priceTarget: 405 },
  },
  actionPlan: ['Add on weakness.', 'Review after earnings.'],
};

function answer(
  text: string | null,
  {
    usage = { inputTokens: 1000, outputTokens: 200, totalTokens: 1200 },
    stopReason = 'end_turn',
  }: { usage?: ConverseCommandOutput['usage']; stopReason?: ConverseCommandOutput['stopReason'] } = {},
): ConverseCommandOutput {
  return {
    $metadata: { httpStatusCode: 200 },
    output: { message: { role: 'assistant', content: text === null ? [] : [{ text }] } },
    stopReason,
    usage,
    metrics: { latencyMs: 420 },
  };
}

function narrator(options: { timeoutMs?: number; maxTokens?: number; modelId?: string } = {}) {
  return createBedrockNarrator({ modelId: MODEL, client: new BedrockRuntimeClient({ region: 'us-east-1' }), ...options });
}

/** The abort signal the narrator passed to the latest `send`. */
function lastAbortSignal(): AbortSignal {
  // send(command, options): the mock's typings only declare the command.
  const options = (bedrockMock.send.lastCall.args as unknown[])[1] as { abortSignal?: AbortSignal } | undefined;
  if (!options?.abortSignal) throw new Error('send was called without an abort signal');
  return options.abortSignal;
}

beforeEach(() => {
  bedrockMock.reset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createBedrockNarrator', () => {
  it('sends one Converse request: the model, the system prompt, the facts, maxTokens and temperature 0.2', async () => {
    bedrockMock.on(ConverseCommand).resolves(answer(JSON.stringify(NARRATIVE)));
    await narrator({ maxTokens: 600 }).narrate(FACTS);

    const calls = bedrockMock.commandCalls(ConverseCommand);
    expect(calls).toHaveLength(1);
    const prompt = buildNarrativePrompt(FACTS);
    const input = calls[0]!.args[0].input;
    expect(input).toEqual({
      modelId: MODEL,
      system: [{ text: prompt.system }],
      messages: [{ role: 'user', content: [{ text: prompt.user }] }],
      inferenceConfig: { maxTokens: 600, temperature: 0.2 },
    });
    const system = input.system?.[0]?.text ?? '';
    expect(system).toContain('These figures are facts: do not contradict them');
    expect(system).toContain('Answer ONLY with one JSON object');
    const user = input.messages?.[0]?.content?.[0]?.text ?? '';
    for (const fact of ['"ticker": "MSFT"', '"lastPrice": 415.26', '"compositeScore": 0.781', '"grade": "B"', '"recommendation": "BUY"', '"targetMeanPrice": 492.3', 'Return on equity']) {
      expect(user).toContain(fact);
    }
    expect(lastAbortSignal().aborted).toBe(false);
  });

  it('asks for 800 tokens by default', async () => {
    bedrockMock.on(ConverseCommand).resolves(answer(JSON.stringify(NARRATIVE)));
    await narrator().narrate(FACTS);
    expect(bedrockMock.commandCalls(ConverseCommand)[0]!.args[0].input.inferenceConfig).toEqual({ maxTokens: 800, temperature: 0.2 });
  });

  it('parses a valid answer, with its usage and cost', async () => {
    bedrockMock.on(ConverseCommand).resolves(answer(JSON.stringify(NARRATIVE)));
    const outcome = await narrator().narrate(FACTS);
    expect(outcome).toEqual({
      narrative: NARRATIVE,
      warning: null,
      usage: { inputTokens: 1000, outputTokens: 200, costUsd: expect.closeTo(0.000108, 12) },
      modelId: MODEL,
    });
  });

  it('joins several text blocks and parses a ```json fenced answer', async () => {
    const fenced = `Here is the analysis:\n\`\`\`json\n${JSON.stringify(NARRATIVE, null, 2)}\n\`\`\``;
    bedrockMock.on(ConverseCommand).resolves({
      ...answer(null),
      output: { message: { role: 'assistant', content: [{ text: fenced.slice(0, 40) }, { text: fenced.slice(40) }] } },
    });
    const outcome = await narrator().narrate(FACTS);
    expect(outcome.narrative).toEqual(NARRATIVE);
    expect(outcome.warning).toBeNull();
  });

  it('gives a null cost for a model with no known price', async () => {
    bedrockMock.on(ConverseCommand).resolves(answer(JSON.stringify(NARRATIVE)));
    const outcome = await narrator({ modelId: 'meta.llama3-70b-instruct-v1:0' }).narrate(FACTS);
    expect(outcome.narrative).toEqual(NARRATIVE);
    expect(outcome.usage).toEqual({ inputTokens: 1000, outputTokens: 200, costUsd: null });
    expect(outcome.modelId).toBe('meta.llama3-70b-instruct-v1:0');
  });

  it('turns invalid JSON into a warning, still reporting the usage', async () => {
    bedrockMock.on(ConverseCommand).resolves(answer('{"thesis": "Strong", "scenarios": {"bull": '));
    const outcome = await narrator().narrate(FACTS);
    expect(outcome).toEqual({
      narrative: null,
      warning: 'LLM narrative unavailable: the answer has no valid JSON object (malformed or truncated JSON)',
      usage: { inputTokens: 1000, outputTokens: 200, costUsd: expect.closeTo(0.000108, 12) },
      modelId: MODEL,
    });
  });

  it('says when invalid JSON was cut at maxTokens', async () => {
    bedrockMock.on(ConverseCommand).resolves(answer('{"thesis": "Strong', { stopReason: 'max_tokens' }));
    const outcome = await narrator({ maxTokens: 50 }).narrate(FACTS);
    expect(outcome.narrative).toBeNull();
    expect(outcome.warning).toBe(
      'LLM narrative unavailable: the answer has no valid JSON object (malformed or truncated JSON); the answer was cut at maxTokens=50',
    );
  });

  it('rejects probabilities that sum to 0.9', async () => {
    const scenarios = { ...NARRATIVE.scenarios, bear: { ...NARRATIVE.scenarios.bear, probability: 0.1 } };
    bedrockMock.on(ConverseCommand).resolves(answer(JSON.stringify({ ...NARRATIVE, scenarios })));
    const outcome = await narrator().narrate(FACTS);
    expect(outcome.narrative).toBeNull();
    expect(outcome.warning).toBe(
      'LLM narrative unavailable: the answer does not match the schema: scenarios: the bull, base and bear probabilities must sum to 1 (±0.01), they sum to 0.9',
    );
    expect(outcome.usage?.inputTokens).toBe(1000);
  });

  it('rejects an answer with no thesis', async () => {
    const { thesis: _, ...noThesis } = NARRATIVE;
    bedrockMock.on(ConverseCommand).resolves(answer(JSON.stringify(noThesis)));
    const outcome = await narrator().narrate(FACTS);
    expect(outcome.narrative).toBeNull();
    expect(outcome.warning).toMatch(/^LLM narrative unavailable: the answer does not match the schema: thesis: /);
    expect(outcome.warning).not.toContain('\n');
  });

  it('keeps the run budget too: no Converse call when the next one could pass the cap, and the cost settled after one', async () => {
    bedrockMock.on(ConverseCommand).resolves(answer(JSON.stringify(NARRATIVE)));
    const skipped = await createBedrockNarrator({ modelId: MODEL, client: new BedrockRuntimeClient({}), budget: inProcessBudget(0) }).narrate(FACTS);
    expect(bedrockMock.commandCalls(ConverseCommand)).toHaveLength(0);
    expect(skipped).toMatchObject({ narrative: null, budgetSkipped: true });
    // Nova Lite: 1000 in + 200 out = $0.000108. Room for one reservation and one call's cost: the
    // second call fits only if the first one's reservation was replaced by its cost.
    const reservation = callReservationUsd(modelPrice(MODEL)!, buildNarrativePrompt(FACTS), 800);
    const budget = inProcessBudget(reservation + 0.00011);
    const narrator = createBedrockNarrator({ modelId: MODEL, client: new BedrockRuntimeClient({}), budget });
    expect((await narrator.narrate(FACTS)).narrative).not.toBeNull();
    expect((await narrator.narrate(FACTS)).narrative).not.toBeNull(); // the first settled at its cost, freeing room
    expect(bedrockMock.commandCalls(ConverseCommand)).toHaveLength(2);
  });

  it('turns a throttling error into a warning', async () => {
    bedrockMock
      .on(ConverseCommand)
      .rejects(new ThrottlingException({ message: 'Too many requests, please wait before trying again.', $metadata: { httpStatusCode: 429 } }));
    const outcome = await narrator().narrate(FACTS);
    expect(outcome).toEqual({
      narrative: null,
      warning: 'LLM narrative unavailable: ThrottlingException: Too many requests, please wait before trying again.',
      usage: null,
      modelId: MODEL,
    });
  });

  it('turns an access-denied error into a warning', async () => {
    bedrockMock.on(ConverseCommand).rejects(
      new AccessDeniedException({
        message: "You don't have access to the model with the specified model ID.",
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const outcome = await narrator().narrate(FACTS);
    expect(outcome.narrative).toBeNull();
    expect(outcome.usage).toBeNull();
    expect(outcome.warning).toBe(
      "LLM narrative unavailable: AccessDeniedException: You don't have access to the model with the specified model ID.",
    );
  });

  it('never throws, even when send throws synchronously with a multi-line message', async () => {
    bedrockMock.on(ConverseCommand).callsFake(() => {
      throw new Error('socket hang up\n    at TLSSocket');
    });
    const outcome = await narrator().narrate(FACTS);
    expect(outcome.narrative).toBeNull();
    expect(outcome.warning).toBe('LLM narrative unavailable: socket hang up at TLSSocket');
  });

  it('aborts the call after timeoutMs and warns', async () => {
    let signal: AbortSignal | undefined;
    bedrockMock.on(ConverseCommand).callsFake(() => {
      signal = lastAbortSignal();
      const aborted = signal;
      // Like the SDK: never answers, rejects with an AbortError once aborted.
      return new Promise((_, reject) => {
        aborted.addEventListener('abort', () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })));
      });
    });
    const outcome = await narrator({ timeoutMs: 50 }).narrate(FACTS);
    expect(signal?.aborted).toBe(true);
    expect(outcome).toEqual({
      narrative: null,
      warning: `LLM narrative unavailable: no answer from ${MODEL} within 50 ms`,
      usage: null,
      modelId: MODEL,
    });
  });

  it('times out even if the call ignores the abort signal', async () => {
    bedrockMock.on(ConverseCommand).callsFake(() => new Promise(() => {}));
    const outcome = await narrator({ timeoutMs: 50 }).narrate(FACTS);
    expect(outcome.narrative).toBeNull();
    expect(outcome.warning).toBe(`LLM narrative unavailable: no answer from ${MODEL} within 50 ms`);
    expect(lastAbortSignal().aborted).toBe(true);
  });

  it('waits 20 s by default', async () => {
    vi.useFakeTimers();
    bedrockMock.on(ConverseCommand).callsFake(() => new Promise(() => {}));
    let settled = false;
    const pending = narrator()
      .narrate(FACTS)
      .finally(() => {
        settled = true;
      });
    await vi.advanceTimersByTimeAsync(19_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
    const outcome = await pending;
    expect(outcome.warning).toBe(`LLM narrative unavailable: no answer from ${MODEL} within 20000 ms`);
  });

  it('warns on an answer with no text content', async () => {
    bedrockMock.on(ConverseCommand).resolves(answer(null, { usage: { inputTokens: 900, outputTokens: 0, totalTokens: 900 } }));
    const outcome = await narrator().narrate(FACTS);
    expect(outcome).toEqual({
      narrative: null,
      warning: 'LLM narrative unavailable: the answer has no text (stopReason: end_turn)',
      usage: { inputTokens: 900, outputTokens: 0, costUsd: expect.closeTo(0.000054, 12) },
      modelId: MODEL,
    });
  });

  it('warns on a response with no output and no usage', async () => {
    bedrockMock.on(ConverseCommand).resolves({ $metadata: {} });
    const outcome = await narrator().narrate(FACTS);
    expect(outcome).toEqual({
      narrative: null,
      warning: 'LLM narrative unavailable: the answer has no text (stopReason: none)',
      usage: null,
      modelId: MODEL,
    });
  });
});

describe('narratorFromEnv', () => {
  it('gives no narrator for CREW_LLM=none, unset or blank', () => {
    expect(narratorFromEnv({ CREW_LLM: 'none', BEDROCK_MODEL_ID: MODEL })).toBeNull();
    expect(narratorFromEnv({})).toBeNull();
    expect(narratorFromEnv({ CREW_LLM: '  ' })).toBeNull();
  });

  it('gives a Bedrock narrator for CREW_LLM=bedrock with BEDROCK_MODEL_ID', async () => {
    bedrockMock.on(ConverseCommand).resolves(answer(JSON.stringify(NARRATIVE)));
    const client = new BedrockRuntimeClient({ region: 'us-east-1' });
    const fromEnv = narratorFromEnv({ CREW_LLM: 'bedrock', BEDROCK_MODEL_ID: ' amazon.nova-micro-v1:0 ' }, { client });
    expect(fromEnv?.modelId).toBe('amazon.nova-micro-v1:0');
    const outcome = await fromEnv!.narrate(FACTS);
    expect(outcome.narrative).toEqual(NARRATIVE);
    expect(bedrockMock.commandCalls(ConverseCommand)[0]!.args[0].input.modelId).toBe('amazon.nova-micro-v1:0');
  });

  it('requires BEDROCK_MODEL_ID with CREW_LLM=bedrock, naming the variable, value and rule', () => {
    const rule = 'must be a Bedrock model id or inference profile id (e.g. us.amazon.nova-lite-v1:0) when CREW_LLM=bedrock';
    expect(() => narratorFromEnv({ CREW_LLM: 'bedrock' })).toThrow(InvalidConfigurationError);
    expect(() => narratorFromEnv({ CREW_LLM: 'bedrock' })).toThrow(`BEDROCK_MODEL_ID=(unset) is invalid: ${rule}`);
    expect(() => narratorFromEnv({ CREW_LLM: 'bedrock', BEDROCK_MODEL_ID: ' ' })).toThrow(`BEDROCK_MODEL_ID=" " is invalid: ${rule}`);
  });

  it('rejects any other CREW_LLM value', () => {
    let thrown: unknown;
    try {
      narratorFromEnv({ CREW_LLM: 'x', BEDROCK_MODEL_ID: MODEL });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidConfigurationError);
    expect((thrown as InvalidConfigurationError).name).toBe('InvalidConfiguration');
    expect((thrown as Error).message).toBe('CREW_LLM="x" is invalid: must be none, bedrock or openai');
  });
});
