// The report's charts, drawn by Apache ECharts on the server into static SVG: the HTML needs
// no script and no network to show them. Only the parts used are registered (a smaller
// Consolidate bundle). Each builder returns SVG markup, or null when there is nothing to draw.
import { BUY_FROM, SELL_BELOW } from '../analysis/analysts/portfolio-manager.js';
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { GRADES } from './portfolio-report.js';
import type { PriceChart } from './price-chart.js';
import type { ReportRow } from './ticker-outcome.js';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption
>;

/** Beyond this many analysed holdings the composite chart shows the best and the worst half of it. */
export const COMPOSITE_CHART_LIMIT = 40;
/** The allocation chart names this many largest holdings; the rest are one "Other" slice. */
export const ALLOCATION_SLICES = 10;

export const GRADE_COLOURS: Record<(typeof GRADES)[number], string> = {
  'A+': '#1b7f3b',
  A: '#2e9e4f',
  B: '#7cb342',
  C: '#f9a825',
  D: '#ef6c00',
  F: '#c62828',
  'N/A': '#9e9e9e',
};
const TEXT = { fontFamily: 'sans-serif', fontSize: 12 };

/** One chart as an SVG string, rendered once and disposed of (nothing is kept between charts). */
export function renderSvg(option: ChartOption | echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: TEXT, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Which analysed holdings the composite chart shows, best first, and whether some were left out. */
export function compositeChartRows(rows: ReportRow[]): { shown: ReportRow[]; omitted: number } {
  const ok = rows.filter((row) => row.status === 'ok' && row.composite_score !== null);
  if (ok.length <= COMPOSITE_CHART_LIMIT) return { shown: ok, omitted: 0 };
  const half = COMPOSITE_CHART_LIMIT / 2;
  return { shown: [...ok.slice(0, half), ...ok.slice(-half)], omitted: ok.length - COMPOSITE_CHART_LIMIT };
}

/** Composite score of each holding as a horizontal bar in its grade's colour, with the BUY and SELL lines. */
export function compositeChart(rows: ReportRow[]): string | null {
  const { shown } = compositeChartRows(rows);
  if (shown.length === 0) return null;
  // ECharts draws the first category at the bottom: reverse so that the best is on top.
  const ordered = [...shown].reverse();
  return renderSvg(
    {
      grid: { left: 80, right: 40, top: 20, bottom: 30 },
      xAxis: { type: 'value', min: 0, max: 1 },
      yAxis: { type: 'category', data: ordered.map((row) => row.ticker), axisLabel: { interval: 0 } },
      series: [
        {
          type: 'bar',
          name: 'Composite',
          data: ordered.map((row) => ({ value: row.composite_score ?? 0, itemStyle: { color: GRADE_COLOURS[row.grade] } })),
          label: { show: true, position: 'right', formatter: ({ value }) => Number(value).toFixed(2) },
          markLine: {
            symbol: 'none',
            label: { formatter: '{b}' },
            lineStyle: { type: 'dashed', color: '#555' },
            data: [
              { name: `SELL < ${SELL_BELOW}`, xAxis: SELL_BELOW },
              { name: `BUY ≥ ${BUY_FROM}`, xAxis: BUY_FROM },
            ],
          },
        },
      ],
    },
    720,
    Math.max(160, 60 + ordered.length * 22),
  );
}

/** Share of the portfolio's market value per holding: the largest ones, then "Other". */
export function allocationChart(rows: ReportRow[]): string | null {
  const weighted = rows
    .filter((row): row is ReportRow & { weight: number } => row.weight !== null && row.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  if (weighted.length === 0) return null;
  const named = weighted.slice(0, ALLOCATION_SLICES);
  const other = weighted.slice(ALLOCATION_SLICES).reduce((sum, row) => sum + row.weight, 0);
  const data: PieSeriesOption['data'] = named.map((row) => ({ name: row.ticker, value: round4(row.weight) }));
  // Grey, so that the rest never takes a colour that reads as one more holding.
  if (other > 0) data.push({ name: `Other (${weighted.length - named.length})`, value: round4(other), itemStyle: { color: '#bdbdbd' } });
  return renderSvg(
    {
      series: [
        {
          type: 'pie',
          name: 'Allocation',
          radius: ['35%', '65%'],
          data,
          label: { formatter: ({ name, percent }) => `${name} ${Number(percent).toFixed(1)}%` },
        },
      ],
    },
    720,
    380,
  );
}

/** How many holdings got each grade. */
export function gradeChart(distribution: Record<(typeof GRADES)[number], number>): string {
  return renderSvg(
    {
      grid: { left: 40, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: [...GRADES] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: 'Holdings',
          data: GRADES.map((grade) => ({ value: distribution[grade], itemStyle: { color: GRADE_COLOURS[grade] } })),
          label: { show: true, position: 'top' },
        },
      ],
    },
    420,
    220,
  );
}

/** Adjusted closes with SMA 50 and SMA 200 (an average is absent where the history is too short). */
export function priceChart(chart: PriceChart, currency: string | null): string {
  const line = (name: string, data: Array<number | null>, color: string, width: number): LineSeriesOption => ({
    type: 'line',
    name,
    data,
    showSymbol: false,
    connectNulls: false,
    lineStyle: { width, color },
    itemStyle: { color },
  });
  return renderSvg(
    {
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: chart.days, boundaryGap: false },
      yAxis: { type: 'value', scale: true, name: currency ?? undefined },
      series: [
        line('Adjusted close', chart.close, '#1f5fbf', 1.5),
        line('SMA 50', chart.sma50, '#ef6c00', 1.5),
        line('SMA 200', chart.sma200, '#7b1fa2', 1.5),
      ],
    },
    720,
    260,
  );
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
