// report.html as a reader sees it: the third of three 12-holding local runs over one store
// (simulated Yahoo on 127.0.0.1, another seed each time, so that the digest has changes and
// every holding has a trend), opened from disk in headless Chromium with JavaScript off. Every
// chart must be there and visible, and the page must not ask for anything beyond itself. A
// full-page screenshot is kept in test-artifacts/ (git-ignored) for a human to look at.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportWithHistory } from '../../lambdas/consolidate/run-history-step.js';
import type { PortfolioRisk } from '../../lambdas/core/portfolio/portfolio-risk.js';
import { runFlow } from '../flow/support.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');
const EXAMPLE = resolve(import.meta.dirname, '../../examples/portfolio.csv');

let browser: Browser;
let reportPath: string;
let okTickers: string[];
let report: ReportWithHistory & { portfolio_risk: PortfolioRisk };

beforeAll(async () => {
  // The first 12 holdings of the example: shares and cost bases, so the allocation chart has values.
  const lines = (await readFile(EXAMPLE, 'utf-8')).trim().split('\n');
  const portfolio = join(await mkdtemp(join(tmpdir(), 'finwiz-browser-')), 'twelve.csv');
  await writeFile(portfolio, `${lines.slice(0, 13).join('\n')}\n`);
  // One store, so that each run finds the ones before it; one after the other, as a user would.
  const storeDir = await mkdtemp(join(tmpdir(), 'finwiz-browser-store-'));
  let run: Awaited<ReturnType<typeof runFlow>> | undefined;
  for (const [i, seed] of [0, 7, 13].entries()) run = await runFlow(portfolio, { storeDir, sessionId: `browser-report-${i + 1}`, sim: { seed } });
  reportPath = join(run!.result.outDir, 'report.html');
  report = run!.report as unknown as typeof report;
  okTickers = report.holdings.filter((row) => row.status === 'ok').map((row) => row.ticker);
  browser = await chromium.launch({ executablePath: CHROMIUM }).catch((error: unknown) => {
    throw new Error(`Chromium did not start from ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH. ${String(error)}`);
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('report.html of the third 12-holding run in Chromium', () => {
  it('shows the digest and every chart, trends included, asks for nothing beyond the file, and reads without JavaScript', async () => {
    expect(okTickers).toHaveLength(12);
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const url = pathToFileURL(reportPath).href;
    const refused: string[] = [];
    // Every request passes through here (data: URIs never do); only the page itself may load.
    await context.route('**/*', async (route) => {
      if (route.request().url() === url) return route.continue();
      refused.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));

    await page.goto(url, { waitUntil: 'load' });
    await expect(page.title()).resolves.toBe('FinWiz portfolio analysis — browser-report-3');

    // The digest heads the page: the comparison with the second run, its entries in order.
    expect(report.digest).toMatchObject({ status: 'compared', previous: { session_id: 'browser-report-2' } });
    expect(report.digest.entries.length, 'another seed moves some holding').toBeGreaterThan(0);
    const digest = page.locator('#digest');
    expect(await digest.isVisible()).toBe(true);
    await expect(digest.locator('.headline').textContent()).resolves.toBe(report.digest.headline);
    await expect(digest.locator('ol.changes > li .text').allTextContents()).resolves.toEqual(report.digest.entries.map((e) => e.text));
    for (const entry of await digest.locator('ol.changes > li').all()) expect(await entry.isVisible()).toBe(true);
    const [digestTop, summaryTop] = await Promise.all(['#digest', '#summary'].map(async (id) => (await page.locator(id).boundingBox())!.y));
    expect(digestTop).toBeLessThan(summaryTop!);

    const trends = okTickers.map((ticker) => `trend-${ticker}`);
    // The portfolio risk section: one chart per exposure, the contributions beside the weights, the heatmap.
    const risk = ['exposure-sector', 'exposure-country', 'exposure-currency', 'exposure-asset_type', 'risk-contributions', 'correlation-heatmap'];
    const expected = ['composite', 'allocation', 'grades', ...risk, ...okTickers.map((ticker) => `price-${ticker}`), ...trends];
    const charts = page.locator('figure.chart');
    expect(await charts.evaluateAll((figures) => figures.map((f) => f.getAttribute('data-chart')))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(await charts.count()).toBe(expected.length);
    for (const name of expected.filter((name) => !name.startsWith('trend-'))) {
      const svg = page.locator(`figure.chart[data-chart="${name}"] > svg`);
      await svg.scrollIntoViewIfNeeded();
      expect(await svg.isVisible(), `${name} is visible`).toBe(true);
      const box = await svg.boundingBox();
      expect(box!.width, `${name} width`).toBeGreaterThan(300);
      expect(box!.height, `${name} height`).toBeGreaterThan(150);
      // Drawn, not an empty frame: the series are paths with real geometry.
      expect(await svg.locator('path').count(), `${name} has paths`).toBeGreaterThan(3);
    }
    // Every holding was in all three runs: each has a trend line of three points, smaller than
    // the other charts but drawn (the line and its dots are paths).
    expect(Object.values(report.trends ?? {}).map((points) => points.length)).toEqual(okTickers.map(() => 3));
    for (const name of trends) {
      const svg = page.locator(`figure.chart[data-chart="${name}"] > svg`);
      await svg.scrollIntoViewIfNeeded();
      expect(await svg.isVisible(), `${name} is visible`).toBe(true);
      const box = await svg.boundingBox();
      expect(box!.width, `${name} width`).toBeGreaterThan(200);
      expect(box!.height, `${name} height`).toBeGreaterThan(60);
      expect(await svg.locator('path').count(), `${name} has paths`).toBeGreaterThan(3);
    }
    // The heatmap has a cell per pair of the 12 holdings, each labelled with its correlation,
    // and the sector chart names every sector of the results.
    const heatmapLabels = await page.locator('figure.chart[data-chart="correlation-heatmap"] text').allTextContents();
    expect(heatmapLabels).toEqual(expect.arrayContaining(report.portfolio_risk.correlation_matrix.tickers.slice(0, 12)));
    expect(heatmapLabels.filter((label) => /^-?[01](\.\d+)?$/.test(label)).length).toBeGreaterThanOrEqual(12 * 12);
    const sectorLabels = await page.locator('figure.chart[data-chart="exposure-sector"] text').allTextContents();
    expect(sectorLabels).toEqual(expect.arrayContaining(Object.keys(report.portfolio_risk.exposures.sector)));
    // A price chart carries the close and both moving averages.
    const legend = await page.locator(`figure.chart[data-chart="price-${okTickers[0]}"] text`).allTextContents();
    expect(legend).toEqual(expect.arrayContaining(['Adjusted close', 'SMA 50', 'SMA 200']));

    // The ranked table lists all 12; the performance section is in words.
    await expect(page.locator('table.holdings tbody tr').count()).resolves.toBe(12);
    await expect(page.locator('#performance li').first().textContent()).resolves.toMatch(/^The run took [\d.]+ s: prefetch/);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-12-holdings-3-runs.png'), fullPage: true });
    expect(refused).toEqual([]);
    expect(failed).toEqual([]);
    await context.close();
  });
});
