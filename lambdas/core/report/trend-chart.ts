// A holding's composite over the past runs of its portfolio, as a small ECharts SVG beside its
// price chart: one dot per run in the grade's colour, labelled with the grade, a gap where the
// run failed, and the BUY and SELL lines for scale. No x labels: run times say little at this
// size, so the caption names the runs' dates and each point in words instead.
import { BUY_FROM, SELL_BELOW } from '../analysis/analysts/portfolio-manager.js';
import type { LineSeriesOption } from 'echarts/charts';
import { GRADES } from './portfolio-report.js';
import { GRADE_COLOURS, renderSvg } from './report-charts.js';
import { MIN_TREND_RUNS, type TrendPoint } from '../history/ticker-trend.js';

export const TREND_CHART_WIDTH = 480;
export const TREND_CHART_HEIGHT = 150;

const isGrade = (grade: string): grade is (typeof GRADES)[number] => (GRADES as readonly string[]).includes(grade);
const colourOf = (grade: string) => (isGrade(grade) ? GRADE_COLOURS[grade] : GRADE_COLOURS['N/A']);
const analysed = (point: TrendPoint) => point.status === 'ok' && point.composite_score !== null;

/** The trend line's SVG, or null when the holding has fewer than MIN_TREND_RUNS points. */
export function trendChart(points: readonly TrendPoint[]): string | null {
  if (points.length < MIN_TREND_RUNS) return null;
  const data: LineSeriesOption['data'] = points.map((point) =>
    analysed(point) ? { value: point.composite_score, itemStyle: { color: colourOf(point.grade) } } : null,
  );
  return renderSvg(
    {
      grid: { left: 36, right: 76, top: 22, bottom: 12 },
      xAxis: { type: 'category', data: points.map((_, i) => String(i + 1)), show: false },
      yAxis: { type: 'value', min: 0, max: 1, interval: 0.5, splitLine: { show: false } },
      series: [
        {
          type: 'line',
          name: 'Composite',
          data,
          connectNulls: false,
          symbol: 'circle',
          symbolSize: 8,
          lineStyle: { width: 2, color: '#1f5fbf' },
          label: { show: true, position: 'top', formatter: ({ dataIndex }) => points[dataIndex]?.grade ?? '' },
          markLine: {
            symbol: 'none',
            silent: true,
            label: { formatter: '{b}', fontSize: 10 },
            lineStyle: { type: 'dashed', color: '#999' },
            data: [
              { name: `SELL < ${SELL_BELOW}`, yAxis: SELL_BELOW },
              { name: `BUY ≥ ${BUY_FROM}`, yAxis: BUY_FROM },
            ],
          },
        },
      ],
    },
    TREND_CHART_WIDTH,
    TREND_CHART_HEIGHT,
  );
}

/** The same trend in words, for the caption: what a reader without the picture needs. */
export function trendCaption(ticker: string, points: readonly TrendPoint[]): string {
  const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  const steps = points.map((point) => (analysed(point) ? `${point.grade} ${point.composite_score!.toFixed(2)}` : 'failed'));
  return `${ticker}: composite over the last ${points.length} runs of this portfolio, ${day(points[0]!.started_at)} to ${day(points.at(-1)!.started_at)} UTC: ${steps.join(', ')}. Dashed lines: SELL below ${SELL_BELOW}, BUY from ${BUY_FROM}.`;
}
