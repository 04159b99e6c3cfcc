// The LLM narrative through the Bedrock Converse API. It never fails a ticker: any error
// (throttling, access denied, timeout, empty or invalid answer) gives narrative null and a
// one-line warning, with the token usage and cost whenever the model did answer.
// The SDK is loaded at the first narrative: a run without CREW_LLM never pays for it.
import type { BedrockRuntimeClient, ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { loadSettings } from '../../core/config/load-settings.js';
import { estimateCostUsd } from '../../core/metrics/llm-prices.js';
import {
  buildNarrativePrompt,
  NarrativeError,
  parseNarrativeAnswer,
  type NarrativeFacts,
  type NarrativeOutcome,
  type NarrativeUsage,
  type Narrator,
} from '../../core/analysis/narrative.js';
import { FinwizError } from '../../core/errors.js';

export const DEFAULT_NARRATIVE_TIMEOUT_MS = 20_000;
export const DEFAULT_NARRATIVE_MAX_TOKENS = 800;
export const NARRATIVE_TEMPERATURE = 0.2;
export const NARRATIVE_WARNING_PREFIX = 'LLM narrative unavailable: ';
/** A reason longer than this is cut, so the warning stays one readable line. */
const MAX_REASON_CHARS = 300;

export interface BedrockNarratorOptions {
  /** A Bedrock model id or inference profile id, e.g. `us.amazon.nova-lite-v1:0`. */
  modelId: string;
  client?: BedrockRuntimeClient;
  /** The whole call, retries included, is aborted after this long. */
  timeoutMs?: number;
  maxTokens?: number;
}

/** The call was aborted because it ran past the timeout. */
class NarrativeTimeout extends FinwizError {
  override readonly name = 'NarrativeTimeout' as const;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS - 1)}…` : line;
}

/** A short reason for any failure: the SDK error's name (ThrottlingException, …) and message. */
function reasonOf(error: unknown): string {
  if (error instanceof NarrativeError || error instanceof NarrativeTimeout) return error.message;
  if (error instanceof Error) {
    const name = error.name && error.name !== 'Error' ? error.name : '';
    const message = error.message;
    return name && message ? `${name}: ${message}` : name || message || 'unknown error';
  }
  return String(error);
}

function usageOf(response: ConverseCommandOutput, modelId: string): NarrativeUsage | null {
  const usage = response.usage;
  if (usage === undefined) return null;
  const inputTokens = usage.inputTokens ?? 0;
  const outputTokens = usage.outputTokens ?? 0;
  return { inputTokens, outputTokens, costUsd: estimateCostUsd(modelId, inputTokens, outputTokens) };
}

/** The text blocks of the answer, joined; empty when it has none. */
function answerText(response: ConverseCommandOutput): string {
  const content = response.output?.message?.content ?? [];
  return content
    .map((block) => (typeof block.text === 'string' ? block.text : ''))
    .join('')
    .trim();
}

export function createBedrockNarrator(options: BedrockNarratorOptions): Narrator {
  const modelId = options.modelId;
  const timeoutMs = options.timeoutMs ?? DEFAULT_NARRATIVE_TIMEOUT_MS;
  const maxTokens = options.maxTokens ?? DEFAULT_NARRATIVE_MAX_TOKENS;
  let client = options.client;

  async function converse(facts: NarrativeFacts): Promise<ConverseCommandOutput> {
    const prompt = buildNarrativePrompt(facts);
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
      return await Promise.race([client.send(command, { abortSignal: controller.signal }), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function narrate(facts: NarrativeFacts): Promise<NarrativeOutcome> {
    let usage: NarrativeUsage | null = null;
    try {
      const response = await converse(facts);
      usage = usageOf(response, modelId);
      const text = answerText(response);
      if (text === '') {
        throw new NarrativeError(`the answer has no text (stopReason: ${response.stopReason ?? 'none'})`);
      }
      try {
        return { narrative: parseNarrativeAnswer(text), warning: null, usage, modelId };
      } catch (error) {
        // A JSON cut off at maxTokens says why it is invalid.
        if (error instanceof NarrativeError && response.stopReason === 'max_tokens') {
          throw new NarrativeError(`${error.message}; the answer was cut at maxTokens=${maxTokens}`);
        }
        throw error;
      }
    } catch (error) {
      return { narrative: null, warning: NARRATIVE_WARNING_PREFIX + oneLine(reasonOf(error)), usage, modelId };
    }
  }

  return { modelId, narrate };
}

/**
 * The narrator the environment asks for: CREW_LLM unset, blank or `none` gives null (no
 * narrative); `bedrock` needs BEDROCK_MODEL_ID. A bad value is an InvalidConfigurationError
 * (the registry's rules, load-settings.ts).
 */
export function narratorFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  overrides: Omit<BedrockNarratorOptions, 'modelId'> = {},
): Narrator | null {
  const settings = loadSettings(env);
  if (settings.CREW_LLM === 'none' || settings.BEDROCK_MODEL_ID === null) return null;
  const modelId = settings.BEDROCK_MODEL_ID;
  return createBedrockNarrator({ ...overrides, modelId });
}
