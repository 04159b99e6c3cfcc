// A holding's position in the base currency: market value, cost, unrealised gain or loss.
import { z } from 'zod';
import type { Holding } from '../contracts.js';
import { toBase, type FxRates } from './currency.js';

export const positionSchema = z.object({
  shares: z.number().nullable(),
  quote_currency: z.string().nullable(),
  base_currency: z.string(),
  last_price: z.number().nullable(),
  cost_basis: z.number().nullable(),
  cost_basis_currency: z.string().nullable(),
  market_value: z.number().nullable(),
  cost_value: z.number().nullable(),
  unrealised_gain: z.number().nullable(),
  unrealised_gain_pct: z.number().nullable(),
  /** Share of the portfolio's market value; null until the portfolio's value is known. */
  weight: z.number().nullable(),
});
export type Position = z.infer<typeof positionSchema>;

export function positionFigures(input: {
  holding: Holding;
  lastPrice: number | null;
  quoteCurrency: string | null;
  rates: FxRates;
  baseCurrency: string;
  weight: number | null;
}): Position {
  const { holding, lastPrice, quoteCurrency, rates, baseCurrency } = input;
  const shares = holding.shares ?? null;
  const costCurrency = holding.currency ?? quoteCurrency;
  const marketValue = shares !== null && lastPrice !== null ? toBase(lastPrice * shares, quoteCurrency, rates, baseCurrency) : null;
  const costValue =
    shares !== null && holding.costBasis !== undefined ? toBase(holding.costBasis * shares, costCurrency, rates, baseCurrency) : null;
  const gain = marketValue !== null && costValue !== null ? marketValue - costValue : null;
  return {
    shares,
    quote_currency: quoteCurrency,
    base_currency: baseCurrency,
    last_price: lastPrice,
    cost_basis: holding.costBasis ?? null,
    cost_basis_currency: holding.costBasis !== undefined ? costCurrency : null,
    market_value: marketValue,
    cost_value: costValue,
    unrealised_gain: gain,
    unrealised_gain_pct: gain !== null && costValue ? gain / costValue : null,
    weight: input.weight,
  };
}
