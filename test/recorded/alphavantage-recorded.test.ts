// Alpha Vantage on REAL bodies (../shared/fixtures/alphavantage): IBM's OVERVIEW and EARNINGS
// parse, and every figure equals the recorded string converted to a number (expected values are
// read straight from the files, never from the product's code); every recorded limit body is
// recognised as quota or throttle, never as data, and stops the client after one request.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAlphaVantageClient, type AlphaVantageClock, type FetchLike } from '../../lambdas/adapters/alpha-vantage/alpha-vantage-client.js';
import {
  alphaVantageFigures,
  classifyAlphaVantageBody,
  interpretAlphaVantageAnswer,
  type AlphaVantageEarnings,
  type AlphaVantageOverview,
} from '../../lambdas/core/alpha-vantage/alpha-vantage.js';

const AV_DIR = new URL('../../../shared/fixtures/alphavantage/', import.meta.url);
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, AV_DIR), 'utf8'));

type Json = Record<string, string>;
const rawOverview = read('RomelTorres-alpha_vantage/mock_company_overview') as Json;
const rawEarnings = read('RomelTorres-alpha_vantage/mock_earnings_data') as {
  symbol: string;
  annualEarnings: Json[];
  quarterlyEarnings: Json[];
};
const limitBodies = Object.entries(read('rate-limit-and-error-bodies.json') as Record<string, unknown>).filter(([name]) => !name.startsWith('_'));

function parsed<T>(answer: { kind: string; data?: T; message?: string }): T {
  expect(answer.kind, answer.message).toBe('data');
  return answer.data as T;
}

describe('IBM OVERVIEW (recorded)', () => {
  const overview = parsed<AlphaVantageOverview>(interpretAlphaVantageAnswer('OVERVIEW', rawOverview));

  it('is data and keeps the profile', () => {
    expect(classifyAlphaVantageBody(rawOverview)).toEqual({ kind: 'data' });
    expect(overview.Symbol).toBe(rawOverview.Symbol);
    expect(overview.Name).toBe(rawOverview.Name);
    expect(overview.Sector).toBe(rawOverview.Sector);
    expect(overview.LatestQuarter).toBe(rawOverview.LatestQuarter);
  });

  it('every numeric field of the schema equals the recorded string as a number', () => {
    let compared = 0;
    for (const [field, value] of Object.entries(overview)) {
      if (typeof value !== 'number') continue;
      expect(value, field).toBe(Number(rawOverview[field]));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(30);
  });

  it('the analyst figures are the recorded strings converted to numbers, with their source', () => {
    const f = alphaVantageFigures(overview, null);
    const expected: [keyof typeof f, string][] = [
      ['trailingPE', 'PERatio'],
      ['forwardPE', 'ForwardPE'],
      ['pegRatio', 'PEGRatio'],
      ['priceToBook', 'PriceToBookRatio'],
      ['priceToSales', 'PriceToSalesRatioTTM'],
      ['evToEbitda', 'EVToEBITDA'],
      ['returnOnEquity', 'ReturnOnEquityTTM'],
      ['profitMargin', 'ProfitMargin'],
      ['operatingMargin', 'OperatingMarginTTM'],
      ['quarterlyRevenueGrowthYoY', 'QuarterlyRevenueGrowthYOY'],
      ['quarterlyEarningsGrowthYoY', 'QuarterlyEarningsGrowthYOY'],
      ['analystTargetPrice', 'AnalystTargetPrice'],
    ];
    for (const [figure, field] of expected) {
      expect(rawOverview[field], field).toMatch(/^-?\d/);
      expect(f[figure], figure).toEqual({ value: Number(rawOverview[field]), source: `alpha_vantage:OVERVIEW.${field}`, asOf: rawOverview.LatestQuarter });
    }
    // Spelled out once, so a wrong conversion of the file cannot hide behind Number().
    expect(f.trailingPE.value).toBe(14.1327);
    expect(f.quarterlyEarningsGrowthYoY.value).toBe(-0.458);
    expect(f.analystTargetPrice.value).toBe(135.19);
  });
});

describe('IBM EARNINGS (recorded)', () => {
  const earnings = parsed<AlphaVantageEarnings>(interpretAlphaVantageAnswer('EARNINGS', rawEarnings));

  it('every annual and quarterly EPS equals the recorded string as a number', () => {
    expect(earnings.symbol).toBe('IBM');
    expect(earnings.annualEarnings).toHaveLength(rawEarnings.annualEarnings.length);
    expect(earnings.quarterlyEarnings).toHaveLength(rawEarnings.quarterlyEarnings.length);
    rawEarnings.annualEarnings.forEach((raw, i) => {
      expect(earnings.annualEarnings[i]).toEqual({ fiscalDateEnding: raw.fiscalDateEnding, reportedEPS: Number(raw.reportedEPS) });
    });
    rawEarnings.quarterlyEarnings.forEach((raw, i) => {
      expect(earnings.quarterlyEarnings[i]).toEqual({
        fiscalDateEnding: raw.fiscalDateEnding,
        reportedDate: raw.reportedDate,
        reportedEPS: Number(raw.reportedEPS),
        estimatedEPS: Number(raw.estimatedEPS),
        surprise: Number(raw.surprise),
        surprisePercentage: Number(raw.surprisePercentage),
      });
    });
  });

  it('the latest quarter is the newest fiscalDateEnding in the file, with its EPS and surprise', () => {
    const newest = [...rawEarnings.quarterlyEarnings].sort((a, b) => (a.fiscalDateEnding! < b.fiscalDateEnding! ? 1 : -1))[0]!;
    const f = alphaVantageFigures(null, earnings);
    expect(f.latestQuarterlyEPS).toEqual({ value: Number(newest.reportedEPS), source: 'alpha_vantage:EARNINGS.quarterlyEarnings.reportedEPS', asOf: newest.fiscalDateEnding });
    expect(f.latestQuarterlyEstimatedEPS.value).toBe(Number(newest.estimatedEPS));
    expect(f.latestQuarterlyEPSSurprise.value).toBe(Number(newest.surprise));
    expect(f.latestQuarterlyEPSSurprisePercent.value).toBe(Number(newest.surprisePercentage));
    expect(f.latestQuarterlyEPS).toMatchObject({ value: 2.33, asOf: '2021-06-30' });
    expect(f.latestQuarterlyEPSSurprise.value).toBe(0.0416);
  });
});

describe('recorded limit and error bodies (rate-limit-and-error-bodies.json)', () => {
  it('the file holds the bodies this suite expects', () => {
    expect(limitBodies.map(([name]) => name).sort()).toEqual([
      'burst_1_per_second_information',
      'daily_25_information_v1',
      'daily_25_information_v2_key_echo',
      'invalid_call_or_symbol',
      'legacy_note_5_per_min_500_per_day',
    ]);
  });

  it.each(limitBodies)('%s is never data', (_, body) => {
    expect(classifyAlphaVantageBody(body).kind).not.toBe('data');
    expect(interpretAlphaVantageAnswer('OVERVIEW', body).kind).not.toBe('data');
  });

  it.each(limitBodies.filter(([, body]) => 'Note' in (body as object) || 'Information' in (body as object)))(
    '%s (Note / Information) is quota or throttle',
    (_, body) => {
      expect(['quota', 'throttle']).toContain(classifyAlphaVantageBody(body).kind);
    },
  );

  it('each is classified as documented', () => {
    const kinds = Object.fromEntries(limitBodies.map(([name, body]) => [name, classifyAlphaVantageBody(body).kind]));
    expect(kinds).toEqual({
      legacy_note_5_per_min_500_per_day: 'throttle',
      daily_25_information_v1: 'quota',
      daily_25_information_v2_key_echo: 'quota',
      burst_1_per_second_information: 'throttle',
      invalid_call_or_symbol: 'error',
    });
  });

  it('the key that Alpha Vantage echoes is not repeated in the message', () => {
    const [, body] = limitBodies.find(([name]) => name === 'daily_25_information_v2_key_echo')!;
    const echoed = /API key as (\S+)/.exec((body as Json).Information!)![1]!;
    const c = classifyAlphaVantageBody(body);
    expect(c.kind !== 'data' && c.message).toContain('25 requests per day');
    expect(c.kind !== 'data' && c.message).not.toContain(echoed);
  });

  it.each(limitBodies.filter(([name]) => name !== 'invalid_call_or_symbol'))(
    '%s through the client: one request, then Alpha Vantage is stopped for the run',
    async (_, body) => {
      let t = 0;
      const clock: AlphaVantageClock = { now: () => t, sleep: async (ms) => void (t += ms) };
      const urls: string[] = [];
      const fetchImpl: FetchLike = async (url) => {
        urls.push(url);
        return new Response(JSON.stringify(body), { status: 200 });
      };
      const av = createAlphaVantageClient({ apiKey: 'RECORDEDKEY', callsPerMinute: 5, clock, fetchImpl });
      const first = await av.overview('IBM');
      const rest = await Promise.all([av.earnings('IBM'), av.overview('MSFT')]);
      expect(first.ok).toBe(false);
      expect(!first.ok && ['quota', 'throttle']).toContain(!first.ok && first.reason);
      for (const r of rest) expect(r).toMatchObject({ ok: false, reason: 'quota' });
      expect(urls).toHaveLength(1);
      expect(av.exhausted?.reason).toBe(!first.ok && first.reason);
    },
  );

  it('an invalid call is an error of that call only: the client goes on', async () => {
    const [, body] = limitBodies.find(([name]) => name === 'invalid_call_or_symbol')!;
    let t = 0;
    const clock: AlphaVantageClock = { now: () => t, sleep: async (ms) => void (t += ms) };
    let calls = 0;
    const fetchImpl: FetchLike = async () => {
      calls++;
      return new Response(JSON.stringify(calls === 1 ? body : rawOverview), { status: 200 });
    };
    const av = createAlphaVantageClient({ apiKey: 'RECORDEDKEY', callsPerMinute: 5, clock, fetchImpl });
    expect(await av.overview('BAD')).toMatchObject({ ok: false, reason: 'error', message: expect.stringContaining('Invalid API call') });
    expect((await av.overview('IBM')).ok).toBe(true);
    expect(av.exhausted).toBeNull();
  });
});

describe('other recorded Alpha Vantage bodies are data', () => {
  it.each([
    'RomelTorres-alpha_vantage/global_quote',
    'RomelTorres-alpha_vantage/mock_time_series',
    'RomelTorres-alpha_vantage/symbol_search',
    'TickerTrace-vcr-alpha_vantage_get_prices.TIME_SERIES_DAILY-IBM-compact.json',
  ])('%s (its Meta Data "1. Information" is not a limit answer)', (file) => {
    expect(classifyAlphaVantageBody(read(file))).toEqual({ kind: 'data' });
  });
});
