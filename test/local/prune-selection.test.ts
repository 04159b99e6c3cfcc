import { describe, expect, it } from 'vitest';
import { isPrefetchData, prunable, sessionOf } from '../../local/prune-selection.js';

const now = new Date('2026-06-30T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('prune selection', () => {
  it("picks only runs' prefetch data, never reports, results, the manifest, metrics or the cache", () => {
    for (const key of ['runs/s/prefetch/AAPL.json', 'runs/s/prefetch-chunks/0.json', 'runs/s/alpha-vantage/KO.OVERVIEW.json']) {
      expect(isPrefetchData(key)).toBe(true);
    }
    for (const key of [
      'runs/s/report.json',
      'runs/s/results/AAPL.json',
      'runs/s/manifest.json',
      'runs/s/batch_prefetch_metrics.json',
      'runs/s/prefetch-stats.json',
      'cache/yahoo/AAPL.json',
      'portfolios/prefetch/x.csv',
    ]) {
      expect(isPrefetchData(key)).toBe(false);
    }
  });

  it('keeps what is younger than the days kept', () => {
    const objects = [
      { key: 'runs/old/prefetch/A.json', size: 10, lastModified: daysAgo(31) },
      { key: 'runs/new/prefetch/A.json', size: 10, lastModified: daysAgo(29) },
      { key: 'runs/old/report.json', size: 10, lastModified: daysAgo(31) },
    ];
    expect(prunable(objects, now, 30).map((object) => object.key)).toEqual(['runs/old/prefetch/A.json']);
    expect(prunable(objects, now, 0).map((object) => object.key)).toEqual(['runs/old/prefetch/A.json', 'runs/new/prefetch/A.json']);
    expect(sessionOf('runs/old/prefetch/A.json')).toBe('old');
  });
});
