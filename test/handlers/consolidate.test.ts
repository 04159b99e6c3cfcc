import { AWS_PRICES } from '../../lambdas/core/metrics/aws-prices.js';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

import { handler } from '../../lambdas/consolidate/handler.js';
import { runOutcomeSchema } from '../../lambdas/core/contracts.js';
import type { PortfolioReport } from '../../lambdas/core/report/portfolio-report.js';
import type { PrefetchStats, RunRecord } from '../../lambdas/core/prefetch/run-record.js';
import { NO_RESULT_REASON } from '../../lambdas/core/report/ticker-outcome.js';
import { failedCrewResult, okCrewResult } from '../support/crew-result-builder.js';
import { batchWrites, caught, ddbMock, objects, putItemsOf, putKeys, putObject, readJson, resetAws, TABLE, tickers } from './support.js';
import { ORIGINAL_METRICS_KEYS } from '../support/finwiz-metrics-keys.js';

const SID = 'consolidate-session';
const root = `runs/${SID}`;
const START = '2025-01-02T09:00:00.000Z';

function seedManifest(symbols: string[]): void {
  putObject(`${root}/manifest.json`, symbols.map((ticker, index) => ({ ticker, shares: 2, index })));
}

function seedRunRecord(symbols: string[], overrides: Partial<RunRecord> = {}): void {
  const record: RunRecord = {
    sessionId: SID,
    startedAt: START,
    portfolioKey: 'portfolios/main.csv',
    totalTickers: symbols.length,
    batchSize: 5,
    totalBatches: Math.ceil(symbols.length / 5),
    initialMode: 'batch',
    initialFallbackReason: null,
    config: { BATCH_PREFETCH_ENABLED: true, ENABLE_ALPHA_VANTAGE: false, DEEP_ANALYSIS_BATCH_SIZE: 5 },
    ...overrides,
  };
  putObject(`${root}/run.json`, record);
}

function seedPrefetchStats(overrides: Partial<PrefetchStats> = {}): PrefetchStats {
  const stats: PrefetchStats = {
    startedAt: '2025-01-02T09:00:01.000Z',
    finishedAt: '2025-01-02T09:00:05.000Z',
    durationSeconds: 4,
    successfulTickers: 4,
    failedTickers: 1,
    failedTickerList: ['T4'],
    errorSummary: { 'unknown symbol': 1 },
    sumFetchSeconds: 12.5,
    cacheHits: 0,
    peakRssMb: 150,
    ...overrides,
  };
  putObject(`${root}/prefetch-stats.json`, stats);
  return stats;
}

function seedResult(ticker: string, outcome: { score: number; analysis?: number } | { error: string }): void {
  // Shares 2 at 100 USD, as the manifest says: a market value of 200 USD.
  const result =
    'score' in outcome
      ? okCrewResult(ticker, { composite: outcome.score, analysisSeconds: outcome.analysis ?? 0.25, lastPrice: 100, shares: 2 })
      : failedCrewResult(ticker, outcome.error, { fetchSeconds: 0.5 });
  putObject(`${root}/results/${ticker}.json`, result);
}

const batchState = { mode: 'batch', fallbackReason: null, fallbackAt: null, totalTickers: 5, failureRate: 0.2, batchSize: 5 };
const consolidateEvent = (state: Record<string, unknown> = batchState) => ({ sessionId: SID, executionStartTime: START, state });
const report = () => readJson<PortfolioReport>(`${root}/report.json`);
const metrics = () => readJson(`${root}/batch_prefetch_metrics.json`).batch_prefetch_metrics;
const keyOf = (item: Record<string, any>) => `${item.pk}|${item.sk}`;

beforeEach(() => {
  resetAws();
});

describe('Consolidate handler: a reused session id', () => {
  it("never reports an earlier execution's result as this run's", async () => {
    seedManifest(['AAA', 'BBB']);
    seedRunRecord(['AAA', 'BBB']);
    seedPrefetchStats();
    seedResult('AAA', { score: 0.8 });
    // BBB's result is from an execution of an hour before: this one's Crew wrote nothing.
    putObject(`${root}/results/BBB.json`, okCrewResult('BBB', { composite: 0.9, analysedAt: '2025-01-02T08:00:00.000Z' }));
    const outcome = await handler(consolidateEvent({ ...batchState, totalTickers: 2 }));
    expect(outcome).toMatchObject({ successfulTickers: 1, failedTickers: 1 });
    expect(report().holdings.find((row) => row.ticker === 'BBB')).toMatchObject({
      status: 'failed',
      composite_score: null,
      reason: 'no result from this execution: the result found was analysed at 2025-01-02T08:00:00.000Z, before it started (a reused session id)',
    });
  });
});

describe('Consolidate handler: the report', () => {
  it('lists every manifest ticker exactly once, missing results as failed with the no-result reason', async () => {
    const symbols = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE'];
    seedManifest(symbols);
    seedRunRecord(symbols);
    seedPrefetchStats();
    seedResult('BBB', { score: 0.2 });
    seedResult('DDD', { score: 0.8 });
    seedResult('EEE', { error: 'unknown symbol' });
    // A result for a ticker outside the manifest is not reported.
    seedResult('ZZZ', { score: 0.99 });

    const outcome = await handler(consolidateEvent());

    expect(runOutcomeSchema.parse(outcome)).toEqual({
      sessionId: SID,
      mode: 'batch',
      fallbackReason: null,
      totalTickers: 5,
      successfulTickers: 2,
      failedTickers: 3,
      reportKey: `${root}/report.json`,
      simulated: false,
    });
    const r = report();
    expect(r.holdings.map((row) => row.ticker).sort()).toEqual(symbols);
    // Ranked: ok tickers by score, then failed ones by ticker.
    expect(r.holdings.map((row) => [row.ticker, row.status, row.rank, row.reason])).toEqual([
      ['DDD', 'ok', 1, null],
      ['BBB', 'ok', 2, null],
      ['AAA', 'failed', null, NO_RESULT_REASON],
      ['CCC', 'failed', null, NO_RESULT_REASON],
      ['EEE', 'failed', null, 'unknown symbol'],
    ]);
    expect(NO_RESULT_REASON).toBe('no result: crew timed out or crashed');
    expect(r.failures).toEqual([
      { ticker: 'AAA', reason: NO_RESULT_REASON },
      { ticker: 'CCC', reason: NO_RESULT_REASON },
      { ticker: 'EEE', reason: 'unknown symbol' },
    ]);
    expect(r.summary).toEqual({
      total_tickers: 5,
      successful_tickers: 2,
      failed_tickers: 3,
      average_composite: 0.5,
      base_currency: 'USD',
      total_market_value: 400,
      total_unrealised_gain: null,
      grade_distribution: { 'A+': 0, A: 1, B: 0, C: 0, D: 0, F: 1, 'N/A': 3 },
      recommendations: { BUY: 1, HOLD: 0, SELL: 1, WAIT: 3 },
      stale_tickers: [],
      stale_after_trading_days: 5,
    });
    expect(r).toMatchObject({ session_id: SID, mode: 'batch', fallback: null, started_at: START, portfolio_key: 'portfolios/main.csv' });
    // Each result's position, weighted over the report's total market value.
    expect(r.holdings.find((row) => row.ticker === 'DDD')).toMatchObject({ grade: 'A', recommendation: 'BUY', market_value: 200, weight: 0.5 });
    expect(r.holdings.find((row) => row.ticker === 'AAA')).toMatchObject({ grade: 'N/A', recommendation: 'WAIT', market_value: null, weight: null });
    expect(r.sell_candidates.map((sell) => sell.ticker)).toEqual(['BBB']);

    // The four outputs, under the run's prefix, and nothing else.
    expect(putKeys().sort()).toEqual([`${root}/batch_prefetch_metrics.json`, `${root}/report.html`, `${root}/report.json`, `${root}/report.md`]);
    expect(objects.get(`${root}/report.md`)?.contentType).toMatch(/^text\/markdown/);
    const md = objects.get(`${root}/report.md`)!.body;
    for (const ticker of symbols) expect(md.split('\n').filter((line) => line.includes(`| ${ticker} |`))).toHaveLength(1);
    expect(md).toContain(`AAA: ${NO_RESULT_REASON}`);
    expect(md).toContain('- **BBB** (grade F');
    expect(md).not.toContain('ZZZ');
  });

  it('adds the run\'s estimated AWS cost beside the original keys, from the measured Lambda seconds', async () => {
    const symbols = tickers(5);
    seedManifest(symbols);
    seedRunRecord(symbols);
    seedPrefetchStats({ lambdaSeconds: 30 });
    seedResult('T0', { score: 0.5, analysis: 1 });
    seedResult('T1', { score: 0.6, analysis: 2 });

    await handler(consolidateEvent());

    const cost = metrics().estimated_cost_usd;
    expect(cost).toMatchObject({ region: 'us-east-1', prices_as_of: AWS_PRICES.asOf });
    // 5 crews, Prefetch and Consolidate: one Lambda request each.
    expect(cost.breakdown.lambda.invocations).toBe(7);
    // Prefetch's 30 s at 1 GB, plus each crew's own seconds at 0.5 GB (their results say 1.5 and 2.5 s), plus Consolidate's.
    expect(cost.breakdown.lambda.gb_seconds).toBeGreaterThanOrEqual(30 + (1.5 + 2.5) / 2);
    expect(cost.breakdown.lambda.gb_seconds).toBeLessThan(30 + (1.5 + 2.5) / 2 + 1);
    expect(cost.breakdown.dynamodb.write_units).toBeGreaterThanOrEqual(6);
    expect(cost.total_usd).toBeGreaterThan(0);
  });

  it('writes batch_prefetch_metrics.json in the FinWiz shape with measured figures', async () => {
    const symbols = tickers(5);
    seedManifest(symbols);
    seedRunRecord(symbols);
    // What Prefetch measured: 12.5 s of fetch wall time, mostly waits for a turn; 3.2 s of the
    // tickers' own service time and 0.8 s of once-per-run fetches; 20 requests at 10 a second.
    const stats = seedPrefetchStats({ sumServiceSeconds: 3.2, contextSeconds: 0.8, requests: 20, quoteRequests: 1, requestsPerSecond: 10 });
    seedResult('T0', { score: 0.5, analysis: 1 });
    seedResult('T1', { score: 0.6, analysis: 2 });
    seedResult('T2', { score: 0.7, analysis: 3 });
    seedResult('T4', { error: 'unknown symbol' });

    await handler(consolidateEvent());

    const file = readJson(`${root}/batch_prefetch_metrics.json`);
    expect(Object.keys(file)).toEqual(['batch_prefetch_metrics']);
    const m = file.batch_prefetch_metrics;
    for (const key of ORIGINAL_METRICS_KEYS) {
      expect(m, key).toHaveProperty(key);
    }
    expect(m).toMatchObject({
      session_id: SID,
      total_tickers: 5,
      successful_tickers: 3,
      failed_tickers: 2,
      batch_size: 5,
      total_batches: 1,
      failed_ticker_list: ['T3', 'T4'],
      error_summary: { [NO_RESULT_REASON]: 1, 'unknown symbol': 1 },
      mode: 'batch',
      fallback_reason: null,
    });
    // The estimate, worked by hand: service 3.2 + context 0.8 = 4 s (above the pace's 20 / 10 = 2 s),
    // plus the 4 quotes a sequential run asks beyond the one batch at 4 s / 20 = 0.2 s each, plus
    // the analyses 1 + 2 + 3 (T4's failed result has none): 10.8 s, and never the 12.5 s of waits.
    expect(m.estimated_sequential_time_seconds).toBe(10.8);
    expect(m.sequential_estimate).toMatchObject({ context_seconds: 0.8, ticker_fetch_seconds: 3.2, requests: 20, rate_limit_floor_seconds: 2, unbatched_quote_seconds: 0.8, analysis_seconds: 6 });
    // All of Prefetch's fetching: its tickers' 4 s and the once-per-run 0.8 s.
    expect(m.prefetch_duration_seconds).toBe(4.8);
    expect(m.peak_memory_usage_mb).toBeGreaterThanOrEqual(stats.peakRssMb);
    // Whose memory: Prefetch's 150 MB from its stats, the largest Crew's from the results (100 MB, the failed one's 80).
    expect(m.memory).toMatchObject({ scope: 'local process', prefetch_peak_mb: 150, largest_prefetch_chunk_peak_mb: null, largest_crew_peak_mb: 100 });
    expect(m.memory.consolidate_peak_mb).toBeGreaterThan(0);
    expect(Object.keys(m.data_sources).sort()).toEqual(['alpha_vantage', 'yahoo_finance']);
    const sourceKeys = ['duration_seconds', 'enabled', 'failed_tickers', 'successful_tickers'];
    // The original four, and the provenance fields (and Alpha Vantage's quota fields) added beside them.
    const provenanceKeys = ['endpoint', 'origin', 'simulated'];
    expect(Object.keys(m.data_sources.yahoo_finance).sort()).toEqual([...sourceKeys, ...provenanceKeys, 'tickers_by_origin'].sort());
    expect(Object.keys(m.data_sources.alpha_vantage).sort()).toEqual(
      [...sourceKeys, ...provenanceKeys, 'quota_message', 'quota_reached'].sort(),
    );
    expect(m.data_sources.yahoo_finance).toMatchObject({ enabled: true, successful_tickers: 4, failed_tickers: 1, duration_seconds: 4.8 });
    expect(m.data_sources.alpha_vantage.enabled).toBe(false);
    // The report carries the same metrics.
    expect(report().performance).toEqual(m);
  });

  it('shows a fallback state (sequential mode and its reason) in the report, the markdown and the metrics', async () => {
    const symbols = tickers(10);
    seedManifest(symbols);
    seedRunRecord(symbols);
    seedPrefetchStats({ successfulTickers: 3, failedTickers: 7 });
    for (const ticker of symbols) seedResult(ticker, { score: 0.5 });
    const reason = 'High failure rate: 70.0% (7/10)';
    const at = '2025-01-02T09:00:06.000Z';

    const outcome = await handler(
      consolidateEvent({ mode: 'sequential', fallbackReason: reason, fallbackAt: at, totalTickers: 10, failureRate: 0.7, batchSize: 1 }),
    );

    expect(outcome).toMatchObject({ mode: 'sequential', fallbackReason: reason, successfulTickers: 10 });
    expect(report()).toMatchObject({ mode: 'sequential', fallback: { reason, at } });
    expect(metrics()).toMatchObject({ mode: 'sequential', fallback_reason: reason, fallback_at: at, batch_size: 1, total_batches: 10 });
    const md = objects.get(`${root}/report.md`)!.body;
    expect(md).toContain('Fallback to sequential mode');
    expect(md).toContain(reason);
    const runItem = putItemsOf(TABLE).find((item) => item.sk === 'RUN');
    expect(runItem).toMatchObject({ mode: 'sequential', fallbackReason: reason });
  });

  it('consolidates after a Prefetch crash (no run record, no prefetch stats) from the manifest alone', async () => {
    const symbols = tickers(4);
    seedManifest(symbols);
    seedResult('T1', { score: 0.3 });
    const outcome = await handler(
      consolidateEvent({
        sessionId: SID,
        mode: 'sequential',
        fallbackReason: 'Prefetch crashed',
        fallbackAt: '2025-01-02T09:00:02.000Z',
        totalTickers: 0,
        error: { Error: 'Sandbox.Timedout', Cause: 'Task timed out after 900.00 seconds' },
      }),
    );
    expect(outcome).toMatchObject({ mode: 'sequential', fallbackReason: 'Prefetch crashed', totalTickers: 4, successfulTickers: 1, failedTickers: 3 });
    expect(report().fallback).toEqual({ reason: 'Prefetch crashed', at: '2025-01-02T09:00:02.000Z' });
    expect(report().portfolio_key).toBeNull();
    expect(metrics()).toMatchObject({ total_tickers: 4, batch_size: 1, total_batches: 4, prefetch_duration_seconds: 0 });
  });

  it('reports in BASE_CURRENCY', async () => {
    process.env.BASE_CURRENCY = 'EUR';
    seedManifest(['AAA']);
    seedResult('AAA', { score: 0.6 });
    await handler(consolidateEvent());
    expect(report().summary.base_currency).toBe('EUR');
    expect(objects.get(`${root}/report.md`)!.body).toContain('EUR; unrealised gain/loss');
  });

  it('reports a result that is not a crew result (a corrupt or old-shape object) as failed, unreadable', async () => {
    seedManifest(['OLD', 'NEW']);
    // The shape of the basic analysis, before the crew: it no longer passes crewResultSchema.
    putObject(`${root}/results/OLD.json`, { ticker: 'OLD', status: 'ok', error: null, mode: 'batch', figures: {}, score: 0.5 });
    seedResult('NEW', { score: 0.6 });
    const outcome = await handler(consolidateEvent());
    expect(outcome).toMatchObject({ successfulTickers: 1, failedTickers: 1 });
    const old = report().holdings.find((row) => row.ticker === 'OLD')!;
    expect(old).toMatchObject({ status: 'failed', grade: 'N/A', recommendation: 'WAIT' });
    expect(old.reason).toMatch(/^result unreadable: /);
  });

  it('throws when there is no manifest, writing nothing', async () => {
    seedResult('T0', { score: 0.5 });
    const error = await caught(handler(consolidateEvent()));
    expect(error.message).toMatch(/manifest/i);
    expect(error.message).toContain(SID);
    expect(putKeys()).toEqual([]);
    expect(batchWrites()).toEqual([]);
  });
});

describe('Consolidate handler: DynamoDB', () => {
  it('writes one run item and one item per ticker, at most 25 per BatchWrite', async () => {
    const symbols = tickers(30);
    seedManifest(symbols);
    seedRunRecord(symbols);
    seedPrefetchStats();
    for (const ticker of symbols.slice(0, 20)) seedResult(ticker, { score: 0.5 });

    await handler(consolidateEvent());

    const writes = batchWrites();
    expect(writes.length).toBe(2);
    for (const requests of writes) {
      expect(Object.keys(requests)).toEqual([TABLE]);
      expect(requests[TABLE]!.length).toBeGreaterThan(0);
      expect(requests[TABLE]!.length).toBeLessThanOrEqual(25);
      for (const request of requests[TABLE]!) expect(request).toHaveProperty('PutRequest.Item');
    }
    const items = putItemsOf(TABLE);
    expect(items).toHaveLength(31);
    const runItems = items.filter((item) => item.sk === 'RUN');
    expect(runItems).toHaveLength(1);
    expect(runItems[0]).toMatchObject({
      pk: `RUN#${SID}`,
      sk: 'RUN',
      gsi1pk: 'RUNS',
      gsi1sk: `${START}#${SID}`,
      sessionId: SID,
      totalTickers: 30,
      successfulTickers: 20,
      failedTickers: 10,
      reportKey: `${root}/report.json`,
    });
    const tickerItems = items.filter((item) => item.sk !== 'RUN');
    expect(tickerItems.map((item) => item.sk).sort()).toEqual(symbols.map((t) => `TICKER#${t}`).sort());
    for (const item of tickerItems) expect(item.pk).toBe(`RUN#${SID}`);
    expect(tickerItems.find((item) => item.sk === 'TICKER#T25')).toMatchObject({ ticker: 'T25', status: 'failed', reason: NO_RESULT_REASON });
    expect(tickerItems.find((item) => item.sk === 'TICKER#T3')).toMatchObject({
      ticker: 'T3',
      status: 'ok',
      composite_score: 0.5,
      grade: 'C',
      recommendation: 'HOLD',
      market_value: 200,
      warningCount: 0,
    });
    // The item is a summary for listings, not the whole result: no rationale, no timings.
    for (const item of tickerItems) {
      expect(item).not.toHaveProperty('rationale');
      expect(item).not.toHaveProperty('warnings');
      expect(item).not.toHaveProperty('fetchSeconds');
    }
    // No key twice in one request (DynamoDB rejects such a BatchWrite).
    for (const requests of writes) {
      const keys = requests[TABLE]!.map((request) => keyOf(request.PutRequest!.Item!));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('is idempotent: running twice writes the same set of keys', async () => {
    const symbols = tickers(27);
    seedManifest(symbols);
    seedRunRecord(symbols);
    seedPrefetchStats();
    for (const ticker of symbols) seedResult(ticker, { score: 0.5 });

    await handler(consolidateEvent());
    const first = putItemsOf(TABLE).map(keyOf);
    const firstObjects = putKeys();
    ddbMock.resetHistory();
    await handler(consolidateEvent());
    const second = putItemsOf(TABLE).map(keyOf);

    expect(first).toHaveLength(28);
    expect(new Set(first).size).toBe(first.length);
    expect(new Set(second)).toEqual(new Set(first));
    expect(second).toHaveLength(first.length);
    expect(new Set(putKeys().slice(firstObjects.length))).toEqual(new Set(firstObjects));
  });

  it('retries UnprocessedItems until every item is written', async () => {
    const symbols = tickers(12);
    seedManifest(symbols);
    seedRunRecord(symbols);
    for (const ticker of symbols) seedResult(ticker, { score: 0.5 });
    let unprocessed: Array<Record<string, any>> = [];
    ddbMock
      .on(BatchWriteCommand)
      .callsFakeOnce((input: { RequestItems: Record<string, Array<Record<string, any>>> }) => {
        // DynamoDB throttled the last three puts of the first request.
        unprocessed = input.RequestItems[TABLE]!.slice(-3);
        return { UnprocessedItems: { [TABLE]: unprocessed } };
      })
      .resolves({ UnprocessedItems: {} });

    await handler(consolidateEvent());

    const writes = batchWrites();
    expect(writes).toHaveLength(2);
    expect(writes[0]![TABLE]).toHaveLength(13);
    expect(writes[1]).toEqual({ [TABLE]: unprocessed });
    const written = new Set([...writes[0]![TABLE]!.slice(0, -3), ...writes[1]![TABLE]!].map((r) => keyOf(r.PutRequest!.Item!)));
    expect(written.size).toBe(13);
  });
});
