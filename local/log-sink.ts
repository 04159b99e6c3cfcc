// Local runs print the handlers' Powertools records as readable lines on stderr, so that
// stdout stays free for `--json`. POWERTOOLS_DEV makes Powertools write through the global
// console, which is redirected here; anything else written to the console goes to stderr too.
import { format } from 'node:util';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

const LEVELS: Record<Verbosity, string> = { quiet: 'WARN', normal: 'INFO', verbose: 'DEBUG' };

export function installLogSink(verbosity: Verbosity, write: (line: string) => void = (line) => process.stderr.write(line)): void {
  process.env.POWERTOOLS_DEV = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = LEVELS[verbosity];
  const print = (...args: unknown[]) => write(`${renderRecord(format(...args))}\n`);
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    console[method] = verbosity === 'quiet' && (method === 'log' || method === 'info' || method === 'debug') ? () => {} : print;
  }
}

/** A Powertools JSON record as `12:00:01 INFO  message  ticker=AAPL`; other text unchanged. */
export function renderRecord(text: string): string {
  if (!text.startsWith('{')) return text;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return text;
  }
  if (typeof record.message !== 'string' || typeof record.level !== 'string') return text;
  const time = typeof record.timestamp === 'string' ? record.timestamp.slice(11, 19) : '';
  const ticker = typeof record.ticker === 'string' ? `  ticker=${record.ticker}` : '';
  const error = record.error ? `  ${JSON.stringify(record.error)}` : '';
  return `${time} ${record.level.padEnd(5)} ${record.message}${ticker}${error}`;
}
