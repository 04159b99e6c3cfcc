import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finwizNodeFlags } from '../../bench/whole-run.js';

describe('finwizNodeFlags', () => {
  it('reads the Node flags the finwiz command starts with, so the bench measures the command as run', () => {
    expect(finwizNodeFlags()).toEqual(['--max-semi-space-size=1', '--heap-growing-percent=25']);
  });

  it('reads several flags, none, and refuses a first line it does not understand, naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'finwiz-shebang-'));
    try {
      const bin = join(dir, 'finwiz.mjs');
      await writeFile(bin, '#!/usr/bin/env -S node --optimize-for-size --max-semi-space-size=1\nawait 0;\n');
      expect(finwizNodeFlags(bin)).toEqual(['--optimize-for-size', '--max-semi-space-size=1']);
      await writeFile(bin, '#!/usr/bin/env node\n');
      expect(finwizNodeFlags(bin)).toEqual([]);
      await writeFile(bin, '#!/bin/sh\n');
      expect(() => finwizNodeFlags(bin)).toThrow(`${bin}: its first line`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
