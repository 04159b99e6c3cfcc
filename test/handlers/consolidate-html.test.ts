// Consolidate's report.html and the optional presigned link to it in the execution output.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

import { handler } from '../../lambdas/consolidate/handler.js';
import { writeHtmlReport } from '../../lambdas/consolidate/html-report.js';
import { createLogger } from '../../lambdas/adapters/logger.js';
import { s3ObjectStore } from '../../lambdas/adapters/aws/object-store.js';
import { runOutcomeSchema } from '../../lambdas/core/contracts.js';
import type { PortfolioReport } from '../../lambdas/core/report/portfolio-report.js';
import { buildPriceChart } from '../../lambdas/core/report/price-chart.js';
import { crewResultSchema } from '../../lambdas/core/analysis/crew-result.js';
import { okCrewResult } from '../support/crew-result-builder.js';
import { BUCKET, fakeBars, objects, putObject, readJson, resetAws, s3Mock } from './support.js';

const SID = 'html-session';
const root = `runs/${SID}`;
const event = { sessionId: SID, executionStartTime: '2025-01-02T09:00:00.000Z', state: { mode: 'batch', fallbackReason: null } };

function seed(symbols: string[]): void {
  putObject(`${root}/manifest.json`, symbols.map((ticker, index) => ({ ticker, shares: 2, index })));
  symbols.forEach((ticker, i) => {
    const result = okCrewResult(ticker, { composite: 0.9 - i * 0.1, lastPrice: 100, shares: 2 });
    putObject(`${root}/results/${ticker}.json`, crewResultSchema.parse({ ...result, price_chart: buildPriceChart(fakeBars(ticker)) }));
  });
}

beforeEach(() => {
  resetAws();
  delete process.env.REPORT_LINK_EXPIRY_SECONDS;
});

describe('Consolidate: report.html', () => {
  it('writes report.html with a price chart per holding, and no link by default', async () => {
    seed(['AAA', 'BBB', 'CCC']);
    const outcome = runOutcomeSchema.parse(await handler(event));
    expect(outcome.reportUrl).toBeUndefined();
    const html = objects.get(`${root}/report.html`)!;
    expect(html.contentType).toBe('text/html; charset=utf-8');
    for (const name of ['composite', 'allocation', 'grades', 'price-AAA', 'price-BBB', 'price-CCC']) {
      expect(html.body).toContain(`data-chart="${name}"><svg `);
    }
  });

  it('returns a presigned GET link to report.html that expires after REPORT_LINK_EXPIRY_SECONDS', async () => {
    seed(['AAA']);
    process.env.REPORT_LINK_EXPIRY_SECONDS = '3600';
    const outcome = runOutcomeSchema.parse(await handler(event));
    const url = new URL(outcome.reportUrl!);
    expect(url.pathname).toBe(`/${root}/report.html`);
    expect(url.hostname.startsWith(BUCKET)).toBe(true);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a bad REPORT_LINK_EXPIRY_SECONDS is a configuration error at start, like any other setting', async () => {
    seed(['AAA']);
    process.env.REPORT_LINK_EXPIRY_SECONDS = '999999999';
    await expect(handler(event)).rejects.toMatchObject({
      name: 'InvalidConfiguration',
      message: expect.stringContaining('REPORT_LINK_EXPIRY_SECONDS="999999999" is invalid: must be an integer from 0 (no link) to 604800'),
    });
    expect(objects.has(`${root}/report.html`)).toBe(false);
  });

  it('a failure to sign or to write the page leaves report.json and the run standing', async () => {
    seed(['AAA']);
    await handler(event);
    const report = readJson<PortfolioReport>(`${root}/report.json`);
    const logger = createLogger('test');
    const store = s3ObjectStore(BUCKET);
    const failingSign = async () => {
      throw new Error('no credentials');
    };
    await expect(
      writeHtmlReport({ store, bucket: BUCKET, report, logger, env: { REPORT_LINK_EXPIRY_SECONDS: '60' }, presign: failingSign }),
    ).resolves.toEqual({ reportHtmlKey: `${root}/report.html`, reportUrl: null });

    s3Mock.on(PutObjectCommand).rejects(new Error('AccessDenied'));
    await expect(writeHtmlReport({ store, bucket: BUCKET, report, logger, env: {} })).resolves.toEqual({
      reportHtmlKey: null,
      reportUrl: null,
    });
  });
});
