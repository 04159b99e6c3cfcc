// The Yahoo adapter (yahoo-finance2 3.x + yahooPort) and the price figures of the technical and
// risk analysts on REAL recorded
// Yahoo answers (../shared/fixtures/yahoo and yahoo-2026), replayed through our own fetch.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createYahooFinance, resetYahooSession } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { describeYahooError, isNoFundamentals } from '../../lambdas/adapters/yahoo/yahoo-errors.js';
import { isValidationDrift, yahooPort, type YahooFinanceLike, type YahooPort } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import { analyseRisk } from '../../lambdas/core/analysis/analysts/risk-analyst.js';
import { analyseTechnicals } from '../../lambdas/core/analysis/analysts/technical-analyst.js';
import type { DailyBar } from '../../lambdas/core/prefetch/market-data.js';
import { nonFiniteNumberPaths } from '../support/walk-numbers.js';
import {
  createReplayFetch,
  readRecordedFile,
  readRecording,
  recordedModules,
  recordedSummary,
  REPLAY_MISS_STATUS,
  yahoo2025Recordings,
  yahoo2026Recordings,
  type ReplayFetch,
} from './replay-fetch.js';

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Reading the recordings directly, for the expected values.

const recorded = readRecordedFile;


/** The quotes of a recorded quote answer, by symbol. */
const recordedQuotes = (file: string): Map<string, Json> =>
  new Map(
    (recorded(file).response.bodyJson as { quoteResponse: { result: Json[] } }).quoteResponse.result.map((q) => [
      q.symbol as string,
      q,
    ]),
  );

interface RecordedChart {
  timestamp: number[];
  events?: { splits?: Record<string, { numerator: number; denominator: number }>; dividends?: Record<string, unknown> };
  indicators: { quote: Array<{ close: Array<number | null> }>; adjclose: Array<{ adjclose: Array<number | null> }> };
}
const recordedChart = (file: string): RecordedChart =>
  (recorded(file).response.bodyJson as { chart: { result: RecordedChart[] } }).chart.result[0]!;

/** The period1/period2 (epoch seconds) of a recorded chart request. */
function recordedWindow(file: string): { from: Date; to: Date } {
  const url = new URL(recorded(file).request.url);
  return {
    from: new Date(Number(url.searchParams.get('period1')) * 1000),
    to: new Date(Number(url.searchParams.get('period2')) * 1000),
  };
}


const isPlainObject = (v: unknown): v is Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;
const RANGE_TEXT = /^(-?[\d.]+) - (-?[\d.]+)$/;

/**
 * Where a parsed value differs from the recorded raw one. yahoo-finance2 coerces some fields,
 * each accepted here only in its own form: epoch seconds (or milliseconds for `*Milliseconds`
 * fields, or ISO text) to Date, `{raw, fmt}` to raw, an empty `{}` figure to null, numeric
 * text to a number, "low - high" text to {low, high}. Everything else must be equal, and no
 * key may be added or lost.
 */
function differences(actual: unknown, raw: unknown, path = '$', out: string[] = []): string[] {
  if (isPlainObject(raw) && 'raw' in raw && !(isPlainObject(actual) && 'raw' in actual)) {
    return differences(actual, raw.raw, path, out);
  }
  if (actual === null && isPlainObject(raw) && Object.keys(raw).length === 0) return out;
  if (actual instanceof Date) {
    const scale = path.endsWith('Milliseconds') ? 1 : 1000;
    const expected = typeof raw === 'number' ? raw * scale : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
    if (actual.getTime() !== expected) out.push(`${path}: Date ${actual.toISOString()} vs recorded ${JSON.stringify(raw)}`);
    return out;
  }
  if (typeof actual === 'number' && typeof raw === 'string' && NUMERIC_TEXT.test(raw)) {
    if (actual !== Number(raw)) out.push(`${path}: ${actual} vs recorded ${JSON.stringify(raw)}`);
    return out;
  }
  const range = typeof raw === 'string' ? RANGE_TEXT.exec(raw) : null;
  if (range && isPlainObject(actual) && 'low' in actual) {
    return differences(actual, { low: Number(range[1]), high: Number(range[2]) }, path, out);
  }
  if (Array.isArray(raw)) {
    if (!Array.isArray(actual) || actual.length !== raw.length) {
      out.push(`${path}: ${JSON.stringify(actual)?.slice(0, 80)} vs recorded array of ${raw.length}`);
      return out;
    }
    raw.forEach((item, i) => differences(actual[i], item, `${path}[${i}]`, out));
    return out;
  }
  if (isPlainObject(raw)) {
    if (!isPlainObject(actual)) {
      out.push(`${path}: ${String(actual)} vs recorded object`);
      return out;
    }
    for (const key of new Set([...Object.keys(raw), ...Object.keys(actual)])) {
      if (!(key in raw)) out.push(`${path}.${key}: not in the recording`);
      else if (!(key in actual)) out.push(`${path}.${key}: recorded but lost`);
      else differences(actual[key], raw[key], `${path}.${key}`, out);
    }
    return out;
  }
  if (!Object.is(actual, raw)) out.push(`${path}: ${JSON.stringify(actual)} vs recorded ${JSON.stringify(raw)}`);
  return out;
}

const get = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Json)[key] : undefined), value);

/** Runs `call` and returns the recording files that answered it. */
async function servedDuring<T>(replay: ReplayFetch, call: () => Promise<T>): Promise<{ value: T; files: string[] }> {
  const start = replay.served.length;
  const value = await call();
  return { value, files: replay.served.slice(start) };
}

// ---------------------------------------------------------------------------------------------
// Independent figures, computed here from the recorded arrays (not with the product's code).

function welfordSampleVariance(values: number[]): number {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const x of values) {
    n += 1;
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  return m2 / (n - 1);
}

const logReturns = (series: number[]): number[] => series.slice(1).map((v, i) => Math.log(v / series[i]!));

function independentFigures(series: number[]) {
  return {
    oneYearReturn: series[series.length - 1]! / series[0]! - 1,
    annualisedVolatility: Math.sqrt(welfordSampleVariance(logReturns(series)) * 252),
    low: series.reduce((a, b) => Math.min(a, b)),
    high: series.reduce((a, b) => Math.max(a, b)),
  };
}

const numbers = (values: Array<number | null>): number[] => {
  if (values.some((v) => typeof v !== 'number')) throw new Error('recorded series has gaps');
  return values as number[];
};

/**
 * The one-year figures the crew reads from a chart: the technical analyst's 12-month momentum
 * (over 252 bars: last / first - 1), 52-week range and last close, the risk analyst's volatility.
 */
function priceFigures(list: DailyBar[]) {
  const technical = analyseTechnicals(list);
  const risk = analyseRisk({ bars: list, benchmarkBars: null, benchmarkSymbol: 'SPY', weight: null });
  const { indicators } = technical;
  return {
    technical,
    risk,
    bars: indicators.bars,
    oneYearReturn: indicators.momentum.m12!,
    annualisedVolatility: risk.measures.annualisedVolatility!,
    week52Low: indicators.week52?.low,
    week52High: indicators.week52?.high,
    lastClose: indicators.lastClose,
  };
}

// ---------------------------------------------------------------------------------------------

function clientOver(replay: ReplayFetch): { yf: YahooFinanceLike; port: YahooPort } {
  const yf = createYahooFinance({ fetchImpl: replay }) as unknown as YahooFinanceLike;
  return { yf, port: yahooPort(yf) };
}

const replay2025 = createReplayFetch(yahoo2025Recordings());
const { yf: yf2025, port } = clientOver(replay2025);

describe('replay-fetch', () => {
  const replay = createReplayFetch(yahoo2025Recordings());

  it('ignores the crumb and the order of the query parameters', async () => {
    const response = await replay('https://query2.finance.yahoo.com/v7/finance/quote?crumb=other&symbols=AMZN');
    expect(response.status).toBe(200);
    expect(replay.served.at(-1)).toBe('yahoo/quote-AMZN.json');
    const body = (await response.json()) as { quoteResponse: { result: Json[] } };
    expect(body.quoteResponse.result[0]?.symbol).toBe('AMZN');
  });

  it('tells GET from POST and keeps set-cookie headers one by one', async () => {
    const url = 'https://consent.yahoo.com/v2/collectConsent?sessionId=3_cc-session_dcf322f7-c2b7-4e77-9e32-36143f8f7c5d';
    expect((await replay(url)).status).toBe(200);
    const submit = await replay(url, { method: 'POST', body: 'agree=agree' });
    expect(submit.status).toBe(302);
    expect(submit.headers.get('location')).toMatch(/^https:\/\/guce\.yahoo\.com\/copyConsent\?/);
    const copy = await replay('https://guce.yahoo.com/copyConsent?sessionId=3_cc-session_dcf322f7-c2b7-4e77-9e32-36143f8f7c5d&lang=en-GB');
    expect(copy.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['GUC', 'A3', 'A1S', 'EuConsent', 'A1']);
  });

  it('reads the 2022 recorder headers given as arrays of strings', async () => {
    const response = await replay('https://query2.finance.yahoo.com/v7/finance/quote?symbols=NONEXIST');
    expect(replay.served.at(-1)).toBe('yahoo/quoteCombine-NONEXIST.json');
    expect(response.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(await response.json()).toEqual({ quoteResponse: { result: [], error: null } });
  });

  it('answers an unrecorded request with 599 naming the URL, and lists it', async () => {
    const url = 'https://query2.finance.yahoo.com/v10/finance/quoteSummary/MSFT?formatted=false&modules=price';
    const response = await replay(url);
    expect(response.status).toBe(REPLAY_MISS_STATUS);
    expect(await response.text()).toContain(url);
    expect(replay.unmatched).toEqual([url]);
    expect(replay.requested.at(-1)).toBe(url);
  });

  it('refuses to guess between two recordings of the same request', async () => {
    const both = createReplayFetch([readRecording('yahoo/quote-AAPL.json'), readRecording('yahoo/quoteCombine-AAPL.json')]);
    const response = await both('https://query2.finance.yahoo.com/v7/finance/quote?symbols=AAPL');
    expect(response.status).toBe(REPLAY_MISS_STATUS);
    expect(await response.text()).toMatch(/ambiguous.*quote-AAPL\.json.*quoteCombine-AAPL\.json/);
  });
});

describe('yahoo-finance2 + yahooPort on the 2025 recordings', () => {
  beforeAll(async () => {
    await resetYahooSession(); // the cookie and crumb exchange must run through the replay
  });

  it('replays the cookie and crumb exchange, then sends the recorded crumb', async () => {
    const { value, files } = await servedDuring(replay2025, () => port.quote(['AAPL']));
    expect(files).toEqual([
      'yahoo/getCrumb-quote-AAPL.json',
      'yahoo/getCrumb-quote-AAPL-consent.html.json',
      'yahoo/getCrumb-quote-AAPL-collectConsent.html.json',
      'yahoo/getCrumb-quote-AAPL-collectConsentSubmit.json',
      'yahoo/getCrumb-quote-AAPL-copyConsent.json',
      'yahoo/getCrumb-quote-AAPL-consent-final-redirect.html.json',
      'yahoo/getCrumb-getcrumb.json',
      'yahoo/quote-AAPL.json',
    ]);
    const quoteUrl = new URL(replay2025.requested.at(-1)!);
    expect(quoteUrl.searchParams.get('crumb')).toBe('haT3oykhHqZ'); // the crumb body of getCrumb-getcrumb.json
    expect(value.map((q) => q.symbol)).toEqual(['AAPL']);
  });

  it.each([
    ['AAPL', 'EQUITY'],
    ['AMZN', 'EQUITY'],
    ['QQQ', 'ETF'],
  ])('quote of %s parses to the recorded figures', async (symbol, quoteType) => {
    const { value, files } = await servedDuring(replay2025, () => port.quote([symbol]));
    expect(files).toEqual([`yahoo/quote-${symbol}.json`]);
    expect(value).toHaveLength(1);
    const raw = recordedQuotes(`yahoo/quote-${symbol}.json`).get(symbol)!;
    const quote = value[0]!;
    expect(quote.quoteType).toBe(quoteType);
    expect(quote.currency).toBe('USD');
    expect(quote.regularMarketPrice).toBe(raw.regularMarketPrice);
    expect(typeof quote.regularMarketPrice).toBe('number');
    expect(quote.marketCap).toBe(raw.marketCap);
    expect(differences(quote, raw)).toEqual([]);
  });

  it('quote of several symbols in one request (AAPL, BABA)', async () => {
    const quotes = await port.quote(['AAPL', 'BABA']);
    const raw = recordedQuotes('yahoo/quote-AAPL-BABA.json');
    expect(quotes.map((q) => q.symbol)).toEqual(['AAPL', 'BABA']);
    for (const quote of quotes) expect(differences(quote, raw.get(quote.symbol as string))).toEqual([]);
  });

  it('an unknown symbol is simply absent from the quote answer, not an error', async () => {
    const { value, files } = await servedDuring(replay2025, () => port.quote(['AAPL', 'NONEXIST']));
    expect(files).toEqual(['yahoo/quoteCombine-AAPL-NONEXIST.json']);
    expect(value.map((q) => q.symbol)).toEqual(['AAPL']);
    await expect(port.quote(['NONEXIST'])).resolves.toEqual([]);
  });

  // Every recorded 200 module answer: the port's data equals the recorded raw values.
  const moduleFiles = ['AAPL', 'AMZN', 'QQQ'].flatMap((symbol) =>
    [
      'assetProfile',
      'calendarEvents',
      'defaultKeyStatistics',
      'earnings',
      'financialData',
      'price',
      'quoteType',
      'recommendationTrend',
      'summaryDetail',
      'summaryProfile',
    ]
      .map((module) => ({ symbol, module, file: `yahoo/quoteSummary-${module}-${symbol}.json` }))
      .filter(({ file }) => recorded(file).response.status === 200),
  );

  it('has the recorded module answers the suite expects (ETF 404s excluded)', () => {
    expect(moduleFiles).toHaveLength(26);
  });

  it.each(moduleFiles)('quoteSummary $symbol [$module] equals the recorded raw values', async ({ symbol, module, file }) => {
    const { value, files } = await servedDuring(replay2025, () => port.quoteSummary(symbol, [module]));
    expect(files).toEqual([file]);
    expect(Object.keys(value)).toEqual([module]);
    expect(differences(value, recordedSummary(file))).toEqual([]);
  });

  it('AAPL headline figures are the recorded ones', async () => {
    const cases: Array<[string, string]> = [
      ['summaryDetail', 'summaryDetail.trailingPE'],
      ['summaryDetail', 'summaryDetail.forwardPE'],
      ['financialData', 'financialData.currentPrice'],
      ['financialData', 'financialData.targetMeanPrice'],
      ['price', 'price.regularMarketPrice'],
      ['defaultKeyStatistics', 'defaultKeyStatistics.beta'],
    ];
    for (const [module, path] of cases) {
      const expected = get(recordedSummary(`yahoo/quoteSummary-${module}-AAPL.json`), path);
      expect(typeof expected, path).toBe('number'); // it is recorded, so the check has teeth
      expect(get(await port.quoteSummary('AAPL', [module]), path), path).toBe(expected);
    }
  });

  it.each(['financialData', 'earnings', 'recommendationTrend', 'calendarEvents'])(
    "QQQ (an ETF) [%s]: Yahoo's 404 rejects with an error isNoFundamentals recognises",
    async (module) => {
      expect(recorded(`yahoo/quoteSummary-${module}-QQQ.json`).response.status).toBe(404);
      const error = await port.quoteSummary('QQQ', [module]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(isNoFundamentals(error)).toBe(true);
      expect((error as Error).message).toContain(`summaryTypes=${module}`);
    },
  );

  it.each(['AAPL', 'AMZN'])(
    'the 2025 %s earnings answer drifts from yahoo-finance2 3.15 schema, and yahooPort keeps its data',
    async (symbol) => {
      const file = `yahoo/quoteSummary-earnings-${symbol}.json`;
      // The library alone rejects it: the 2025 answer lacks fields its schema requires.
      const direct = await yf2025.quoteSummary(symbol, { modules: ['earnings'] }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isValidationDrift(direct)).toBe(true);
      const missing = ((direct as { errors?: Array<{ instancePath: string; params?: { missingProperty?: string } }> }).errors ?? [])
        .map((e) => `${e.instancePath}:${e.params?.missingProperty ?? ''}`);
      expect(missing.some((m) => m.startsWith('/earnings/earningsChart/quarterly/0'))).toBe(true);
      // Through the port: no error, and every recorded figure is there.
      const summary = await port.quoteSummary(symbol, ['earnings']);
      const raw = recordedSummary(file);
      expect(differences(summary, raw)).toEqual([]);
      expect(get(summary, 'earnings.earningsChart.quarterly.3.actual')).toBe(get(raw, 'earnings.earningsChart.quarterly.3.actual'));
      expect(get(summary, 'earnings.financialsChart.yearly.3.revenue')).toBe(get(raw, 'earnings.financialsChart.yearly.3.revenue'));
    },
  );

  it('an unrecorded request fails loudly with the URL, as HTTP 599', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {}); // yahoo-finance2 prints the URL
    try {
      const error = await port.quoteSummary('MSFT', ['price']).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: 'HTTPError', code: REPLAY_MISS_STATUS });
      expect((error as Error).message).toMatch(/no recorded response for GET https:\/\/query\d\.finance\.yahoo\.com\/v10\/finance\/quoteSummary\/MSFT\?/);
      expect(describeYahooError(error)).toBe(`HTTP ${REPLAY_MISS_STATUS}`);
      expect(replay2025.unmatched.at(-1)).toContain('/v10/finance/quoteSummary/MSFT?');
    } finally {
      consoleError.mockRestore();
    }
  });
});

describe("daily bars and the analysts' price figures on the recorded one-year charts", () => {
  const NVDA = 'yahoo/historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json';
  const MSFT = 'yahoo/historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json';
  const MSFT_2026 = 'yahoo-2026/historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.json';

  async function bars(symbol: string, file: string, replay = replay2025, over = port): Promise<DailyBar[]> {
    const { from, to } = recordedWindow(file);
    const { value, files } = await servedDuring(replay, () => over.dailyBars(symbol, from, to));
    expect(files).toEqual([file]);
    return value;
  }

  it.each([
    ['MSFT', MSFT],
    ['NVDA', NVDA],
  ])('%s: 252 bars, oldest first, equal to the recorded series', async (symbol, file) => {
    const got = await bars(symbol, file);
    const chart = recordedChart(file);
    expect(got).toHaveLength(252);
    expect(got.map((b) => Date.parse(b.date) / 1000)).toEqual(chart.timestamp);
    expect(got.map((b) => b.close)).toEqual(chart.indicators.quote[0]!.close);
    expect(got.map((b) => b.adjclose)).toEqual(chart.indicators.adjclose[0]!.adjclose);
  });

  it('NVDA (4:1 split in the window): return and volatility come from the adjusted closes', async () => {
    const chart = recordedChart(NVDA);
    const split = Object.values(chart.events?.splits ?? {});
    expect(split.map((s) => `${s.numerator}:${s.denominator}`)).toEqual(['4:1']); // the split is in the window

    const figures = priceFigures(await bars('NVDA', NVDA));
    const adjusted = independentFigures(numbers(chart.indicators.adjclose[0]!.adjclose));
    const unadjusted = independentFigures(numbers(chart.indicators.quote[0]!.close));

    expect(figures.bars).toBe(252);
    expect(figures.oneYearReturn).toBeCloseTo(adjusted.oneYearReturn, 12);
    expect(figures.annualisedVolatility).toBeCloseTo(adjusted.annualisedVolatility, 12);
    expect(figures.week52Low).toBe(adjusted.low);
    expect(figures.week52High).toBe(adjusted.high);
    expect(figures.lastClose).toBe(chart.indicators.adjclose[0]!.adjclose.at(-1));
    // Reading `close` instead would give another return (NVDA's small dividends).
    expect(Math.abs(figures.oneYearReturn - unadjusted.oneYearReturn)).toBeGreaterThan(1e-3);
    expect(figures.oneYearReturn).toBeGreaterThan(0.5); // +72.7 %: no crash read into the split
    expect(figures.risk.measures.maxDrawdown!).toBeLessThan(0.5); // a 4:1 split read as a fall would be 75 %

    // Yahoo's chart `close` is already split-adjusted (only dividends are left for adjclose):
    // no day in the recorded window moves by anything like 4:1, in either series.
    const splitDay = chart.timestamp.findIndex((t) => t >= Number(Object.keys(chart.events!.splits!)[0]));
    const close = numbers(chart.indicators.quote[0]!.close);
    expect(close[splitDay]! / close[splitDay - 1]!).toBeGreaterThan(0.8);
    expect(close[splitDay]! / close[splitDay - 1]!).toBeLessThan(1.25);
    expect(Math.min(...logReturns(close))).toBeGreaterThan(Math.log(0.8));
  });

  it('MSFT (dividends): return and volatility come from the adjusted closes, not the closes', async () => {
    const chart = recordedChart(MSFT);
    expect(Object.keys(chart.events?.dividends ?? {}).length).toBeGreaterThanOrEqual(4);
    const figures = priceFigures(await bars('MSFT', MSFT));
    const adjusted = independentFigures(numbers(chart.indicators.adjclose[0]!.adjclose));
    const unadjusted = independentFigures(numbers(chart.indicators.quote[0]!.close));
    expect(figures.oneYearReturn).toBeCloseTo(adjusted.oneYearReturn, 12);
    expect(figures.annualisedVolatility).toBeCloseTo(adjusted.annualisedVolatility, 12);
    // The dividends are worth ~0.8 percentage points of return over the year.
    expect(figures.oneYearReturn - unadjusted.oneYearReturn).toBeGreaterThan(0.005);
  });

  it("MSFT's one-year return is the same from the 2025 and the 2026 recording, though Yahoo re-based every adjusted close", async () => {
    const replay2026 = createReplayFetch(yahoo2026Recordings());
    const { port: port2026 } = clientOver(replay2026);
    const older = await bars('MSFT', MSFT);
    const newer = await bars('MSFT', MSFT_2026, replay2026, port2026);
    expect(newer).toHaveLength(252);
    expect(newer[0]!.adjclose).not.toBe(older[0]!.adjclose); // later dividends moved the whole series
    const [a, b] = [priceFigures(older), priceFigures(newer)];
    // Equal up to the rounding of the recorded adjusted closes (single precision).
    expect(b.oneYearReturn).toBeCloseTo(a.oneYearReturn, 5);
    expect(b.annualisedVolatility).toBeCloseTo(a.annualisedVolatility, 5);
  });

  it('TSLA: the whole recorded daily history (3303 bars) comes through', async () => {
    const file = 'yahoo/historical-via-chart-dividends-TSLA-no-dividends.json';
    const got = await bars('TSLA', file);
    expect(got).toHaveLength(recordedChart(file).timestamp.length);
    expect(got).toHaveLength(3303);
    // The analysts take it whole: the indicators over the last year of it, nothing NaN.
    const figures = priceFigures(got);
    expect(figures.bars).toBe(3303);
    expect(figures.technical.score).not.toBeNull();
    expect(figures.risk.score).not.toBeNull();
    expect(figures.technical.indicators.sma200).not.toBeNull();
    expect(nonFiniteNumberPaths(figures)).toEqual([]);
  });
});

describe('yahoo-finance2 + yahooPort on the 2026 recordings', () => {
  const replay = createReplayFetch(yahoo2026Recordings());
  const { yf, port: port2026 } = clientOver(replay);

  it('VWRL.L: a London ETF quoted in GBP (not pence)', async () => {
    const { value, files } = await servedDuring(replay, () => port2026.quote(['VWRL.L']));
    expect(files.at(-1)).toBe('yahoo-2026/quote-VWRL.L.json');
    const raw = recordedQuotes('yahoo-2026/quote-VWRL.L.json').get('VWRL.L')!;
    expect(value).toHaveLength(1);
    expect(value[0]!.currency).toBe('GBP');
    expect(value[0]!.quoteType).toBe('ETF');
    expect(value[0]!.regularMarketPrice).toBe(raw.regularMarketPrice);
    expect(differences(value[0], raw)).toEqual([]);
  });

  it.each(['AAPL', 'AMZN', 'QQQ', 'BTC-USD', 'EURUSD=X'])('quote of %s parses to the recorded figures', async (symbol) => {
    const file = `yahoo-2026/quote-${symbol}.json`;
    const { value, files } = await servedDuring(replay, () => port2026.quote([symbol]));
    expect(files.at(-1)).toBe(file);
    expect(differences(value[0], recordedQuotes(file).get(symbol))).toEqual([]);
  });

  it('QQQ 2026 quote no longer has marketCap', async () => {
    const [qqq] = await port2026.quote(['QQQ']);
    expect(qqq).toBeDefined();
    expect('marketCap' in qqq!).toBe(false);
  });

  it('BMW.DE: the many-module answer parses, every module equal to the recording', async () => {
    const file = 'yahoo-2026/quoteSummary-other-BMW.DE.json';
    const modules = recordedModules(file);
    const raw = recordedSummary(file);
    const direct = await yf.quoteSummary('BMW.DE', { modules }); // validates: no drift
    expect(Object.keys(direct as Json).sort()).toEqual(Object.keys(raw).sort());
    const { value, files } = await servedDuring(replay, () => port2026.quoteSummary('BMW.DE', modules));
    expect(files).toEqual([file]);
    expect(Object.keys(value)).toHaveLength(17);
    expect(differences(value, raw)).toEqual([]);
    expect(get(value, 'price.currency')).toBe('EUR');
    expect(get(value, 'financialData.currentPrice')).toBe(get(raw, 'financialData.currentPrice'));
    expect(typeof get(value, 'financialData.currentPrice')).toBe('number');
  });

  it.each(['AAPL', 'AMZN'])('the 2026 %s earnings answer validates (no drift) and equals the recording', async (symbol) => {
    const file = `yahoo-2026/quoteSummary-earnings-${symbol}.json`;
    const direct = await yf.quoteSummary(symbol, { modules: ['earnings'] });
    expect(differences(direct, recordedSummary(file))).toEqual([]);
    expect(differences(await port2026.quoteSummary(symbol, ['earnings']), recordedSummary(file))).toEqual([]);
  });

  it.each([
    ['AAPL', 'price'],
    ['AMZN', 'price'],
    ['AAPL', 'summaryDetail'],
    ['AMZN', 'summaryDetail'],
    ['AAPL', 'earningsTrend'],
  ])('quoteSummary %s [%s] equals the recording', async (symbol, module) => {
    const file = `yahoo-2026/quoteSummary-${module}-${symbol}.json`;
    const { value, files } = await servedDuring(replay, () => port2026.quoteSummary(symbol, [module]));
    expect(files).toEqual([file]);
    expect(differences(value, recordedSummary(file))).toEqual([]);
  });

  it('asking an ETF for every module answers 200 with only the modules it has (no 404)', async () => {
    const file = 'yahoo-2026/quoteSummary-all-QQQ.json';
    const modules = recordedModules(file);
    expect(modules).toContain('financialData');
    const value = await port2026.quoteSummary('QQQ', modules);
    expect(Object.keys(value).sort()).toEqual(Object.keys(recordedSummary(file)).sort());
    expect(value).not.toHaveProperty('financialData');
    expect(differences(value, recordedSummary(file))).toEqual([]);
  });
});
