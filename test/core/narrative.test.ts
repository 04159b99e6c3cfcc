import { describe, expect, it } from 'vitest';
import { estimateCostUsd, LLM_PRICES, modelPrice } from '../../lambdas/core/metrics/llm-prices.js';
import {
  buildNarrativePrompt,
  NarrativeError,
  narrativeSchema,
  parseNarrativeAnswer,
  type NarrativeFacts,
} from '../../lambdas/core/analysis/narrative.js';

const FACTS: NarrativeFacts = {
  ticker: 'AAPL',
  name: 'Apple Inc.',
  currency: 'USD',
  assetType: 'EQUITY',
  lastPrice: 227.48,
  compositeScore: 0.612,
  grade: 'D',
  recommendation: 'HOLD',
  confidence: 0.58,
  fundamentalScore: 0.55,
  technicalScore: 0.667,
  riskScore: 0.375,
  keyFindings: [
    { label: 'Trailing P/E', value: 34.71, threshold: '<= 25', signal: 'negative' },
    { label: 'RSI 14', value: 58.2, threshold: 'between 30 and 70', signal: 'neutral' },
  ],
  street: {
    targetMeanPrice: 245.1,
    targetHighPrice: 300,
    targetLowPrice: 184,
    analystCount: 38,
    recommendationKey: 'buy',
    recommendationMean: 2.1,
  },
};

const VALID_NARRATIVE = {
  thesis: 'A quality franchise priced richly: the trailing P/E of 34.71 is above the 25 threshold.',
  scenarios: {
    bull: { probability: 0.25, summary: 'Services growth re-rates the stock.', priceTarget: 300 },
    base: { probability: 0.5, summary: 'The street mean target is reached.', priceTarget: 245.1 },
    bear: { probability: 0.25, summary: 'Multiple compression.', priceTarget: null },
  },
  actionPlan: ['Hold the position.', 'Trim above 300.'],
};

function withProbabilities(bull: number, base: number, bear: number) {
  return {
    ...VALID_NARRATIVE,
    scenarios: {
      bull: { ...VALID_NARRATIVE.scenarios.bull, probability: bull },
      base: { ...VALID_NARRATIVE.scenarios.base, probability: base },
      bear: { ...VALID_NARRATIVE.scenarios.bear, probability: bear },
    },
  };
}

function reasonOf(text: string): string {
  try {
    parseNarrativeAnswer(text);
  } catch (error) {
    expect(error).toBeInstanceOf(NarrativeError);
    return (error as NarrativeError).message;
  }
  throw new Error('parseNarrativeAnswer accepted the answer');
}

describe('buildNarrativePrompt', () => {
  const prompt = buildNarrativePrompt(FACTS);

  it('tells the model the figures are facts and to answer only with the JSON shape', () => {
    expect(prompt.system).toContain('These figures are facts: do not contradict them');
    expect(prompt.system).toContain('do not invent figures');
    expect(prompt.system).toContain('Answer ONLY with one JSON object');
    for (const key of ['"thesis"', '"scenarios"', '"bull"', '"base"', '"bear"', '"probability"', '"summary"', '"priceTarget"', '"actionPlan"']) {
      expect(prompt.system).toContain(key);
    }
    expect(prompt.system).toContain('must sum to 1');
    expect(prompt.system).toContain('riskScore is higher-is-riskier');
  });

  it('puts every figure in the user message as JSON', () => {
    expect(prompt.user).toContain('Facts for AAPL (Apple Inc.)');
    const json = JSON.parse(prompt.user.slice(prompt.user.indexOf('{'), prompt.user.lastIndexOf('}') + 1));
    expect(json).toEqual({
      ticker: 'AAPL',
      name: 'Apple Inc.',
      currency: 'USD',
      assetType: 'EQUITY',
      lastPrice: 227.48,
      compositeScore: 0.612,
      grade: 'D',
      recommendation: 'HOLD',
      confidence: 0.58,
      fundamentalScore: 0.55,
      technicalScore: 0.667,
      riskScore: 0.375,
      keyFindings: FACTS.keyFindings,
      street: FACTS.street,
    });
  });

  it('never carries NaN or Infinity, and copes with no street view and no name', () => {
    const { user } = buildNarrativePrompt({
      ...FACTS,
      name: null,
      lastPrice: Number.NaN,
      riskScore: Number.POSITIVE_INFINITY,
      keyFindings: [{ label: 'Beta', value: Number.NaN, threshold: '<= 1.5', signal: 'no data' }],
      street: null,
    });
    expect(user).toContain('Facts for AAPL:');
    expect(user).not.toMatch(/NaN|Infinity/);
    const json = JSON.parse(user.slice(user.indexOf('{'), user.lastIndexOf('}') + 1));
    expect(json.lastPrice).toBeNull();
    expect(json.riskScore).toBeNull();
    expect(json.keyFindings).toEqual([{ label: 'Beta', value: null, threshold: '<= 1.5', signal: 'no data' }]);
    expect(json.street).toBeNull();
  });
});

describe('parseNarrativeAnswer', () => {
  it('parses a bare JSON answer', () => {
    expect(parseNarrativeAnswer(JSON.stringify(VALID_NARRATIVE))).toEqual(VALID_NARRATIVE);
  });

  it('tolerates a ```json fence and prose around it', () => {
    const text = `Here is the narrative you asked for {as JSON}, in ${JSON.stringify({ unit: 'USD' })}:\n\`\`\`json\n${JSON.stringify(VALID_NARRATIVE, null, 2)}\n\`\`\`\nHope it helps.`;
    expect(parseNarrativeAnswer(text)).toEqual(VALID_NARRATIVE);
  });

  it('tolerates leading prose with no fence, and braces inside strings', () => {
    const narrative = { ...VALID_NARRATIVE, thesis: 'Rich valuation {P/E 34.71} but "steady" cash.' };
    expect(parseNarrativeAnswer(`Sure! ${JSON.stringify(narrative)} Done.`)).toEqual(narrative);
  });

  it('accepts a missing priceTarget and probabilities within ±0.01 of 1', () => {
    const answer = withProbabilities(0.33, 0.33, 0.335);
    delete (answer.scenarios.bull as { priceTarget?: number }).priceTarget;
    const narrative = parseNarrativeAnswer(JSON.stringify(answer));
    expect(narrative.scenarios.bull.priceTarget).toBeUndefined();
    expect(narrative.scenarios.bear.probability).toBe(0.335);
  });

  it('rejects invalid JSON', () => {
    expect(reasonOf('{"thesis": "cut off", "scenarios": {')).toBe(
      'the answer has no valid JSON object (malformed or truncated JSON)',
    );
    expect(reasonOf('I cannot help with that.')).toBe('the answer has no JSON object');
    expect(reasonOf('   ')).toBe('the answer is empty');
  });

  it('rejects probabilities that sum to 0.9 with a clear message', () => {
    expect(reasonOf(JSON.stringify(withProbabilities(0.3, 0.4, 0.2)))).toBe(
      'the answer does not match the schema: scenarios: the bull, base and bear probabilities must sum to 1 (±0.01), they sum to 0.9',
    );
    expect(() => parseNarrativeAnswer(JSON.stringify(withProbabilities(0.3, 0.4, 0.32)))).toThrow(/sum to 1.02/);
  });

  it('rejects a missing or blank thesis, naming the field', () => {
    const { thesis: _, ...noThesis } = VALID_NARRATIVE;
    expect(reasonOf(JSON.stringify(noThesis))).toMatch(/^the answer does not match the schema: thesis: /);
    expect(reasonOf(JSON.stringify({ ...VALID_NARRATIVE, thesis: '   ' }))).toMatch(/thesis: /);
  });

  it('rejects a thesis over 1200 characters, a probability over 1 and bad action plans', () => {
    expect(parseNarrativeAnswer(JSON.stringify({ ...VALID_NARRATIVE, thesis: 'x'.repeat(1200) })).thesis).toHaveLength(1200);
    expect(reasonOf(JSON.stringify({ ...VALID_NARRATIVE, thesis: 'x'.repeat(1201) }))).toMatch(/thesis: /);
    expect(reasonOf(JSON.stringify(withProbabilities(1.2, -0.1, -0.1)))).toMatch(/scenarios\.bull\.probability: /);
    expect(reasonOf(JSON.stringify({ ...VALID_NARRATIVE, actionPlan: [] }))).toMatch(/actionPlan: /);
    expect(reasonOf(JSON.stringify({ ...VALID_NARRATIVE, actionPlan: Array.from({ length: 7 }, (_, i) => `step ${i}`) }))).toMatch(
      /actionPlan: /,
    );
    expect(parseNarrativeAnswer(JSON.stringify({ ...VALID_NARRATIVE, actionPlan: Array.from({ length: 6 }, (_, i) => `step ${i}`) })).actionPlan).toHaveLength(6);
  });

  it('rejects a missing scenario', () => {
    const { bear: _, ...twoScenarios } = VALID_NARRATIVE.scenarios;
    expect(reasonOf(JSON.stringify({ ...VALID_NARRATIVE, scenarios: twoScenarios }))).toMatch(/scenarios\.bear: /);
  });

  it('is the schema the narrative answer publishes', () => {
    expect(narrativeSchema.safeParse(VALID_NARRATIVE).success).toBe(true);
    expect(narrativeSchema.safeParse(withProbabilities(0.3, 0.3, 0.3)).success).toBe(false);
  });
});

describe('estimateCostUsd', () => {
  it('prices known models per 1M input and output tokens', () => {
    expect(estimateCostUsd('amazon.nova-lite-v1:0', 1000, 200)).toBeCloseTo(0.000108, 12);
    expect(estimateCostUsd('amazon.nova-micro-v1:0', 1_000_000, 1_000_000)).toBeCloseTo(0.175, 12);
    expect(estimateCostUsd('amazon.nova-pro-v1:0', 1_000_000, 0)).toBeCloseTo(0.8, 12);
    expect(estimateCostUsd('anthropic.claude-3-haiku-20240307-v1:0', 1_000_000, 1_000_000)).toBeCloseTo(1.5, 12);
    expect(estimateCostUsd('anthropic.claude-3-5-haiku-20241022-v1:0', 1_000_000, 1_000_000)).toBeCloseTo(4.8, 12);
  });

  it('matches region-prefixed inference profiles and ARNs', () => {
    expect(estimateCostUsd('us.amazon.nova-lite-v1:0', 1000, 200)).toBeCloseTo(0.000108, 12);
    expect(estimateCostUsd('eu.anthropic.claude-3-5-haiku-20241022-v1:0', 1_000_000, 0)).toBeCloseTo(0.8, 12);
    expect(
      modelPrice('arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-micro-v1:0')?.inputPerMillion,
    ).toBe(0.035);
  });

  it('has no model id fragment that contains another, so a model id matches one price at most', () => {
    const fragments = Object.keys(LLM_PRICES);
    expect(fragments.length).toBeGreaterThanOrEqual(5);
    for (const a of fragments) for (const b of fragments) if (a !== b) expect(a.includes(b), `${a} contains ${b}`).toBe(false);
  });

  it('prices OpenAI models by exact id (a dated snapshot takes its model), so gpt-4o and gpt-4o-mini never mix', () => {
    expect(modelPrice('gpt-4o')).toEqual({ inputPerMillion: 2.5, outputPerMillion: 10 });
    expect(modelPrice('gpt-4o-mini')).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
    expect(modelPrice('gpt-4o-mini-2024-07-18')).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
    expect(modelPrice('gpt-4.1')?.inputPerMillion).toBe(2);
    expect(modelPrice('gpt-4o-audio-preview')).toBeNull();
    expect(modelPrice('llama3.1')).toBeNull();
    expect(modelPrice('constructor')).toBeNull();
  });

  it('gives null for an unknown model or a bad token count', () => {
    expect(estimateCostUsd('meta.llama3-8b-instruct-v1:0', 1000, 200)).toBeNull();
    expect(modelPrice('')).toBeNull();
    expect(estimateCostUsd('amazon.nova-lite-v1:0', Number.NaN, 200)).toBeNull();
    expect(estimateCostUsd('amazon.nova-lite-v1:0', 1000, -1)).toBeNull();
    expect(estimateCostUsd('amazon.nova-lite-v1:0', 0, 0)).toBe(0);
  });
});
