import { describe, expect, it } from 'vitest';
import { buildTrackRecord, type RunCalls } from '../../lambdas/core/history/track-record.js';
import { renderTrackRecordHtml } from '../../lambdas/core/report/track-record-html.js';
import { renderTrackRecordMarkdown } from '../../lambdas/core/report/track-record-markdown.js';
import { formatTrackRecord } from '../../cli/track-record-format.js';

const run = (sessionId: string, startedAt: string, close: number, price: number, recommendation: string): RunCalls => ({
  sessionId,
  startedAt,
  benchmark: { symbol: 'SPY', close, as_of: startedAt.slice(0, 10) },
  calls: [{ ticker: 'AAA', recommendation, grade: 'B', last_price: price }],
});
const record = buildTrackRecord(run('now', '2026-07-06T09:00:00Z', 110, 121, 'BUY'), [run('then', '2026-01-05T09:00:00Z', 100, 100, 'BUY')], 'SPY');

describe('the track record in the reports', () => {
  it('report.md gives every rate beside its n, per horizon and call', () => {
    const lines = renderTrackRecordMarkdown(record);
    expect(lines[0]).toBe('## Track record');
    expect(lines).toContain('| 6m (126 trading days) | 1 | BUY | 1 | 100.0% | +11.0% |');
    expect(lines).toContain('| 6m (126 trading days) | 1 | grade B | 1 | 100.0% | +11.0% |');
  });

  it('report.html draws the hit-rate chart and the same table', () => {
    const html = renderTrackRecordHtml(record);
    expect(html).toContain('data-chart="track-record"');
    expect(html).toMatch(/<svg[\s\S]*<\/svg>/);
    expect(html).toContain('<td>BUY</td><td>1</td><td>100.0%</td><td>+11.0%</td>');
  });

  it('says why there is no track record instead of an empty table', () => {
    expect(renderTrackRecordMarkdown(buildTrackRecord(run('now', '2026-07-06T09:00:00Z', 110, 121, 'BUY'), [], 'SPY'))).toEqual([
      '## Track record',
      '',
      'No track record yet: no earlier run of this portfolio is 21 trading days old (the shortest horizon).',
      '',
    ]);
    expect(renderTrackRecordHtml({ unavailable: 'the earlier runs could not be read (timeout)' })).toContain(
      'No track record: the earlier runs could not be read (timeout).',
    );
  });

  it('finwiz track-record prints the run, the lead and one line per call', () => {
    const text = formatTrackRecord({ sessionId: 'now', portfolioKey: 'portfolios/main.csv', record });
    expect(text.split('\n')[0]).toBe('Track record of run now (portfolios/main.csv):');
    expect(text).toMatch(/\n6m\s+1\s+BUY\s+1\s+100\.0%\s+\+11\.0%\n/);
  });
});
