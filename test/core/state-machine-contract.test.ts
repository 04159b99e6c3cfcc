import { describe, expect, it } from 'vitest';
import { InvalidConfigurationError, InvalidInputError, SourceUnreachableError } from '../../lambdas/core/errors.js';
import { HIGH_FAILURE_RATE_THRESHOLD } from '../../lambdas/core/mode/fallback-decision.js';
import { runKeys } from '../../lambdas/core/run-keys.js';
import {
  ERROR_NAMES,
  HANDLER_NAMES,
  handlerFolder,
  MANIFEST_KEY_FORMAT,
  MAX_PREFETCH_FAILURE_RATE,
  PREFETCH_CHUNK_LIST_KEY_FORMAT,
} from '../../lambdas/core/state-machine-contract.js';
import { HANDLER_ENTRIES } from '../../lib/functions.js';
import { existsSync } from 'node:fs';

describe("the state machine's contract", () => {
  it('names each error class by the name the definition catches', () => {
    expect(new InvalidInputError('x').name).toBe(ERROR_NAMES.invalidInput);
    expect(new InvalidConfigurationError('x').name).toBe(ERROR_NAMES.invalidConfiguration);
    expect(new SourceUnreachableError('x').name).toBe(ERROR_NAMES.sourceUnreachable);
    expect(Object.values(ERROR_NAMES)).toEqual(['InvalidInput', 'InvalidConfiguration', 'SourceUnreachable']);
  });

  it('keeps the cause of an error', () => {
    const cause = new Error('socket hang up');
    expect(new SourceUnreachableError('no answer', { cause }).cause).toBe(cause);
  });

  it("falls back above the fallback decision's own threshold", () => {
    expect(MAX_PREFETCH_FAILURE_RATE).toBe(HIGH_FAILURE_RATE_THRESHOLD);
  });

  it("formats the Maps' keys from the same run keys the handlers write", () => {
    expect(MANIFEST_KEY_FORMAT.replace('{}', 'S-1')).toBe(runKeys('S-1').manifest);
    expect(PREFETCH_CHUNK_LIST_KEY_FORMAT.replace('{}', 'S-1')).toBe(runKeys('S-1').prefetchChunkList);
  });

  it('finds every handler in its folder', () => {
    expect(handlerFolder('prefetchChunk')).toBe('prefetch-chunk');
    for (const name of HANDLER_NAMES) {
      expect(HANDLER_ENTRIES[name]).toMatch(new RegExp(`lambdas/${handlerFolder(name)}/handler\\.ts$`));
      expect(existsSync(HANDLER_ENTRIES[name]), name).toBe(true);
    }
  });
});
