// The digest as the first section of report.md.
import type { Digest } from './digest.js';
import { portfolioLines } from './digest.js';

const escape = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');

export function renderDigestMarkdown(digest: Digest): string[] {
  const lines = ['## What changed since the last run', '', escape(digest.headline)];
  const portfolio = portfolioLines(digest);
  if (portfolio.length) lines.push('', ...portfolio.map((line) => `- ${line}`));
  if (digest.entries.length) {
    lines.push('', 'Most important first (weight × size of the change):', '');
    for (const entry of digest.entries) lines.push(`- ${escape(entry.text)}`);
  }
  return lines;
}
