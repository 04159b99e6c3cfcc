// Which earlier runs are "the same portfolio": the same portfolio key when the run had one (a
// scheduled file keeps its identity while its holdings change), else the same set of tickers.
import { createHash } from 'node:crypto';
import { PORTFOLIOS_PREFIX } from '../run-keys.js';

export function portfolioIdentity(portfolioKey: string | null, tickers: readonly string[]): string {
  if (portfolioKey) return `key:${portfolioKey}`;
  const set = [...new Set(tickers.map((ticker) => ticker.trim().toUpperCase()))].sort();
  return `set:${createHash('sha256').update(set.join(',')).digest('hex').slice(0, 20)}`;
}

/** What a user types for `--portfolio`: a key under portfolios/, or a local file (a local run uploads it as portfolios/<name>). */
export function portfolioKeyOf(argument: string): string {
  const trimmed = argument.trim();
  if (trimmed.startsWith(PORTFOLIOS_PREFIX)) return trimmed;
  return `${PORTFOLIOS_PREFIX}${trimmed.split(/[\\/]/).pop() ?? trimmed}`;
}
