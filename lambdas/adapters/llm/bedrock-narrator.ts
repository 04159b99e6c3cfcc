// The LLM narrative through the Bedrock Converse API. It never fails a ticker: any error
// (throttling, access denied, timeout, empty or invalid answer) gives narrative null and a
// one-line warning, with the token usage and cost whenever the model did answer.
// The SDK is loaded at the first narrative: a run without CREW_LLM never pays for it.
import type { BedrockRuntimeClient, ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import type { NarrativeBudget } from '../../core/analysis/narrative-budget.js';
import { loadSettings } from '../../core/config/load-settings.js';
import { llmConfigOf } from '../../core/config/llm-config.js';
import { modelPrice, type ModelPrice } from '../../core/metrics/llm-prices.js';
import { NARRATIVE_MAX_TOKENS, type Narrator } from '../../core/analysis/narrative.js';
import { narrateThroughModel, NarrativeTimeout, type ModelAnswer } from './narrate-call.js';

export { NARRATIVE_WARNING_PREFIX } from './narrate-call.js';
export const DEFAULT_NARRATIVE_TIMEOUT_MS = 20_000;
export const DEFAULT_NARRATIVE_MAX_TOKENS = NARRATIVE_MAX_TOKENS;
export const NARRATIVE_TEMPERATURE = 0.2;

export interface BedrockNarratorOptions {
  /** A Bedrock model id or inference profile id, e.g. `us.amazon.nova-lite-v1:0`. */
  modelId: string;
  client?: BedrockRuntimeClient;
  /** The whole call, retries included, is aborted after this long. */
  timeoutMs?: number;
  maxTokens?: number;
  /** Default: the model's list price (null: unknown). */
  price?: ModelPrice | null;
  /** The run's budget; null or absent: no cap. */
  budget?: NarrativeBudget | null;
}

/** The answer's text blocks joined, its usage and why it stopped. */
function answerOf(response: ConverseCommandOutput): ModelAnswer {
  const content = response.output?.message?.content ?? [];
  const text = content
    .map((block) => (typeof block.text === 'string' ? block.text : ''))
    .join('')
    .trim();
  const usage = response.usage ? { inputTokens: response.usage.inputTokens ?? 0, outputTokens: response.usage.outputTokens ?? 0 } : null;
  return { text, usage, stopReason: response.stopReason ?? null, truncated: response.stopReason === 'max_tokens' };
}

export function createBedrockNarrator(options: BedrockNarratorOptions): Narrator {
  const modelId = options.modelId;
  const timeoutMs = options.timeoutMs ?? DEFAULT_NARRATIVE_TIMEOUT_MS;
  const maxTokens = options.maxTokens ?? DEFAULT_NARRATIVE_MAX_TOKENS;
  let client = options.client;

  async function converse(prompt: { system: string; user: string }): Promise<ModelAnswer> {
    const sdk = await import('@aws-sdk/client-bedrock-runtime');
    const command = new sdk.ConverseCommand({
      modelId,
      system: [{ text: prompt.system }],
      messages: [{ role: 'user', content: [{ text: prompt.user }] }],
      inferenceConfig: { maxTokens, temperature: NARRATIVE_TEMPERATURE },
    });
    client ??= new sdk.BedrockRuntimeClient({});
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // The timeout settles the race before the abort makes the SDK reject with its own
    // AbortError, and holds even if a send ignored the signal.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const timeout = new NarrativeTimeout(`no answer from ${modelId} within ${timeoutMs} ms`);
        reject(timeout);
        controller.abort(timeout);
      }, timeoutMs);
    });
    try {
      return answerOf(await Promise.race([client.send(command, { abortSignal: controller.signal }), timedOut]));
    } finally {
      clearTimeout(timer);
    }
  }

  const price = options.price === undefined ? modelPrice(modelId) : options.price;
  const budget = options.budget ?? null;
  return {
    modelId,
    // Bedrock's answer is validated once, as before: no retry.
    narrate: (facts) => narrateThroughModel({ modelId, price, budget, maxTokens, retries: 0, call: converse }, facts),
  };
}

/**
 * The Bedrock narrator the environment asks for: null unless CREW_LLM=bedrock with
 * BEDROCK_MODEL_ID. A bad value is an InvalidConfigurationError (the registry's rules).
 */
export function narratorFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  overrides: Omit<BedrockNarratorOptions, 'modelId'> = {},
): Narrator | null {
  const config = llmConfigOf(loadSettings(env));
  if (config.provider !== 'bedrock') return null;
  return createBedrockNarrator({ price: config.price, timeoutMs: config.timeoutMs, ...overrides, modelId: config.modelId });
}
