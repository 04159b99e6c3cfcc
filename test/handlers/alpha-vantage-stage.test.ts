// The enrichment stage's answers as the Crew and Consolidate use them: the Crew takes Alpha
// Vantage figures where Yahoo lacks one (and says so), never fails a ticker over them; Consolidate
// sums the stage into the metrics' data_sources.alpha_vantage, quota included.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});
vi.mock('../../lambdas/adapters/yahoo/yahoo-source.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lambdas/adapters/yahoo/yahoo-source.js')>();
  const { mockedYahooPortFromEnv } = await import('./support.js');
  return { ...actual, yahooPortFromEnv: mockedYahooPortFromEnv(actual.yahooPortFromEnv) };
});

import { handler as consolidate } from '../../lambdas/consolidate/handler.js';
import { alphaVantageOverviewSchema } from '../../lambdas/core/alpha-vantage/alpha-vantage.js';
import type { AlphaVantageAnswerFile } from '../../lambdas/core/alpha-vantage/alpha-vantage-run.js';
import { crewResultSchema } from '../../lambdas/core/analysis/crew-result.js';
import { handler as crew } from '../../lambdas/crew/handler.js';
import { simulatedEarnings, simulatedOverview } from '../../sim/alpha-vantage-simulator.js';
import { okCrewResult } from '../support/crew-result-builder.js';
import { fakeTickerData, getKeys, prefetchedOk, putObject, readJson, resetAws, tickers } from './support.js';

let count = 0;
let SID = '';
const avKey = (ticker: string, fn: string) => `runs/${SID}/alpha-vantage/${ticker}.${fn}.json`;

function storedOverview(ticker: string, seconds = 0.4): AlphaVantageAnswerFile {
  const data = alphaVantageOverviewSchema.parse(simulatedOverview(ticker)) as Record<string, unknown>;
  return { ticker, function: 'OVERVIEW', ok: true, data, fetched_at: '2025-01-02T09:01:00.000Z', duration_seconds: seconds };
}
function storedEarnings(ticker: string, seconds = 0.3): AlphaVantageAnswerFile {
  return { ticker, function: 'EARNINGS', ok: true, data: simulatedEarnings(ticker), fetched_at: '2025-01-02T09:01:02.000Z', duration_seconds: seconds };
}
function storedFailure(ticker: string, fn: 'OVERVIEW' | 'EARNINGS', reason: 'quota' | 'error', seconds = 0.1): AlphaVantageAnswerFile {
  return { ticker, function: fn, ok: false, reason, message: `Alpha Vantage ${reason}`, fetched_at: '2025-01-02T09:01:04.000Z', duration_seconds: seconds };
}

/** Yahoo data for a company that lacks a PEG ratio and an operating margin. */
function yahooWithGaps(ticker: string) {
  const data = fakeTickerData(ticker);
  data.summary = {
    ...data.summary,
    quoteType: { quoteType: 'EQUITY', symbol: ticker },
    summaryDetail: { trailingPE: 22, forwardPE: 19 },
    defaultKeyStatistics: { priceToBook: 5 },
    financialData: { returnOnEquity: 0.25, profitMargins: 0.2, revenueGrowth: 0.1, earningsGrowth: 0.1, currentRatio: 1.2 },
  };
  return data;
}

const crewEvent = (ticker: string) => ({
  sessionId: SID,
  mode: 'batch',
  holding: { ticker, shares: 1, index: 0 },
  batchSize: 5,
  totalTickers: 1,
});

beforeEach(() => {
  SID = `av-stage-${++count}`;
  resetAws();
  delete process.env.ENABLE_ALPHA_VANTAGE;
});
afterEach(() => {
  delete process.env.ENABLE_ALPHA_VANTAGE;
});

describe('Crew with the Alpha Vantage answers', () => {
  it('fills the figures Yahoo lacks from Alpha Vantage and names the source; Yahoo\'s stay Yahoo\'s', async () => {
    process.env.ENABLE_ALPHA_VANTAGE = 'true';
    putObject(`runs/${SID}/prefetch/AAPL.json`, prefetchedOk('AAPL', yahooWithGaps('AAPL')));
    putObject(avKey('AAPL', 'OVERVIEW'), storedOverview('AAPL'));
    putObject(avKey('AAPL', 'EARNINGS'), storedEarnings('AAPL'));

    expect(await crew(crewEvent('AAPL'))).toEqual({ ticker: 'AAPL', status: 'ok' });
    const r = crewResultSchema.parse(readJson(`runs/${SID}/results/AAPL.json`));
    const details = r.fundamental!.details;
    const by = (metric: string) => details.find((f) => f.metric === metric)!;
    const overview = simulatedOverview('AAPL');
    expect(by('pegRatio')).toMatchObject({ value: Number(overview.PEGRatio), source: 'alpha_vantage:OVERVIEW.PEGRatio' });
    expect(by('operatingMargins')).toMatchObject({ value: Number(overview.OperatingMarginTTM), source: 'alpha_vantage:OVERVIEW.OperatingMarginTTM' });
    expect(by('trailingPE')).toMatchObject({ value: 22, source: 'yahoo:summaryDetail.trailingPE' });
    expect(by('returnOnEquity')).toMatchObject({ value: 0.25, source: 'yahoo:financialData.returnOnEquity' });
    expect(getKeys()).toEqual(expect.arrayContaining([avKey('AAPL', 'OVERVIEW'), avKey('AAPL', 'EARNINGS')]));
  });

  it('a failed, missing or corrupt answer only means fewer figures: the ticker is ok', async () => {
    process.env.ENABLE_ALPHA_VANTAGE = 'true';
    putObject(`runs/${SID}/prefetch/AAPL.json`, prefetchedOk('AAPL', yahooWithGaps('AAPL')));
    putObject(avKey('AAPL', 'OVERVIEW'), storedFailure('AAPL', 'OVERVIEW', 'quota'));
    putObject(avKey('AAPL', 'EARNINGS'), '{not json');
    expect(await crew(crewEvent('AAPL'))).toEqual({ ticker: 'AAPL', status: 'ok' });
    const r = crewResultSchema.parse(readJson(`runs/${SID}/results/AAPL.json`));
    expect(r.fundamental!.details.every((f) => f.source.startsWith('yahoo:'))).toBe(true);
    expect(r.warnings.some((w) => w.includes('Alpha Vantage EARNINGS for AAPL could not be read'))).toBe(true);
  });

  it('reads no Alpha Vantage object when ENABLE_ALPHA_VANTAGE is off', async () => {
    putObject(`runs/${SID}/prefetch/AAPL.json`, prefetchedOk('AAPL', yahooWithGaps('AAPL')));
    putObject(avKey('AAPL', 'OVERVIEW'), storedOverview('AAPL'));
    await crew(crewEvent('AAPL'));
    expect(getKeys().some((key) => key.includes('/alpha-vantage/'))).toBe(false);
  });
});

describe('Consolidate: data_sources.alpha_vantage', () => {
  const symbols = tickers(5);
  function seedRun(): void {
    putObject(`runs/${SID}/manifest.json`, symbols.map((ticker, index) => ({ ticker, shares: 1, index })));
    for (const ticker of symbols) putObject(`runs/${SID}/results/${ticker}.json`, okCrewResult(ticker, { composite: 0.6 }));
  }
  const state = (enabled: boolean) => ({ mode: 'batch', fallbackReason: null, fallbackAt: null, alphaVantage: { enabled, paceSeconds: 12 } });
  const metrics = () => readJson(`runs/${SID}/batch_prefetch_metrics.json`).batch_prefetch_metrics;

  it('counts OVERVIEW answers, sums the measured call durations and reports the quota', async () => {
    seedRun();
    // T0, T1 complete; T2's EARNINGS met the quota; T3 and T4 were never called.
    putObject(avKey('T0', 'OVERVIEW'), storedOverview('T0', 0.5));
    putObject(avKey('T0', 'EARNINGS'), storedEarnings('T0', 0.25));
    putObject(avKey('T1', 'OVERVIEW'), storedOverview('T1', 0.5));
    putObject(avKey('T1', 'EARNINGS'), storedEarnings('T1', 0.25));
    putObject(avKey('T2', 'OVERVIEW'), storedOverview('T2', 0.5));
    putObject(avKey('T2', 'EARNINGS'), storedFailure('T2', 'EARNINGS', 'quota', 0.125));
    const message = 'Alpha Vantage quota: Thank you for using Alpha Vantage! ... 25 requests per day (EARNINGS T2)';
    putObject(`runs/${SID}/alpha-vantage/status.json`, { exhausted: true, reason: 'quota', message, at: '2025-01-02T09:01:05.000Z' });

    const outcome = await consolidate({ sessionId: SID, executionStartTime: '2025-01-02T09:00:00.000Z', state: state(true) });
    expect(outcome).toMatchObject({ successfulTickers: 5, failedTickers: 0 });
    expect(metrics().data_sources.alpha_vantage).toEqual({
      enabled: true,
      successful_tickers: 3,
      failed_tickers: 2,
      duration_seconds: 2.125,
      quota_reached: true,
      quota_message: message,
      // No run.json with the run's sources in this test, and no result used Alpha Vantage data.
      origin: null,
      endpoint: null,
      simulated: false,
    });
    // The original fields are untouched beside them.
    expect(metrics().data_sources.yahoo_finance).toMatchObject({ enabled: true });
    expect(readJson(`runs/${SID}/report.json`).performance.data_sources.alpha_vantage.quota_reached).toBe(true);
  });

  it('without a quota: quota_reached false and no message', async () => {
    seedRun();
    for (const ticker of symbols) putObject(avKey(ticker, 'OVERVIEW'), storedOverview(ticker, 0.2));
    await consolidate({ sessionId: SID, state: state(true) });
    expect(metrics().data_sources.alpha_vantage).toMatchObject({
      enabled: true,
      successful_tickers: 5,
      failed_tickers: 0,
      quota_reached: false,
      quota_message: null,
    });
  });

  it('disabled: all zero, and no Alpha Vantage object is read', async () => {
    seedRun();
    await consolidate({ sessionId: SID, state: state(false) });
    expect(metrics().data_sources.alpha_vantage).toEqual({
      enabled: false,
      successful_tickers: 0,
      failed_tickers: 0,
      duration_seconds: 0,
      quota_reached: false,
      quota_message: null,
      origin: null,
      endpoint: null,
      simulated: false,
    });
    expect(getKeys().some((key) => key.includes('/alpha-vantage/'))).toBe(false);
  });
});
