import { describe, expect, it } from 'vitest';
import {
  callReservationUsd,
  EXPECTED_INPUT_TOKENS_PER_CALL,
  expectedNarrativeCost,
  fitsBudget,
  toMicroUsd,
} from '../../lambdas/core/analysis/narrative-budget.js';

const PRICE = { inputPerMillion: 0.15, outputPerMillion: 0.6 };

describe('the narrative budget arithmetic', () => {
  it('counts whole micro-dollars, rounding up so that a reservation never undercounts', () => {
    expect(toMicroUsd(0.000_001)).toBe(1);
    expect(toMicroUsd(0.000_001_2)).toBe(2);
    expect(toMicroUsd(0.1 + 0.2)).toBe(300_000); // no float noise turned into an extra micro-dollar
    expect(toMicroUsd(0)).toBe(0);
  });

  it('lets a call through only when spent plus its reservation stays within the cap', () => {
    expect(fitsBudget(0, 100, 100)).toBe(true);
    expect(fitsBudget(1, 100, 100)).toBe(false);
    expect(fitsBudget(0, 1, 0)).toBe(false);
  });

  it('reserves the prompt at 2 bytes a token and every output token the call may write', () => {
    const prompt = { system: 'a'.repeat(1000), user: 'é'.repeat(500) }; // 1000 + 1000 bytes
    expect(callReservationUsd(PRICE, prompt, 800)).toBeCloseTo((1000 * 0.15 + 800 * 0.6) / 1e6, 12);
  });

  it('expects every ticker once at the typical prompt and the output cap; unknown without a price', () => {
    expect(expectedNarrativeCost(PRICE, 100, 800)).toEqual({
      tickers: 100,
      inputTokensPerTicker: EXPECTED_INPUT_TOKENS_PER_CALL,
      outputTokensPerTicker: 800,
      usd: Math.round(((EXPECTED_INPUT_TOKENS_PER_CALL * 0.15 + 800 * 0.6) / 1e6) * 100 * 1e6) / 1e6,
    });
    expect(expectedNarrativeCost(null, 100, 800).usd).toBeNull();
  });
});
