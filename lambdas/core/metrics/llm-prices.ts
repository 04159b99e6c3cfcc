// What an LLM narrative costs: Bedrock on-demand prices in USD per 1M input and output tokens
// for the models the narrator is meant to run on (us-east-1 list prices). A model is found
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

/** The price of a model id, or null when no known fragment occurs in it. */
export function modelPrice(modelId: string): ModelPrice | null {
  const id = modelId.trim().toLowerCase();
  // No fragment contains another (a test checks), so at most one matches.
  const fragment = Object.keys(LLM_PRICES).find((key) => id.includes(key));
  return fragment === undefined ? null : (LLM_PRICES[fragment] ?? null);
}

/**
 * The USD cost of one call, rounded to a billionth of a dollar; null for an unknown model or
 * a token count that is not a finite number >= 0.
 */
export function estimateCostUsd(modelId: string, inputTokens: number, outputTokens: number): number | null {
  const price = modelPrice(modelId);
  if (price === null) return null;
  if (!isTokenCount(inputTokens) || !isTokenCount(outputTokens)) return null;
  const cost = (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1_000_000;
  return Math.round(cost * 1e9) / 1e9;
}

function isTokenCount(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}
