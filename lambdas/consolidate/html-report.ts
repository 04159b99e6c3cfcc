// report.html and its optional presigned link. Both come after report.json and report.md are
// safely written, and neither may fail the run: a chart that cannot be drawn or a link that
// cannot be signed costs the page or the link, with a warning, never the run's results.
import type { Logger } from '@aws-lambda-powertools/logger';
import PQueue from 'p-queue';
import type { ObjectStore } from '../adapters/aws/object-store.js';
import { presignedGetUrl } from '../adapters/aws/report-link.js';
import { crewResultSchema } from '../core/analysis/crew-result.js';
import { detailTickers, holdingDetail, type HoldingDetail } from '../core/report/holding-detail.js';
import { renderReportHtml, type HtmlReportInput } from '../core/report/report-html.js';
import { reportLinkExpirySeconds } from '../core/config/report-link-config.js';
import { runKeys } from '../core/run-keys.js';
import { errorMessage } from '../core/errors.js';

const READ_CONCURRENCY = 8;

export interface HtmlReportOutcome {
  /** The S3 key of report.html; null when it could not be written. */
  reportHtmlKey: string | null;
  /** A presigned link to it, when REPORT_LINK_EXPIRY_SECONDS > 0 and signing worked. */
  reportUrl: string | null;
}

export async function writeHtmlReport(input: {
  store: ObjectStore;
  bucket: string;
  report: HtmlReportInput;
  logger: Logger;
  env: Record<string, string | undefined>;
  /** Signs the link (a test double in tests; S3's presigner otherwise). */
  presign?: typeof presignedGetUrl;
}): Promise<HtmlReportOutcome> {
  const { store, report, logger } = input;
  const key = reportHtmlKey(report.session_id);
  try {
    const details = await readDetails(store, report.session_id, detailTickers(report.holdings));
    await store.putText(key, renderReportHtml(report, details), 'text/html; charset=utf-8');
  } catch (error) {
    logger.error(`report.html was not written: ${describe(error)}; report.json and report.md are complete`);
    return { reportHtmlKey: null, reportUrl: null };
  }
  let expiry: number;
  try {
    expiry = reportLinkExpirySeconds(input.env);
  } catch (error) {
    logger.warn(`No link to the report: ${describe(error)}`);
    return { reportHtmlKey: key, reportUrl: null };
  }
  if (expiry === 0) return { reportHtmlKey: key, reportUrl: null };
  try {
    return { reportHtmlKey: key, reportUrl: await (input.presign ?? presignedGetUrl)(input.bucket, key, expiry) };
  } catch (error) {
    logger.warn(`No link to the report: signing failed (${describe(error)})`);
    return { reportHtmlKey: key, reportUrl: null };
  }
}

/** `runs/<sessionId>/report.html`, beside report.json and report.md. */
export const reportHtmlKey = (sessionId: string) => `${runKeys(sessionId).root}/report.html`;

/** The chosen holdings' charts and findings; a result that is missing or unreadable just has none. */
async function readDetails(store: ObjectStore, sessionId: string, tickers: string[]): Promise<HoldingDetail[]> {
  const keys = runKeys(sessionId);
  const queue = new PQueue({ concurrency: READ_CONCURRENCY });
  const details = await Promise.all(
    tickers.map((ticker) =>
      queue.add(async () => {
        const result = await store.getJson(keys.result(ticker), crewResultSchema).catch(() => null);
        return result ? holdingDetail(result) : null;
      }),
    ),
  );
  return details.filter((detail): detail is HoldingDetail => detail !== null);
}

const describe = (error: unknown) => (errorMessage(error));
