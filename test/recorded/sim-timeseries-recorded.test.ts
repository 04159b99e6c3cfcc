// The simulator's fundamentals time series against REAL recorded answers
// (../shared/fixtures/yahoo-fundamentals): the same envelope, the same entry keys and dataIds,
// and the same meta-only shape for a non-company.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startYahooSimulator, type YahooSimulator } from '../../sim/yahoo-simulator.js';
import { FIXTURES_DIR } from './replay-fetch.js';

type Series = Record<string, unknown> & { meta: { symbol: string[]; type: string[] } };
const recorded = (file: string) =>
  (JSON.parse(readFileSync(new URL(`yahoo-fundamentals/${file}`, FIXTURES_DIR), 'utf8')) as { request: { url: string }; response: { bodyJson: { timeseries: { result: Series[]; error: null } } } });

let sim: YahooSimulator;
beforeAll(async () => {
  sim = await startYahooSimulator({ latencyMs: 0, asOf: '2026-04-06' });
});
afterAll(() => sim.close());

const simulated = async (symbol: string, types: string[]) => {
  const answer = await fetch(`${sim.url}/ws/fundamentals-timeseries/v1/finance/timeseries/${symbol}?period1=0&period2=${Math.floor(Date.now() / 1000)}&type=${types.join('%2C')}`);
  return ((await answer.json()) as { timeseries: { result: Series[]; error: null } }).timeseries;
};

describe('simulated fundamentals time series, shaped like the recorded ones', () => {
  it('gives each annual series the keys, dataId, periodType and timestamps of the recorded AAPL answer', async () => {
    const real = recorded('fundamentalsTimeSeries-AAPL-all-annual.json').response.bodyJson.timeseries;
    const types = ['annualNetIncome', 'annualTotalAssets', 'annualCurrentAssets', 'annualCurrentLiabilities', 'annualLongTermDebt', 'annualOperatingCashFlow',
      'annualOrdinarySharesNumber', 'annualGrossProfit', 'annualTotalRevenue', 'annualRetainedEarnings', 'annualEBIT', 'annualTotalLiabilitiesNetMinorityInterest', 'annualWorkingCapital'];
    const ours = await simulated('AAPL', types);
    expect(ours.error).toBeNull();
    for (const type of types) {
      const theirs = real.result.find((s) => s.meta.type[0] === type) as Series;
      const mine = ours.result.find((s) => s.meta.type[0] === type) as Series;
      expect(Object.keys(mine).sort(), type).toEqual(Object.keys(theirs).sort());
      const [realEntry] = theirs[type] as Record<string, unknown>[];
      const entries = mine[type] as Record<string, unknown>[];
      expect(entries.length, type).toBeGreaterThanOrEqual(5);
      expect(Object.keys(entries[0] as object).sort(), type).toEqual(Object.keys(realEntry as object).sort());
      expect((entries[0] as { dataId: number }).dataId, type).toBe((realEntry as { dataId: number }).dataId);
      expect((entries[0] as { periodType: string }).periodType).toBe('12M');
      expect(Object.keys((entries[0] as { reportedValue: object }).reportedValue).sort()).toEqual(['fmt', 'raw']);
    }
  });

  it('answers a non-company as the recorded QQQ and BTC-USD answers: 200, meta only', async () => {
    const real = recorded('fundamentalsTimeSeries-QQQ-financials-quarterly.json').response.bodyJson.timeseries.result[0] as Series;
    expect(Object.keys(real)).toEqual(['meta']);
    for (const symbol of ['QQQ', 'BTC-USD']) {
      const ours = await simulated(symbol, ['annualNetIncome', 'annualTotalRevenue']);
      expect(ours.result).toEqual([
        { meta: { symbol: [symbol], type: ['annualNetIncome'] } },
        { meta: { symbol: [symbol], type: ['annualTotalRevenue'] } },
      ]);
    }
  });
});
