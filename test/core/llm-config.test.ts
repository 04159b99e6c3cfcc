// The narrative's settings: each provider's required variables, prices and budget, checked at
// start in the registry's one form, and the configuration the Crew and Consolidate get.
import { describe, expect, it } from 'vitest';
import { describeSettings, loadSettings } from '../../lambdas/core/config/load-settings.js';
import { llmConfigOf, parseLlmConfig } from '../../lambdas/core/config/llm-config.js';
import { InvalidConfigurationError } from '../../lambdas/core/errors.js';

const OPENAI = { CREW_LLM: 'openai', LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'llama3.1' };

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseLlmConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConfigurationError);
    // The registry gives the same problems.
    expect(() => loadSettings(env)).toThrow((error as Error).message);
    return (error as InvalidConfigurationError).problems;
  }
  throw new Error('no problem found');
}

describe('parseLlmConfig', () => {
  it('is off by default', () => {
    expect(parseLlmConfig({})).toEqual({ provider: 'none', budgetUsd: null });
  });

  it('needs LLM_BASE_URL and LLM_MODEL with CREW_LLM=openai, naming both when both are missing', () => {
    expect(problemsOf({ CREW_LLM: 'openai' }).map((p) => p.split('=')[0])).toEqual(['LLM_BASE_URL', 'LLM_MODEL']);
    expect(problemsOf({ ...OPENAI, LLM_BASE_URL: 'localhost:11434' })).toEqual([
      expect.stringMatching(/^LLM_BASE_URL="localhost:11434" is invalid: must be the http\(s\) base URL/),
    ]);
  });

  it('needs BEDROCK_MODEL_ID with CREW_LLM=bedrock', () => {
    expect(problemsOf({ CREW_LLM: 'bedrock' })).toEqual([expect.stringMatching(/^BEDROCK_MODEL_ID=\(unset\) is invalid/)]);
  });

  it('refuses a negative or non-numeric price or budget', () => {
    expect(problemsOf({ ...OPENAI, LLM_BUDGET_USD: '-1' })).toEqual([expect.stringMatching(/^LLM_BUDGET_USD="-1" is invalid: must be a number >= 0/)]);
    expect(problemsOf({ LLM_INPUT_USD_PER_MTOK: '-0.1', LLM_OUTPUT_USD_PER_MTOK: 'cheap' }).map((p) => p.split('=')[0])).toEqual([
      'LLM_INPUT_USD_PER_MTOK',
      'LLM_OUTPUT_USD_PER_MTOK',
    ]);
  });

  it('wants both prices or neither', () => {
    expect(problemsOf({ ...OPENAI, LLM_INPUT_USD_PER_MTOK: '0.1' })).toEqual([
      expect.stringMatching(/^LLM_OUTPUT_USD_PER_MTOK=\(unset\) is invalid: .*set it with LLM_INPUT_USD_PER_MTOK$/),
    ]);
  });

  it('refuses a budget on a model whose cost nobody knows, and accepts it once the prices are set', () => {
    expect(problemsOf({ ...OPENAI, LLM_BUDGET_USD: '0.5' })).toEqual([
      'LLM_BUDGET_USD="0.5" is invalid: needs the price of model "llama3.1", which has no list price: set LLM_INPUT_USD_PER_MTOK and LLM_OUTPUT_USD_PER_MTOK',
    ]);
    const priced = parseLlmConfig({ ...OPENAI, LLM_BUDGET_USD: '0.5', LLM_INPUT_USD_PER_MTOK: '0', LLM_OUTPUT_USD_PER_MTOK: '0' });
    expect(priced).toMatchObject({ provider: 'openai', budgetUsd: 0.5, price: { inputPerMillion: 0, outputPerMillion: 0 }, priceSource: 'settings' });
  });

  it('takes a known model its list price, the set prices over it, and says which', () => {
    expect(parseLlmConfig({ ...OPENAI, LLM_MODEL: 'gpt-4o-mini-2024-07-18', LLM_API_KEY: 'sk-x' })).toEqual({
      provider: 'openai',
      modelId: 'gpt-4o-mini-2024-07-18',
      baseUrl: 'http://127.0.0.1:11434/v1',
      apiKey: 'sk-x',
      secretName: null,
      price: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
      priceSource: 'list price',
      budgetUsd: null,
      timeoutMs: 20_000,
    });
    expect(parseLlmConfig({ ...OPENAI, LLM_MODEL: 'gpt-4o', LLM_INPUT_USD_PER_MTOK: '1', LLM_OUTPUT_USD_PER_MTOK: '2' })).toMatchObject({
      price: { inputPerMillion: 1, outputPerMillion: 2 },
      priceSource: 'settings',
    });
    // gpt-4o is a prefix of gpt-4o-mini at another price: no mix-up.
    expect(parseLlmConfig({ ...OPENAI, LLM_MODEL: 'gpt-4o' })).toMatchObject({ price: { inputPerMillion: 2.5, outputPerMillion: 10 } });
    expect(parseLlmConfig(OPENAI)).toMatchObject({ price: null, priceSource: 'unknown' });
    expect(parseLlmConfig({ CREW_LLM: 'bedrock', BEDROCK_MODEL_ID: 'us.amazon.nova-lite-v1:0', LLM_BUDGET_USD: '1' })).toMatchObject({
      provider: 'bedrock',
      price: { inputPerMillion: 0.06, outputPerMillion: 0.24 },
      budgetUsd: 1,
    });
  });

  it('gives the same configuration from the loaded registry', () => {
    const env = { ...OPENAI, LLM_TIMEOUT_MS: '60000', LLM_BUDGET_USD: '2', LLM_INPUT_USD_PER_MTOK: '.5', LLM_OUTPUT_USD_PER_MTOK: '1.5' };
    expect(llmConfigOf(loadSettings(env))).toEqual(parseLlmConfig(env));
  });

  it('never shows the key in the resolved configuration that is logged', () => {
    const described = describeSettings(loadSettings({ ...OPENAI, LLM_API_KEY: 'sk-resolved-SECRET' }));
    expect(described).toMatchObject({ CREW_LLM: 'openai', LLM_MODEL: 'llama3.1', LLM_API_KEY: '(set)' });
    expect(JSON.stringify(described)).not.toContain('sk-resolved-SECRET');
  });
});
