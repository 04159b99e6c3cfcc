// The digest as the first section of report.html: the same headline, portfolio lines and
// entries as report.md (renderDigestMarkdown), in the digest's order, each entry marked with
// its kinds so that a downgrade reads differently from an upgrade at a glance.
import { portfolioLines, type Digest, type DigestEntry } from './digest.js';
import { escapeHtml as escape } from '../report/html-escape.js';
import type { ChangeKind } from './run-comparison.js';

type Tone = 'bad' | 'good' | 'warn' | 'info';

/** The badge word and tone of each kind; a Record, so that a new kind cannot be forgotten here. */
const KINDS: Record<ChangeKind, { label: string; tone: Tone }> = {
  downgrade: { label: 'downgrade', tone: 'bad' },
  new_sell: { label: 'new SELL', tone: 'bad' },
  new_failure: { label: 'new failure', tone: 'bad' },
  upgrade: { label: 'upgrade', tone: 'good' },
  recovered: { label: 'recovered', tone: 'good' },
  recommendation_flip: { label: 'recommendation flip', tone: 'warn' },
  score_move: { label: 'score move', tone: 'info' },
  new_holding: { label: 'new holding', tone: 'info' },
  removed_holding: { label: 'removed holding', tone: 'info' },
};

/** The entry's colour: bad before good ("recovered but a new SELL" is bad), then a plain flip, then the rest. */
const TONE_ORDER: Tone[] = ['bad', 'good', 'warn', 'info'];
const toneOf = (entry: DigestEntry): Tone => TONE_ORDER.find((tone) => entry.kinds.some((kind) => KINDS[kind].tone === tone)) ?? 'info';

export function renderDigestHtml(digest: Digest): string {
  const portfolio = portfolioLines(digest);
  const entries = digest.entries.map((entry) => {
    const badges = entry.kinds.map((kind) => `<span class="kind tone-${KINDS[kind].tone}">${escape(KINDS[kind].label)}</span>`).join('');
    return `<li class="change tone-${toneOf(entry)}" data-ticker="${escape(entry.ticker)}" data-kinds="${escape(entry.kinds.join(' '))}">${badges} <span class="text">${escape(entry.text)}</span></li>`;
  });
  return `<section id="digest" class="digest status-${digest.status}"><h2>What changed since the last run</h2>
<p class="headline">${escape(digest.headline)}</p>
${portfolio.length ? `<ul class="portfolio-lines">${portfolio.map((line) => `<li>${escape(line)}</li>`).join('')}</ul>` : ''}
${entries.length ? `<p class="note">Most important first (weight × size of the change):</p>\n<ol class="changes">${entries.join('\n')}</ol>` : ''}
</section>`;
}

export const DIGEST_STYLE = `
section.digest{background:#f7f9fc;border:1px solid #dde3ea;border-radius:6px;padding:4px 16px 12px;margin-top:16px}
section.digest h2{margin-top:12px}section.digest .headline{font-weight:600}
ol.changes{padding-left:0;list-style:none}li.change{border-left:4px solid #90a4ae;padding:2px 8px;margin:4px 0;background:#fff}
li.change.tone-bad{border-color:#c62828}li.change.tone-good{border-color:#1b7f3b}li.change.tone-warn{border-color:#ef6c00}
.kind{display:inline-block;font-size:.8em;border-radius:3px;padding:0 5px;margin-right:4px;color:#fff;background:#607d8b}
.kind.tone-bad{background:#c62828}.kind.tone-good{background:#1b7f3b}.kind.tone-warn{background:#ef6c00}
@media print{.kind{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;
