// Consolidate's history step with DynamoDB and SNS behind aws-sdk-client-mock: the previous
// run of the portfolio is read through the byPortfolio index, the digest heads report.json and
// report.md, the items carry the history keys and the TTL, and the digest is published to the
// topic only when the threshold says so, within SNS's size limit.
import { PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

import { handler } from '../../lambdas/consolidate/handler.js';
import { notifyDigest, type ReportWithHistory } from '../../lambdas/consolidate/run-history-step.js';
import { createLogger } from '../../lambdas/adapters/logger.js';
import { buildDigest } from '../../lambdas/core/history/digest.js';
import { SNS_MAX_BYTES } from '../../lambdas/core/history/digest-text.js';
import { digestThreshold } from '../../lambdas/core/config/history-retention.js';
import type { PortfolioReport } from '../../lambdas/core/report/portfolio-report.js';
import { compareRuns } from '../../lambdas/core/history/run-comparison.js';
import type { RunSnapshot } from '../../lambdas/core/history/run-snapshot.js';
import { okCrewResult } from '../support/crew-result-builder.js';
import { ddbMock, objects, putItemsOf, putObject, readJson, resetAws, TABLE } from './support.js';

const snsMock = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-2:123456789012:FinwizDigest';
const SID = 'history-session';
const PREV = 'previous-session';
const START = '2025-01-03T06:00:00.000Z';
const PREV_START = '2025-01-02T06:00:00.000Z';
/** The results of this run are written a minute after it started. */
const ANALYSED_AT = '2025-01-03T06:01:00.000Z';
const root = `runs/${SID}`;
const IDENTITY = 'key:portfolios/main.csv';

/** This run: AAPL 0.71 (C), MSFT 0.90 (A), each 2 shares at 100. */
function seedRun(scores: Record<string, number>): void {
  const symbols = Object.keys(scores);
  putObject(`${root}/manifest.json`, symbols.map((ticker, index) => ({ ticker, shares: 2, index })));
  putObject(`${root}/run.json`, {
    sessionId: SID,
    startedAt: START,
    portfolioKey: 'portfolios/main.csv',
    totalTickers: symbols.length,
    batchSize: 1,
    totalBatches: symbols.length,
    initialMode: 'batch',
    initialFallbackReason: null,
    config: {},
  });
  for (const [ticker, composite] of Object.entries(scores)) {
    putObject(`${root}/results/${ticker}.json`, okCrewResult(ticker, { composite, lastPrice: 100, shares: 2, analysedAt: ANALYSED_AT }));
  }
}

const tickerItem = (ticker: string, grade: string, recommendation: string, composite: number) => ({
  pk: `RUN#${PREV}`,
  sk: `TICKER#${ticker}`,
  ticker,
  status: 'ok',
  grade,
  recommendation,
  composite_score: composite,
  weight: 0.5,
  market_value: 200,
  reason: null,
});

/** The table holds one earlier run of the portfolio: AAPL B 0.70, MSFT A 0.80. */
function seedPreviousRun(options: { earlierAttempt?: boolean } = {}): QueryCommandInput[] {
  const queries: QueryCommandInput[] = [];
  // A restarted run (same session id, later start) finds its own first attempt's item first.
  const attempt = { pk: `RUN#${SID}`, sk: 'RUN', sessionId: SID, startedAt: '2025-01-03T05:00:00.000Z', reportKey: `${root}/report.json`, totalMarketValue: 1, gradeDistribution: {} };
  ddbMock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    queries.push(input);
    if (input.IndexName === 'byPortfolio') {
      const ok = input.ExpressionAttributeValues?.[':pk'] === `PORTFOLIO#${IDENTITY}` && String(input.ExpressionAttributeValues?.[':before']) > PREV_START;
      return {
        Items: ok
          ? [...(options.earlierAttempt ? [attempt] : []), { pk: `RUN#${PREV}`, sk: 'RUN', sessionId: PREV, startedAt: PREV_START, reportKey: `runs/${PREV}/report.json`, totalMarketValue: 400, gradeDistribution: { A: 1, B: 1 } }]
          : [],
      };
    }
    if (input.ExpressionAttributeValues?.[':pk'] === `RUN#${PREV}`) {
      return { Items: [tickerItem('AAPL', 'B', 'BUY', 0.7), tickerItem('MSFT', 'A', 'BUY', 0.8)] };
    }
    return { Items: [] };
  });
  return queries;
}

const event = { sessionId: SID, executionStartTime: START, state: { mode: 'batch', fallbackReason: null, fallbackAt: null } };

beforeEach(() => {
  resetAws();
  snsMock.reset();
  snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
  delete process.env.DIGEST_TOPIC_ARN;
  delete process.env.DIGEST_THRESHOLD;
  delete process.env.HISTORY_RETENTION_DAYS;
});

describe('Consolidate: comparison with the previous run of the portfolio', () => {
  it('puts the digest first in report.json and report.md, naming the downgrade from what to what', async () => {
    seedRun({ AAPL: 0.55, MSFT: 0.8 });
    const queries = seedPreviousRun();

    await handler(event);

    const report = readJson<ReportWithHistory>(`${root}/report.json`);
    expect(Object.keys(report)[0]).toBe('digest');
    expect(report.digest).toMatchObject({
      status: 'compared',
      portfolio_id: IDENTITY,
      previous: { session_id: PREV, started_at: PREV_START },
      grade_distribution_change: { B: -1, C: 1 },
    });
    expect(report.digest.entries.map((e) => e.text)).toEqual(['AAPL B -> C, composite 0.70 -> 0.55, BUY -> HOLD, weight 50.0%']);
    // Two runs are not a trend yet.
    expect(report.trends).toBeNull();
    const md = objects.get(`${root}/report.md`)!.body;
    expect(md.indexOf('## What changed since the last run')).toBeGreaterThan(0);
    expect(md.indexOf('## What changed since the last run')).toBeLessThan(md.indexOf('## Summary'));
    expect(md).toContain('- AAPL B -> C, composite 0.70 -> 0.55, BUY -> HOLD, weight 50.0%');
    // It asked for runs of this portfolio before this one, newest first.
    const portfolioQuery = queries.find((q) => q.IndexName === 'byPortfolio')!;
    expect(portfolioQuery).toMatchObject({ TableName: TABLE, ScanIndexForward: false });
    expect(portfolioQuery.ExpressionAttributeValues).toEqual({ ':pk': `PORTFOLIO#${IDENTITY}`, ':before': `${START}#${SID}` });
  });

  it('does not compare a restarted run with its own earlier attempt', async () => {
    seedRun({ AAPL: 0.55, MSFT: 0.8 });
    seedPreviousRun({ earlierAttempt: true });

    await handler(event);

    const report = readJson<ReportWithHistory>(`${root}/report.json`);
    expect(report.digest.previous).toEqual({ session_id: PREV, started_at: PREV_START });
    expect(report.digest.entries.map((e) => e.ticker)).toEqual(['AAPL']);
  });

  it('writes the history keys, the totals and the TTL on the run item and the TTL on every ticker item', async () => {
    seedRun({ AAPL: 0.55, MSFT: 0.8 });
    seedPreviousRun();
    process.env.HISTORY_RETENTION_DAYS = '30';
    const before = Math.floor(Date.now() / 1000);

    await handler(event);

    const items = putItemsOf(TABLE);
    const run = items.find((item) => item.sk === 'RUN')!;
    expect(run).toMatchObject({
      gsi2pk: `PORTFOLIO#${IDENTITY}`,
      gsi2sk: `${START}#${SID}`,
      portfolioIdentity: IDENTITY,
      totalMarketValue: 400,
      gradeDistribution: expect.objectContaining({ A: 1, C: 1 }),
    });
    for (const item of items) {
      expect(item.expiresAt).toBeGreaterThanOrEqual(before + 30 * 86_400);
      expect(item.expiresAt).toBeLessThan(before + 31 * 86_400);
    }
  });

  it('says there is nothing to compare on the first run, and sends nothing', async () => {
    seedRun({ AAPL: 0.55 });
    ddbMock.on(QueryCommand).resolves({ Items: [] });
    process.env.DIGEST_TOPIC_ARN = TOPIC;

    await handler(event);

    const report = readJson<ReportWithHistory>(`${root}/report.json`);
    expect(report.digest).toMatchObject({ status: 'first_run', entries: [], headline: 'First run of this portfolio: nothing to compare yet.' });
    expect(objects.get(`${root}/report.md`)!.body).toContain('First run of this portfolio: nothing to compare yet.');
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('still writes the report when the history cannot be read, and says why', async () => {
    seedRun({ AAPL: 0.55 });
    ddbMock.on(QueryCommand).rejects(new Error('Requested resource not found'));

    await handler(event);

    const report = readJson<ReportWithHistory>(`${root}/report.json`);
    expect(report.digest).toMatchObject({ status: 'unavailable', headline: 'No comparison with earlier runs: Requested resource not found' });
    expect(putItemsOf(TABLE).length).toBe(2);
  });

  it('tells a local store made before history (no byPortfolio index) apart from other failures', async () => {
    seedRun({ AAPL: 0.55 });
    ddbMock.on(QueryCommand).rejects(new Error('The table does not have the specified index: byPortfolio'));

    await handler(event);

    expect(readJson<ReportWithHistory>(`${root}/report.json`).digest.headline).toBe(
      'No comparison with earlier runs: the table has no byPortfolio index (a local store made before run history: delete it to start afresh)',
    );
  });
});

describe('Consolidate: the digest notification', () => {
  it('publishes the digest as plain text to DIGEST_TOPIC_ARN on a grade change', async () => {
    seedRun({ AAPL: 0.55, MSFT: 0.8 });
    seedPreviousRun();
    process.env.DIGEST_TOPIC_ARN = TOPIC;
    process.env.BUCKET_NAME = 'finwiz-test-bucket';

    await handler(event);

    const calls = snsMock.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input as PublishCommandInput;
    expect(input.TopicArn).toBe(TOPIC);
    expect(input.Subject).toBe('FinWiz portfolios/main.csv: 1 change (AAPL B -> C, composite 0.70 -> 0.55, BUY -> HOLD)');
    expect(input.Message!.split('\n')).toEqual([
      'FinWiz: what changed in portfolios/main.csv',
      `Run ${SID}`,
      '',
      `Since ${PREV} (2025-01-02 06:00 UTC): 1 downgrade, 1 recommendation flip.`,
      'Portfolio value 400.00 -> 400.00 USD (+0.0%)',
      'Grades: B -1, C +1',
      '',
      'Most important first:',
      '- AAPL B -> C, composite 0.70 -> 0.55, BUY -> HOLD, weight 50.0%',
      '',
      `Full report: https://s3.console.aws.amazon.com/s3/object/finwiz-test-bucket?region=${process.env.AWS_REGION}&prefix=runs%2F${SID}%2Freport.md (s3://finwiz-test-bucket/runs/${SID}/report.md)`,
    ]);
    // Plain text for a mail client: no markdown emphasis, no HTML.
    expect(input.Message).not.toMatch(/\*\*|<[a-z]/);
  });

  it('sends nothing when the change is below the threshold (a score move under the default)', async () => {
    seedRun({ AAPL: 0.7, MSFT: 0.77 });
    seedPreviousRun();
    process.env.DIGEST_TOPIC_ARN = TOPIC;

    await handler(event);

    const report = readJson<ReportWithHistory>(`${root}/report.json`);
    expect(report.digest.entries.map((e) => e.kinds)).toEqual([['score_move']]);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('does not fail the run when SNS refuses the message', async () => {
    seedRun({ AAPL: 0.55, MSFT: 0.8 });
    seedPreviousRun();
    process.env.DIGEST_TOPIC_ARN = TOPIC;
    snsMock.on(PublishCommand).rejects(new Error('AuthorizationError'));

    await expect(handler(event)).resolves.toMatchObject({ sessionId: SID, totalTickers: 2 });
    expect(objects.has(`${root}/report.json`)).toBe(true);
  });

  it('fails at start on a bad DIGEST_THRESHOLD, before writing anything', async () => {
    seedRun({ AAPL: 0.55 });
    process.env.DIGEST_THRESHOLD = 'sometimes';
    await expect(handler(event)).rejects.toThrow(/DIGEST_THRESHOLD="sometimes" is invalid/);
    expect(objects.has(`${root}/report.json`)).toBe(false);
  });

  it('cuts a very large digest to fit one SNS message, with a link to the full report, instead of failing the publish', async () => {
    const count = 6000;
    const symbols = Array.from({ length: count }, (_, i) => `TICKER${String(i).padStart(5, '0')}.L`);
    const snapshot = (sessionId: string, startedAt: string, grade: string, recommendation: string, composite: number): RunSnapshot => ({
      sessionId,
      startedAt,
      totalMarketValue: count * 100,
      gradeDistribution: { [grade]: count },
      tickers: symbols.map((ticker) => ({ ticker, status: 'ok', grade, recommendation, composite_score: composite, weight: 1 / count, market_value: 100, reason: null })),
    });
    const digest = buildDigest(
      compareRuns(snapshot('big-1', PREV_START, 'B', 'BUY', 0.8), snapshot('big-2', START, 'F', 'SELL', 0.5)),
      'set:big',
      'USD',
    );
    expect(digest.entries).toHaveLength(count);
    const report = { session_id: 'big-2', portfolio_key: null, holdings: symbols.map((ticker) => ({ ticker })) } as unknown as PortfolioReport;

    const sent = await notifyDigest(
      digest,
      { topicArn: TOPIC, threshold: digestThreshold({}), report, bucket: 'finwiz-test-bucket', reportMarkdownKey: 'runs/big-2/report.md' },
      createLogger('test'),
    );

    expect(sent).toBe(true);
    const input = snsMock.commandCalls(PublishCommand)[0]!.args[0].input as PublishCommandInput;
    const size = Buffer.byteLength(input.Message!, 'utf8') + Buffer.byteLength(input.Subject!, 'utf8');
    expect(size).toBeLessThanOrEqual(SNS_MAX_BYTES);
    expect(input.Subject!.length).toBeLessThanOrEqual(100);
    const lines = input.Message!.split('\n');
    const kept = lines.filter((line) => line.startsWith('- TICKER'));
    expect(kept.length).toBeGreaterThan(1000);
    expect(kept.length).toBeLessThan(count);
    expect(lines).toContain(`... and ${count - kept.length} more changes, in the full report.`);
    expect(lines[lines.length - 1]).toMatch(/^Full report: https:\/\/s3\.console\.aws\.amazon\.com\/s3\/object\/finwiz-test-bucket\?.*runs%2Fbig-2%2Freport\.md/);
    // Whole lines only: the last kept line is a complete entry.
    expect(kept[kept.length - 1]).toMatch(/^- TICKER\d{5}\.L B -> F, composite 0\.80 -> 0\.50, BUY -> SELL \(new SELL\), weight 0\.0%$/);
  });
});
