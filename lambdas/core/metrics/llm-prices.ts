// What an LLM narrative costs: Bedrock on-demand prices (us-east-1) and OpenAI API prices in
// USD per 1M input and output tokens, list prices as of LLM_PRICES_AS_OF. A Bedrock model is found
// by substring of its id, so the plain id (`amazon.nova-lite-v1:0`), a cross-region inference
// profile (`us.amazon.nova-lite-v1:0`, `eu.…`) and an ARN ending in either all match. An
// unknown model has no price: its cost is null, never a guess.

export interface ModelPrice {
  /** USD per 1,000,000 input tokens. */
  inputPerMillion: number;
  /** USD per 1,000,000 output tokens. */
  outputPerMillion: number;
}

/** Prices by model id fragment; no fragment may contain another. */
export const LLM_PRICES: Readonly<Record<string, Readonly<ModelPrice>>> = Object.freeze({
  'anthropic.claude-3-haiku': { inputPerMillion: 0.25, outputPerMillion: 1.25 },
  'anthropic.claude-3-5-haiku': { inputPerMillion: 0.8, outputPerMillion: 4 },
  'anthropic.claude-3-5-sonnet': { inputPerMillion: 3, outputPerMillion: 15 },
  'anthropic.claude-3-7-sonnet': { inputPerMillion: 3, outputPerMillion: 15 },
  'amazon.nova-micro-v1': { inputPerMillion: 0.035, outputPerMillion: 0.14 },
  'amazon.nova-lite-v1': { inputPerMillion: 0.06, outputPerMillion: 0.24 },
  'amazon.nova-pro-v1': { inputPerMillion: 0.8, outputPerMillion: 3.2 },
});

/** When the list prices above and below were read. */
export const LLM_PRICES_AS_OF = '2025-05';

/**
 * OpenAI models by exact id; a dated snapshot (`gpt-4o-mini-2024-07-18`) takes its model's
 * price. Exact, because `gpt-4o` is a prefix of `gpt-4o-mini` at a very different price. A
 * local server's model (Ollama, LM Studio) has no price: set LLM_INPUT_USD_PER_MTOK and
 * LLM_OUTPUT_USD_PER_MTOK (0 for a free local model).
 */
export const OPENAI_PRICES: Readonly<Record<string, Readonly<ModelPrice>>> = Object.freeze({
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
});

/** The price of a model id, or null when no known model matches it. */
export function modelPrice(modelId: string): ModelPrice | null {
  const id = modelId.trim().toLowerCase();
  const base = id.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  if (Object.hasOwn(OPENAI_PRICES, base)) return OPENAI_PRICES[base] ?? null;
  // No fragment contains another (a test checks), so at most one matches.
  const fragment = Object.keys(LLM_PRICES).find((key) => id.includes(key));
  return fragment === undefined ? null : (LLM_PRICES[fragment] ?? null);
}

/**
 * The USD cost of one call, rounded to a billionth of a dollar; null for an unknown model or
 * a token count that is not a finite number >= 0.
 */
export function estimateCostUsd(modelId: string, inputTokens: number, outputTokens: number): number | null {
  return costOf(modelPrice(modelId), inputTokens, outputTokens);
}

/** The USD cost of one call at `price` (null: unknown), as estimateCostUsd. */
export function costOf(price: ModelPrice | null, inputTokens: number, outputTokens: number): number | null {
  if (price === null) return null;
  if (!isTokenCount(inputTokens) || !isTokenCount(outputTokens)) return null;
  const cost = (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1_000_000;
  return Math.round(cost * 1e9) / 1e9;
}

function isTokenCount(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}
