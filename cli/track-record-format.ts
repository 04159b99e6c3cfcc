// What `finwiz track-record` prints: the lead sentence and one line per horizon and call, n first.
import type { NewestTrackRecord } from '../lambdas/adapters/aws/track-record-history.js';
import { trackRecordLead, trackRecordRows } from '../lambdas/core/report/track-record-text.js';

export function formatTrackRecord(found: NewestTrackRecord): string {
  const title = `Track record of run ${found.sessionId}${found.portfolioKey ? ` (${found.portfolioKey})` : ''}:`;
  const lines = [title, trackRecordLead(found.record)];
  if (!('unavailable' in found.record) && found.record.horizons.length > 0) {
    const header = ['horizon', 'runs', 'call', 'n', 'hit rate', 'mean excess'];
    const rows = trackRecordRows(found.record).map((row) => [row.horizon, String(row.runs), row.call, String(row.n), row.hit_rate, row.mean_excess_return]);
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
    const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
    lines.push('', line(header), ...rows.map(line));
  }
  return `${lines.join('\n')}\n`;
}
