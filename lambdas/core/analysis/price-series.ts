// A ticker's daily closes as the analysts read them.
import type { YahooTickerData } from '../prefetch/market-data.js';

const TRADING_DAYS_PER_YEAR = 252;

/** Adjusted closes where Yahoo gives them, so that a split is not read as a crash. */
export function adjustedCloses(data: Pick<YahooTickerData, 'bars'>): number[] {
  return data.bars
    .map((bar) => bar.adjclose ?? bar.close)
    .filter((value): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0);
}

/** Sample standard deviation of daily log returns, annualised; 0 with fewer than two returns. */
export function annualisedVolatility(closes: number[]): number {
  const returns = closes.slice(1).map((close, i) => Math.log(close / closes[i]!));
  if (returns.length < 2) return 0;
  const mean = returns.reduce((sum, r) => sum + r, 0) / returns.length;
  const variance = returns.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (returns.length - 1);
  return Math.sqrt(variance * TRADING_DAYS_PER_YEAR);
}
