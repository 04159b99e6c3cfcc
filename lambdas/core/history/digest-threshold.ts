// DIGEST_THRESHOLD: which changes are worth a notification. A comma-separated list of
// triggers; the digest is sent when any of them fires. Default `grade,sell`: any grade change
// or a new SELL.
import type { ChangeKind } from './run-comparison.js';
import type { Digest } from './digest.js';

export const DEFAULT_DIGEST_THRESHOLD = 'grade,sell';

export interface DigestThreshold {
  /** Change kinds that fire on their own. */
  kinds: ReadonlySet<ChangeKind>;
  /** A composite move at least this large fires (any kind); null: not a trigger. */
  scoreMove: number | null;
  /** Send every run's digest, changes or not (the first run's included). */
  always: boolean;
}

const TRIGGERS: Record<string, ChangeKind[]> = {
  grade: ['downgrade', 'upgrade'],
  downgrade: ['downgrade'],
  sell: ['new_sell'],
  recommendation: ['recommendation_flip', 'new_sell'],
  failure: ['new_failure'],
  holdings: ['new_holding', 'removed_holding'],
};
export const DIGEST_THRESHOLD_RULE = `a comma-separated list of ${Object.keys(TRIGGERS).join(', ')}, score:<0..1>, always or never`;

/** The threshold written in `raw`, or undefined when a part of it is not a trigger. */
export function parseDigestThreshold(raw: string): DigestThreshold | undefined {
  const kinds = new Set<ChangeKind>();
  let scoreMove: number | null = null;
  let always = false;
  for (const part of raw.toLowerCase().split(',').map((p) => p.trim()).filter(Boolean)) {
    const score = /^score:(\d*\.?\d+)$/.exec(part);
    if (TRIGGERS[part]) for (const kind of TRIGGERS[part]) kinds.add(kind);
    else if (score && Number(score[1]) <= 1) scoreMove = Number(score[1]);
    else if (part === 'always') always = true;
    else if (part !== 'never') return undefined;
  }
  return { kinds, scoreMove, always };
}

/** Whether the digest is worth sending under the threshold. */
export function digestWorthSending(digest: Digest, threshold: DigestThreshold): boolean {
  if (threshold.always) return true;
  return digest.entries.some(
    (entry) =>
      entry.kinds.some((kind) => threshold.kinds.has(kind)) ||
      (threshold.scoreMove !== null && entry.composite_change !== null && Math.abs(entry.composite_change) >= threshold.scoreMove),
  );
}
