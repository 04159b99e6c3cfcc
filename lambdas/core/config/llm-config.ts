// The optional LLM narrative's settings (issue 19): which provider (`CREW_LLM`), its model, where
// an OpenAI-compatible server is, its key, the token prices and the run's budget. The registry
// (settings-registry.ts) lists these specs among the others; llmSettingProblems holds the rules
// that tie them together, and load-settings.ts applies them with every other rule at start.
import { InvalidConfigurationError } from '../errors.js';
import { modelPrice, type ModelPrice } from '../metrics/llm-prices.js';
import { httpUrl, integerIn, invalidSetting, oneOf, setting, text, type SettingSpec } from './setting.js';

export const CREW_LLM_MODES = ['none', 'bedrock', 'openai'] as const;
export type CrewLlmMode = (typeof CREW_LLM_MODES)[number];
export const DEFAULT_LLM_TIMEOUT_MS = 20_000;
/** Prices and budgets above this are a typo, not a plan. */
const MAX_USD = 100_000;

/** A plain decimal >= 0 ("0", "0.15", ".5"; no sign, exponent or trailing text) up to `max`. */
export const decimalAtLeastZero = (max: number) => (raw: string) => {
  const value = raw.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value)) return undefined;
  const number = Number(value);
  return number <= max ? number : undefined;
};

const PRICE_RULE = `must be a number >= 0 (USD per million tokens, up to ${MAX_USD})`;

export const LLM_SETTINGS = {
  CREW_LLM: setting<CrewLlmMode>({
    name: 'CREW_LLM',
    defaultValue: 'none',
    defaultText: '`none`',
    rule: `must be ${CREW_LLM_MODES.join(', ').replace(/, (\w+)$/, ' or $1')}`,
    parse: oneOf(...CREW_LLM_MODES),
    readBy: ['crew', 'consolidate', 'finwiz run'],
    doc: 'the optional LLM narrative',
  }),
  BEDROCK_MODEL_ID: setting<string | null>({
    name: 'BEDROCK_MODEL_ID',
    defaultValue: null,
    defaultText: '(unset)',
    rule: 'must be a Bedrock model id or inference profile id (e.g. us.amazon.nova-lite-v1:0) when CREW_LLM=bedrock',
    parse: text,
    readBy: ['crew', 'consolidate', 'finwiz run'],
    doc: 'the Bedrock model or inference profile of the narrative',
  }),
  LLM_BASE_URL: setting<string | null>({
    name: 'LLM_BASE_URL',
    defaultValue: null,
    defaultText: '(unset)',
    rule: 'must be the http(s) base URL of an OpenAI-compatible API (e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1) when CREW_LLM=openai',
    parse: httpUrl,
    readBy: ['crew', 'consolidate', 'finwiz run'],
    doc: 'where the OpenAI-compatible chat-completions API is',
  }),
  LLM_MODEL: setting<string | null>({
    name: 'LLM_MODEL',
    defaultValue: null,
    defaultText: '(unset)',
    rule: 'must be the model name the server knows (e.g. gpt-4o-mini, llama3.1) when CREW_LLM=openai',
    parse: text,
    readBy: ['crew', 'consolidate', 'finwiz run'],
    doc: 'the model of the OpenAI-compatible server',
  }),
  LLM_API_KEY: setting<string | null>({
    name: 'LLM_API_KEY',
    context: false,
    defaultValue: null,
    defaultText: '(unset)',
    rule: 'must be an API key',
    parse: text,
    readBy: ['crew', 'finwiz run'],
    doc: 'the key of the OpenAI-compatible server for local runs (a local server may need none)',
    secret: true,
  }),
  LLM_SECRET_NAME: setting<string | null>({
    name: 'LLM_SECRET_NAME',
    defaultValue: null,
    defaultText: '(unset)',
    rule: 'must be the name or ARN of a Secrets Manager secret',
    parse: text,
    readBy: ['crew'],
    doc: 'the Secrets Manager secret that holds the LLM API key (cloud)',
  }),
  LLM_INPUT_USD_PER_MTOK: setting<number | null>({
    name: 'LLM_INPUT_USD_PER_MTOK',
    defaultValue: null,
    defaultText: '(built-in list price)',
    rule: PRICE_RULE,
    parse: decimalAtLeastZero(MAX_USD),
    readBy: ['crew', 'consolidate', 'finwiz run'],
    doc: "the model's price per million input tokens",
  }),
  LLM_OUTPUT_USD_PER_MTOK: setting<number | null>({
    name: 'LLM_OUTPUT_USD_PER_MTOK',
    defaultValue: null,
    defaultText: '(built-in list price)',
    rule: PRICE_RULE,
    parse: decimalAtLeastZero(MAX_USD),
    readBy: ['crew', 'consolidate', 'finwiz run'],
    doc: "the model's price per million output tokens",
  }),
  LLM_BUDGET_USD: setting<number | null>({
    name: 'LLM_BUDGET_USD',
    defaultValue: null,
    defaultText: '(unset: no cap)',
    rule: `must be a number >= 0 (USD for the whole run, up to ${MAX_USD}); the model needs a price`,
    parse: decimalAtLeastZero(MAX_USD),
    readBy: ['crew', 'consolidate', 'finwiz run'],
    doc: "the most the run's narratives may cost",
  }),
  LLM_TIMEOUT_MS: setting({
    name: 'LLM_TIMEOUT_MS',
    defaultValue: DEFAULT_LLM_TIMEOUT_MS,
    defaultText: `\`${DEFAULT_LLM_TIMEOUT_MS}\``,
    rule: 'must be an integer from 1000 to 300000 (milliseconds)',
    parse: integerIn(1000, 300_000),
    readBy: ['crew', 'finwiz run'],
    doc: 'timeout of one narrative call',
  }),
} as const;

type LlmName = keyof typeof LLM_SETTINGS;
type ValueOf<S> = S extends SettingSpec<infer T> ? T : never;
/** The LLM settings' values, by name (a part of the registry's Settings). */
export type LlmValues = { readonly [K in LlmName]: ValueOf<(typeof LLM_SETTINGS)[K]> };
type Environment = Readonly<Record<string, string | undefined>>;

/** Where the price of the configured model comes from. */
export type PriceSource = 'settings' | 'list price' | 'unknown';

interface LlmCommon {
  modelId: string;
  /** null: the cost is unknown, never 0. */
  price: ModelPrice | null;
  priceSource: PriceSource;
  /** null: no cap. */
  budgetUsd: number | null;
  timeoutMs: number;
}
export type LlmConfig =
  | { provider: 'none'; budgetUsd: null }
  | (LlmCommon & { provider: 'bedrock' })
  | (LlmCommon & { provider: 'openai'; baseUrl: string; apiKey: string | null; secretName: string | null });

function priceOf(values: LlmValues, modelId: string): { price: ModelPrice | null; priceSource: PriceSource } {
  const input = values.LLM_INPUT_USD_PER_MTOK;
  const output = values.LLM_OUTPUT_USD_PER_MTOK;
  if (input !== null && output !== null) return { price: { inputPerMillion: input, outputPerMillion: output }, priceSource: 'settings' };
  const listed = modelPrice(modelId);
  return { price: listed, priceSource: listed ? 'list price' : 'unknown' };
}

const modelOf = (values: LlmValues): string | null =>
  values.CREW_LLM === 'bedrock' ? values.BEDROCK_MODEL_ID : values.CREW_LLM === 'openai' ? values.LLM_MODEL : null;

/** The problems of the rules that tie the LLM settings together, in the registry's one form. */
export function llmSettingProblems(values: LlmValues, env: Environment): string[] {
  const problems: string[] = [];
  const missing = (name: LlmName) => problems.push(invalidSetting(name, env[name], LLM_SETTINGS[name].rule));
  if (values.CREW_LLM === 'bedrock' && values.BEDROCK_MODEL_ID === null) missing('BEDROCK_MODEL_ID');
  if (values.CREW_LLM === 'openai') {
    if (values.LLM_BASE_URL === null) missing('LLM_BASE_URL');
    if (values.LLM_MODEL === null) missing('LLM_MODEL');
  }
  // One price without the other would mix a set price with a list price.
  const input = values.LLM_INPUT_USD_PER_MTOK;
  const output = values.LLM_OUTPUT_USD_PER_MTOK;
  if ((input === null) !== (output === null)) {
    const name = input === null ? 'LLM_INPUT_USD_PER_MTOK' : 'LLM_OUTPUT_USD_PER_MTOK';
    problems.push(invalidSetting(name, env[name], `${LLM_SETTINGS[name].rule}; set it with ${input === null ? 'LLM_OUTPUT_USD_PER_MTOK' : 'LLM_INPUT_USD_PER_MTOK'}`));
  }
  // A cap cannot be kept on a cost nobody knows.
  const model = modelOf(values);
  if (values.LLM_BUDGET_USD !== null && model !== null && problems.length === 0 && priceOf(values, model).price === null) {
    problems.push(
      invalidSetting(
        'LLM_BUDGET_USD',
        env.LLM_BUDGET_USD,
        `needs the price of model "${model}", which has no list price: set LLM_INPUT_USD_PER_MTOK and LLM_OUTPUT_USD_PER_MTOK`,
      ),
    );
  }
  return problems;
}

/** The narrative's configuration from values that passed every rule. */
export function llmConfigOf(values: LlmValues): LlmConfig {
  const model = modelOf(values);
  if (values.CREW_LLM === 'none' || model === null) return { provider: 'none', budgetUsd: null };
  const common: LlmCommon = { modelId: model, ...priceOf(values, model), budgetUsd: values.LLM_BUDGET_USD, timeoutMs: values.LLM_TIMEOUT_MS };
  if (values.CREW_LLM === 'bedrock') return { ...common, provider: 'bedrock' };
  return {
    ...common,
    provider: 'openai',
    // Checked above: openai has a base URL.
    baseUrl: values.LLM_BASE_URL ?? '',
    apiKey: values.LLM_API_KEY,
    secretName: values.LLM_SECRET_NAME,
  };
}

/**
 * The LLM settings of `env`, parsed and cross-checked: the Crew and `finwiz run` call it at
 * start. Throws InvalidConfigurationError listing every bad variable (exit 2 locally).
 */
export function parseLlmConfig(env: Environment): LlmConfig {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(LLM_SETTINGS) as [LlmName, SettingSpec<unknown>][]) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') values[name] = spec.defaultValue;
    else {
      const value = spec.parse(raw);
      if (value === undefined) problems.push(invalidSetting(name, raw, spec.rule));
      values[name] = value ?? spec.defaultValue;
    }
  }
  if (problems.length === 0) problems.push(...llmSettingProblems(values as LlmValues, env));
  if (problems.length) throw new InvalidConfigurationError(problems.join('; '), problems);
  return llmConfigOf(values as LlmValues);
}
