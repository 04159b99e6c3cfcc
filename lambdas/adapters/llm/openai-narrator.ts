// The LLM narrative through any OpenAI-compatible chat-completions API (OpenAI, Ollama, LM
// Studio, vLLM), with plain fetch. Structured output through a JSON schema (`response_format`),
// the answer validated as Bedrock's is, one retry after an invalid answer, a timeout per call.
// The API key goes only into the Authorization header: every reason is redacted of it before
// it becomes a warning, and no URL carries it.
import { z } from 'zod';
import type { NarrativeBudget } from '../../core/analysis/narrative-budget.js';
import { ACTION_PLAN_MAX_ITEMS, NARRATIVE_MAX_TOKENS, NarrativeError, THESIS_MAX_CHARS, type Narrator } from '../../core/analysis/narrative.js';
import type { ModelPrice } from '../../core/metrics/llm-prices.js';
import { ModelCallRefused, narrateThroughModel, NarrativeTimeout, reasonOf, type ModelAnswer } from './narrate-call.js';

export const OPENAI_NARRATIVE_MAX_TOKENS = NARRATIVE_MAX_TOKENS;
export const OPENAI_NARRATIVE_TEMPERATURE = 0.2;
/** Calls after an invalid answer. */
export const OPENAI_NARRATIVE_RETRIES = 1;

const scenario = {
  type: 'object',
  additionalProperties: false,
  required: ['probability', 'summary', 'priceTarget'],
  properties: {
    probability: { type: 'number', minimum: 0, maximum: 1 },
    summary: { type: 'string' },
    priceTarget: { type: ['number', 'null'] },
  },
} as const;

/** narrativeSchema as JSON Schema, in the strict subset OpenAI accepts (every property required, no extras). */
export const NARRATIVE_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['thesis', 'scenarios', 'actionPlan'],
  properties: {
    thesis: { type: 'string', maxLength: THESIS_MAX_CHARS },
    scenarios: {
      type: 'object',
      additionalProperties: false,
      required: ['bull', 'base', 'bear'],
      properties: { bull: scenario, base: scenario, bear: scenario },
    },
    actionPlan: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: ACTION_PLAN_MAX_ITEMS },
  },
} as const;

const completionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable().optional() }).optional(), finish_reason: z.string().nullable().optional() }))
    .min(1),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).nullable().optional(),
});

export interface OpenAiNarratorOptions {
  /** e.g. `https://api.openai.com/v1`; the call goes to `<baseUrl>/chat/completions`. */
  baseUrl: string;
  model: string;
  /** null: no Authorization header (a local server). */
  apiKey: string | null;
  timeoutMs: number;
  price: ModelPrice | null;
  budget?: NarrativeBudget | null;
  maxTokens?: number;
  fetch?: typeof fetch;
}

export const chatCompletionsUrl = (baseUrl: string): string => `${baseUrl.replace(/\/+$/, '')}/chat/completions`;

/** Every occurrence of the key replaced, so that an echoing server cannot leak it into a warning. */
export const redactKey =
  (apiKey: string | null) =>
  (text: string): string =>
    apiKey ? text.split(apiKey).join('[redacted]') : text;

/** A short line of an error answer's body: OpenAI's `{"error": {"message": ...}}`, else its text. */
function errorDetail(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    const message = (parsed as { error?: { message?: unknown } } | null)?.error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON: the text itself.
  }
  return body.slice(0, 200);
}

export function createOpenAiNarrator(options: OpenAiNarratorOptions): Narrator {
  const { model, apiKey, timeoutMs } = options;
  const url = chatCompletionsUrl(options.baseUrl);
  const maxTokens = options.maxTokens ?? OPENAI_NARRATIVE_MAX_TOKENS;
  const doFetch = options.fetch ?? fetch;

  async function complete(prompt: { system: string; user: string }): Promise<ModelAnswer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      let response: Response;
      let body: string;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
          body: JSON.stringify({
            model,
            messages: [
              { role: 'system', content: prompt.system },
              { role: 'user', content: prompt.user },
            ],
            max_tokens: maxTokens,
            temperature: OPENAI_NARRATIVE_TEMPERATURE,
            response_format: { type: 'json_schema', json_schema: { name: 'narrative', strict: true, schema: NARRATIVE_JSON_SCHEMA } },
          }),
          signal: controller.signal,
        });
        body = await response.text();
      } catch (error) {
        if (controller.signal.aborted) throw new NarrativeTimeout(`no answer from ${model} within ${timeoutMs} ms`);
        // fetch says only "fetch failed"; the cause's code (ECONNREFUSED, ...) says why.
        const code = (error as { cause?: { code?: unknown } }).cause?.code;
        throw new NarrativeError(`${model} could not be reached${typeof code === 'string' ? ` (${code})` : ''}: ${reasonOf(error)}`);
      }
      if (!response.ok) {
        const retryAfter = response.headers.get('retry-after');
        throw new ModelCallRefused(
          `${model} answered HTTP ${response.status}${retryAfter ? ` (retry-after ${retryAfter})` : ''}: ${errorDetail(body)}`,
        );
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        throw new NarrativeError(`${model} answered HTTP ${response.status} with a body that is not JSON`);
      }
      const parsed = completionSchema.safeParse(json);
      if (!parsed.success) throw new NarrativeError(`${model} answered HTTP ${response.status} without a chat completion (no choices)`);
      const choice = parsed.data.choices[0]!;
      const usage = parsed.data.usage;
      return {
        text: (choice.message?.content ?? '').trim(),
        usage: usage ? { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens } : null,
        stopReason: choice.finish_reason ?? null,
        truncated: choice.finish_reason === 'length',
      };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    modelId: model,
    narrate: (facts) =>
      narrateThroughModel(
        {
          modelId: model,
          price: options.price,
          budget: options.budget ?? null,
          maxTokens,
          retries: OPENAI_NARRATIVE_RETRIES,
          call: complete,
          redact: redactKey(apiKey),
        },
        facts,
      ),
  };
}
