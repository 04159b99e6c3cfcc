// The universe-scale states of the template: the Distributed Map of prefetch chunks (ItemReader,
// MaxConcurrencyPath, ItemSelector that matches the chunk Lambda's event) and its summary step.
import { describe, expect, it } from 'vitest';
import { PREFETCH_CHUNK_LIST_KEY_FORMAT, STATE_NAMES } from '../../lib/analysis-state-machine.js';
import { prefetchChunkEventSchema, prefetchSummariseEventSchema } from '../../lambdas/core/prefetch/prefetch-chunk-events.js';
import { runKeys } from '../../lambdas/core/run-keys.js';
import { definitionOf, fakeLambdaArn, resourcesOf, roleOfFunction, statementsGranting, synth } from './support.js';

const s = synth();
const states = definitionOf(s).States as Record<string, any>;
const fnIds = Object.fromEntries(s.stack.lambdaHandlers().map((h) => [h.name, h.logicalId]));

describe('chunked prefetch (universe scale)', () => {
  it('branches after Prefetch on $.prefetchChunks, else straight on', () => {
    expect(states[STATE_NAMES.prefetchInChunks]).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.prefetchChunks', IsPresent: true, Next: STATE_NAMES.prefetchChunks }],
      Default: STATE_NAMES.alphaVantageEnabled,
    });
  });

  it('is a Distributed Map reading the chunk list from S3, its concurrency from the plan', () => {
    const map = states[STATE_NAMES.prefetchChunks];
    expect(map.Type).toBe('Map');
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(map.ItemReader.Resource).toBe('arn:aws:states:::s3:getObject');
    expect(map.ItemReader.ReaderConfig).toEqual({ InputType: 'JSON' });
    expect(map.ItemReader.Parameters['Key.$']).toBe(`States.Format('${PREFETCH_CHUNK_LIST_KEY_FORMAT}', $.sessionId)`);
    // The key the Map reads is the key Prefetch writes.
    expect(PREFETCH_CHUNK_LIST_KEY_FORMAT.replace('{}', 'S1')).toBe(runKeys('S1').prefetchChunkList);
    expect(map.MaxConcurrencyPath).toBe('$.prefetchChunks.concurrency');
    expect(map.MaxConcurrency).toBeUndefined();
    expect(map.ToleratedFailurePercentage).toBe(100);
    expect(map.ResultPath).toBeNull();
    expect(map.Next).toBe(STATE_NAMES.summarisePrefetch);
    expect(map.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: STATE_NAMES.prefetchChunksCrashed }]);
  });

  it('hands each chunk Lambda exactly the event it parses', () => {
    const map = states[STATE_NAMES.prefetchChunks];
    expect(map.ItemSelector).toEqual({ 'sessionId.$': '$.sessionId', 'chunk.$': '$$.Map.Item.Value' });
    expect(Object.keys(prefetchChunkEventSchema.shape).sort()).toEqual(['chunk', 'sessionId']);
    const task = map.ItemProcessor.States[STATE_NAMES.prefetchChunk];
    expect(task.Resource).toBe(fakeLambdaArn(fnIds.prefetchChunk!));
    expect(task.End).toBe(true);
    expect(task.Retry[0].ErrorEquals).toContain('Lambda.TooManyRequestsException');
  });

  it('summarises into the state as Prefetch would, then goes on to the enrichment choice', () => {
    const summarise = states[STATE_NAMES.summarisePrefetch];
    expect(summarise.Resource).toBe(fakeLambdaArn(fnIds.prefetchSummary!));
    expect(summarise.Parameters).toEqual({ 'sessionId.$': '$.sessionId', 'plan.$': '$' });
    expect(Object.keys(prefetchSummariseEventSchema.shape).sort()).toEqual(['plan', 'sessionId']);
    expect(summarise.ResultPath).toBe('$');
    expect(summarise.Next).toBe(STATE_NAMES.alphaVantageEnabled);
    expect(summarise.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: STATE_NAMES.prefetchChunksCrashed }]);
  });

  it('lets the chunk Lambda read and write the run and the cache, and the summary write only the stats', () => {
    const role = (name: string) => roleOfFunction(s.json, fnIds[name]!);
    const resources = (name: string, action: string) => statementsGranting(s.json, role(name), action).flatMap(resourcesOf).join(' ');
    expect(resources('prefetchChunk', 's3:GetObject')).toContain('/runs/*');
    expect(resources('prefetchChunk', 's3:GetObject')).toContain('/cache/*');
    expect(resources('prefetchChunk', 's3:PutObject')).toContain('/runs/*');
    expect(resources('prefetchChunk', 's3:PutObject')).toContain('/cache/*');
    expect(resources('prefetchSummary', 's3:PutObject')).toMatch(/\/runs\/\*\/prefetch-stats\.json$/);
    expect(resources('prefetchSummary', 's3:GetObject')).not.toContain('/cache/*');
  });
});
