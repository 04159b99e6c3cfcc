// The digest as plain text for a mail client (and the console of `finwiz run`), and its fit
// into one SNS message: SNS takes at most 256 KB (262,144 bytes, subject included), so a very
// large portfolio's digest is cut at a whole line and ends with a link to the full report.
import { portfolioLines, type Digest } from './digest.js';

/** SNS's limit for a whole message. */
export const SNS_MAX_BYTES = 262_144;
/** What the body may use: the limit minus a margin for the subject, attributes and envelope. */
export const DIGEST_BODY_MAX_BYTES = SNS_MAX_BYTES - 16_384;
/** SNS subjects: at most 100 characters, ASCII, no line breaks. */
const SUBJECT_MAX = 100;

export interface DigestMessage {
  subject: string;
  body: string;
  /** Entries left out to fit the limit. */
  omitted: number;
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** The lines of the digest: headline, portfolio, then one line per change. */
export function digestLines(digest: Digest): { head: string[]; entries: string[] } {
  const head = [digest.headline, ...portfolioLines(digest)];
  return { head, entries: digest.entries.map((entry) => `- ${entry.text}`) };
}

export function renderDigestText(digest: Digest): string {
  const { head, entries } = digestLines(digest);
  return [...head, ...(entries.length ? ['', ...entries] : [])].join('\n');
}

export function digestSubject(digest: Digest, portfolioName: string): string {
  const top = digest.entries.slice(0, 3).map((e) => e.text.split(', weight')[0]);
  const raw = `FinWiz ${portfolioName}: ${digest.entries.length} change${digest.entries.length === 1 ? '' : 's'}${top.length ? ` (${top.join('; ')})` : ''}`;
  // Non-ASCII and control characters make SNS reject the subject.
  const ascii = raw.replace(/[^\x20-\x7E]/g, '?');
  return ascii.length <= SUBJECT_MAX ? ascii : `${ascii.slice(0, SUBJECT_MAX - 3)}...`;
}

/**
 * The mail: a title, the digest, and where the full report is. Cut at whole entry lines when it
 * would pass `maxBytes`, saying how many were left out.
 */
export function digestMessage(
  digest: Digest,
  context: { portfolioName: string; sessionId: string; reportLink: string },
  maxBytes: number = DIGEST_BODY_MAX_BYTES,
): DigestMessage {
  const { head, entries } = digestLines(digest);
  const title = [`FinWiz: what changed in ${context.portfolioName}`, `Run ${context.sessionId}`, ''];
  const footer = (omitted: number) => [
    '',
    ...(omitted > 0 ? [`... and ${omitted} more change${omitted === 1 ? '' : 's'}, in the full report.`] : []),
    `Full report: ${context.reportLink}`,
  ];
  const top = [...title, ...head, ...(entries.length ? ['', 'Most important first:'] : [])];
  let used = bytes(top.join('\n')) + bytes(footer(entries.length).join('\n')) + 2;
  let kept = 0;
  for (const line of entries) {
    const cost = bytes(line) + 1;
    if (used + cost > maxBytes) break;
    used += cost;
    kept++;
  }
  const omitted = entries.length - kept;
  const body = [...top, ...entries.slice(0, kept), ...footer(omitted)].join('\n');
  return { subject: digestSubject(digest, context.portfolioName), body, omitted };
}
