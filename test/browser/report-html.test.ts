// report.html as a reader sees it: a 12-holding local run (simulated Yahoo on 127.0.0.1),
// opened from disk in headless Chromium with JavaScript off. Every chart must be there and
// visible, and the page must not ask for anything beyond itself. A full-page screenshot is
// kept in test-artifacts/ (git-ignored) for a human to look at.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFlow } from '../flow/support.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');
const EXAMPLE = resolve(import.meta.dirname, '../../examples/portfolio.csv');

let browser: Browser;
let reportPath: string;
let okTickers: string[];

beforeAll(async () => {
  // The first 12 holdings of the example: shares and cost bases, so the allocation chart has values.
  const lines = (await readFile(EXAMPLE, 'utf-8')).trim().split('\n');
  const portfolio = join(await mkdtemp(join(tmpdir(), 'finwiz-browser-')), 'twelve.csv');
  await writeFile(portfolio, `${lines.slice(0, 13).join('\n')}\n`);
  const run = await runFlow(portfolio, { sessionId: 'browser-report' });
  reportPath = join(run.result.outDir, 'report.html');
  okTickers = run.report.holdings.filter((row) => row.status === 'ok').map((row) => row.ticker);
  browser = await chromium.launch({ executablePath: CHROMIUM }).catch((error: unknown) => {
    throw new Error(`Chromium did not start from ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH. ${String(error)}`);
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('report.html of a 12-holding run in Chromium', () => {
  it('shows every chart, asks for nothing beyond the file, and reads without JavaScript', async () => {
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
    await expect(page.title()).resolves.toBe('FinWiz portfolio analysis — browser-report');

    const expected = ['composite', 'allocation', 'grades', ...okTickers.map((ticker) => `price-${ticker}`)];
    const charts = page.locator('figure.chart');
    expect(await charts.evaluateAll((figures) => figures.map((f) => f.getAttribute('data-chart')))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(await charts.count()).toBe(expected.length);
    for (const name of expected) {
      const svg = page.locator(`figure.chart[data-chart="${name}"] > svg`);
      await svg.scrollIntoViewIfNeeded();
      expect(await svg.isVisible(), `${name} is visible`).toBe(true);
      const box = await svg.boundingBox();
      expect(box!.width, `${name} width`).toBeGreaterThan(300);
      expect(box!.height, `${name} height`).toBeGreaterThan(150);
      // Drawn, not an empty frame: the series are paths with real geometry.
      expect(await svg.locator('path').count(), `${name} has paths`).toBeGreaterThan(3);
    }
    // A price chart carries the close and both moving averages.
    const legend = await page.locator(`figure.chart[data-chart="price-${okTickers[0]}"] text`).allTextContents();
    expect(legend).toEqual(expect.arrayContaining(['Adjusted close', 'SMA 50', 'SMA 200']));

    // The ranked table lists all 12; the performance section is in words.
    await expect(page.locator('table.holdings tbody tr').count()).resolves.toBe(12);
    await expect(page.locator('#performance li').first().textContent()).resolves.toMatch(/^The run took [\d.]+ s: prefetch/);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-12-holdings.png'), fullPage: true });
    expect(refused).toEqual([]);
    expect(failed).toEqual([]);
    await context.close();
  });
});
