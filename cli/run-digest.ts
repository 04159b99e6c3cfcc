// The digest at the end of `finwiz run`: what changed since the last local run of the same
// portfolio, read from the run's report.json (parsed: a file is a boundary).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { portfolioLines, type Digest } from '../lambdas/core/history/digest.js';

/** Past this many changes the console points at report.md for the rest. */
export const MAX_PRINTED_CHANGES = 20;

const reportDigestSchema = z.object({
  digest: z.object({
    headline: z.string(),
    base_currency: z.string(),
    market_value: z
      .object({
        previous: z.number(),
        current: z.number(),
        change: z.number(),
        change_pct: z.number().nullable(),
        unvalued_previous: z.number(),
        unvalued_current: z.number(),
      })
      .nullable(),
    grade_distribution_change: z.record(z.string(), z.number()),
    entries: z.array(z.object({ text: z.string() })),
  }),
});

/** The lines to print, or none when the report has no digest. */
export async function runDigestLines(outDir: string): Promise<string[]> {
  let parsed: z.infer<typeof reportDigestSchema>;
  try {
    parsed = reportDigestSchema.parse(JSON.parse(await readFile(join(outDir, 'report.json'), 'utf-8')));
  } catch {
    return [];
  }
  const digest = parsed.digest;
  const lines = ['', 'What changed since the last run:', `  ${digest.headline}`, ...portfolioLines(digest as Digest).map((line) => `  ${line}`)];
  for (const entry of digest.entries.slice(0, MAX_PRINTED_CHANGES)) lines.push(`  - ${entry.text}`);
  const more = digest.entries.length - MAX_PRINTED_CHANGES;
  if (more > 0) lines.push(`  ... and ${more} more in report.md`);
  return lines;
}
