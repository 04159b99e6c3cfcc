// One holding's sector, industry and country in words, the same in report.md and report.html.
import type { ReportRow } from './ticker-outcome.js';

export function profileLine(row: Pick<ReportRow, 'sector' | 'industry' | 'country' | 'profile_reason'>): string {
  const known = [
    row.sector && `sector ${row.sector}`,
    row.industry && `industry ${row.industry}`,
    row.country && `country ${row.country}`,
  ].filter(Boolean);
  const reason = row.profile_reason ? `${known.length ? '; ' : ''}${row.profile_reason}` : '';
  return `Profile: ${known.join(', ')}${reason}`;
}
