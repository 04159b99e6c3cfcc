import { describe, expect, it } from 'vitest';
import { prefetchFloorSeconds, spread } from '../../bench/figures.js';
import { portfolioTickers, universePortfolio } from '../../bench/universe.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TICKER_PATTERN } from '../../lambdas/core/input/portfolio.js';

describe('benchmark figures', () => {
  it('medians of odd and even counts, with the range', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(() => spread([])).toThrow(RangeError);
  });

  it('the prefetch floor: requests at the rate limit, or the sequential rounds if they take longer', () => {
    expect(prefetchFloorSeconds(137, 10, 100, 4)).toBeCloseTo(13.7);
    expect(prefetchFloorSeconds(3, 10, 100, 4)).toBeCloseTo(0.4);
  });

  it('a universe is the 66 example tickers then distinct synthetic ones, all valid tickers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'finwiz-universe-'));
    const tickers = await portfolioTickers(await universePortfolio(1000, dir));
    expect(tickers).toHaveLength(1000);
    expect(new Set(tickers).size).toBe(1000);
    expect(tickers.slice(0, 66)).toEqual(await portfolioTickers('examples/portfolio.csv'));
    expect(tickers.every((t) => TICKER_PATTERN.test(t))).toBe(true);
  });
});
