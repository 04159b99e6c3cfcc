// Fault tolerance, proven: each fault through the local engine against the simulator, each
// asserting the same invariant — every input ticker in the report exactly once with a status
// and a reason, ok + failed = total, the metrics' failed list and error summary match the
// results, and no unhandled rejection.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { resetYahooSession } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { csvTickers, runFlow, type FlowRun } from './support.js';

const TWELVE = ['AAPL', 'MSFT', 'NVDA', 'KO', 'PEP', 'JNJ', 'PG', 'V', 'MA', 'HD', 'DIS', 'QQQ'];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});
beforeEach(async () => {
  await resetYahooSession();
});

async function portfolio(tickers: string[]): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'finwiz-faults-')), 'p.csv');
  await writeFile(path, `ticker,shares\n${tickers.map((ticker) => `${ticker},10`).join('\n')}\n`);
  return path;
}

type Row = { ticker: string; status: string; reason: string | null };

function expectAccounted(run: FlowRun, tickers: string[]): Row[] {
  const rows = run.report.holdings as Row[];
  expect(rows.map((row) => row.ticker).sort()).toEqual([...tickers].sort());
  for (const row of rows) {
    expect(['ok', 'failed']).toContain(row.status);
    if (row.status === 'failed') expect(row.reason).toBeTruthy();
  }
  const m = run.metrics.batch_prefetch_metrics as { successful_tickers: number; failed_tickers: number; failed_ticker_list: string[]; error_summary: Record<string, number> };
  expect(m.successful_tickers + m.failed_tickers).toBe(tickers.length);
  const failed = rows.filter((row) => row.status === 'failed');
  expect(m.failed_ticker_list).toEqual(failed.map((row) => row.ticker).sort());
  const summary: Record<string, number> = {};
  for (const row of failed) summary[row.reason!] = (summary[row.reason!] ?? 0) + 1;
  expect(m.error_summary).toEqual(summary);
  expect(unhandled).toEqual([]);
  return rows;
}

const retriesOn = { YAHOO_MAX_RETRIES: '4', YAHOO_REQUESTS_PER_SECOND: '50' };

describe('the fault matrix', () => {
  it('429 bursts: a simulator limit below the client pace still gives every ticker', async () => {
    const run = await runFlow(await portfolio(TWELVE), { sim: { rateLimit: 4 }, env: { ...retriesOn, YAHOO_REQUESTS_PER_SECOND: '10' } });
    expect(run.simStats.http429).toBeGreaterThan(0);
    const rows = expectAccounted(run, TWELVE);
    expect(rows.every((row) => row.status === 'ok')).toBe(true);
  });

  it('500s and 429s on 20% of requests, retries on: a 66-holding run ends with all 66 ok', async () => {
    const tickers = await csvTickers('examples/portfolio.csv');
    const run = await runFlow('examples/portfolio.csv', { sim: { errorRate: 0.2 }, env: retriesOn });
    expect(run.simStats.http500 + run.simStats.http429).toBeGreaterThan(10);
    const rows = expectAccounted(run, tickers);
    expect(rows.filter((row) => row.status !== 'ok')).toEqual([]);
  }, 240_000);

  it('answers slower than the request timeout: that ticker fails with "timeout", the others are ok', async () => {
    const run = await runFlow(await portfolio(TWELVE), {
      sim: { slowTickers: ['NVDA'], slowMs: 20_000 },
      env: { ...retriesOn, YAHOO_MAX_RETRIES: '1', YAHOO_REQUEST_TIMEOUT_MS: '1000', YAHOO_TICKER_DEADLINE_MS: '3000' },
    });
    const rows = expectAccounted(run, TWELVE);
    expect(rows.find((row) => row.ticker === 'NVDA')).toMatchObject({ status: 'failed', reason: 'timeout' });
    expect(rows.filter((row) => row.status === 'ok')).toHaveLength(11);
  });

  it('malformed JSON: that ticker fails with "malformed answer"', async () => {
    const run = await runFlow(await portfolio(TWELVE), { sim: { malformedTickers: ['KO'] }, env: retriesOn });
    const rows = expectAccounted(run, TWELVE);
    expect(rows.find((row) => row.ticker === 'KO')).toMatchObject({ status: 'failed', reason: 'malformed answer' });
    expect(rows.filter((row) => row.status === 'ok')).toHaveLength(11);
  });

  it('a crumb endpoint that answers 429 at first: retried, every ticker ok', async () => {
    const run = await runFlow(await portfolio(TWELVE), { sim: { crumbFailures: 2 }, env: retriesOn });
    expect(run.simStats.byEndpoint.crumb).toBeGreaterThanOrEqual(3);
    expect(run.simStats.http429).toBeGreaterThanOrEqual(2);
    const rows = expectAccounted(run, TWELVE);
    expect(rows.every((row) => row.status === 'ok')).toBe(true);
  });

  it('unknown symbols: failed with "unknown symbol", never retried into the others', async () => {
    const tickers = [...TWELVE, 'NOPE1', 'NOPE2'];
    const run = await runFlow(await portfolio(tickers), { sim: { failTickers: ['NOPE1', 'NOPE2'] }, env: retriesOn });
    const rows = expectAccounted(run, tickers);
    for (const ticker of ['NOPE1', 'NOPE2']) {
      expect(rows.find((row) => row.ticker === ticker)).toMatchObject({ status: 'failed', reason: 'unknown symbol' });
    }
    expect(rows.filter((row) => row.status === 'ok')).toHaveLength(12);
  });

  it('a Crew that throws for one ticker: tolerated, reported without a result', async () => {
    const run = await runFlow(await portfolio(TWELVE), {
      env: retriesOn,
      wrapHandler: (name, handler) =>
        name === 'crew'
          ? async (event) => {
              if ((event as { holding: { ticker: string } }).holding.ticker === 'PEP') throw new Error('boom');
              return handler(event);
            }
          : handler,
    });
    const rows = expectAccounted(run, TWELVE);
    expect(rows.find((row) => row.ticker === 'PEP')).toMatchObject({ status: 'failed', reason: 'no result: crew timed out or crashed' });
  });
});
