import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleIsFresh, finwizEntry } from '../../bin/bundle-freshness.mjs';

let root: string;
const builtAtMs = Date.parse('2026-11-29T12:00:00Z');
const at = (iso: string) => new Date(iso);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'finwiz-fresh-'));
  await mkdir(join(root, 'dist'));
  await mkdir(join(root, 'cli'));
  await writeFile(join(root, 'dist', 'finwiz.mjs'), '');
  await writeFile(join(root, 'dist', 'finwiz.meta.json'), JSON.stringify({ builtAtMs, inputs: ['cli/main.ts', 'package-lock.json'] }));
  for (const file of ['cli/main.ts', 'package-lock.json']) {
    await writeFile(join(root, file), '');
    await utimes(join(root, file), at('2026-11-29T11:00:00Z'), at('2026-11-29T11:00:00Z'));
  }
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('bundleIsFresh and finwizEntry', () => {
  it('run the bundle while every source it was built from is older', () => {
    expect(bundleIsFresh(root)).toBe(true);
    expect(finwizEntry(root, {})).toBe('dist/finwiz.mjs');
  });

  it('run the sources after an edit, a dependency update, or on request', async () => {
    expect(finwizEntry(root, { FINWIZ_FROM_SOURCE: '1' })).toBe('cli/main.ts');
    await utimes(join(root, 'package-lock.json'), at('2026-11-29T13:00:00Z'), at('2026-11-29T13:00:00Z'));
    expect(bundleIsFresh(root)).toBe(false);
    expect(finwizEntry(root, {})).toBe('cli/main.ts');
  });

  it('run the sources when a source is gone, or the bundle or its list is missing or damaged', async () => {
    await rm(join(root, 'cli', 'main.ts'));
    expect(bundleIsFresh(root)).toBe(false);
    await writeFile(join(root, 'cli', 'main.ts'), '');
    await utimes(join(root, 'cli', 'main.ts'), at('2026-11-29T11:00:00Z'), at('2026-11-29T11:00:00Z'));
    expect(bundleIsFresh(root)).toBe(true);
    await writeFile(join(root, 'dist', 'finwiz.meta.json'), '{"builtAtMs": "yesterday"}');
    expect(bundleIsFresh(root)).toBe(false);
    await writeFile(join(root, 'dist', 'finwiz.meta.json'), 'not json');
    expect(bundleIsFresh(root)).toBe(false);
    await writeFile(join(root, 'dist', 'finwiz.meta.json'), JSON.stringify({ builtAtMs, inputs: ['cli/main.ts'] }));
    expect(bundleIsFresh(root)).toBe(true);
    await rm(join(root, 'dist', 'finwiz.mjs'));
    expect(bundleIsFresh(root)).toBe(false);
  });
});
