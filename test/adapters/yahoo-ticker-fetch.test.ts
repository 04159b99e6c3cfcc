import { describe, expect, it } from 'vitest';
import { describeYahooError, isNoFundamentals, UNKNOWN_SYMBOL } from '../../lambdas/adapters/yahoo/yahoo-errors.js';
import { chartBars, isValidationDrift, yahooPort, type YahooFinanceLike, type YahooPort } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import { BASE_MODULES, COMPANY_MODULES, fetchYahooTicker, keepsSlowData, quoteSuffices } from '../../lambdas/adapters/yahoo/yahoo-ticker-fetch.js';
import type { SlowDataEntry } from '../../lambdas/core/prefetch/slow-data.js';
import type { DailyBar } from '../../lambdas/core/prefetch/market-data.js';

// Errors shaped like yahoo-finance2's, without importing it.
function httpError(code: number): Error {
  return Object.assign(new Error(`Failed with status ${code}`), { name: 'HTTPError', code });
}
function networkError(code?: string): Error {
  return Object.assign(new TypeError('fetch failed'), code ? { cause: Object.assign(new Error(code), { code }) } : {});
}
function validationError(result: unknown): Error {
  return Object.assign(new Error('Failed Yahoo Schema validation'), { name: 'FailedYahooValidationError', result, errors: [] });
}
const noFundamentals = (symbol: string) => new Error(`No fundamentals data found for symbol: ${symbol}`);

const BARS: DailyBar[] = [
  { date: '2024-06-03T13:30:00.000Z', open: 10, high: 11, low: 9, close: 10.5, adjclose: 10.5, volume: 100 },
  { date: '2024-06-04T13:30:00.000Z', open: 10.5, high: 12, low: 10, close: 11.5, adjclose: 11.5, volume: 200 },
];

type SummaryBehaviour = (modules: string[]) => Record<string, unknown>;

class FakePort implements YahooPort {
  statementsCalls: string[] = [];
  async annualStatements(symbol: string) {
    this.statementsCalls.push(symbol);
    return { years: [] };
  }
  summaryCalls: string[][] = [];
  barsCalls: Array<{ from: Date; to: Date }> = [];
  constructor(
    private readonly summary: SummaryBehaviour = (modules) => Object.fromEntries(modules.map((m) => [m, { ok: m }])),
    private readonly barsBehaviour: () => DailyBar[] = () => BARS,
  ) {}
  async quote(): Promise<Record<string, unknown>[]> {
    throw new Error('not used by fetchYahooTicker');
  }
  async quoteSummary(_symbol: string, modules: string[]) {
    this.summaryCalls.push([...modules]);
    return this.summary(modules);
  }
  async dailyBars(_symbol: string, from: Date, to: Date) {
    this.barsCalls.push({ from, to });
    return this.barsBehaviour();
  }
}

const NOW = new Date('2025-03-01T00:00:00.000Z');
const notAvailable = Object.fromEntries(COMPANY_MODULES.map((m) => [m, 'not available for this asset type']));

describe('fetchYahooTicker', () => {
  it('asks an EQUITY for all modules in one quoteSummary call', async () => {
    const port = new FakePort();
    const quote = { symbol: 'AAPL', quoteType: 'EQUITY', regularMarketPrice: 200 };
    const result = await fetchYahooTicker(port, 'AAPL', quote, NOW);
    expect(port.summaryCalls).toEqual([[...BASE_MODULES, ...COMPANY_MODULES]]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.symbol).toBe('AAPL');
    expect(result.data.quote).toBe(quote);
    expect(Object.keys(result.data.summary).sort()).toEqual([...BASE_MODULES, ...COMPANY_MODULES].sort());
    expect(result.data.summaryErrors).toEqual({});
    expect(result.data.bars).toEqual(BARS);
  });

  it('asks for one year of daily bars ending now', async () => {
    const port = new FakePort();
    await fetchYahooTicker(port, 'AAPL', null, NOW);
    expect(port.barsCalls).toHaveLength(1);
    expect(port.barsCalls[0]!.to).toEqual(NOW);
    const days = (NOW.getTime() - port.barsCalls[0]!.from.getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(365);
    expect(days).toBeLessThanOrEqual(367);
  });

  it('uses the bars already fetched this run (the benchmark’s) instead of asking again', async () => {
    const port = new FakePort();
    const known: DailyBar[] = [{ ...BARS[0]!, close: 99 }];
    const result = await fetchYahooTicker(port, 'SPY', { symbol: 'SPY', quoteType: 'EQUITY' }, NOW, { bars: known });
    expect(port.barsCalls).toEqual([]);
    expect(result).toMatchObject({ ok: true, data: { bars: known } });
    // No bars (the benchmark's fetch failed): the ticker asks for its own.
    const again = new FakePort();
    expect(await fetchYahooTicker(again, 'SPY', null, NOW, { bars: [] })).toMatchObject({ ok: true, data: { bars: BARS } });
    expect(again.barsCalls).toHaveLength(1);
  });

  it('asks all modules when the quote did not type the listing', async () => {
    const port = new FakePort();
    expect((await fetchYahooTicker(port, 'AAPL', null, NOW)).ok).toBe(true);
    expect(port.summaryCalls).toEqual([[...BASE_MODULES, ...COMPANY_MODULES]]);
  });

  it('reads an ETF from its quote alone: no quoteSummary, the company modules recorded as not available', async () => {
    const port = new FakePort();
    const quote = { symbol: 'SPY', quoteType: 'ETF', regularMarketPrice: 512.3, currency: 'USD' };
    const result = await fetchYahooTicker(port, 'SPY', quote, NOW);
    expect(port.summaryCalls).toEqual([]);
    expect(port.statementsCalls).toEqual([]);
    expect(port.barsCalls).toHaveLength(1);
    expect(result).toEqual({
      ok: true,
      data: { symbol: 'SPY', quote, summary: {}, summaryErrors: notAvailable, bars: BARS, barsSource: 'chart', statementsError: 'not available for this asset type' },
    });
  });

  it("asks a company's annual statements beside quoteSummary, six years back; a failure there loses nothing else", async () => {
    const port = new FakePort();
    const quote = { symbol: 'AAPL', quoteType: 'EQUITY', regularMarketPrice: 200 };
    const result = await fetchYahooTicker(port, 'AAPL', quote, NOW);
    expect(port.statementsCalls).toEqual(['AAPL']);
    expect(result.ok && result.data.statements).toEqual({ years: [] });
    const failing = new FakePort();
    failing.annualStatements = async () => {
      throw httpError(500);
    };
    const partial = await fetchYahooTicker(failing, 'AAPL', quote, NOW);
    expect(partial.ok).toBe(true);
    expect(partial.ok && partial.data.statements).toBeUndefined();
    expect(partial.ok && partial.data.statementsError).toMatch(/500/);
    expect(partial.ok && partial.data.bars).toEqual(BARS);
  });

  it.each(['ETF', 'MUTUALFUND', 'INDEX', 'CRYPTOCURRENCY', 'CURRENCY', 'FUTURE'])(
    'asks no quoteSummary for a %s whose quote has its price and currency',
    async (quoteType) => {
      const port = new FakePort();
      const result = await fetchYahooTicker(port, 'X', { symbol: 'X', quoteType, regularMarketPrice: 1.08, currency: 'USD' }, NOW);
      expect(port.summaryCalls).toEqual([]);
      expect(result).toMatchObject({ ok: true, data: { summary: {}, summaryErrors: notAvailable } });
    },
  );

  it('still asks a company all modules, however complete its quote', async () => {
    const port = new FakePort();
    await fetchYahooTicker(port, 'AAPL', { symbol: 'AAPL', quoteType: 'EQUITY', regularMarketPrice: 200, currency: 'USD' }, NOW);
    expect(port.summaryCalls).toEqual([[...BASE_MODULES, ...COMPANY_MODULES]]);
  });

  it('asks an ETF whose quote lacks its price or currency only for BASE_MODULES, recording the company modules as not available', async () => {
    const port = new FakePort();
    const result = await fetchYahooTicker(port, 'SPY', { symbol: 'SPY', quoteType: 'ETF' }, NOW);
    expect(port.summaryCalls).toEqual([BASE_MODULES]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.data.summary).sort()).toEqual([...BASE_MODULES].sort());
    expect(result.data.summaryErrors).toEqual(notAvailable);
  });

  it('falls back to BASE_MODULES when the full request answers "No fundamentals data found"', async () => {
    const port = new FakePort((modules) => {
      if (modules.includes('financialData')) throw noFundamentals('^GSPC');
      return Object.fromEntries(modules.map((m) => [m, {}]));
    });
    const result = await fetchYahooTicker(port, '^GSPC', null, NOW);
    expect(port.summaryCalls).toEqual([[...BASE_MODULES, ...COMPANY_MODULES], BASE_MODULES]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.data.summary).sort()).toEqual([...BASE_MODULES].sort());
    expect(result.data.summaryErrors).toEqual(notAvailable);
  });

  it('keeps the ticker when only quoteSummary fails for another reason, recording why', async () => {
    const port = new FakePort(() => {
      throw httpError(500);
    });
    const result = await fetchYahooTicker(port, 'AAPL', { quoteType: 'EQUITY' }, NOW);
    expect(port.summaryCalls).toHaveLength(1); // no fallback for a non-fundamentals error
    expect(result).toMatchObject({ ok: true, data: { summary: {}, summaryErrors: { all: 'HTTP 500' }, bars: BARS } });
  });

  it('fails an unknown symbol that neither quote nor quoteSummary knows', async () => {
    const port = new FakePort(() => {
      throw httpError(404);
    });
    expect(await fetchYahooTicker(port, 'ZZZZ', null, NOW)).toEqual({ ok: false, error: UNKNOWN_SYMBOL });
  });

  it('keeps a ticker whose fundamentals answered but that has no chart (404, empty): no bars, the reason kept', async () => {
    for (const [bars, reason] of [[() => { throw httpError(404); }, 'unknown symbol'], [() => [], 'no price history']] as const) {
      const port = new FakePort(undefined, bars);
      const result = await fetchYahooTicker(port, 'AAPL', { quoteType: 'EQUITY' }, NOW);
      expect(result.ok && { bars: result.data.bars, barsError: result.data.barsError, hasSummary: 'financialData' in result.data.summary }).toEqual({
        bars: [],
        barsError: reason,
        hasSummary: true,
      });
    }
  });

  it('fails a ticker whose chart failed for a passing reason, to be fetched again', async () => {
    const cases: Array<[Error, string]> = [
      [httpError(500), 'HTTP 500'],
      [networkError('ECONNREFUSED'), 'network error: ECONNREFUSED'],
    ];
    for (const [error, reason] of cases) {
      const port = new FakePort(undefined, () => {
        throw error;
      });
      expect(await fetchYahooTicker(port, 'AAPL', { quoteType: 'EQUITY' }, NOW)).toEqual({ ok: false, error: reason });
    }
  });

  it('fails a ticker Yahoo knows nothing of: no quote, no summary, no chart', async () => {
    const port = new FakePort(
      () => {
        throw httpError(404);
      },
      () => [],
    );
    expect(await fetchYahooTicker(port, 'NOPE', null, NOW)).toEqual({ ok: false, error: 'no price history' });
  });
});

describe('quoteSuffices', () => {
  const etf = { symbol: 'QQQ', quoteType: 'ETF', regularMarketPrice: 749.58, currency: 'USD' };

  it('is true for a non-company listing with its type, a positive price and a currency', () => {
    expect(quoteSuffices(etf)).toBe(true);
    expect(quoteSuffices({ ...etf, quoteType: 'CURRENCY', regularMarketPrice: 1.1602 })).toBe(true);
  });

  it('is false for a company, an untyped listing, and a quote without a usable price or currency', () => {
    expect(quoteSuffices(null)).toBe(false);
    expect(quoteSuffices({ ...etf, quoteType: 'EQUITY' })).toBe(false);
    for (const quoteType of [undefined, null, '', '  ', 42]) expect(quoteSuffices({ ...etf, quoteType }), String(quoteType)).toBe(false);
    for (const price of [undefined, null, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, '749.58']) {
      expect(quoteSuffices({ ...etf, regularMarketPrice: price }), String(price)).toBe(false);
    }
    for (const currency of [undefined, null, '', ' ', 840]) expect(quoteSuffices({ ...etf, currency }), String(currency)).toBe(false);
  });
});

describe('describeYahooError', () => {
  it('maps HTTPError 404 to unknown symbol and other codes to HTTP <code>', () => {
    expect(describeYahooError(httpError(404))).toBe('unknown symbol');
    expect(describeYahooError(httpError(500))).toBe('HTTP 500');
    expect(describeYahooError(httpError(429))).toBe('HTTP 429');
  });

  it('names the network cause of a failed fetch', () => {
    expect(describeYahooError(networkError('ECONNREFUSED'))).toBe('network error: ECONNREFUSED');
    expect(describeYahooError(networkError())).toBe('network error');
  });

  it('recognises timeouts, not-found texts and unparsable answers', () => {
    expect(describeYahooError(Object.assign(new Error('The operation timed out'), { name: 'TimeoutError' }))).toBe('timeout');
    expect(describeYahooError(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe('timeout');
    expect(describeYahooError(new Error('Quote not found for symbol: ZZZZ'))).toBe('unknown symbol');
    expect(describeYahooError(new Error('ZZZZ: possibly delisted; No data found, symbol may be delisted'))).toBe('unknown symbol');
    expect(describeYahooError(new Error('Response body is not parsable JSON'))).toBe('malformed answer');
  });

  it('keeps other messages short and on one line', () => {
    expect(describeYahooError(new Error(`first line\nsecond line`))).toBe('first line');
    expect(describeYahooError(new Error('x'.repeat(500)))).toHaveLength(200);
    expect(describeYahooError('plain string')).toBe('plain string');
  });

  it('tells the ETF 404 apart', () => {
    expect(isNoFundamentals(noFundamentals('SPY'))).toBe(true);
    expect(isNoFundamentals(httpError(404))).toBe(false);
    expect(isNoFundamentals('No fundamentals data found')).toBe(false);
  });
});

describe('yahooPort', () => {
  function fakeYf(overrides: Partial<YahooFinanceLike>): YahooFinanceLike {
    return {
      quote: async () => [],
      quoteSummary: async () => ({}),
      chart: async () => ({ quotes: [] }),
      fundamentalsTimeSeries: async () => [],
      ...overrides,
    };
  }

  it('recognises a FailedYahooValidationError-like error', () => {
    expect(isValidationDrift(validationError({}))).toBe(true);
    expect(isValidationDrift(new Error('Failed Yahoo Schema validation'))).toBe(false);
    // An ordinary error that happens to carry a `result` is not a drift: it must not be swallowed.
    expect(isValidationDrift(Object.assign(new Error('boom'), { result: {} }))).toBe(false);
    expect(isValidationDrift({ name: 'FailedYahooValidationError', result: {} })).toBe(false);
  });

  it('keeps the data of a drifted quoteSummary answer', async () => {
    const drifted = { price: { regularMarketPrice: 1 }, earnings: { weird: true } };
    const port = yahooPort(fakeYf({ quoteSummary: async () => Promise.reject(validationError(drifted)) }));
    expect(await port.quoteSummary('AAPL', ['price', 'earnings'])).toBe(drifted);
  });

  it('keeps the data of a drifted quote answer and asks for an array', async () => {
    const seen: unknown[] = [];
    const port = yahooPort(
      fakeYf({
        quote: async (symbols, options) => {
          seen.push([symbols, options]);
          throw validationError([{ symbol: 'AAPL' }, { symbol: 'MSFT' }]);
        },
      }),
    );
    expect(await port.quote(['AAPL', 'MSFT'])).toEqual([{ symbol: 'AAPL' }, { symbol: 'MSFT' }]);
    expect(seen).toEqual([[['AAPL', 'MSFT'], { return: 'array' }]]);
  });

  it('keeps the bars of a drifted chart answer and normalises them', async () => {
    const chart = {
      quotes: [
        { date: new Date('2024-06-03T13:30:00.000Z'), open: 1, high: 2, low: 0.5, close: 1.5, adjclose: 1.4, volume: 10 },
        { date: '2024-06-04T13:30:00.000Z', open: null, high: Number.NaN, low: undefined, close: 2, volume: 20 },
      ],
    };
    const port = yahooPort(fakeYf({ chart: async () => Promise.reject(validationError(chart)) }));
    expect(await port.dailyBars('AAPL', new Date(0), NOW)).toEqual([
      { date: '2024-06-03T13:30:00.000Z', open: 1, high: 2, low: 0.5, close: 1.5, adjclose: 1.4, volume: 10 },
      { date: '2024-06-04T13:30:00.000Z', open: null, high: null, low: null, close: 2, adjclose: null, volume: 20 },
    ]);
  });

  it('rethrows other errors, and a drift without data', async () => {
    const failure = httpError(429);
    const port = yahooPort(fakeYf({ quoteSummary: async () => Promise.reject(failure) }));
    await expect(port.quoteSummary('AAPL', ['price'])).rejects.toBe(failure);
    const empty = validationError(undefined);
    const emptyPort = yahooPort(fakeYf({ chart: async () => Promise.reject(empty) }));
    await expect(emptyPort.dailyBars('AAPL', new Date(0), NOW)).rejects.toBe(empty);
  });

  it('lets fetchYahooTicker keep a ticker whose earnings module drifts', async () => {
    const drifted = { price: { regularMarketPrice: 210 }, earnings: { financialsChart: 'drifted' } };
    const port = yahooPort(
      fakeYf({
        quoteSummary: async () => Promise.reject(validationError(drifted)),
        chart: async () => ({ quotes: [{ date: new Date('2024-06-03T00:00:00Z'), open: 1, high: 1, low: 1, close: 1, adjclose: 1, volume: 1 }] }),
      }),
    );
    const result = await fetchYahooTicker(port, 'AAPL', { quoteType: 'EQUITY' }, NOW);
    expect(result).toMatchObject({ ok: true, data: { summary: drifted, summaryErrors: {} } });
  });
});

describe('answers Yahoo leaves incomplete', () => {
  it('records the company modules missing from a 200 answer (an ETF asked as a company)', async () => {
    const port = new FakePort((modules) => Object.fromEntries(modules.filter((m) => BASE_MODULES.includes(m)).map((m) => [m, {}])));
    const result = await fetchYahooTicker(port, 'QQQ', null, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.data.summaryErrors).sort()).toEqual([...COMPANY_MODULES].sort());
    expect(result.data.summaryErrors.financialData).toBe("not in Yahoo's answer");
  });

  it('keeps the bars of a chart answer that drifted from the library schema (raw timestamps and indicators)', async () => {
    const raw = {
      meta: { symbol: 'NVDA' },
      timestamp: [1717421400, 1717507800],
      indicators: {
        quote: [{ open: [10, 10.5], high: [11, 12], low: [9, 10], close: [10.5, null], volume: [100, 200] }],
        adjclose: [{ adjclose: [10.4, 11.4] }],
      },
    };
    const yf: YahooFinanceLike = {
      quote: async () => [],
      quoteSummary: async () => ({}),
      fundamentalsTimeSeries: async () => [],
      chart: async () => {
        throw validationError(raw);
      },
    };
    const bars = await yahooPort(yf).dailyBars('NVDA', new Date(0), NOW);
    expect(bars).toEqual([
      { date: '2024-06-03T13:30:00.000Z', open: 10, high: 11, low: 9, close: 10.5, adjclose: 10.4, volume: 100 },
      { date: '2024-06-04T13:30:00.000Z', open: 10.5, high: 12, low: 10, close: null, adjclose: 11.4, volume: 200 },
    ]);
    expect(chartBars({ meta: {} })).toEqual([]);
  });

  describe('slow data from the cache', () => {
    const entry: SlowDataEntry = {
      ticker: 'AAPL',
      origin: { origin: 'simulated', endpoint: 'http://127.0.0.1:1' },
      fetched_at: '2025-02-26T21:00:00.000Z',
      market_at: '2025-02-26T21:00:00.000Z',
      price: 100,
      next_earnings: null,
      summary: { summaryDetail: { trailingPE: 20, marketCap: 1000 }, price: { regularMarketPrice: 100, marketCap: 1000 }, assetProfile: { sector: 'Technology' } },
      summaryErrors: {},
      statements: { years: [] },
    };
    const quote = { symbol: 'AAPL', quoteType: 'EQUITY', regularMarketPrice: 125 };

    it('asks neither quoteSummary nor the statements, and brings the cached valuation to the quote’s price', async () => {
      const port = new FakePort();
      const result = await fetchYahooTicker(port, 'AAPL', quote, NOW, { slow: { entry, ageDays: 2.5 } });
      expect(port.summaryCalls).toEqual([]);
      expect(port.statementsCalls).toEqual([]);
      expect(port.barsCalls).toHaveLength(1);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      // P/E is price over earnings: at 125 instead of 100 it is 25, not the cached 20.
      expect(result.data.summary.summaryDetail).toEqual({ trailingPE: 25, marketCap: 1250 });
      expect(result.data.summary.price).toEqual({ regularMarketPrice: 125, marketCap: 1250 });
      expect(result.data.summary.assetProfile).toEqual({ sector: 'Technology' });
      expect(result.data.statements).toEqual({ years: [] });
      expect(result.data.slowData).toEqual({ fetched_at: entry.fetched_at, market_at: entry.market_at, age_days: 2.5, rebased_from_price: 100 });
      // Reused data is never written back as if fetched today.
      expect(keepsSlowData(result.data)).toBe(false);
    });

    it('fetches again when the quote has no price to bring the cached figures to', async () => {
      const port = new FakePort();
      const result = await fetchYahooTicker(port, 'AAPL', { symbol: 'AAPL', quoteType: 'EQUITY' }, NOW, { slow: { entry, ageDays: 1 } });
      expect(port.summaryCalls).toHaveLength(1);
      expect(port.statementsCalls).toEqual(['AAPL']);
      expect(result.ok && result.data.slowData).toBeUndefined();
      expect(result.ok && keepsSlowData(result.data)).toBe(true);
    });

    it('keeps a fetch as slow data only when its summary came back whole', async () => {
      const failing = new FakePort(() => {
        throw httpError(500);
      });
      const result = await fetchYahooTicker(failing, 'AAPL', quote, NOW);
      expect(result.ok).toBe(true);
      expect(result.ok && keepsSlowData(result.data)).toBe(false);
      const statementsDown = new FakePort();
      statementsDown.annualStatements = async () => {
        throw httpError(503);
      };
      const partial = await fetchYahooTicker(statementsDown, 'AAPL', quote, NOW);
      expect(partial.ok && keepsSlowData(partial.data)).toBe(false);
    });
  });
});
