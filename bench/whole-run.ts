// A whole local run (`finwiz run`'s engine) in a child process of its own (run-child.ts), against
// the bench's simulator: the phases' wall times, the child's peak RSS, and what the simulator saw.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { SimulatorStats, YahooSimulator } from '../sim/yahoo-simulator.js';
import { RUN_ENV } from './bench-setup.js';

const CHILD = fileURLToPath(new URL('./run-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const runMeasurementSchema = z.object({
  wall_s: z.number(),
  prefetch_s: z.number(),
  analysis_s: z.number(),
  consolidate_s: z.number(),
  setup_s: z.number(),
  peak_rss_mb: z.number(),
  failed: z.number().int(),
  total: z.number().int(),
  mode: z.string(),
  definition: z
    .object({ cached: z.boolean(), synthSeconds: z.number().nullable(), childPeakRssMb: z.number().nullable() })
    .passthrough()
    .nullable(),
  estimated_cost_usd: z.unknown(),
});
export type RunMeasurement = z.infer<typeof runMeasurementSchema> & { sim: SimulatorStats };

export function wholeRun(portfolio: string, simulator: YahooSimulator, outDir: string, env: Record<string, string> = {}): Promise<RunMeasurement> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  simulator.resetStats();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', tsx, CHILD, portfolio, simulator.url, outDir],
      { cwd: ROOT, env: { ...process.env, ...RUN_ENV, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`run of ${portfolio} failed: ${stderr.trim().slice(-2000) || error.message}`));
        try {
          resolve({ ...runMeasurementSchema.parse(JSON.parse(stdout.trim().split('\n').pop() ?? '')), sim: simulator.stats() });
        } catch (parseError) {
          reject(parseError instanceof Error ? parseError : new Error(String(parseError)));
        }
      },
    );
  });
}
