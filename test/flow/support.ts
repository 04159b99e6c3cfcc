// Whole-flow test support: the local engine against the simulator on 127.0.0.1, with the
// handlers' log lines captured.
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installLogSink } from '../../local/log-sink.js';
import { runLocal, type LocalRunOptions, type LocalRunResult } from '../../local/local-run.js';
import { startYahooSimulator, type SimulatorOptions, type SimulatorStats } from '../../sim/yahoo-simulator.js';

export const logLines: string[] = [];
installLogSink('normal', (line) => {
  logLines.push(line);
});

export interface FlowRun {
  result: LocalRunResult;
  logs: string[];
  report: {
    mode: string;
    fallback: { reason: string; at: string | null } | null;
    holdings: Array<{ ticker: string; status: string; reason: string | null }>;
  };
  reportMarkdown: string;
  metrics: { batch_prefetch_metrics: Record<string, unknown> };
  resultFiles: string[];
  /** What the simulator answered during the run. */
  simStats: SimulatorStats;
}

export async function runFlow(
  portfolioPath: string,
  options: { sim?: SimulatorOptions; env?: Record<string, string> } & Partial<LocalRunOptions> = {},
): Promise<FlowRun> {
  const simulator = await startYahooSimulator({ latencyMs: 2, ...options.sim });
  const outDir = await mkdtemp(join(tmpdir(), 'finwiz-flow-'));
  // The loopback simulator needs neither pacing nor retries unless a test is about them.
  const env = { YAHOO_REQUESTS_PER_SECOND: '100', YAHOO_MAX_RETRIES: '0', ...options.env };
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  const firstLine = logLines.length;
  try {
    const result = await runLocal({ portfolioPath, yahooEndpoint: simulator.url, outDir, ...options });
    const read = (name: string) => readFile(join(result.outDir, name), 'utf-8');
    return {
      result,
      logs: logLines.slice(firstLine),
      report: JSON.parse(await read('report.json')),
      reportMarkdown: await read('report.md'),
      metrics: JSON.parse(await read('batch_prefetch_metrics.json')),
      resultFiles: (await readdir(join(result.outDir, 'results'))).sort(),
      simStats: simulator.stats(),
    };
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await simulator.close();
  }
}

/** Tickers of a portfolio CSV (first column), in file order. */
export async function csvTickers(path: string): Promise<string[]> {
  const lines = (await readFile(path, 'utf-8')).trim().split(/\r?\n/).slice(1);
  return lines.map((line) => line.split(',')[0]!.trim().toUpperCase());
}

/** How often each ticker appears in the markdown report's holdings table. */
export function markdownTableCounts(markdown: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 4 || !/^(\d+|—)$/.test(cells[1] ?? '')) continue;
    counts.set(cells[2]!, (counts.get(cells[2]!) ?? 0) + 1);
  }
  return counts;
}
