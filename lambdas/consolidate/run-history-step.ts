// Consolidate's history step: compare this run with the previous completed run of the same
// portfolio, put the digest and the trends in the report, add the history keys and the TTL to
// the items, and notify when something changed beyond the threshold. History is a bonus: a
// failure to read it or to notify is logged and never fails the run.
import type { Logger } from '@aws-lambda-powertools/logger';
import { publishDigest } from '../adapters/aws/digest-notifier.js';
import { portfolioPartition, previousRuns, runSortKey } from '../adapters/aws/run-history.js';
import { buildDigest, firstRunDigest, unavailableDigest, type Digest } from '../core/history/digest.js';
import { digestMessage } from '../core/history/digest-text.js';
import { digestWorthSending } from '../core/history/digest-threshold.js';
import { digestThreshold } from '../core/config/history-retention.js';
import { EXPIRES_AT_ATTRIBUTE, expiresAt, historyRetentionDays } from '../core/config/history-retention.js';
import { portfolioIdentity } from '../core/history/portfolio-identity.js';
import type { PortfolioReport } from '../core/report/portfolio-report.js';
import { compareRuns } from '../core/history/run-comparison.js';
import { snapshotOfReport } from '../core/history/run-snapshot.js';
import { buildTrends, type TrendPoint } from '../core/history/ticker-trend.js';
import { errorMessage } from '../core/errors.js';

/** Runs a report's trend lines reach back (this one included). */
export const TREND_RUNS = 10;

export interface RunHistory {
  portfolioId: string;
  digest: Digest;
  trends: Record<string, TrendPoint[]> | null;
}

/** The report with the digest first and the trends last. */
export type ReportWithHistory = { digest: Digest } & PortfolioReport & { trends: Record<string, TrendPoint[]> | null };

/** The history settings, validated before anything is written (a bad value fails the run at start). */
export function historySettings(env: Record<string, string | undefined>) {
  return { retentionDays: historyRetentionDays(env), threshold: digestThreshold(env), topicArn: env.DIGEST_TOPIC_ARN || null };
}

export async function readRunHistory(
  table: string,
  report: PortfolioReport,
  logger: Logger,
): Promise<RunHistory> {
  const portfolioId = portfolioIdentity(report.portfolio_key, report.holdings.map((row) => row.ticker));
  const base = report.summary.base_currency;
  const current = snapshotOfReport(report);
  try {
    const previous = await previousRuns(table, portfolioId, { startedAt: report.started_at, sessionId: report.session_id }, TREND_RUNS - 1);
    const digest = previous[0] ? buildDigest(compareRuns(previous[0], current), portfolioId, base) : firstRunDigest(portfolioId, base);
    return { portfolioId, digest, trends: buildTrends([current, ...previous]) };
  } catch (error) {
    const message = errorMessage(error);
    // dynalite cannot add an index to an existing table: a local store from before history lacks it.
    const why = /specified index/i.test(message)
      ? `the table has no byPortfolio index (a local store made before run history: delete it to start afresh)`
      : message;
    logger.warn(`Could not read earlier runs of this portfolio: ${why}`);
    return { portfolioId, digest: unavailableDigest(portfolioId, base, why), trends: null };
  }
}

export const withHistory = (report: PortfolioReport, history: RunHistory): ReportWithHistory => ({
  digest: history.digest,
  ...report,
  trends: history.trends,
});

/** What the run item adds for history: the portfolio index keys, the totals a comparison needs, the TTL. */
export function runHistoryAttributes(report: PortfolioReport, history: RunHistory, expires: number) {
  return {
    gsi2pk: portfolioPartition(history.portfolioId),
    gsi2sk: runSortKey(report.started_at, report.session_id),
    portfolioIdentity: history.portfolioId,
    totalMarketValue: report.summary.total_market_value,
    gradeDistribution: report.summary.grade_distribution,
    [EXPIRES_AT_ATTRIBUTE]: expires,
  };
}

export const itemExpiry = (finished: Date, retentionDays: number) => ({ [EXPIRES_AT_ATTRIBUTE]: expiresAt(finished, retentionDays) });

/** The AWS console page of an object, and its s3:// address (the mail reader may use either). */
export function reportLink(bucket: string, key: string, region: string | undefined): string {
  const console = `https://s3.console.aws.amazon.com/s3/object/${bucket}?region=${region ?? 'us-east-1'}&prefix=${encodeURIComponent(key)}`;
  return `${console} (s3://${bucket}/${key})`;
}

export async function notifyDigest(
  digest: Digest,
  options: {
    topicArn: string | null;
    threshold: ReturnType<typeof digestThreshold>;
    report: PortfolioReport;
    bucket: string;
    reportMarkdownKey: string;
  },
  logger: Logger,
): Promise<boolean> {
  if (!options.topicArn || !digestWorthSending(digest, options.threshold)) return false;
  const { report } = options;
  const message = digestMessage(digest, {
    portfolioName: report.portfolio_key ?? `portfolio of ${report.holdings.length} holdings`,
    sessionId: report.session_id,
    reportLink: reportLink(options.bucket, options.reportMarkdownKey, process.env.AWS_REGION),
  });
  try {
    await publishDigest(options.topicArn, message);
    logger.info(`Digest sent: ${digest.entries.length} changes${message.omitted ? `, ${message.omitted} left out to fit SNS's limit` : ''}`);
    return true;
  } catch (error) {
    logger.error(`Could not send the digest: ${errorMessage(error)}`);
    return false;
  }
}
