// Invalid input fails the execution at once with InvalidInput; a crashed Prefetch falls back
// to the sequential analysis; a crashed Crew is tolerated and reported by Consolidate; a run
// that stops anyway (no manifest, a failed Map or Consolidate, no source) leaves a report.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { LocalExecutionFailed } from '../../local/local-run.js';
import type { FailedRunReport } from '../../lambdas/core/report/failed-run-report.js';
import { csvTickers, logLines, runFlow } from './support.js';

const EXAMPLE = 'examples/portfolio.csv';

async function failedReport(outDir: string | null): Promise<FailedRunReport> {
  expect(outDir).not.toBeNull();
  return JSON.parse(await readFile(join(outDir!, 'report.json'), 'utf-8')) as FailedRunReport;
}

async function portfolioFile(name: string, content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'finwiz-input-')), name);
  await writeFile(path, content);
  return path;
}

describe('invalid input fails the state machine with InvalidInput', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['unknown format', 'portfolio.txt', 'ticker\nAAPL\n', /format/i],
    ['missing ticker column', 'p.csv', 'name,shares\nApple,1\n', /ticker/i],
    ['empty portfolio', 'p.csv', 'ticker,shares\n', /empty|no holdings/i],
    ['a symbol that cannot be a ticker', 'p.csv', 'ticker\nAAPL\nNOT A TICKER\n', /line 3.*ticker/i],
    ['negative shares', 'p.csv', 'ticker,shares\nAAPL,-5\n', /line 2.*shares/i],
    ['non-numeric shares', 'p.csv', 'ticker,shares\nAAPL,ten\n', /line 2.*shares/i],
    ['malformed JSON', 'p.json', '{"holdings": [', /json/i],
  ];
  for (const [label, name, content, cause] of cases) {
    it(`${label}`, async () => {
      const path = await portfolioFile(name, content);
      const failure = await runFlow(path).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(LocalExecutionFailed);
      expect((failure as LocalExecutionFailed).error).toBe('InvalidInput');
      expect((failure as LocalExecutionFailed).causeText).toMatch(cause);
    });
  }

  it('a bad configuration value fails with InvalidConfiguration naming the variable', async () => {
    const failure = await runFlow(EXAMPLE, { env: { DEEP_ANALYSIS_BATCH_SIZE: 'lots' } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LocalExecutionFailed);
    expect((failure as LocalExecutionFailed).error).toBe('InvalidConfiguration');
    expect((failure as LocalExecutionFailed).causeText).toContain('DEEP_ANALYSIS_BATCH_SIZE="lots"');
  });
});

describe('crashes', () => {
  it('a Prefetch crash is caught and the run falls back to the sequential analysis', async () => {
    const tickers = await csvTickers(EXAMPLE);
    const run = await runFlow(EXAMPLE, {
      wrapHandler: (name, handler) =>
        name === 'prefetch'
          ? async (event) => {
              await handler(event);
              throw new Error('Runtime.OutOfMemory: simulated');
            }
          : handler,
    });
    expect(run.result.mode).toBe('sequential');
    expect(run.result.fallbackReason).toBe('Prefetch crashed');
    expect(run.report.fallback?.reason).toBe('Prefetch crashed');
    expect(run.report.fallback?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(run.metrics.batch_prefetch_metrics.fallback_reason).toBe('Prefetch crashed');
    expect(run.report.holdings.map((holding) => holding.ticker).sort()).toEqual([...tickers].sort());
    expect(run.result.successfulTickers).toBe(66);
  });

  it('a Prefetch crash before the manifest (an S3 fault reading the portfolio) ends with a report of every input ticker, and the crash as the error', async () => {
    const tickers = await csvTickers(EXAMPLE);
    const crews: unknown[] = [];
    const failure = await runFlow(EXAMPLE, {
      wrapHandler: (name, handler) => {
        if (name === 'prefetch') {
          return async () => {
            throw Object.assign(new Error('We encountered an internal error. Please try again.'), { name: 'InternalError' });
          };
        }
        if (name === 'crew') return async (event) => crews.push(event);
        return handler;
      },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LocalExecutionFailed);
    const { error, causeText, outDir } = failure as LocalExecutionFailed;
    expect(error).toBe('InternalError');
    expect(causeText).toBe('Prefetch crashed before it wrote the manifest, so no ticker could be analysed: We encountered an internal error. Please try again.');
    expect(crews).toHaveLength(0);
    const report = await failedReport(outDir);
    expect(report).toMatchObject({ status: 'failed', tickers_from: 'input', failure: { stage: 'analysis', prefetch_error: { error: 'InternalError' } } });
    expect(report.holdings.map((holding) => holding.ticker)).toEqual(tickers);
    expect(new Set(report.holdings.map((holding) => `${holding.status}: ${holding.reason}`))).toEqual(new Set(['failed: not analysed: the run stopped before this ticker had a result']));
    const markdown = await readFile(join(outDir!, 'report.md'), 'utf-8');
    // Each ticker is one row of report.md's table, and only one.
    for (const ticker of tickers) expect(markdown.split('\n').filter((line) => line.startsWith(`| ${ticker} | not analysed |`))).toHaveLength(1);
  });

  it('a Map that fails as a whole ends with a report of every ticker, none analysed', async () => {
    const failure = await runFlow(EXAMPLE, {
      wrapHandler: (name, handler) =>
        name === 'read-manifest'
          ? async () => {
              throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
            }
          : handler,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LocalExecutionFailed);
    expect((failure as LocalExecutionFailed).error).toBe('NoSuchKey');
    const report = await failedReport((failure as LocalExecutionFailed).outDir);
    expect(report).toMatchObject({ tickers_from: 'manifest', failure: { stage: 'analysis', prefetch_error: null }, summary: { total_tickers: 66, analysed_tickers: 0 } });
    expect(new Set(report.holdings.map((holding) => holding.ticker)).size).toBe(66);
  });

  it("a failed Consolidate ends with a report that keeps every crew's verdict, and fails with Consolidate's error", async () => {
    const failure = await runFlow(EXAMPLE, {
      wrapHandler: (name, handler) =>
        name === 'consolidate'
          ? async (event) => {
              if (!(event as { failure?: unknown }).failure) throw new RangeError('Invalid array length');
              return handler(event);
            }
          : handler,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LocalExecutionFailed);
    const { error, causeText, outDir } = failure as LocalExecutionFailed;
    expect([error, causeText]).toEqual(['RangeError', 'Invalid array length']);
    const report = await failedReport(outDir);
    expect(report).toMatchObject({ failure: { stage: 'consolidate' }, summary: { total_tickers: 66, analysed_tickers: 66, not_analysed_tickers: 0 } });
    // The verdicts are the crews' own, read from their results (copied beside the report).
    for (const holding of report.holdings) {
      const result = JSON.parse(await readFile(join(outDir!, 'results', `${holding.ticker}.json`), 'utf-8'));
      expect(holding.recommendation).toBe(result.recommendation);
    }
  });

  it('a Crew crash for one ticker is tolerated and reported with its error', async () => {
    const crashes: unknown[] = [];
    const run = await runFlow(EXAMPLE, {
      wrapHandler: (name, handler) =>
        name === 'crew'
          ? async (event) => {
              const crew = event as { holding: { ticker: string }; crash?: unknown };
              if (crew.crash) crashes.push(crew.crash);
              else if (crew.holding.ticker === 'NVDA') throw new RangeError('Invalid array length');
              return handler(event);
            }
          : handler,
    });
    expect(run.result).toMatchObject({ mode: 'batch', totalTickers: 66, successfulTickers: 65, failedTickers: 1 });
    // The state machine caught the error and had the Crew record it: once, for NVDA only.
    expect(crashes).toHaveLength(1);
    const reason = 'crew crashed: RangeError: Invalid array length';
    const nvda = run.report.holdings.find((holding) => holding.ticker === 'NVDA');
    expect(nvda).toMatchObject({ status: 'failed', reason });
    expect(run.metrics.batch_prefetch_metrics.failed_ticker_list).toEqual(['NVDA']);
    expect(run.metrics.batch_prefetch_metrics.error_summary).toEqual({ [reason]: 1 });
  });

  it('a Crew whose crash cannot be recorded either is still reported, as a ticker without a result', async () => {
    const run = await runFlow(EXAMPLE, {
      wrapHandler: (name, handler) =>
        name === 'crew'
          ? async (event) => {
              if ((event as { holding: { ticker: string } }).holding.ticker === 'NVDA') throw new Error('boom');
              return handler(event);
            }
          : handler,
    });
    expect(run.result).toMatchObject({ mode: 'batch', totalTickers: 66, successfulTickers: 65, failedTickers: 1 });
    expect(run.report.holdings.find((holding) => holding.ticker === 'NVDA')).toMatchObject({ status: 'failed', reason: 'no result: crew timed out or crashed' });
  });

  it('a Crew that never returns hits its Lambda timeout; the map tolerates it and Consolidate reports it', async () => {
    const path = await portfolioFile('twelve.csv', `ticker\n${['AAPL', 'MSFT', 'NVDA', 'KO', 'PEP', 'JNJ', 'PG', 'V', 'MA', 'HD', 'DIS', 'QQQ'].join('\n')}\n`);
    const run = await runFlow(path, {
      // The Crew's 120 s becomes 3 s; the other functions keep plenty.
      timeoutScale: 0.025,
      wrapHandler: (name, handler) =>
        name === 'crew'
          ? (event) => {
              const crew = event as { holding: { ticker: string }; crash?: unknown };
              // The analysis hangs; the crash record (the Crew again, told the error) does not.
              return crew.holding.ticker === 'NVDA' && !crew.crash ? new Promise<never>(() => {}) : handler(event);
            }
          : handler,
    });
    expect(run.result).toMatchObject({ mode: 'batch', totalTickers: 12, successfulTickers: 11, failedTickers: 1 });
    expect(run.report.holdings.find((holding) => holding.ticker === 'NVDA')).toMatchObject({
      status: 'failed',
      reason: 'crew timed out: Sandbox.Timedout: Task timed out after 3.00 seconds',
    });
    expect(run.report.holdings).toHaveLength(12);
  });

  it('an endpoint that refuses every connection stops the run at once with SourceUnreachable and one sentence', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const endpoint = `http://127.0.0.1:${port}`;
    // Every Yahoo request of the run goes through the global fetch: count them.
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const firstLine = logLines.length;
    try {
      const failure = await runFlow(EXAMPLE, {
        yahooEndpoint: endpoint,
        // The production retry settings: 4 retries, a minute's deadline per request.
        env: { YAHOO_MAX_RETRIES: '4', YAHOO_TICKER_DEADLINE_MS: '60000' },
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(LocalExecutionFailed);
      const { error, causeText } = failure as LocalExecutionFailed;
      expect(error).toBe('SourceUnreachable');
      expect(causeText).toBe(
        `Yahoo Finance (through ${endpoint}) could not be reached (network error: ECONNREFUSED, connection refused): ` +
          'every request failed before an answer, so the network or a proxy is the likely cause; ' +
          'run with --source sim to see the whole flow offline.',
      );
      // Stopped at the benchmark and the portfolio's quotes, with no retry: a handful of
      // requests, not 66 tickers times 5 attempts, and no ticker was fetched or analysed.
      const yahooRequests = fetchSpy.mock.calls.filter(([input]) => String(input instanceof Request ? input.url : input).startsWith(endpoint));
      expect(yahooRequests.length).toBeGreaterThan(0);
      expect(yahooRequests.length).toBeLessThanOrEqual(5);
      expect(logLines.slice(firstLine).some((line) => /Processing [A-Z]/.test(line))).toBe(false);
      // It still leaves the report of what happened: every input ticker, none analysed.
      const report = await failedReport((failure as LocalExecutionFailed).outDir);
      expect(report).toMatchObject({ failure: { stage: 'prefetch', error: { error: 'SourceUnreachable', cause: causeText } }, summary: { total_tickers: 66, analysed_tickers: 0 } });
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('a partial outage (some tickers cut off by network errors) still runs to completion', async () => {
    const cutOff = ['NVDA', 'KO', 'QQQ'];
    const run = await runFlow(EXAMPLE, { sim: { resetTickers: cutOff } });
    expect(run.result).toMatchObject({ mode: 'batch', totalTickers: 66, successfulTickers: 63, failedTickers: 3 });
    const failed = run.report.holdings.filter((holding) => holding.status === 'failed');
    expect(failed.map((holding) => holding.ticker).sort()).toEqual([...cutOff].sort());
    for (const holding of failed) expect(holding.reason).toMatch(/^network error/);
  });
});
