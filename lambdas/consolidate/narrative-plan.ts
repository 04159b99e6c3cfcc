// The narrative's plan from the settings alone (what was known before the run): the model, the
// expected cost of every ticker's narrative, and the cap. Null when the narrative is off.
import { expectedNarrativeCost } from '../core/analysis/narrative-budget.js';
import type { LlmConfig } from '../core/config/llm-config.js';
import { LLM_PRICES_AS_OF } from '../core/metrics/llm-prices.js';
import { NARRATIVE_MAX_TOKENS } from '../core/analysis/narrative.js';
import type { RunMeasurements } from '../core/metrics/run-metrics.js';

export function narrativePlan(config: LlmConfig, tickers: number): RunMeasurements['llmPlan'] {
  if (config.provider === 'none') return null;
  return {
    modelId: config.modelId,
    expected: expectedNarrativeCost(config.price, tickers, NARRATIVE_MAX_TOKENS),
    budgetUsd: config.budgetUsd,
    pricesAsOf: config.priceSource === 'list price' ? LLM_PRICES_AS_OF : null,
  };
}
