import { describe, expect, it } from 'vitest';
import { phaseClock } from '../../local/run-phases.js';

describe('phaseClock', () => {
  it('spans every prefetch handler as one phase, puts the crews between it and Consolidate, and the rest in setup', async () => {
    let t = 0;
    const clock = phaseClock(() => t);
    const step = (name: Parameters<typeof clock.wrap>[0], to: number) =>
      clock.wrap(name, async () => {
        t = to;
        return name;
      });
    t = 1000;
    await step('prefetch', 2000)(null); // the plan: 1.0 s .. 2.0 s
    t = 2000;
    await step('prefetchChunk', 9000)(null); // chunks until 9.0 s
    t = 9000;
    await step('prefetchSummary', 9500)(null);
    t = 9500;
    await step('crew', 11000)(null); // not a timed phase of its own
    t = 11250;
    await step('consolidate', 12000)(null);
    t = 12600;
    expect(clock.phases()).toEqual({ wall_s: 12.6, setup_s: 1.6, prefetch_s: 8.5, analysis_s: 1.75, consolidate_s: 0.75 });
  });

  it('times a handler that throws, and says nothing until both Prefetch and Consolidate ran', async () => {
    let t = 0;
    const clock = phaseClock(() => t);
    const failing = clock.wrap('prefetch', async () => {
      t = 3000;
      throw new Error('Yahoo down');
    });
    await expect(failing(null)).rejects.toThrow('Yahoo down');
    expect(clock.phases()).toBeNull();
    await clock.wrap('consolidate', async () => {
      t = 3500;
    })(null);
    expect(clock.phases()).toMatchObject({ prefetch_s: 3, analysis_s: 0, consolidate_s: 0.5 });
  });
});
