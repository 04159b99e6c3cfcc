// Each holding's share of the portfolio's market value, in the base currency.
import type { Holding } from '../contracts.js';
import { toBase, type FxRates } from './currency.js';

export interface QuotedPrice {
  price: number;
  currency: string | null;
}

/** Weights by ticker; null for a holding without shares, price or FX rate. */
export function portfolioWeights(
  holdings: Holding[],
  prices: Map<string, QuotedPrice>,
  rates: FxRates,
  base: string,
): Map<string, number | null> {
  const values = new Map<string, number | null>();
  for (const holding of holdings) {
    const quoted = prices.get(holding.ticker);
    values.set(
      holding.ticker,
      quoted && holding.shares !== undefined ? toBase(quoted.price * holding.shares, quoted.currency, rates, base) : null,
    );
  }
  const total = [...values.values()].reduce<number>((sum, value) => sum + (value ?? 0), 0);
  return new Map([...values].map(([ticker, value]) => [ticker, value !== null && total > 0 ? value / total : null]));
}

/** The price and currency a yahoo-finance2 quote gives, if it gives a usable price. */
export function quotedPrice(quote: Record<string, unknown> | undefined): QuotedPrice | undefined {
  const price = quote?.regularMarketPrice;
  if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0) return undefined;
  return { price, currency: typeof quote?.currency === 'string' ? quote.currency : null };
}
