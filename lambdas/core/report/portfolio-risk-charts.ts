// The charts of report.html's "Portfolio risk" section, drawn to static SVG like the others
// (report-charts.ts): one bar chart per exposure, the largest risk contributions beside their
// weights, and the correlation heatmap of the 30 largest holdings (the only matrix of the risk figures).
import { BarChart, HeatmapChart, type BarSeriesOption, type HeatmapSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  VisualMapContinuousComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { CorrelationMatrix } from '../portfolio/correlation.js';
import type { Exposures } from '../portfolio/exposures.js';
import type { RiskContribution } from '../portfolio/risk-contributions.js';
import { renderSvg } from './report-charts.js';

echarts.use([BarChart, HeatmapChart, GridComponent, LegendComponent, VisualMapContinuousComponent, SVGRenderer]);

type RiskChartOption = echarts.ComposeOption<BarSeriesOption | HeatmapSeriesOption | GridComponentOption | LegendComponentOption | VisualMapComponentOption>;

/** An exposure chart names at most this many keys; the rest are one "other" bar. */
export const EXPOSURE_BARS = 12;
/** The contribution chart shows this many holdings, the largest contributors first. */
export const CONTRIBUTION_BARS = 15;

const percent = (x: number) => Math.round(x * 1000) / 10;
const draw = (option: RiskChartOption, width: number, height: number) => renderSvg(option, width, height);

export const EXPOSURE_TITLES: Record<keyof Exposures, string> = {
  sector: 'Sector',
  country: 'Country',
  currency: 'Currency',
  asset_type: 'Asset type',
};

/** The keys of one exposure, largest first, the tail folded into "other (n)". */
export function exposureBars(map: Record<string, number>): Array<[string, number]> {
  const sorted = Object.entries(map).sort((a, b) => b[1] - a[1]);
  if (sorted.length <= EXPOSURE_BARS) return sorted;
  const tail = sorted.slice(EXPOSURE_BARS - 1);
  return [...sorted.slice(0, EXPOSURE_BARS - 1), [`other (${tail.length})`, tail.reduce((a, [, w]) => a + w, 0)]];
}

/** One exposure (sector, country, ...) as horizontal bars of percent of the market value. */
export function exposureChart(map: Record<string, number>): string | null {
  const bars = exposureBars(map).reverse(); // ECharts draws the first category at the bottom
  if (bars.length === 0) return null;
  return draw(
    {
      grid: { left: 150, right: 50, top: 10, bottom: 30 },
      xAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: bars.map(([key]) => key), axisLabel: { interval: 0, width: 140, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: 'Weight',
          data: bars.map(([, weight]) => percent(weight)),
          itemStyle: { color: '#1f5fbf' },
          label: { show: true, position: 'right', formatter: ({ value }) => `${Number(value).toFixed(1)}%` },
        },
      ],
    },
    380,
    Math.max(160, 50 + bars.length * 22),
  );
}

/** The largest risk contributions, each beside the holding's weight: a holding whose red bar is
 * longer than its blue one adds more risk than its size. */
export function contributionChart(contributions: readonly RiskContribution[]): string | null {
  const shown = contributions.slice(0, CONTRIBUTION_BARS).reverse();
  if (shown.length === 0) return null;
  return draw(
    {
      legend: { top: 0 },
      grid: { left: 70, right: 50, top: 30, bottom: 30 },
      xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: shown.map((c) => c.ticker), axisLabel: { interval: 0 } },
      series: [
        { type: 'bar', name: 'Weight', data: shown.map((c) => percent(c.weight)), itemStyle: { color: '#1f5fbf' } },
        { type: 'bar', name: 'Share of the risk', data: shown.map((c) => percent(c.contribution)), itemStyle: { color: '#c62828' } },
      ],
    },
    720,
    Math.max(200, 70 + shown.length * 30),
  );
}

/** The correlation matrix as a heatmap, -1 blue to +1 red; a pair with no correlation (a flat series) is left blank. */
export function correlationHeatmap(matrix: CorrelationMatrix): string | null {
  const n = matrix.tickers.length;
  if (n < 2) return null;
  const cells: Array<[number, number, number]> = [];
  matrix.values.forEach((row, i) =>
    row.forEach((value, j) => {
      // y runs upwards in ECharts: the largest holding's row on top, as in the column order.
      if (value !== null) cells.push([j, n - 1 - i, Math.round(value * 100) / 100]);
    }),
  );
  const size = Math.max(320, 90 + n * 20);
  return draw(
    {
      grid: { left: 70, right: 20, top: 10, bottom: 90 },
      xAxis: { type: 'category', data: [...matrix.tickers], axisLabel: { interval: 0, rotate: 90 }, splitArea: { show: false } },
      yAxis: { type: 'category', data: [...matrix.tickers].reverse(), axisLabel: { interval: 0 } },
      visualMap: {
        type: 'continuous',
        min: -1,
        max: 1,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#1f5fbf', '#f5f5f5', '#c62828'] },
      },
      series: [{ type: 'heatmap', name: 'Correlation', data: cells, label: { show: n <= 12, fontSize: 9 } }],
    },
    size,
    size + 40,
  );
}
