// A whole local run as a user starts it: the `finwiz run` command (bin/finwiz.mjs, with the Node
// flags of its first line, running the bundle that `npm ci` builds) against the bench's simulator,
// in a fresh output directory, so a first run with its own store. The command's --json answer
// says where the time went and its peak RSS; the simulator says what it was asked.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../local/project-root.js';
import type { SimulatorStats, YahooSimulator } from '../sim/yahoo-simulator.js';
import { RUN_ENV } from './bench-setup.js';

export const FINWIZ_BIN = join(PROJECT_ROOT, 'bin', 'finwiz.mjs');

/** The Node flags on the `#!/usr/bin/env -S node ...` line of the finwiz command. */
export function finwizNodeFlags(bin: string = FINWIZ_BIN): string[] {
  const shebang = readFileSync(bin, 'utf-8').split('\n', 1)[0] ?? '';
  const match = /^#!\/usr\/bin\/env\s+(?:-S\s+)?node((?:\s+--\S+)*)\s*$/.exec(shebang);
  if (!match) throw new Error(`${bin}: its first line does not start Node the way the bench expects: ${shebang}`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}

const phasesSchema = z.object({
  wall_s: z.number(),
  setup_s: z.number(),
  prefetch_s: z.number(),
  analysis_s: z.number(),
  consolidate_s: z.number(),
});

const answerSchema = z.object({
  totalTickers: z.number().int(),
  failedTickers: z.number().int(),
  mode: z.string(),
  outDir: z.string(),
  phases: phasesSchema,
  peakRssMb: z.number(),
});

export type RunMeasurement = z.infer<typeof phasesSchema> & {
  peak_rss_mb: number;
  failed: number;
  total: number;
  mode: string;
  estimated_cost_usd: unknown;
  sim: SimulatorStats;
};

export function wholeRun(portfolio: string, simulator: YahooSimulator, outDir: string, env: Record<string, string> = {}): Promise<RunMeasurement> {
  simulator.resetStats();
  const args = [...finwizNodeFlags(), FINWIZ_BIN, 'run', '--portfolio', portfolio, '--yahoo-endpoint', simulator.url, '--out', outDir, '--json'];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: PROJECT_ROOT, env: { ...process.env, ...RUN_ENV, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`finwiz run on ${portfolio} failed: ${stderr.trim().slice(-2000) || error.message}`));
        (async () => {
          const answer = answerSchema.parse(JSON.parse(stdout.trim().split('\n').pop() ?? ''));
          const metrics = JSON.parse(await readFile(join(answer.outDir, 'batch_prefetch_metrics.json'), 'utf-8')) as {
            batch_prefetch_metrics: Record<string, unknown>;
          };
          return {
            ...answer.phases,
            peak_rss_mb: answer.peakRssMb,
            failed: answer.failedTickers,
            total: answer.totalTickers,
            mode: answer.mode,
            estimated_cost_usd: metrics.batch_prefetch_metrics.estimated_cost_usd ?? null,
            sim: simulator.stats(),
          };
        })().then(resolve, reject);
      },
    );
  });
}
