// Builds the CLI bundle the way `npm ci` does, into a directory of its own (dist/ may be in use by
// other tests' `finwiz` processes), and runs it with plain Node.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleEntry } from '../../build/bundle.js';
import { PROJECT_ROOT } from '../../local/project-root.js';

const outDir = join(PROJECT_ROOT, 'test-artifacts', `bundle-${process.pid}`);
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('bundleEntry', () => {
  it('bundles the CLI into a file that runs with plain Node, each command its own chunk, and lists its project sources', async () => {
    const inputs = await bundleEntry('cli/main.ts', join(outDir, 'finwiz.mjs'));
    expect(inputs).toEqual(expect.arrayContaining(['cli/main.ts', 'cli/run-command.ts', 'local/local-run.ts', 'lambdas/consolidate/handler.ts']));
    expect(inputs.filter((input) => input.startsWith('node_modules') || input.startsWith('..'))).toEqual([]);
    // Split: `finwiz run` reads the run command's code, not the cloud commands'.
    expect(readdirSync(join(outDir, 'chunks')).length).toBeGreaterThan(5);
    const { stdout } = await promisify(execFile)(process.execPath, [join(outDir, 'finwiz.mjs'), 'run', '--help'], { cwd: PROJECT_ROOT });
    expect(stdout).toContain('Usage: finwiz run [options]');
    expect(existsSync(join(outDir, 'finwiz.meta.json'))).toBe(false);
  }, 60_000);
});
