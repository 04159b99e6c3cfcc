// report.md's "Track record" section.
import { trackRecordLead, trackRecordRows, type TrackRecordSection } from './track-record-text.js';

export function renderTrackRecordMarkdown(section: TrackRecordSection): string[] {
  const lines = ['## Track record', '', trackRecordLead(section), ''];
  if ('unavailable' in section || section.horizons.length === 0) return lines;
  lines.push('| Horizon | Runs | Call | n | Hit rate | Mean excess return |', '|---|---|---|---|---|---|');
  for (const row of trackRecordRows(section)) {
    lines.push(`| ${row.horizon} (${row.trading_days} trading days) | ${row.runs} | ${row.call} | ${row.n} | ${row.hit_rate} | ${row.mean_excess_return} |`);
  }
  lines.push('');
  return lines;
}
