// The published models on Yahoo's recorded AAPL annual statements (FY2022-FY2024): fetched
// through our port and yahoo-finance2 from the recording, then each model checked against
// the same formula worked out here from the raw recorded figures.
import { describe, expect, it } from 'vitest';
import { createYahooFinance } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { yahooPort, type YahooFinanceLike } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import { altmanZ } from '../../lambdas/core/analysis/models/altman.js';
import { piotroskiFScore } from '../../lambdas/core/analysis/models/piotroski.js';
import { createReplayFetch, readRecordedFile, readRecording } from './replay-fetch.js';

const FILE = 'yahoo-fundamentals/fundamentalsTimeSeries-AAPL-all-annual.json';

/** The raw recorded figure of one annual type and fiscal year end. */
function raw(type: string, asOfDate: string): number {
  const body = readRecordedFile(FILE).response.bodyJson as { timeseries: { result: Array<Record<string, unknown>> } };
  const series = body.timeseries.result.find((r) => (r.meta as { type: string[] }).type[0] === `annual${type}`)!;
  const entry = (series[`annual${type}`] as Array<{ asOfDate: string; reportedValue: { raw: number } }>).find((e) => e.asOfDate === asOfDate)!;
  return entry.reportedValue.raw;
}

async function recordedStatements() {
  const url = new URL(readRecordedFile(FILE).request.url);
  const port = yahooPort(createYahooFinance({ fetchImpl: createReplayFetch([readRecording(FILE)]) }) as unknown as YahooFinanceLike);
  return port.annualStatements('AAPL', new Date(Number(url.searchParams.get('period1')) * 1000), new Date(Number(url.searchParams.get('period2')) * 1000));
}

describe("AAPL's FY2024 models from the recorded statements", () => {
  it('reads three fiscal years through the port', async () => {
    const statements = await recordedStatements();
    expect(statements.years.map((y) => y.period_end.slice(0, 10))).toEqual(['2022-09-30', '2023-09-30', '2024-09-30']);
    expect(statements.years[2]!.values.netIncome).toBe(raw('NetIncome', '2024-09-30'));
  });

  it('Piotroski F-score: 7 of 9, each signal as worked out from the recorded figures', async () => {
    const f = piotroskiFScore(await recordedStatements());
    const [y2, y1, y0] = ['2022-09-30', '2023-09-30', '2024-09-30'];
    const roa = raw('NetIncome', y0) / raw('TotalAssets', y1);
    const roaBefore = raw('NetIncome', y1) / raw('TotalAssets', y2);
    const cr = raw('CurrentAssets', y0) / raw('CurrentLiabilities', y0);
    const crBefore = raw('CurrentAssets', y1) / raw('CurrentLiabilities', y1);
    expect(f).toMatchObject({ score: 7, max: 9, period_end: '2024-09-30' });
    if (f.score === null) throw new Error(f.reason);
    const byName = Object.fromEntries(f.signals.map((s) => [s.name, s]));
    expect(byName['ROA > 0 (net income / beginning-of-year total assets)']).toMatchObject({ pass: true, value: Number(roa.toPrecision(6)) });
    expect(byName['ROA up']).toMatchObject({ pass: false, value: Number(roa.toPrecision(6)), previous: Number(roaBefore.toPrecision(6)) });
    expect(byName['current ratio up']).toMatchObject({ pass: false, value: Number(cr.toPrecision(6)), previous: Number(crBefore.toPrecision(6)) });
    expect(byName['ordinary shares not increased']).toMatchObject({ pass: true, value: Number(raw('OrdinarySharesNumber', y0).toPrecision(6)) });
    expect(f.signals.filter((s) => !s.pass).map((s) => s.name)).toEqual(['ROA up', 'current ratio up']);
  });

  it("Altman Z (original: Apple makes goods) with the recorded quote's market value", async () => {
    const quote = (readRecordedFile('yahoo/quote-AAPL.json').response.bodyJson as { quoteResponse: { result: Array<{ marketCap: number }> } }).quoteResponse.result[0]!;
    const y0 = '2024-09-30';
    const ta = raw('TotalAssets', y0);
    const expected =
      1.2 * (raw('WorkingCapital', y0) / ta) +
      1.4 * (raw('RetainedEarnings', y0) / ta) +
      3.3 * (raw('EBIT', y0) / ta) +
      0.6 * (quote.marketCap / raw('TotalLiabilitiesNetMinorityInterest', y0)) +
      1.0 * (raw('TotalRevenue', y0) / ta);
    const z = altmanZ(await recordedStatements(), {
      holding: { sector: 'Technology', industry: 'Consumer Electronics' },
      marketValueOfEquity: quote.marketCap,
      currency: 'USD',
    });
    expect(z).toMatchObject({ variant: 'original', zone: 'safe', period_end: y0 });
    if (z.score === null) throw new Error(z.reason);
    expect(z.score).toBeCloseTo(expected, 3);
    expect(z.inputs).toMatchObject({ working_capital: -23_405_000_000, retained_earnings: -19_154_000_000, total_assets: 364_980_000_000 });
  });
});
