// Consolidate's failure mode: a report of a run that stopped, with every input ticker once,
// whether the manifest, the portfolio or the results can be read or not.
import { describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../lambdas/adapters/aws/object-store.js';
import { createLogger } from '../../lambdas/adapters/logger.js';
import { reportFailedRun } from '../../lambdas/consolidate/report-failed-run.js';
import type { FailedRunReport } from '../../lambdas/core/report/failed-run-report.js';
import { renderFailedRunMarkdown } from '../../lambdas/core/report/failed-run-report.js';
import { runKeys } from '../../lambdas/core/run-keys.js';
import { okCrewResult } from '../support/crew-result-builder.js';
import { memoryStore } from '../support/memory-store.js';

const logger = createLogger('consolidate-test');
const SESSION = 'failed-run';
const keys = runKeys(SESSION);
const STARTED = '2025-01-02T09:00:00.000Z';
const crash = { Error: 'InternalError', Cause: 'We encountered an internal error. Please try again.' };

const event = (stage: 'prefetch' | 'analysis' | 'consolidate', state: Record<string, unknown>, error = crash) => ({
  sessionId: SESSION,
  executionStartTime: STARTED,
  failure: { stage, error },
  state: { sessionId: SESSION, ...state },
});

async function storeWithPortfolio(csv = 'ticker,shares\nAAPL,1\nMSFT,2\nAAPL,3\nKO,4\n') {
  const store = memoryStore();
  await store.putText('portfolios/main.csv', csv, 'text/csv');
  return store;
}

describe('reportFailedRun', () => {
  it('a Prefetch crash before the manifest: the tickers come from the input (duplicates merged), none analysed, the root error is the crash', async () => {
    const store = await storeWithPortfolio();
    const outcome = await reportFailedRun(
      { store, logger },
      event('analysis', { input: { portfolioKey: 'portfolios/main.csv' }, error: crash }, { Error: 'States.ItemReaderFailed', Cause: 'NoSuchKey: manifest.json' }),
    );
    expect(outcome).toEqual({
      Error: 'InternalError',
      Cause: `Prefetch crashed before it wrote the manifest, so no ticker could be analysed: ${crash.Cause}`,
      reportKey: keys.reportJson,
      totalTickers: 3,
    });
    const report = store.json(keys.reportJson) as FailedRunReport;
    expect(report).toMatchObject({ status: 'failed', tickers_from: 'input', portfolio_key: 'portfolios/main.csv', started_at: STARTED });
    expect(report.failure.stage).toBe('analysis');
    expect(report.holdings.map((holding) => holding.ticker)).toEqual(['AAPL', 'MSFT', 'KO']);
    for (const holding of report.holdings) expect(holding).toMatchObject({ status: 'failed', recommendation: null, reason: 'not analysed: the run stopped before this ticker had a result' });
    const markdown = await store.getText(keys.reportMarkdown);
    expect(markdown).toContain('InternalError');
    expect(markdown?.match(/^\| (AAPL|MSFT|KO) \|/gm)).toHaveLength(3);
  });

  it('a failed Consolidate: the verdicts the crews wrote are kept, a ticker without a result says so', async () => {
    const store = memoryStore();
    await store.putJson(keys.manifest, [
      { ticker: 'AAPL', index: 0 },
      { ticker: 'MSFT', index: 1 },
      { ticker: 'KO', index: 2 },
    ]);
    await store.putJson(keys.result('AAPL'), okCrewResult('AAPL', { composite: 0.7 }));
    await store.putJson(keys.result('MSFT'), okCrewResult('MSFT', { composite: 0.3 }));
    // Left by an earlier execution under the same session id: never this run's.
    await store.putJson(keys.result('KO'), okCrewResult('KO', { analysedAt: '2024-12-01T09:00:00.000Z' }));
    const failure = { Error: 'RangeError', Cause: 'Invalid array length' };
    const outcome = await reportFailedRun({ store, logger }, event('consolidate', { mode: 'batch' }, failure));
    expect(outcome).toMatchObject({ Error: 'RangeError', Cause: 'Invalid array length', totalTickers: 3 });
    const report = store.json(keys.reportJson) as FailedRunReport;
    expect(report.tickers_from).toBe('manifest');
    expect(report.summary).toEqual({ total_tickers: 3, analysed_tickers: 2, not_analysed_tickers: 1 });
    expect(report.holdings).toEqual([
      { ticker: 'AAPL', status: 'ok', recommendation: 'BUY', grade: 'B', composite_score: 0.7, reason: null },
      { ticker: 'MSFT', status: 'ok', recommendation: 'SELL', grade: 'D', composite_score: 0.3, reason: null },
      { ticker: 'KO', status: 'failed', recommendation: null, grade: null, composite_score: null, reason: expect.stringContaining('before it started (a reused session id)') },
    ]);
  });

  it('a portfolio that cannot be read again: no ticker is invented, the report says why', async () => {
    const failing: ObjectStore = {
      ...memoryStore(),
      getText: async () => {
        throw Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' });
      },
    };
    const written = memoryStore();
    const store: ObjectStore = { ...failing, putJson: written.putJson, putText: written.putText };
    const outcome = await reportFailedRun({ store, logger }, event('analysis', { input: { portfolioKey: 'portfolios/main.csv' }, error: crash }));
    expect(outcome.totalTickers).toBe(0);
    const report = written.json(keys.reportJson) as FailedRunReport;
    expect(report).toMatchObject({ tickers_from: 'none', holdings: [], portfolio_error: 'the portfolio could not be read: ServiceUnavailable: Service Unavailable' });
    expect(renderFailedRunMarkdown(report)).toContain('The tickers could not be listed: the portfolio could not be read');
  });

  it('results that cannot be read (an S3 fault) leave every ticker listed as not analysed', async () => {
    const base = memoryStore();
    await base.putJson(keys.manifest, [{ ticker: 'AAPL', index: 0 }, { ticker: 'KO', index: 1 }]);
    const store: ObjectStore = {
      ...base,
      getJson: async (key, schema) => {
        if (key.startsWith(keys.resultsPrefix)) throw Object.assign(new Error('Slow Down'), { name: 'SlowDown' });
        return base.getJson(key, schema);
      },
    };
    await reportFailedRun({ store, logger }, event('consolidate', {}, { Error: 'SlowDown', Cause: 'Slow Down' }));
    const report = base.json(keys.reportJson) as FailedRunReport;
    expect(report.holdings.map((holding) => [holding.ticker, holding.status])).toEqual([
      ['AAPL', 'failed'],
      ['KO', 'failed'],
    ]);
    expect(report.holdings[0]!.reason).toContain('its result could not be read: SlowDown: Slow Down');
  });

  it('an unreachable source keeps its own error and cause word for word', async () => {
    const store = await storeWithPortfolio('ticker\nAAPL\n');
    const unreachable = { Error: 'SourceUnreachable', Cause: 'Yahoo Finance could not be reached.' };
    const outcome = await reportFailedRun({ store, logger }, event('prefetch', { input: { portfolioKey: 'portfolios/main.csv' } }, unreachable));
    expect(outcome).toMatchObject({ Error: 'SourceUnreachable', Cause: 'Yahoo Finance could not be reached.', totalTickers: 1 });
    expect((store.json(keys.reportJson) as FailedRunReport).failure.summary).toMatch(/stopped in Prefetch/);
  });

  it('an event without a failure is refused, naming the field', async () => {
    await expect(reportFailedRun({ store: memoryStore(), logger }, { sessionId: SESSION, state: {} })).rejects.toThrow(/failure/);
  });
});
