import { describe, expect, it } from 'vitest';
import { AWS_PRICES } from '../../lambdas/core/metrics/aws-prices.js';
import { FUNCTION_MEMORY_MB } from '../../lambdas/core/metrics/function-sizes.js';
import { estimateRunCost, lambdaInvocations, s3Requests, stateTransitions, type RunCostInputs } from '../../lambdas/core/metrics/run-cost.js';

const base: RunCostInputs = {
  tickers: 66,
  mode: 'batch',
  prefetchChunks: 0,
  alphaVantageTickers: 0,
  lambdaSeconds: { prefetch: 16, crew: 66 * 0.2, consolidate: 1 },
  runItemKb: 2.5,
  llm: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
};

describe('estimateRunCost', () => {
  it('bills Lambda GB-seconds at each function\'s own memory size, arm64 price', () => {
    const cost = estimateRunCost(base);
    const gbSeconds = (16 * FUNCTION_MEMORY_MB.prefetch + 13.2 * FUNCTION_MEMORY_MB.crew + 1 * FUNCTION_MEMORY_MB.consolidate) / 1024;
    expect(cost.breakdown.lambda.gb_seconds).toBeCloseTo(gbSeconds, 3);
    expect(cost.breakdown.lambda.invocations).toBe(1 + 66 + 1);
    expect(cost.breakdown.lambda.usd).toBeCloseTo(gbSeconds * AWS_PRICES.lambda.arm64PerGbSecond + (68 / 1e6) * 0.2, 6);
  });

  it('adds up its parts, and says which prices and region it used', () => {
    const cost = estimateRunCost({ ...base, llm: { inputTokens: 1000, outputTokens: 500, costUsd: 0.0123 } });
    const parts = Object.values(cost.breakdown).reduce((total, part) => total + (part.usd ?? 0), 0);
    expect(cost.total_usd).toBeCloseTo(parts, 5);
    expect(cost.breakdown.llm).toEqual({ input_tokens: 1000, output_tokens: 500, usd: 0.0123 });
    // A model without a price: the LLM part is unknown (null), never counted as 0.
    const unknown = estimateRunCost({ ...base, llm: { inputTokens: 1000, outputTokens: 500, costUsd: null } });
    expect(unknown.breakdown.llm.usd).toBeNull();
    expect(unknown.total_usd).toBeCloseTo(cost.total_usd - 0.0123, 5);
    expect(cost).toMatchObject({ region: 'us-east-1', prices_as_of: AWS_PRICES.asOf });
  });

  it('grows with the portfolio: one transition, one invocation, one write unit per more ticker', () => {
    const small = estimateRunCost(base);
    const large = estimateRunCost({ ...base, tickers: 67 });
    expect(large.breakdown.step_functions.state_transitions - small.breakdown.step_functions.state_transitions).toBe(1);
    expect(large.breakdown.lambda.invocations - small.breakdown.lambda.invocations).toBe(1);
    expect(large.breakdown.dynamodb.write_units - small.breakdown.dynamodb.write_units).toBe(1);
    expect(large.breakdown.s3.puts - small.breakdown.s3.puts).toBe(2);
    expect(large.breakdown.s3.gets - small.breakdown.s3.gets).toBe(3);
  });

  it('counts the chunked prefetch: its Map and summary states, its chunk and summary Lambdas, its chunk objects', () => {
    const chunked = { tickers: 5000, prefetchChunks: 10, alphaVantageTickers: 0 };
    const plain = { ...chunked, prefetchChunks: 0 };
    expect(stateTransitions(chunked) - stateTransitions(plain)).toBe(2 + 10);
    expect(lambdaInvocations(chunked)).toMatchObject({ prefetch: 1, prefetchChunk: 10, prefetchSummary: 1, crew: 5000 });
    expect(lambdaInvocations(plain)).toMatchObject({ prefetchChunk: 0, prefetchSummary: 0 });
    const withChunks = s3Requests({ ...chunked, mode: 'batch' });
    const without = s3Requests({ ...plain, mode: 'batch' });
    expect(withChunks.puts - without.puts).toBe(21);
    expect(withChunks.gets - without.gets).toBe(22);
  });

  it('counts the Alpha Vantage enrichment: two calls and six states a ticker', () => {
    expect(lambdaInvocations({ tickers: 66, prefetchChunks: 0, alphaVantageTickers: 66 }).enrich).toBe(132);
    expect(stateTransitions({ tickers: 66, prefetchChunks: 0, alphaVantageTickers: 66 }) - stateTransitions({ tickers: 66, prefetchChunks: 0, alphaVantageTickers: 0 })).toBe(1 + 6 * 66);
  });

  it('a sequential run writes no prefetch objects and reads none', () => {
    const batch = s3Requests({ tickers: 10, mode: 'batch', prefetchChunks: 0, alphaVantageTickers: 0 });
    const sequential = s3Requests({ tickers: 10, mode: 'sequential', prefetchChunks: 0, alphaVantageTickers: 0 });
    expect(batch.puts - sequential.puts).toBe(10);
    expect(batch.gets - sequential.gets).toBe(10);
  });

  it('a 5,000-ticker run costs cents, not dollars, without an LLM', () => {
    const cost = estimateRunCost({
      ...base,
      tickers: 5000,
      prefetchChunks: 10,
      lambdaSeconds: { prefetch: 1100, crew: 5000 * 0.2, consolidate: 20 },
      runItemKb: 3,
    });
    expect(cost.total_usd).toBeGreaterThan(0.1);
    expect(cost.total_usd).toBeLessThan(1);
  });
});
