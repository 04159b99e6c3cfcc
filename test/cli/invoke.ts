// A CLI command run in-process with stdout and stderr captured; no AWS mocks here, so that tests
// of real local runs (which use real SDK clients) can use it too.
import type { Command } from 'commander';
import { vi } from 'vitest';

export interface Invocation {
  stdout: string;
  stderr: string;
  /** What the command threw (main.ts turns it into the message and the exit code). */
  error?: unknown;
}

/** Parse `args` with a fresh command, in-process, capturing what it writes. */
export async function invoke(command: Command, args: string[]): Promise<Invocation> {
  let stdout = '';
  let stderr = '';
  const capture = (append: (text: string) => void) => (chunk: unknown) => {
    append(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture((text) => (stdout += text)));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture((text) => (stderr += text)));
  command.exitOverride();
  try {
    await command.parseAsync(args, { from: 'user' });
    return { stdout, stderr };
  } catch (error) {
    return { stdout, stderr, error };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
