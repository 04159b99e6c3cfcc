import { describe, expect, it } from 'vitest';
import { detailTickers } from '../../lambdas/core/report/holding-detail.js';
import { COMPOSITE_CHART_LIMIT } from '../../lambdas/core/report/report-charts.js';
import { SIMULATED_BANNER } from '../../lambdas/core/report/provenance.js';
import { escapeHtml, renderReportHtml } from '../../lambdas/core/report/report-html.js';
import type { TickerOutcome } from '../../lambdas/core/report/ticker-outcome.js';
import { failedCrewResult, okCrewResult } from '../support/crew-result-builder.js';
import { chartNames, detailOf, item, makeReport } from '../support/report-builder.js';

const outcomes: TickerOutcome[] = [
  { holding: item('AAPL', 0, { shares: 10 }), result: okCrewResult('AAPL', { composite: 0.68, shares: 10, costValue: 800, name: 'Apple <Inc> & "Co"' }) },
  { holding: item('TSLA', 1, { shares: 5 }), result: okCrewResult('TSLA', { composite: 0.23, shares: 5 }) },
  { holding: item('ZZZZ', 2), result: failedCrewResult('ZZZZ', 'unknown symbol') },
];
const details = [detailOf('AAPL', 0.8), detailOf('TSLA', 0.5, 5)];

describe('renderReportHtml', () => {
  const html = renderReportHtml(makeReport(outcomes), details);

  it('has the composite, allocation and grade charts and one price chart per holding with details, as inline SVG', () => {
    expect(chartNames(html)).toEqual(['composite', 'allocation', 'grades', 'price-AAPL', 'price-TSLA']);
    // The price chart has the three series named in its legend.
    const aapl = html.slice(html.indexOf('data-chart="price-AAPL"'));
    for (const name of ['Adjusted close', 'SMA 50', 'SMA 200']) expect(aapl.slice(0, aapl.indexOf('</figure>'))).toContain(name);
  });

  it('is self-contained: no script, no external stylesheet, image, font or link', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(\s*['"]?https?:/i);
    // Every src/href is a fragment of this page; xmlns declarations are names, not requests.
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((ref) => ref.startsWith('#'))).toBe(true);
  });

  it('shows the summary, the SELL candidates, the ranked table and the analysts findings', () => {
    // 10 x 100 + 5 x 100 USD; AAPL cost 800, TSLA has no cost basis: +200.
    expect(html).toContain('Market value</div><div class="value">1,500.00 USD</div>');
    expect(html).toContain('<span class="up">200.00 USD</span>');
    expect(html).toMatch(/<h3 id="sell-candidates">SELL candidates<\/h3>\s*<ul><li><a href="#h-TSLA"><strong>TSLA<\/strong>/);
    const table = html.slice(html.indexOf('<table class="holdings">'), html.indexOf('</table>'));
    expect([...table.matchAll(/<tr class="(ok|failed)"><td>([^<]+)<\/td><td>(?:<a[^>]*>)?([A-Z]+)/g)].map((m) => [m[2], m[3]])).toEqual([
      ['1', 'AAPL'],
      ['2', 'TSLA'],
      ['—', 'ZZZZ'],
    ]);
    expect(html).toContain('<summary>Fundamental analyst: score 0.60</summary>');
    expect(html).toContain('<td>trailingPE</td><td>30</td><td>negative</td>');
    expect(html).toContain('<li><strong>ZZZZ</strong>: unknown symbol</li>');
  });

  it("shows each detailed holding's data line and every finding's reference and source, as report.md does", () => {
    const aapl = html.slice(html.indexOf('<article class="holding" id="h-AAPL"'), html.indexOf('</article>', html.indexOf('id="h-AAPL"')));
    expect(aapl).toMatch(/<p class="data-line">Data: Yahoo Finance, fetched [^<]+, quote as of [^<]+, newest bar [^<]+<\/p>/);
    expect(aapl).toContain('<th>Reference</th><th>Source</th>');
    expect(aapl).toMatch(/<td>trailingPE<\/td><td>30<\/td><td>negative<\/td>(<td>[^<]*<\/td>){3}<td>test:trailingPE<\/td><\/tr>/);
  });

  it('escapes names, reasons and rationale', () => {
    expect(html).toContain('Apple &lt;Inc&gt; &amp; &quot;Co&quot;');
    expect(html).not.toContain('Apple <Inc>');
    expect(escapeHtml(`<a href='x'>&`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;');
  });

  it('puts the performance in words', () => {
    const performance = html.slice(html.indexOf('<section id="performance">'));
    expect(performance).toContain('<li>The run took 4 s: prefetch 0 s, analysis 3 s.</li>');
    expect(performance).toContain('by cause: unknown symbol (1).');
  });

  it('opens with the simulated-data banner only when the report says the data was simulated', () => {
    const simulated = renderReportHtml(makeReport(outcomes, { simulated: true }), details);
    expect(simulated).toMatch(new RegExp(`<body>\\n<div class="banner" role="alert" id="simulated-banner">${SIMULATED_BANNER}</div>`));
    expect(html).not.toContain(SIMULATED_BANNER);
    expect(renderReportHtml(makeReport(outcomes, { simulated: false }), details)).not.toContain(SIMULATED_BANNER);
  });

  it('shows the fallback notice only after a fallback', () => {
    expect(renderReportHtml(makeReport(outcomes, { fallbackReason: 'Prefetch crashed' }), details)).toContain(
      '<strong>Fallback to sequential mode</strong> at 2025-01-01T00:00:05.000Z: Prefetch crashed',
    );
    expect(html).not.toContain('fallback-notice');
  });

  it("shows each detailed holding's sector, industry and country, or why they are unknown", () => {
    const profiled: TickerOutcome[] = [
      { holding: item('JPM', 0), result: { ...okCrewResult('JPM', { composite: 0.7 }), sector: 'Financial Services', industry: 'Banks - Diversified', country: 'United States', profile_reason: null } },
      { holding: item('QQQ', 1), result: { ...okCrewResult('QQQ', { composite: 0.6 }), sector: null, industry: null, country: null, profile_reason: 'no sector, industry, country: Yahoo gives none for a listing of type ETF' } },
    ];
    const page = renderReportHtml(makeReport(profiled), [detailOf('JPM', 0.7), detailOf('QQQ', 0.6)]);
    const article = (ticker: string) => page.slice(page.indexOf(`id="h-${ticker}"`), page.indexOf('</article>', page.indexOf(`id="h-${ticker}"`)));
    expect(article('JPM')).toContain('<p class="profile">Profile: sector Financial Services, industry Banks - Diversified, country United States</p>');
    expect(article('QQQ')).toContain('<p class="profile">Profile: no sector, industry, country: Yahoo gives none for a listing of type ETF</p>');
  });

  it('says why there is no allocation chart when no holding has a market value', () => {
    const noShares: TickerOutcome[] = [{ holding: item('AAPL', 0), result: okCrewResult('AAPL', { composite: 0.68, shares: null }) }];
    const page = renderReportHtml(makeReport(noShares), []);
    expect(chartNames(page)).toEqual(['composite', 'grades']);
    expect(page).toContain('No allocation chart');
  });
});

describe('a large portfolio stays readable', () => {
  const many: TickerOutcome[] = Array.from({ length: 120 }, (_, i) => {
    const ticker = `T${String(i).padStart(3, '0')}`;
    // Weight grows with i; the composite falls with it, so weight order and rank order differ.
    return { holding: item(ticker, i, { shares: i + 1 }), result: okCrewResult(ticker, { composite: 0.8 - i * 0.005, shares: i + 1 }) };
  });
  const report = makeReport(many);

  it('details only the largest holdings by weight, listed in ranked order, and says so', () => {
    const chosen = detailTickers(report.holdings, 30);
    expect(chosen).toHaveLength(30);
    expect(chosen[0]).toBe('T090');
    expect(chosen.at(-1)).toBe('T119');
    const page = renderReportHtml(report, chosen.map((t) => detailOf(t, 0.5)));
    expect(page).toContain('Charts and findings for the 30 largest of 120 analysed holdings');
    expect(chartNames(page).filter((name) => name!.startsWith('price-'))).toHaveLength(30);
    // Every holding is still in the table.
    expect(page.match(/<tr class="ok">/g)).toHaveLength(120);
  });

  it('charts the best and the worst composites only, and the caption says how many were left out', () => {
    const page = renderReportHtml(report, []);
    const composite = page.slice(page.indexOf('data-chart="composite"'), page.indexOf('</figure>'));
    expect(composite).toContain(`the best and the worst ${COMPOSITE_CHART_LIMIT / 2} of 120 analysed holdings`);
    expect(composite).toContain('>T000<');
    expect(composite).toContain('>T119<');
    expect(composite).not.toContain('>T060<');
  });
});
