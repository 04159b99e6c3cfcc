import { describe, expect, it } from 'vitest';
import { firstLine } from '../../cli/error-text.js';
import { renderRunSummary, type SummaryReport, type SummaryRun } from '../../cli/run-summary.js';

/** A cloud run's outcome (`start --wait`): no timings. */
const result: SummaryRun = {
  sessionId: 's1',
  mode: 'batch',
  fallbackReason: null,
  totalTickers: 13,
  successfulTickers: 12,
  failedTickers: 1,
  reportKey: 'runs/s1/report.json',
  outDir: '/out/s1',
};

const holding = (i: number) => ({
  rank: i + 1,
  ticker: `T${String(i).padStart(2, '0')}`,
  name: i === 0 ? 'A very long company name that does not fit the column' : `Company ${i}`,
  status: 'ok' as const,
  grade: 'C',
  recommendation: 'HOLD',
  composite_score: 0.9 - i * 0.01,
  weight: 1 / 12,
});
const report: SummaryReport = {
  summary: {
    base_currency: 'EUR',
    total_market_value: 12345.5,
    total_unrealised_gain: -12,
    grade_distribution: { C: 12, 'N/A': 1 },
    recommendations: { HOLD: 12, WAIT: 1 },
  },
  holdings: [
    ...Array.from({ length: 12 }, (_, i) => holding(i)),
    { rank: null, ticker: 'BAD', name: null, status: 'failed', grade: 'N/A', recommendation: 'WAIT', composite_score: null, weight: null },
  ],
  failures: [{ ticker: 'BAD', reason: 'HTTP 500' }],
};

describe('renderRunSummary', () => {
  const text = renderRunSummary(result, report, { json: false, quiet: false, simulated: true });

  it('shows the top and the bottom five, never a failed ticker among them', () => {
    const top = text.slice(text.indexOf('Top 5:'), text.indexOf('Bottom 5:'));
    const bottom = text.slice(text.indexOf('Bottom 5:'), text.indexOf('Failures'));
    expect([...top.matchAll(/^\s+\d+\s+(T\d\d)/gm)].map((m) => m[1])).toEqual(['T00', 'T01', 'T02', 'T03', 'T04']);
    expect([...bottom.matchAll(/^\s+\d+\s+(T\d\d)/gm)].map((m) => m[1])).toEqual(['T07', 'T08', 'T09', 'T10', 'T11']);
    expect(top).toContain('A very long company name th…');
  });

  it('lists grades, failures with reasons and the report path, and says the data was simulated', () => {
    expect(text).toContain('Value: 12,345.50 EUR; unrealised gain/loss: -12.00 EUR');
    expect(text).toContain('Grades: A+ 0  A 0  B 0  C 12  D 0  F 0  N/A 1');
    expect(text).toMatch(/Failures \(1\):\n\s+Ticker\s+Reason\n\s+-+\s+-+\n\s+BAD\s+HTTP 500\n/);
    expect(text).toContain('Report: /out/s1/report.html');
    expect(text).toContain('not market data');
  });

  it('prints only the report path with --quiet, and the fixed JSON object with --json', () => {
    expect(renderRunSummary(result, report, { json: false, quiet: true, simulated: false })).toBe('/out/s1/report.html\n');
    const json = JSON.parse(renderRunSummary(result, report, { json: true, quiet: false, simulated: false })) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['failedTickers', 'fallbackReason', 'mode', 'outDir', 'sessionId', 'simulated', 'successfulTickers', 'totalTickers']);
    expect(json.simulated).toBe(false);
  });

  it('says where a local run spent its time and its peak memory, in the text and in the JSON', () => {
    const local = { ...result, phases: { wall_s: 20.04, setup_s: 1.2, prefetch_s: 14.76, analysis_s: 0.94, consolidate_s: 3.14 }, peakRssMb: 141.6 };
    expect(renderRunSummary(local, report, { json: false, quiet: false, simulated: false })).toContain(
      'Took 20.0 s: prefetch 14.8 s, analysis 0.9 s, consolidation 3.1 s, setup 1.2 s; peak memory 142 MB.',
    );
    const json = JSON.parse(renderRunSummary(local, report, { json: true, quiet: false, simulated: false })) as Record<string, unknown>;
    expect(json.phases).toEqual(local.phases);
    expect(json.peakRssMb).toBe(141.6);
    // A cloud run has no local timings to tell: neither the line nor the keys.
    expect(renderRunSummary(result, report, { json: false, quiet: false, simulated: false })).not.toContain('Took ');
  });

  it('still says where the report is when report.json could not be read', () => {
    const bare = renderRunSummary(result, null, { json: false, quiet: false, simulated: false });
    expect(bare).toContain('Tickers: 13 total, 12 analysed, 1 failed.');
    expect(bare).toContain('Report: /out/s1/report.html');
    expect(bare).not.toContain('Grades');
  });
});

describe('firstLine', () => {
  it('keeps an error to its first line, bounded, without a trailing full stop', () => {
    expect(firstLine('Task timed out.\n    at handler (x.ts:1)')).toBe('Task timed out');
    expect(firstLine('x'.repeat(500))).toHaveLength(300);
  });
});
