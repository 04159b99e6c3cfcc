// Alpha Vantage's pure core on synthetic bodies: numbers sent as strings, "None"/"-" for
// missing values, the classification of limit and error bodies, and the analyst's figures.
import { describe, expect, it } from 'vitest';
import {
  alphaVantageEarningsSchema,
  alphaVantageFigures,
  alphaVantageOverviewSchema,
  classifyAlphaVantageBody,
  interpretAlphaVantageAnswer,
  latestReportedQuarter,
  parseAlphaVantageNumber,
  parseAlphaVantageText,
  redactEchoedApiKey,
} from '../../lambdas/core/alpha-vantage/alpha-vantage.js';

const OVERVIEW = {
  Symbol: 'ACME',
  AssetType: 'Common Stock',
  Name: 'Acme Corp',
  Sector: 'None',
  LatestQuarter: '2024-09-30',
  MarketCapitalization: '1234567890',
  PERatio: '21.5',
  TrailingPE: '21.4',
  ForwardPE: 'None',
  PEGRatio: '-',
  PriceToBookRatio: '3.25',
  PriceToSalesRatioTTM: '2.1',
  EVToEBITDA: '-12.75',
  ReturnOnEquityTTM: '0.187',
  ProfitMargin: '0.092',
  OperatingMarginTTM: '0.131',
  QuarterlyRevenueGrowthYOY: '-0.054',
  QuarterlyEarningsGrowthYOY: '1.2e-1',
  AnalystTargetPrice: '150.00',
  Beta: '',
  Description: 'ignored',
};

const EARNINGS = {
  symbol: 'ACME',
  annualEarnings: [{ fiscalDateEnding: '2023-12-31', reportedEPS: '4.4' }],
  // Out of order on purpose, with a future quarter that has no reported EPS yet.
  quarterlyEarnings: [
    { fiscalDateEnding: '2024-06-30', reportedDate: '2024-07-20', reportedEPS: '1.10', estimatedEPS: '1.00', surprise: '0.10', surprisePercentage: '10' },
    { fiscalDateEnding: '2024-12-31', reportedDate: '2025-01-25', reportedEPS: 'None', estimatedEPS: '1.30', surprise: 'None', surprisePercentage: 'None' },
    { fiscalDateEnding: '2024-09-30', reportedDate: '2024-10-21', reportedEPS: '1.21', estimatedEPS: '1.25', surprise: '-0.04', surprisePercentage: '-3.2' },
    { fiscalDateEnding: '2024-03-31', reportedDate: '2024-04-20', reportedEPS: '0.9', estimatedEPS: '-', surprise: '-', surprisePercentage: '-' },
  ],
};

describe('parseAlphaVantageNumber / parseAlphaVantageText', () => {
  it.each([
    ['14.1327', 14.1327],
    ['-0.458', -0.458],
    ['  42 ', 42],
    ['1.2e-1', 0.12],
    ['.5', 0.5],
    [7, 7],
  ])('%j -> %j', (raw, expected) => {
    expect(parseAlphaVantageNumber(raw)).toBe(expected);
  });

  it.each(['None', '-', '', 'N/A', 'NaN', 'Infinity', '12abc', '-0.5852%', '1,234', undefined, null, Number.NaN, {}])(
    '%j -> null (never 0 or NaN)',
    (raw) => {
      expect(parseAlphaVantageNumber(raw)).toBeNull();
    },
  );

  it('texts: "None", "-" and "" are null, others are trimmed', () => {
    expect(parseAlphaVantageText('None')).toBeNull();
    expect(parseAlphaVantageText('-')).toBeNull();
    expect(parseAlphaVantageText('')).toBeNull();
    expect(parseAlphaVantageText(undefined)).toBeNull();
    expect(parseAlphaVantageText(' NYSE ')).toBe('NYSE');
  });
});

describe('OVERVIEW schema', () => {
  it('parses numeric strings to numbers and "None" / "-" / "" / missing to null', () => {
    const o = alphaVantageOverviewSchema.parse(OVERVIEW);
    expect(o.Symbol).toBe('ACME');
    expect(o.Sector).toBeNull();
    expect(o.MarketCapitalization).toBe(1234567890);
    expect(o.PERatio).toBe(21.5);
    expect(o.ForwardPE).toBeNull();
    expect(o.PEGRatio).toBeNull();
    expect(o.EVToEBITDA).toBe(-12.75);
    expect(o.QuarterlyRevenueGrowthYOY).toBe(-0.054);
    expect(o.Beta).toBeNull();
    expect(o.EBITDA).toBeNull(); // absent from the body
    expect(o).not.toHaveProperty('Description');
  });

  it('rejects a body without a Symbol', () => {
    expect(alphaVantageOverviewSchema.safeParse({ PERatio: '12' }).success).toBe(false);
    expect(alphaVantageOverviewSchema.safeParse({ Symbol: '', PERatio: '12' }).success).toBe(false);
  });

  it('rejects a field of the wrong JSON type', () => {
    expect(alphaVantageOverviewSchema.safeParse({ Symbol: 'X', PERatio: ['12'] }).success).toBe(false);
  });
});

describe('EARNINGS schema', () => {
  it('parses quarters with "None" and "-" as null', () => {
    const e = alphaVantageEarningsSchema.parse(EARNINGS);
    expect(e.annualEarnings).toEqual([{ fiscalDateEnding: '2023-12-31', reportedEPS: 4.4 }]);
    expect(e.quarterlyEarnings[1]).toMatchObject({ fiscalDateEnding: '2024-12-31', reportedEPS: null, estimatedEPS: 1.3, surprise: null });
    expect(e.quarterlyEarnings[3]).toMatchObject({ reportedEPS: 0.9, estimatedEPS: null, surprisePercentage: null });
  });

  it('missing lists are empty, a quarter without a date is rejected', () => {
    expect(alphaVantageEarningsSchema.parse({ symbol: 'X' })).toEqual({ symbol: 'X', annualEarnings: [], quarterlyEarnings: [] });
    expect(alphaVantageEarningsSchema.safeParse({ symbol: 'X', quarterlyEarnings: [{ reportedEPS: '1' }] }).success).toBe(false);
  });

  it('the latest reported quarter is chosen by date, skipping a future quarter without EPS', () => {
    const e = alphaVantageEarningsSchema.parse(EARNINGS);
    expect(latestReportedQuarter(e)?.fiscalDateEnding).toBe('2024-09-30');
    expect(latestReportedQuarter(alphaVantageEarningsSchema.parse({ symbol: 'X' }))).toBeNull();
    expect(latestReportedQuarter(null)).toBeNull();
  });
});

describe('classifyAlphaVantageBody', () => {
  it('a company answer is data, even with "Information" inside Meta Data', () => {
    expect(classifyAlphaVantageBody(OVERVIEW)).toEqual({ kind: 'data' });
    expect(classifyAlphaVantageBody({ 'Meta Data': { '1. Information': 'Daily Prices' }, 'Time Series (Daily)': {} })).toEqual({ kind: 'data' });
  });

  it('the daily limit is quota', () => {
    const c = classifyAlphaVantageBody({ Information: 'Our standard API rate limit is 25 requests per day. Please subscribe.' });
    expect(c.kind).toBe('quota');
    expect(c.kind !== 'data' && c.message).toContain('25 requests per day');
  });

  it('a premium-only endpoint is quota', () => {
    expect(classifyAlphaVantageBody({ Information: 'Thank you for using Alpha Vantage! This is a premium endpoint.' }).kind).toBe('quota');
  });

  it('"spread out your requests" is throttle, although it also mentions the daily limit', () => {
    const body = { Information: 'Please consider spreading out your free API requests more sparingly (1 request per second). ... (25 requests per day)' };
    expect(classifyAlphaVantageBody(body).kind).toBe('throttle');
  });

  it('the legacy per-minute Note is throttle', () => {
    const body = { Note: 'Our standard API call frequency is 5 calls per minute and 500 calls per day.' };
    expect(classifyAlphaVantageBody(body).kind).toBe('throttle');
  });

  it('an unknown Note or Information body is quota, never data', () => {
    expect(classifyAlphaVantageBody({ Information: 'The demo API key is for demo purposes only.' }).kind).toBe('quota');
    expect(classifyAlphaVantageBody({ Note: 'Something new.' }).kind).toBe('quota');
  });

  it('a text naming both a daily and a per-minute limit, without asking to spread out, is quota', () => {
    expect(classifyAlphaVantageBody({ Information: 'Your key allows 25 requests per day and 5 requests per minute.' }).kind).toBe('quota');
    expect(classifyAlphaVantageBody({ Information: 'Your key allows 5 requests per minute.' }).kind).toBe('throttle');
  });

  it('non-string limit and error values are still never data', () => {
    expect(classifyAlphaVantageBody({ 'Error Message': { code: 1 } }).kind).toBe('error');
    expect(classifyAlphaVantageBody({ Information: ['daily limit'] }).kind).toBe('quota');
  });

  it('Error Message is error, with its text', () => {
    expect(classifyAlphaVantageBody({ 'Error Message': 'Invalid API call.' })).toEqual({ kind: 'error', message: 'Alpha Vantage error: Invalid API call.' });
  });

  it('an empty object is error "no data"', () => {
    const c = classifyAlphaVantageBody({});
    expect(c.kind).toBe('error');
    expect(c.kind !== 'data' && c.message).toMatch(/no data/);
  });

  it.each([null, 'text', 42, [1, 2]])('%j is error, not data', (body) => {
    expect(classifyAlphaVantageBody(body).kind).toBe('error');
  });

  it('hides a key that Alpha Vantage echoes', () => {
    const c = classifyAlphaVantageBody({ Information: 'We have detected your API key as SECRET123ABC and our standard API rate limit is 25 requests per day.' });
    expect(c.kind).toBe('quota');
    expect(c.kind !== 'data' && c.message).not.toContain('SECRET123ABC');
    expect(redactEchoedApiKey('url?function=X&apikey=SECRET123ABC&symbol=Y')).toBe('url?function=X&apikey=[redacted]&symbol=Y');
  });
});

describe('interpretAlphaVantageAnswer', () => {
  it('data is parsed with the function schema', () => {
    const a = interpretAlphaVantageAnswer('OVERVIEW', OVERVIEW);
    expect(a.kind).toBe('data');
    expect(a.kind === 'data' && a.data.PERatio).toBe(21.5);
  });

  it('data of the wrong shape is an error naming the field', () => {
    const a = interpretAlphaVantageAnswer('EARNINGS', { symbol: 'X', quarterlyEarnings: 'nope' });
    expect(a.kind).toBe('error');
    expect(a.kind !== 'data' && a.message).toContain('quarterlyEarnings');
  });

  it('limit bodies are not parsed', () => {
    expect(interpretAlphaVantageAnswer('OVERVIEW', { Note: 'call frequency is 5 calls per minute' }).kind).toBe('throttle');
  });
});

describe('alphaVantageFigures', () => {
  const overview = alphaVantageOverviewSchema.parse(OVERVIEW);
  const earnings = alphaVantageEarningsSchema.parse(EARNINGS);

  it('every figure has its value and the field it came from', () => {
    const f = alphaVantageFigures(overview, earnings);
    expect(f.trailingPE).toEqual({ value: 21.5, source: 'alpha_vantage:OVERVIEW.PERatio', asOf: '2024-09-30' });
    expect(f.forwardPE).toEqual({ value: null, source: 'alpha_vantage:OVERVIEW.ForwardPE', asOf: '2024-09-30' });
    expect(f.pegRatio).toMatchObject({ value: null, source: 'alpha_vantage:OVERVIEW.PEGRatio' });
    expect(f.priceToBook).toMatchObject({ value: 3.25, source: 'alpha_vantage:OVERVIEW.PriceToBookRatio' });
    expect(f.priceToSales).toMatchObject({ value: 2.1, source: 'alpha_vantage:OVERVIEW.PriceToSalesRatioTTM' });
    expect(f.evToEbitda).toMatchObject({ value: -12.75, source: 'alpha_vantage:OVERVIEW.EVToEBITDA' });
    expect(f.returnOnEquity).toMatchObject({ value: 0.187, source: 'alpha_vantage:OVERVIEW.ReturnOnEquityTTM' });
    expect(f.profitMargin).toMatchObject({ value: 0.092, source: 'alpha_vantage:OVERVIEW.ProfitMargin' });
    expect(f.operatingMargin).toMatchObject({ value: 0.131, source: 'alpha_vantage:OVERVIEW.OperatingMarginTTM' });
    expect(f.quarterlyRevenueGrowthYoY).toMatchObject({ value: -0.054, source: 'alpha_vantage:OVERVIEW.QuarterlyRevenueGrowthYOY' });
    expect(f.quarterlyEarningsGrowthYoY).toMatchObject({ value: 0.12, source: 'alpha_vantage:OVERVIEW.QuarterlyEarningsGrowthYOY' });
    expect(f.analystTargetPrice).toMatchObject({ value: 150, source: 'alpha_vantage:OVERVIEW.AnalystTargetPrice' });
    expect(f.latestQuarterlyEPS).toEqual({ value: 1.21, source: 'alpha_vantage:EARNINGS.quarterlyEarnings.reportedEPS', asOf: '2024-09-30' });
    expect(f.latestQuarterlyEstimatedEPS).toMatchObject({ value: 1.25, asOf: '2024-09-30' });
    expect(f.latestQuarterlyEPSSurprise).toMatchObject({ value: -0.04, source: 'alpha_vantage:EARNINGS.quarterlyEarnings.surprise' });
    expect(f.latestQuarterlyEPSSurprisePercent).toMatchObject({ value: -3.2, source: 'alpha_vantage:EARNINGS.quarterlyEarnings.surprisePercentage' });
  });

  it('trailing P/E falls back to TrailingPE when PERatio is "None", and says so', () => {
    const o = alphaVantageOverviewSchema.parse({ ...OVERVIEW, PERatio: 'None' });
    expect(alphaVantageFigures(o, null).trailingPE).toMatchObject({ value: 21.4, source: 'alpha_vantage:OVERVIEW.TrailingPE' });
    const none = alphaVantageOverviewSchema.parse({ ...OVERVIEW, PERatio: 'None', TrailingPE: '-' });
    expect(alphaVantageFigures(none, null).trailingPE).toMatchObject({ value: null, source: 'alpha_vantage:OVERVIEW.PERatio' });
  });

  it('a missing answer gives null figures, never zeros', () => {
    const f = alphaVantageFigures(null, null);
    for (const figure of Object.values(f)) {
      expect(figure.value).toBeNull();
      expect(figure.source).toMatch(/^alpha_vantage:(OVERVIEW|EARNINGS)\./);
    }
    expect(Object.keys(f)).toHaveLength(16);
    expect(alphaVantageFigures(overview, null).latestQuarterlyEPS.value).toBeNull();
    expect(alphaVantageFigures(null, earnings).trailingPE.value).toBeNull();
    expect(alphaVantageFigures(null, earnings).latestQuarterlyEPS.value).toBe(1.21);
  });
});
