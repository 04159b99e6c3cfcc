// The optional LLM narrative of one holding (issue 3, "Optional LLM narrative"): the prompt
// that hands the model the computed figures as facts it must not contradict, and the zod
// schema its JSON answer must match (a thesis, bull/base/bear scenarios whose probabilities
// sum to 1, an action plan). Pure: the calls live in adapters/llm/ (Bedrock, OpenAI-compatible).
import { z } from 'zod';
import { joinProblems } from '../errors.js';
import { FinwizError } from '../errors.js';

export const THESIS_MAX_CHARS = 1200;
/** The output cap of one narrative call, on every provider (the budget reserves it in full). */
export const NARRATIVE_MAX_TOKENS = 800;
export const ACTION_PLAN_MAX_ITEMS = 6;
/** How far the three scenario probabilities may sum from 1. */
export const PROBABILITY_SUM_TOLERANCE = 0.01;
/** The prompt lists at most this many key findings, to bound the input tokens. */
export const MAX_PROMPT_FINDINGS = 30;

const scenarioSchema = z.object({
  probability: z.number().min(0).max(1),
  summary: z.string().trim().min(1).max(1000),
  /** In the quote currency; null (or absent) when the model cannot ground one in the figures. */
  priceTarget: z.number().positive().nullable().optional(),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const scenariosSchema = z
  .object({ bull: scenarioSchema, base: scenarioSchema, bear: scenarioSchema })
  .superRefine((scenarios, ctx) => {
    const sum = scenarios.bull.probability + scenarios.base.probability + scenarios.bear.probability;
    if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        message: `the bull, base and bear probabilities must sum to 1 (±${PROBABILITY_SUM_TOLERANCE}), they sum to ${Math.round(sum * 1e4) / 1e4}`,
      });
    }
  });

export const narrativeSchema = z.object({
  thesis: z.string().trim().min(1).max(THESIS_MAX_CHARS),
  scenarios: scenariosSchema,
  actionPlan: z.array(z.string().trim().min(1).max(500)).min(1).max(ACTION_PLAN_MAX_ITEMS),
});
export type Narrative = z.infer<typeof narrativeSchema>;

/** One metric behind the decision, as the analysts judged it. */
export interface NarrativeFinding {
  label: string;
  value: number | string | null;
  /** The rule it was judged against, in words: `<= 25`, `between 30 and 70`. */
  threshold: string;
  /** positive / neutral / negative / no data. */
  signal: string;
}

/** What the street says (Yahoo's analyst consensus); null fields are not available. */
export interface NarrativeStreetView {
  targetMeanPrice: number | null;
  targetHighPrice: number | null;
  targetLowPrice: number | null;
  analystCount: number | null;
  /** e.g. `buy`, `hold`. */
  recommendationKey: string | null;
  /** 1 (strong buy) to 5 (strong sell). */
  recommendationMean: number | null;
}

/** The computed figures of one holding the narrative must stay within. */
export interface NarrativeFacts {
  ticker: string;
  name: string | null;
  /** Quote currency, e.g. USD. */
  currency: string | null;
  /** e.g. EQUITY, ETF. */
  assetType: string;
  lastPrice: number | null;
  /** 0..1, higher is better. */
  compositeScore: number | null;
  grade: string;
  /** BUY / HOLD / SELL / WAIT. */
  recommendation: string;
  /** 0..1. */
  confidence: number | null;
  /** 0..1, higher is better. */
  fundamentalScore: number | null;
  /** 0..1, higher is better. */
  technicalScore: number | null;
  /** 0..1, higher is riskier. */
  riskScore: number | null;
  keyFindings: NarrativeFinding[];
  street: NarrativeStreetView | null;
}

/** The answer could not be used as a narrative; the message is a short reason. */
export class NarrativeError extends FinwizError {
  override readonly name = 'NarrativeError' as const;
}

/** What narrating one holding gave: never an exception, a warning instead. */
export interface NarrativeUsage {
  inputTokens: number;
  outputTokens: number;
  /** null when the model has no known price. */
  costUsd: number | null;
}

export interface NarrativeOutcome {
  narrative: Narrative | null;
  /** One line, `LLM narrative unavailable: <reason>`, when narrative is null. */
  warning: string | null;
  /** null when the call gave no usage (it failed or timed out before an answer). */
  usage: NarrativeUsage | null;
  modelId: string;
  /** Present and true when no call was made because the next one could pass LLM_BUDGET_USD. */
  budgetSkipped?: true;
}

/** The port the crew handler uses; the Bedrock and OpenAI-compatible adapters implement it. */
export interface Narrator {
  readonly modelId: string;
  narrate(facts: NarrativeFacts): Promise<NarrativeOutcome>;
}

export const NARRATIVE_JSON_SHAPE = `{
  "thesis": "<string, at most ${THESIS_MAX_CHARS} characters>",
  "scenarios": {
    "bull": { "probability": <number 0..1>, "summary": "<string>", "priceTarget": <number or null> },
    "base": { "probability": <number 0..1>, "summary": "<string>", "priceTarget": <number or null> },
    "bear": { "probability": <number 0..1>, "summary": "<string>", "priceTarget": <number or null> }
  },
  "actionPlan": ["<string>", "... 1 to ${ACTION_PLAN_MAX_ITEMS} items"]
}`;

export const NARRATIVE_SYSTEM_PROMPT = [
  'You are an equity analyst writing a short narrative about one holding of a stock portfolio.',
  'The user message gives the figures of a quantitative analysis as JSON. These figures are facts: do not contradict them, do not change or recompute them, and do not invent figures, events, news or guidance beyond them. A null figure is not available: say so rather than guess.',
  'Scores run from 0 to 1: fundamentalScore, technicalScore and compositeScore are higher-is-better, riskScore is higher-is-riskier. The narrative must be consistent with the given grade and recommendation.',
  'Give a bull, a base and a bear scenario; their three probabilities must sum to 1. A priceTarget is in the quote currency and must be grounded in the figures (for example the street targets); use null when it cannot be.',
  `Answer ONLY with one JSON object, with no prose and no Markdown around it, in exactly this shape:\n${NARRATIVE_JSON_SHAPE}`,
].join('\n\n');

/** A finite number, or null (the prompt never carries NaN or Infinity). */
function figure(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The system prompt (rules and JSON shape) and the user message (the facts) for one holding. */
export function buildNarrativePrompt(facts: NarrativeFacts): { system: string; user: string } {
  const street = facts.street;
  const payload = {
    ticker: facts.ticker,
    name: facts.name,
    currency: facts.currency,
    assetType: facts.assetType,
    lastPrice: figure(facts.lastPrice),
    compositeScore: figure(facts.compositeScore),
    grade: facts.grade,
    recommendation: facts.recommendation,
    confidence: figure(facts.confidence),
    fundamentalScore: figure(facts.fundamentalScore),
    technicalScore: figure(facts.technicalScore),
    riskScore: figure(facts.riskScore),
    keyFindings: facts.keyFindings.slice(0, MAX_PROMPT_FINDINGS).map((finding) => ({
      label: finding.label,
      value: typeof finding.value === 'number' ? figure(finding.value) : finding.value,
      threshold: finding.threshold,
      signal: finding.signal,
    })),
    street:
      street === null
        ? null
        : {
            targetMeanPrice: figure(street.targetMeanPrice),
            targetHighPrice: figure(street.targetHighPrice),
            targetLowPrice: figure(street.targetLowPrice),
            analystCount: figure(street.analystCount),
            recommendationKey: street.recommendationKey,
            recommendationMean: figure(street.recommendationMean),
          },
  };
  const user = [
    `Facts for ${facts.ticker}${facts.name ? ` (${facts.name})` : ''}:`,
    JSON.stringify(payload, null, 2),
    'Write the narrative as the JSON object described in the instructions.',
  ].join('\n\n');
  return { system: NARRATIVE_SYSTEM_PROMPT, user };
}

/** The first ```json (or bare ```) fenced block, if any. */
function fencedBlock(text: string): string | undefined {
  const match = /```(?:json|JSON)?[ \t]*\r?\n?([\s\S]*?)```/.exec(text);
  return match?.[1];
}

/** The balanced `{...}` starting at `start` (strings and escapes respected), or undefined. */
function balancedObject(text: string, start: number): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}

/** The first JSON object in the text: a fenced block first, else the first balanced `{...}` that parses. */
function extractJsonObject(text: string): unknown {
  const fenced = fencedBlock(text);
  const sources = fenced === undefined ? [text] : [fenced, text];
  let sawBrace = false;
  for (const source of sources) {
    for (let start = source.indexOf('{'); start !== -1; start = source.indexOf('{', start + 1)) {
      sawBrace = true;
      const candidate = balancedObject(source, start);
      if (candidate === undefined) continue;
      try {
        const value: unknown = JSON.parse(candidate);
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
      } catch {
        // Not JSON: try the next brace.
      }
    }
  }
  throw new NarrativeError(
    sawBrace ? 'the answer has no valid JSON object (malformed or truncated JSON)' : 'the answer has no JSON object',
  );
}

function describeIssues(error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  return joinProblems(problems, 3);
}

/**
 * The narrative in a model's answer: the JSON object in it (a ```json fence and prose around
 * it are tolerated), validated. Throws a NarrativeError with a short reason otherwise.
 */
export function parseNarrativeAnswer(text: string): Narrative {
  if (text.trim() === '') throw new NarrativeError('the answer is empty');
  const value = extractJsonObject(text);
  const parsed = narrativeSchema.safeParse(value);
  if (!parsed.success) throw new NarrativeError(`the answer does not match the schema: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
