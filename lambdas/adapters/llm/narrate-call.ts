// One holding's narrative through any model: the budget reservation before each call, the
// answer validated, a retry after an invalid answer, the usage summed over the calls, and any
// failure turned into a one-line warning. A provider (Bedrock, OpenAI-compatible) supplies only
// the call itself. Never throws: the deterministic result stands whatever happens here.
import { callReservationUsd, type NarrativeBudget } from '../../core/analysis/narrative-budget.js';
import {
  buildNarrativePrompt,
  NarrativeError,
  parseNarrativeAnswer,
  type Narrative,
  type NarrativeFacts,
  type NarrativeOutcome,
  type NarrativeUsage,
} from '../../core/analysis/narrative.js';
import { FinwizError } from '../../core/errors.js';
import { costOf, type ModelPrice } from '../../core/metrics/llm-prices.js';

export const NARRATIVE_WARNING_PREFIX = 'LLM narrative unavailable: ';
export const BUDGET_WARNING_PREFIX = 'LLM narrative skipped: ';
/** A reason longer than this is cut, so the warning stays one readable line. */
const MAX_REASON_CHARS = 300;

/** What a model answered to one call. */
export interface ModelAnswer {
  text: string;
  /** null: the answer carried no usage. */
  usage: { inputTokens: number; outputTokens: number } | null;
  /** The provider's stop reason (end_turn, stop, max_tokens, length, ...), if it gave one. */
  stopReason: string | null;
  /** The answer stopped at the output cap. */
  truncated: boolean;
}

/** A call that failed with an answer from the server (an HTTP error): nothing was generated, nothing billed. */
export class ModelCallRefused extends FinwizError {
  override readonly name = 'ModelCallRefused' as const;
}

/** The call was aborted because it ran past the timeout; it may still have been billed. */
export class NarrativeTimeout extends FinwizError {
  override readonly name = 'NarrativeTimeout' as const;
}

export interface NarrationOptions {
  modelId: string;
  /** null: the cost is unknown (never 0). */
  price: ModelPrice | null;
  /** null: no cap. A budget needs a price (the settings refuse one without). */
  budget: NarrativeBudget | null;
  maxTokens: number;
  /** Further calls after an invalid answer (not after a refused or timed-out call). */
  retries: number;
  call: (prompt: { system: string; user: string }) => Promise<ModelAnswer>;
  /** Takes anything secret (an API key) out of a reason before it becomes a warning. */
  redact?: (text: string) => string;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS - 1)}…` : line;
}

/** A short reason for any failure: the error's name (ThrottlingException, …) and message. */
export function reasonOf(error: unknown): string {
  if (error instanceof NarrativeError || error instanceof NarrativeTimeout || error instanceof ModelCallRefused) return error.message;
  if (error instanceof Error) {
    const name = error.name && error.name !== 'Error' ? error.name : '';
    const message = error.message;
    return name && message ? `${name}: ${message}` : name || message || 'unknown error';
  }
  return String(error);
}

function narrativeOf(answer: ModelAnswer, maxTokens: number): Narrative {
  if (answer.text.trim() === '') throw new NarrativeError(`the answer has no text (stopReason: ${answer.stopReason ?? 'none'})`);
  try {
    return parseNarrativeAnswer(answer.text);
  } catch (error) {
    // A JSON cut off at the output cap says why it is invalid.
    if (error instanceof NarrativeError && answer.truncated) {
      throw new NarrativeError(`${error.message}; the answer was cut at maxTokens=${maxTokens}`);
    }
    throw error;
  }
}

const addUsage = (total: NarrativeUsage | null, usage: NarrativeUsage): NarrativeUsage => {
  if (total === null) return usage;
  const costUsd = total.costUsd === null || usage.costUsd === null ? null : Math.round((total.costUsd + usage.costUsd) * 1e9) / 1e9;
  return { inputTokens: total.inputTokens + usage.inputTokens, outputTokens: total.outputTokens + usage.outputTokens, costUsd };
};

export async function narrateThroughModel(o: NarrationOptions, facts: NarrativeFacts): Promise<NarrativeOutcome> {
  const prompt = buildNarrativePrompt(facts);
  const redact = o.redact ?? ((text: string) => text);
  let usage: NarrativeUsage | null = null;
  let lastError: unknown;
  const failed = (error: unknown): NarrativeOutcome => ({
    narrative: null,
    warning: NARRATIVE_WARNING_PREFIX + oneLine(redact(reasonOf(error))),
    usage,
    modelId: o.modelId,
  });
  for (let attempt = 0; attempt <= o.retries; attempt += 1) {
    let reserved = 0;
    if (o.budget && o.price) {
      reserved = callReservationUsd(o.price, prompt, o.maxTokens);
      let granted: boolean;
      try {
        granted = await o.budget.reserve(reserved);
      } catch (error) {
        return failed(new NarrativeError(`the budget could not be reserved (${reasonOf(error)})`));
      }
      if (!granted) {
        const retry = attempt > 0 ? ` for a retry after: ${reasonOf(lastError)}` : '';
        return {
          narrative: null,
          warning: `${BUDGET_WARNING_PREFIX}the next call (up to $${reserved.toFixed(4)}) could pass the run's LLM budget of $${o.budget.capUsd}${oneLine(redact(retry))}`,
          usage,
          modelId: o.modelId,
          budgetSkipped: true,
        };
      }
    }
    let answer: ModelAnswer;
    try {
      answer = await o.call(prompt);
    } catch (error) {
      // A refused call generated nothing; a timeout may have been billed, so it keeps its reservation.
      if (o.budget && reserved > 0) await o.budget.settle(reserved, error instanceof ModelCallRefused ? 0 : null).catch(() => undefined);
      return failed(error);
    }
    const callUsage = answer.usage
      ? { ...answer.usage, costUsd: costOf(o.price, answer.usage.inputTokens, answer.usage.outputTokens) }
      : null;
    if (callUsage) usage = addUsage(usage, callUsage);
    if (o.budget && reserved > 0) await o.budget.settle(reserved, callUsage?.costUsd ?? null).catch(() => undefined);
    try {
      return { narrative: narrativeOf(answer, o.maxTokens), warning: null, usage, modelId: o.modelId };
    } catch (error) {
      if (!(error instanceof NarrativeError)) return failed(error);
      lastError = error;
    }
  }
  return failed(o.retries > 0 ? new NarrativeError(`${reasonOf(lastError)} (on the retry, too)`) : lastError);
}
