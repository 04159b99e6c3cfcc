// The first, basic analysis of one ticker: price, 52-week position, one-year return and
// volatility from the daily bars, folded into a 0..1 score. Pure: data in, figures out.
import type { BasicFigures } from './crew-result.js';
import type { YahooTickerData } from './market-data.js';

const TRADING_DAYS_PER_YEAR = 252;

export type BasicAnalysis = { ok: true; figures: BasicFigures; score: number } | { ok: false; error: string };

/** Adjusted closes where Yahoo gives them, so that a split is not read as a crash. */
export function adjustedCloses(data: YahooTickerData): number[] {
  return data.bars
    .map((bar) => bar.adjclose ?? bar.close)
    .filter((value): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0);
}

export function analyseBasics(data: YahooTickerData): BasicAnalysis {
  const closes = adjustedCloses(data);
  if (closes.length < 2) return { ok: false, error: `not enough price history (${closes.length} usable bars)` };
  const first = closes[0]!;
  const last = closes[closes.length - 1]!;
  const low = Math.min(...closes);
  const high = Math.max(...closes);
  const quotedPrice = data.quote?.regularMarketPrice;
  const figures: BasicFigures = {
    lastPrice: typeof quotedPrice === 'number' && quotedPrice > 0 ? quotedPrice : last,
    currency: typeof data.quote?.currency === 'string' ? data.quote.currency : null,
    week52Low: low,
    week52High: high,
    week52Position: high > low ? (last - low) / (high - low) : 0.5,
    oneYearReturn: last / first - 1,
    annualisedVolatility: annualisedVolatility(closes),
    bars: closes.length,
  };
  return { ok: true, figures, score: basicScore(figures) };
}

export function annualisedVolatility(closes: number[]): number {
  const returns = closes.slice(1).map((close, i) => Math.log(close / closes[i]!));
  if (returns.length < 2) return 0;
  const mean = returns.reduce((sum, r) => sum + r, 0) / returns.length;
  const variance = returns.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (returns.length - 1);
  return Math.sqrt(variance * TRADING_DAYS_PER_YEAR);
}

/** Momentum and range position reward, volatility penalises; each term is bounded to 0..1. */
export function basicScore(figures: BasicFigures): number {
  const momentum = 1 / (1 + Math.exp(-4 * figures.oneYearReturn));
  const calm = 1 - Math.min(figures.annualisedVolatility / 0.8, 1);
  const score = 0.35 * figures.week52Position + 0.45 * momentum + 0.2 * calm;
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}
