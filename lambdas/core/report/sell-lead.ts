// The line that leads a SELL in report.md and report.html: the finding that weighed most, and
// what it was compared with (a sector reference with its source and date, or why there was none).
import type { SellCandidate } from './portfolio-report.js';

export function sellLeadText(lead: SellCandidate['lead']): string | null {
  if (!lead) return null;
  const against = lead.reference
    ? `reference ${lead.reference.value} from ${lead.reference.source}, as of ${lead.reference.as_of.slice(0, 10)}`
    : lead.reference_reason
      ? `no sector reference: ${lead.reference_reason}`
      : `source ${lead.source}`;
  return `Weighed most: ${lead.sentence.replace(/\.$/, '')} (${against}; ${lead.analyst}, weight ${lead.weight.toFixed(3)}).`;
}
