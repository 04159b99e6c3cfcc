import { afterEach, describe, expect, it } from 'vitest';
import { createYahooFinance } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { marketModel } from '../../sim/market/index.js';
import { SIMULATED_DATE_HEADER, simulatedNow, startYahooSimulator, type YahooSimulator } from '../../sim/yahoo-simulator.js';

let sim: YahooSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const DAY = '2026-04-06';
const start = async () => (sim = await startYahooSimulator({ latencyMs: 0, seed: 3, asOf: DAY }));
type Row = Record<string, unknown> & { date: Date };

describe('Yahoo simulator: fundamentals time series', () => {
  it("answers yahoo-finance2's fundamentalsTimeSeries with five or more fiscal years that match the company's quote", async () => {
    const s = await start();
    const yf = createYahooFinance({ endpoint: s.url });
    const rows = (await yf.fundamentalsTimeSeries('JPM', { period1: '2015-01-01', type: 'annual', module: 'all' })) as Row[];
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const last = rows.at(-1) as Row;
    expect(last.date.toISOString().slice(0, 10)).toBe('2025-12-31'); // FY2025, reported 2026-02-20
    const [quote] = await yf.quote(['JPM']);
    const model = marketModel('JPM', 3, new Date(simulatedNow(DAY) - 14.5 * 3600_000));
    const statement = model.fundamentals?.statements.at(-1);
    // yahoo-finance2 names each row's fields without the `annual` prefix.
    for (const key of ['netIncome', 'totalAssets', 'longTermDebt', 'operatingCashFlow', 'ordinarySharesNumber', 'grossProfit', 'totalRevenue',
      'retainedEarnings', 'EBIT', 'totalLiabilitiesNetMinorityInterest']) {
      expect(typeof last[key], key).toBe('number');
    }
    // A bank has no current split: those series are empty, so the rows leave them out.
    expect(last.currentAssets).toBeUndefined();
    expect(last.netIncome).toBe(statement?.netIncome);
    expect(last.ordinarySharesNumber).toBe(quote?.sharesOutstanding);
    expect(quote?.marketCap).toBeCloseTo((quote?.regularMarketPrice as number) * (last.ordinarySharesNumber as number), -3);
    expect((quote?.regularMarketPrice as number) / (quote?.trailingPE as number)).toBeCloseTo((last.netIncome as number) / (last.ordinarySharesNumber as number), 2);
  });

  it('serves working capital and current items for a company that has them, in the raw shape of the recorded answers', async () => {
    const s = await start();
    const period2 = Math.floor(Date.now() / 1000);
    const url = `${s.url}/ws/fundamentals-timeseries/v1/finance/timeseries/MSFT?type=annualWorkingCapital,annualCurrentAssets,quarterlyNetIncome,annualBogus&period1=0&period2=${period2}`;
    const answer = await fetch(url);
    expect(answer.headers.get(SIMULATED_DATE_HEADER)).toBe(DAY);
    const body = (await answer.json()) as { timeseries: { result: Record<string, unknown>[]; error: null } };
    expect(body.timeseries.error).toBeNull();
    const [wc, ca, quarterly, bogus] = body.timeseries.result as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    const entries = wc.annualWorkingCapital as { dataId: number; asOfDate: string; periodType: string; currencyCode: string; reportedValue: { raw: number; fmt: string } }[];
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(entries[0] as object).sort()).toEqual(['asOfDate', 'currencyCode', 'dataId', 'periodType', 'reportedValue']);
    expect(entries[0]).toMatchObject({ dataId: 23385, periodType: '12M', currencyCode: 'USD' });
    expect(wc.timestamp).toEqual(entries.map((e) => Date.parse(`${e.asOfDate}T00:00:00Z`) / 1000));
    // Another type of the same request: its own entries, on the same fiscal years.
    const currentAssets = ca.annualCurrentAssets as { asOfDate: string; reportedValue: { raw: number } }[];
    expect(currentAssets.map((e) => e.asOfDate)).toEqual(entries.map((e) => e.asOfDate));
    expect(currentAssets.every((e) => e.reportedValue.raw > 0)).toBe(true);
    // Not modelled (quarterly) or unknown: meta only, as Yahoo answers a series it has no data for.
    expect(quarterly).toEqual({ meta: { symbol: ['MSFT'], type: ['quarterlyNetIncome'] } });
    expect(bogus).toEqual({ meta: { symbol: ['MSFT'], type: ['annualBogus'] } });
  });

  it('answers an ETF, a coin and a currency 200 with empty series', async () => {
    const s = await start();
    const yf = createYahooFinance({ endpoint: s.url });
    for (const symbol of ['QQQ', 'BTC-USD', 'EURUSD=X']) {
      expect(await yf.fundamentalsTimeSeries(symbol, { period1: '2015-01-01', type: 'annual', module: 'financials' }), symbol).toEqual([]);
    }
  });
});

describe('Yahoo simulator: spark', () => {
  it('answers /v7/finance/spark with the same closes as the chart for each symbol, ending on the simulated date', async () => {
    const s = await start();
    const yf = createYahooFinance({ endpoint: s.url });
    const answer = await fetch(`${s.url}/v7/finance/spark?symbols=AAPL,SPY,NOPE&range=1y&interval=1d`);
    const body = (await answer.json()) as { spark: { result: { symbol: string; response: { meta: { symbol: string; range: string }; timestamp: number[]; indicators: { quote: { close: number[] }[] } }[] }[]; error: null } };
    expect(body.spark.error).toBeNull();
    expect(body.spark.result.map((r) => r.symbol)).toEqual(['AAPL', 'SPY', 'NOPE']);
    for (const entry of body.spark.result.slice(0, 2)) {
      const [response] = entry.response;
      const chart = await yf.chart(entry.symbol, { period1: new Date(Date.now() - 366 * 86_400_000), interval: '1d' });
      expect(response?.indicators.quote[0]?.close).toEqual(chart.quotes.map((q) => q.close));
      expect(response?.timestamp).toEqual(chart.quotes.map((q) => q.date.getTime() / 1000));
      expect(new Date((response?.timestamp.at(-1) as number) * 1000).toISOString().slice(0, 10)).toBe(DAY);
      expect(response?.meta).toMatchObject({ symbol: entry.symbol, range: '1y' });
    }
  });
});
