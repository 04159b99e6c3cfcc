// The four Yahoo calls the prefetch needs, over a yahoo-finance2 instance. A schema drift
// in Yahoo's answer (FailedYahooValidationError) must not lose a ticker: its data is kept.
import type { AnnualStatements, DailyBar } from '../../core/prefetch/market-data.js';
import { sparkBars } from './yahoo-spark.js';

const SPARK_URL = 'https://${YF_QUERY_HOST}/v7/finance/spark';

type Json = Record<string, unknown>;

export interface YahooPort {
  /** quote() for many symbols in one request; unknown symbols are simply absent. */
  quote(symbols: string[]): Promise<Json[]>;
  quoteSummary(symbol: string, modules: string[]): Promise<Json>;
  dailyBars(symbol: string, from: Date, to: Date): Promise<DailyBar[]>;
  /** Annual statements between two dates (fundamentals time series, every module in one request). */
  annualStatements(symbol: string, from: Date, to: Date): Promise<AnnualStatements>;
  /** One year of daily closes of up to SPARK_SYMBOLS_PER_REQUEST symbols in one request (spark);
   * a symbol missing from the answer, or shaped otherwise, is absent. Absent: not available. */
  sparkBars?(symbols: string[]): Promise<Map<string, DailyBar[]>>;
}

/** The subset of a yahoo-finance2 instance that the port uses. */
export interface YahooFinanceLike {
  quote(symbols: string[], queryOptions?: object, moduleOptions?: object): Promise<unknown>;
  quoteSummary(symbol: string, queryOptions: { modules: string[] }, moduleOptions?: object): Promise<unknown>;
  chart(symbol: string, queryOptions: { period1: Date; period2: Date; interval: '1d' }, moduleOptions?: object): Promise<unknown>;
  fundamentalsTimeSeries(
    symbol: string,
    queryOptions: { period1: Date; period2: Date; type: 'annual'; module: 'all' },
    moduleOptions?: object,
  ): Promise<unknown>;
  /** The library's own request helper (its queue, cookies and our fetch): for the spark endpoint, which it has no module for. */
  _fetch?(urlBase: string, params: Record<string, string>, moduleOpts: object, func: 'json', needsCrumb: boolean): Promise<unknown>;
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
    async annualStatements(symbol, from, to) {
      const rows = await keepDriftedResult(() => yf.fundamentalsTimeSeries(symbol, { period1: from, period2: to, type: 'annual', module: 'all' }));
      return statementYears(rows);
    },
    ...(yf._fetch
      ? {
          async sparkBars(symbols: string[]) {
            const answer = await yf._fetch!(SPARK_URL, { symbols: symbols.join(','), range: '1y', interval: '1d' }, {}, 'json', false);
            return sparkBars(answer, symbols);
          },
        }
      : {}),
  };
}

/** The library's rows (one per period: `date` and every figure by name) as fiscal years, oldest first. */
export function statementYears(rows: unknown): AnnualStatements {
  const years: AnnualStatements['years'] = [];
  for (const row of Array.isArray(rows) ? (rows as Array<Record<string, unknown>>) : []) {
    const date = row.date instanceof Date ? row.date : typeof row.date === 'number' ? new Date(row.date * 1000) : null;
    if (!date || Number.isNaN(date.getTime())) continue;
    const values: Record<string, number> = {};
    for (const [name, value] of Object.entries(row)) if (typeof value === 'number' && Number.isFinite(value) && name !== 'date') values[name] = value;
    years.push({ period_end: date.toISOString(), values });
  }
  return { years: years.sort((a, b) => a.period_end.localeCompare(b.period_end)) };
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
