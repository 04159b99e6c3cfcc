// The narrator the settings ask for (llm-config.ts): none, Bedrock, or an OpenAI-compatible
// server, each with the run's budget when LLM_BUDGET_USD is set. A key that cannot be read
// fails no ticker: every narrative of the run then says why it is missing.
import type { NarrativeBudget } from '../../core/analysis/narrative-budget.js';
import type { Narrator } from '../../core/analysis/narrative.js';
import type { LlmConfig } from '../../core/config/llm-config.js';
import type { SecretsPort } from '../alpha-vantage/alpha-vantage-key.js';
import { createBedrockNarrator } from './bedrock-narrator.js';
import { llmApiKey, LlmKeyError } from './llm-api-key.js';
import { NARRATIVE_WARNING_PREFIX, reasonOf } from './narrate-call.js';
import { createOpenAiNarrator } from './openai-narrator.js';

export async function narratorFromConfig(
  config: LlmConfig,
  o: { budget: NarrativeBudget | null; secrets?: SecretsPort; fetch?: typeof fetch },
): Promise<Narrator | null> {
  if (config.provider === 'none') return null;
  if (config.provider === 'bedrock') {
    return createBedrockNarrator({ modelId: config.modelId, price: config.price, timeoutMs: config.timeoutMs, budget: o.budget });
  }
  let apiKey: string | null;
  try {
    apiKey = await llmApiKey(config, o.secrets);
  } catch (error) {
    const warning = NARRATIVE_WARNING_PREFIX + (error instanceof LlmKeyError ? error.message : reasonOf(error));
    return { modelId: config.modelId, narrate: async () => ({ narrative: null, warning, usage: null, modelId: config.modelId }) };
  }
  return createOpenAiNarrator({
    baseUrl: config.baseUrl,
    model: config.modelId,
    apiKey,
    timeoutMs: config.timeoutMs,
    price: config.price,
    budget: o.budget,
    ...(o.fetch ? { fetch: o.fetch } : {}),
  });
}
