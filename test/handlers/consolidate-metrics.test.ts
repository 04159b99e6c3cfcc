// Consolidate publishes the run's metrics in CloudWatch Embedded Metric Format on stdout:
// namespace FinWiz, one low-cardinality dimension (service), the figures of the run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  delete process.env.POWERTOOLS_DEV; // dev mode turns metrics off
  delete process.env.POWERTOOLS_METRICS_DISABLED;
});

import { handler } from '../../lambdas/consolidate/handler.js';
import type { PrefetchStats, RunRecord } from '../../lambdas/core/prefetch/run-record.js';
import { failedCrewResult, okCrewResult } from '../support/crew-result-builder.js';
import { putObject, resetAws } from './support.js';

const SID = 'metrics-session';
const root = `runs/${SID}`;
const START = '2025-01-02T09:00:00.000Z';
let stdout: string[] = [];

function seedRun(symbols: string[], failed: string[], initialMode: RunRecord['initialMode'], cacheHits = 0): void {
  putObject(`${root}/manifest.json`, symbols.map((ticker, index) => ({ ticker, shares: 1, index })));
  const record: RunRecord = {
    sessionId: SID,
    startedAt: START,
    portfolioKey: 'portfolios/main.csv',
    totalTickers: symbols.length,
    batchSize: 2,
    totalBatches: Math.ceil(symbols.length / 2),
    initialMode,
    initialFallbackReason: initialMode === 'sequential' ? 'Portfolio has 5 holdings, below BATCH_PREFETCH_MIN_HOLDINGS=10' : null,
    config: {},
  };
  putObject(`${root}/run.json`, record);
  if (initialMode === 'batch') {
    const stats: PrefetchStats = {
      startedAt: '2025-01-02T09:00:01.000Z',
      finishedAt: '2025-01-02T09:00:05.500Z',
      durationSeconds: 4.5,
      successfulTickers: symbols.length - failed.length,
      failedTickers: failed.length,
      failedTickerList: failed,
      errorSummary: {},
      sumFetchSeconds: 9,
      cacheHits,
      peakRssMb: 100,
    };
    putObject(`${root}/prefetch-stats.json`, stats);
  }
  for (const ticker of symbols) {
    putObject(
      `${root}/results/${ticker}.json`,
      failed.includes(ticker) ? failedCrewResult(ticker, 'unknown symbol') : okCrewResult(ticker, { composite: 0.8 }),
    );
  }
}

/** The EMF documents written to stdout. */
const emf = (): any[] =>
  stdout
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line));

beforeEach(() => {
  resetAws();
  delete process.env.POWERTOOLS_SERVICE_NAME;
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('Consolidate handler: run metrics (EMF)', () => {
  it('writes one EMF document: namespace FinWiz, dimension service only, every run metric with its unit and value', async () => {
    process.env.POWERTOOLS_SERVICE_NAME = 'finwiz';
    seedRun(['A', 'B', 'C', 'D', 'E'], ['E'], 'batch', 3);
    await handler({ sessionId: SID, executionStartTime: START, state: { mode: 'batch', fallbackReason: null } });

    const docs = emf();
    expect(docs).toHaveLength(1);
    const [doc] = docs;
    const [directive] = doc._aws.CloudWatchMetrics;
    expect(doc._aws.CloudWatchMetrics).toHaveLength(1);
    expect(directive.Namespace).toBe('FinWiz');
    expect(directive.Dimensions).toEqual([['service']]);
    expect(doc.service).toBe('finwiz');
    expect(JSON.stringify(doc)).not.toContain(SID); // never the session id: one metric per run
    expect(Object.fromEntries(directive.Metrics.map((m: { Name: string; Unit: string }) => [m.Name, m.Unit]))).toEqual({
      Tickers: 'Count',
      FailedTickers: 'Count',
      FailureRate: 'None',
      Fallback: 'Count',
      PrefetchDuration: 'Seconds',
      CrewDuration: 'Seconds',
      TotalDuration: 'Seconds',
      CacheHits: 'Count',
    });
    expect(doc).toMatchObject({ Tickers: 5, FailedTickers: 1, FailureRate: 0.2, Fallback: 0, PrefetchDuration: 4.5, CacheHits: 3 });
    expect(typeof doc.CrewDuration).toBe('number');
    expect(typeof doc.TotalDuration).toBe('number');
    expect(typeof doc._aws.Timestamp).toBe('number');
  });

  it('counts a fallback from batch to sequential (Fallback 1)', async () => {
    seedRun(['A', 'B', 'C', 'D'], ['A', 'B', 'C'], 'batch');
    await handler({
      sessionId: SID,
      executionStartTime: START,
      state: { mode: 'sequential', fallbackReason: 'High failure rate: 75.0% (3/4)' },
    });
    const [doc] = emf();
    expect(doc).toMatchObject({ Fallback: 1, FailedTickers: 3, FailureRate: 0.75, service: 'finwiz' });
  });

  it('counts a crash of Prefetch as a fallback, but not a run that was sequential by configuration', async () => {
    seedRun(['A', 'B'], [], 'batch');
    await handler({
      sessionId: SID,
      executionStartTime: START,
      state: { mode: 'sequential', fallbackReason: 'Prefetch crashed', error: { Error: 'Sandbox.Timedout', Cause: 'timed out' } },
    });
    expect(emf()[0].Fallback).toBe(1);

    stdout = [];
    resetAws();
    seedRun(['A', 'B', 'C', 'D', 'E'], [], 'sequential');
    await handler({
      sessionId: SID,
      executionStartTime: START,
      state: { mode: 'sequential', fallbackReason: 'Portfolio has 5 holdings, below BATCH_PREFETCH_MIN_HOLDINGS=10' },
    });
    expect(emf()[0]).toMatchObject({ Fallback: 0, PrefetchDuration: 0, Tickers: 5 });
  });
});
