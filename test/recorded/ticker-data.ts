// YahooTickerData as the prefetch builds it, from the real recordings: the fixtures hold one
// quoteSummary module per request, so each module is asked on its own and merged.
import { readFileSync } from 'node:fs';
import { createYahooFinance } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { describeYahooError, isNoFundamentals } from '../../lambdas/adapters/yahoo/yahoo-errors.js';
import { yahooPort, type YahooFinanceLike, type YahooPort } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import type { YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';
import { FIXTURES_DIR, type ReplayFetch } from './replay-fetch.js';

export const RECORDED_MODULES = [
  'price',
  'summaryDetail',
  'defaultKeyStatistics',
  'quoteType',
  'financialData',
  'assetProfile',
  'recommendationTrend',
  'earnings',
  'calendarEvents',
];

export const portOver = (replay: ReplayFetch): YahooPort =>
  yahooPort(createYahooFinance({ fetchImpl: replay }) as unknown as YahooFinanceLike);

/** The period1/period2 (epoch seconds) of a recorded chart request. */
export function recordedWindow(file: string): { from: Date; to: Date } {
  const exchange = JSON.parse(readFileSync(new URL(file, FIXTURES_DIR), 'utf8')) as { request: { url: string } };
  const url = new URL(exchange.request.url);
  return {
    from: new Date(Number(url.searchParams.get('period1')) * 1000),
    to: new Date(Number(url.searchParams.get('period2')) * 1000),
  };
}

export async function recordedTickerData(port: YahooPort, symbol: string, chartFile?: string): Promise<YahooTickerData> {
  const [quote] = await port.quote([symbol]);
  const summary: Record<string, unknown> = {};
  const summaryErrors: Record<string, string> = {};
  for (const module of RECORDED_MODULES) {
    try {
      Object.assign(summary, await port.quoteSummary(symbol, [module]));
    } catch (error) {
      summaryErrors[module] = isNoFundamentals(error) ? 'not available for this asset type' : describeYahooError(error);
    }
  }
  const window = chartFile ? recordedWindow(chartFile) : null;
  const bars = window ? await port.dailyBars(symbol, window.from, window.to) : [];
  return { symbol, quote: quote ?? null, summary, summaryErrors, bars };
}
