import { describe, expect, it } from 'vitest';
import {
  contributionChart,
  CONTRIBUTION_BARS,
  correlationHeatmap,
  EXPOSURE_BARS,
  exposureBars,
  exposureChart,
} from '../../lambdas/core/report/portfolio-risk-charts.js';

const texts = (svg: string) => (svg.match(/<text[^>]*>[^<]*<\/text>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, ''));
const count = (svg: string, fill: string) => svg.split(`fill="${fill}"`).length - 1;

describe('portfolio risk charts', () => {
  it('colours each heatmap cell by its correlation (+1 red, 0 white, -1 blue) and leaves a missing one blank', () => {
    const svg = correlationHeatmap({ tickers: ['A', 'B', 'C'], values: [[1, -1, null], [-1, 1, 0], [null, 0, 1]] });
    expect(svg).not.toBeNull();
    expect(count(svg!, 'rgb(198,40,40)')).toBe(3); // the diagonal
    expect(count(svg!, 'rgb(31,95,191)')).toBe(2); // A-B both ways
    expect(count(svg!, 'rgb(245,245,245)')).toBe(2); // B-C both ways; A-C has no value
    expect(texts(svg!)).toEqual(expect.arrayContaining(['A', 'B', 'C', '-1', '0']));
  });

  it('draws no heatmap for fewer than two holdings', () => {
    expect(correlationHeatmap({ tickers: ['A'], values: [[1]] })).toBeNull();
  });

  it(`keeps an exposure's ${EXPOSURE_BARS - 1} largest keys and folds the rest into one "other" bar, losing no weight`, () => {
    const map = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, (i + 1) / 120]));
    const bars = exposureBars(map);
    expect(bars).toHaveLength(EXPOSURE_BARS);
    expect(bars[0]).toEqual(['k14', 15 / 120]);
    expect(bars.at(-1)?.[0]).toBe('other (4)');
    expect(bars.at(-1)?.[1]).toBeCloseTo((1 + 2 + 3 + 4) / 120, 12);
    expect(bars.reduce((a, [, w]) => a + w, 0)).toBeCloseTo(1, 12);
    expect(exposureBars({ a: 0.6, unknown: 0.4 })).toEqual([['a', 0.6], ['unknown', 0.4]]);
  });

  it('labels every exposure key, "unknown" included, with its percent', () => {
    const labels = texts(exposureChart({ Technology: 0.5, unknown: 0.2, Energy: 0.3 })!);
    expect(labels).toEqual(expect.arrayContaining(['Technology', 'unknown', 'Energy', '50.0%', '20.0%', '30.0%']));
    expect(exposureChart({})).toBeNull();
  });

  it(`shows at most ${CONTRIBUTION_BARS} contributions, each with its weight, and names both series`, () => {
    const contributions = Array.from({ length: 20 }, (_, i) => ({ ticker: `T${i}`, weight: 0.05, contribution: (20 - i) / 210 }));
    const labels = texts(contributionChart(contributions)!);
    expect(labels).toEqual(expect.arrayContaining(['Weight', 'Share of the risk', 'T0', `T${CONTRIBUTION_BARS - 1}`]));
    expect(labels).not.toContain(`T${CONTRIBUTION_BARS}`);
    expect(contributionChart([])).toBeNull();
  });
});
