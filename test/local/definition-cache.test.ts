// The local definition is synthesized in a child process once, then read from the disk cache.
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionKey, lastDefinitionSource, localDefinition } from '../../local/definition-cache.js';

let previous: string | undefined;
let dir: string;
beforeAll(async () => {
  previous = process.env.FINWIZ_DEFINITION_CACHE_DIR;
  dir = await mkdtemp(join(tmpdir(), 'finwiz-defcache-test-'));
  process.env.FINWIZ_DEFINITION_CACHE_DIR = dir;
});
afterAll(() => {
  if (previous === undefined) delete process.env.FINWIZ_DEFINITION_CACHE_DIR;
  else process.env.FINWIZ_DEFINITION_CACHE_DIR = previous;
});

describe('localDefinition', () => {
  it('synthesizes in a child (reporting its peak memory), then serves the same definition from the cache', async () => {
    const first = await localDefinition('bucket-a');
    const synthesized = lastDefinitionSource();
    expect(synthesized).toMatchObject({ cached: false });
    expect(synthesized?.childPeakRssMb).toBeGreaterThan(0);
    expect(first.taskHandlers.Prefetch).toBe('prefetch');
    expect(first.taskHandlers['Prefetch chunk']).toBe('prefetchChunk');
    expect(JSON.stringify(first.definition)).toContain('bucket-a');
    // Each Lambda task is limited by its function's timeout (900 s for a chunk), not the engine's 60-s default.
    const states = first.definition.States as Record<string, { ItemProcessor?: { States: Record<string, { TimeoutSeconds?: number }> }; TimeoutSeconds?: number }>;
    expect(states['Prefetch chunks']?.ItemProcessor?.States['Prefetch chunk']?.TimeoutSeconds).toBe(900 + 60);
    expect(states.Prefetch?.TimeoutSeconds).toBe(900 + 60);
    expect(first.taskTimeouts['Prefetch chunk']).toBe(900);

    const second = await localDefinition('bucket-a');
    expect(lastDefinitionSource()).toMatchObject({ cached: true, childPeakRssMb: null, key: synthesized?.key });
    expect(second).toEqual(first);
    expect(await readdir(dir)).toEqual([`definition-${synthesized?.key}.json`]);
  });

  it('keys the cache by the bucket too, and treats a damaged entry as a miss', async () => {
    expect(definitionKey('bucket-a')).toBe(definitionKey('bucket-a'));
    expect(definitionKey('bucket-b')).not.toBe(definitionKey('bucket-a'));
    await writeFile(join(dir, `definition-${definitionKey('bucket-a')}.json`), '{"definition": {}}');
    const again = await localDefinition('bucket-a');
    expect(lastDefinitionSource()?.cached).toBe(false);
    expect(again.taskHandlers.Consolidate).toBe('consolidate');
  });
});
