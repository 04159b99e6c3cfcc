// The hard budget of the run's narratives (LLM_BUDGET_USD): the arithmetic and the decision.
// Before each call the worst case of that call is reserved against the cap; a call is made only
// if the reservation fits, and once the answer is in, the reservation is replaced by what the
// call cost. The ledger that holds the run's total (in-process, or an atomic counter in the
// DynamoDB table when crews run concurrently) is an adapter; this file decides nothing about I/O.
import type { ModelPrice } from '../metrics/llm-prices.js';

/**
 * Input tokens are not known before the call: reserve one token per this many bytes of prompt.
 * Tokenizers give about 4 bytes a token for English and 2 to 3 for JSON full of figures, so
 * 2 is an upper bound for this prompt, not an average.
 */
export const RESERVED_BYTES_PER_TOKEN = 2;
/** Typical input tokens of one call: a holding with 30 findings makes a prompt of about 6,500 bytes, at about 3.6 bytes a token. */
export const EXPECTED_INPUT_TOKENS_PER_CALL = 1800;
/** Micro-dollars: the ledger counts whole ones, so that concurrent additions stay exact. */
export const MICRO_USD = 1_000_000;

/** A run's narrative spending so far, kept by a ledger shared by every crew of the run. */
export interface NarrativeBudget {
  readonly capUsd: number;
  /** Reserve `usd` if spent + reserved + usd stays within the cap; false (nothing reserved) otherwise. */
  reserve(usd: number): Promise<boolean>;
  /** Replace a reservation by the call's cost (the reservation stays when the cost is unknown). */
  settle(reservedUsd: number, actualUsd: number | null): Promise<void>;
}

/** Whole micro-dollars, rounded up: a reservation never undercounts. */
export const toMicroUsd = (usd: number): number => Math.ceil(Math.round(usd * MICRO_USD * 1000) / 1000);

/** The decision: may `reserveMicro` more be spent when `spentMicro` is already, under `capMicro`? */
export const fitsBudget = (spentMicro: number, reserveMicro: number, capMicro: number): boolean => spentMicro + reserveMicro <= capMicro;

/** The most one call can cost: its prompt's bytes at RESERVED_BYTES_PER_TOKEN, and every output token it may write. */
export function callReservationUsd(price: ModelPrice, prompt: { system: string; user: string }, maxOutputTokens: number): number {
  const bytes = Buffer.byteLength(prompt.system) + Buffer.byteLength(prompt.user);
  const inputTokens = Math.ceil(bytes / RESERVED_BYTES_PER_TOKEN);
  return (inputTokens * price.inputPerMillion + maxOutputTokens * price.outputPerMillion) / 1_000_000;
}

export interface ExpectedNarrativeCost {
  tickers: number;
  inputTokensPerTicker: number;
  /** The output cap of a call (the model may write fewer). */
  outputTokensPerTicker: number;
  /** null: the model has no price, the cost is unknown. */
  usd: number | null;
}

/**
 * What the run's narratives are expected to cost, stated before any call: every ticker once, at
 * EXPECTED_INPUT_TOKENS_PER_CALL in and the output cap out (an upper figure for the output,
 * and a retry after an invalid answer costs a second call).
 */
export function expectedNarrativeCost(price: ModelPrice | null, tickers: number, maxOutputTokens: number): ExpectedNarrativeCost {
  const perTicker =
    price === null ? null : (EXPECTED_INPUT_TOKENS_PER_CALL * price.inputPerMillion + maxOutputTokens * price.outputPerMillion) / 1_000_000;
  return {
    tickers,
    inputTokensPerTicker: EXPECTED_INPUT_TOKENS_PER_CALL,
    outputTokensPerTicker: maxOutputTokens,
    usd: perTicker === null ? null : Math.round(perTicker * tickers * 1e6) / 1e6,
  };
}
