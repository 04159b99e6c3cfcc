// Runs a program in a child process and collects what a user would see: the exit code, stdout
// and stderr. The CLI tests use it to run `finwiz` exactly as a shell would.
import { spawn } from 'node:child_process';

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The `finwiz` executable of this checkout. */
export const FINWIZ_BIN = new URL('../../bin/finwiz.mjs', import.meta.url).pathname;

/** `command args` with `env` added to this process's environment; stdin is closed. */
export function spawnOutcome(command: string, args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `finwiz args` under this Node. */
export const finwiz = (args: string[], env: Record<string, string> = {}): Promise<Outcome> =>
  spawnOutcome(process.execPath, [FINWIZ_BIN, ...args], env);
