// The three Yahoo calls the prefetch needs, over a yahoo-finance2 instance. A schema drift
// in Yahoo's answer (FailedYahooValidationError) must not lose a ticker: its data is kept.
import type { DailyBar } from '../../core/prefetch/market-data.js';

type Json = Record<string, unknown>;

export interface YahooPort {
  /** quote() for many symbols in one request; unknown symbols are simply absent. */
  quote(symbols: string[]): Promise<Json[]>;
  quoteSummary(symbol: string, modules: string[]): Promise<Json>;
  dailyBars(symbol: string, from: Date, to: Date): Promise<DailyBar[]>;
}

/** The subset of a yahoo-finance2 instance that the port uses. */
export interface YahooFinanceLike {
  quote(symbols: string[], queryOptions?: object, moduleOptions?: object): Promise<unknown>;
  quoteSummary(symbol: string, queryOptions: { modules: string[] }, moduleOptions?: object): Promise<unknown>;
  chart(symbol: string, queryOptions: { period1: Date; period2: Date; interval: '1d' }, moduleOptions?: object): Promise<unknown>;
}

export const isValidationDrift = (error: unknown): error is { result: unknown } =>
  error instanceof Error && error.name === 'FailedYahooValidationError' && 'result' in error;

async function keepDriftedResult<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isValidationDrift(error) && error.result) return error.result as T;
    throw error;
  }
}

const toNumberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

export function yahooPort(yf: YahooFinanceLike): YahooPort {
  return {
    async quote(symbols) {
      const answer = await keepDriftedResult(() => yf.quote(symbols, { return: 'array' }));
      return Array.isArray(answer) ? (answer as Json[]) : [];
    },
    async quoteSummary(symbol, modules) {
      return (await keepDriftedResult(() => yf.quoteSummary(symbol, { modules }))) as Json;
    },
    async dailyBars(symbol, from, to) {
      const chart = await keepDriftedResult(() => yf.chart(symbol, { period1: from, period2: to, interval: '1d' }));
      return chartBars(chart);
    },
  };
}

type RawChart = {
  timestamp?: number[];
  indicators?: { quote?: Array<Record<string, Array<number | null>>>; adjclose?: Array<{ adjclose?: Array<number | null> }> };
};

/**
 * Bars from a chart answer: the library's `quotes`, or, when Yahoo's answer drifted from the
 * library's schema, the raw arrays it attaches to the error (timestamps plus indicators).
 */
export function chartBars(chart: unknown): DailyBar[] {
  const parsed = chart as { quotes?: Array<Record<string, unknown>> } & RawChart;
  if (Array.isArray(parsed.quotes)) {
    return parsed.quotes.map((bar) => ({
      date: bar.date instanceof Date ? bar.date.toISOString() : String(bar.date),
      open: toNumberOrNull(bar.open),
      high: toNumberOrNull(bar.high),
      low: toNumberOrNull(bar.low),
      close: toNumberOrNull(bar.close),
      adjclose: toNumberOrNull(bar.adjclose),
      volume: toNumberOrNull(bar.volume),
    }));
  }
  const quote = parsed.indicators?.quote?.[0] ?? {};
  const adjclose = parsed.indicators?.adjclose?.[0]?.adjclose ?? [];
  return (parsed.timestamp ?? []).map((seconds, i) => ({
    date: new Date(seconds * 1000).toISOString(),
    open: toNumberOrNull(quote.open?.[i]),
    high: toNumberOrNull(quote.high?.[i]),
    low: toNumberOrNull(quote.low?.[i]),
    close: toNumberOrNull(quote.close?.[i]),
    adjclose: toNumberOrNull(adjclose[i]),
    volume: toNumberOrNull(quote.volume?.[i]),
  }));
}
