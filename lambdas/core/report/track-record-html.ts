// report.html's "Track record" section: the table of report.md and a chart of the hit rate of
// each call per horizon, n on every bar's label.
import { SCORED_RECOMMENDATIONS, type TrackRecord } from '../history/track-record.js';
import { escapeHtml } from './html-escape.js';
import { renderSvg } from './report-charts.js';
import { trackRecordLead, trackRecordRows, type TrackRecordSection } from './track-record-text.js';

const CALL_COLOURS = { BUY: '#2e9e4f', HOLD: '#f9a825', SELL: '#c62828' } as const;

/** Hit rate per horizon (x) and call (one bar series each), labelled with n; null with nothing scored. */
export function trackRecordChart(record: TrackRecord): string | null {
  if (record.horizons.length === 0) return null;
  const horizons = record.horizons.map((h) => h.horizon);
  const series = SCORED_RECOMMENDATIONS.filter((call) => record.horizons.some((h) => h.by_recommendation[call])).map((call) => ({
    type: 'bar' as const,
    name: call,
    itemStyle: { color: CALL_COLOURS[call] },
    label: { show: true, position: 'top' as const, formatter: '{c}%' },
    data: record.horizons.map((h) => {
      const stats = h.by_recommendation[call];
      return stats?.hit_rate == null ? null : Math.round(stats.hit_rate * 100);
    }),
  }));
  if (series.length === 0) return null;
  return renderSvg(
    {
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: horizons },
      yAxis: { type: 'value', min: 0, max: 100, name: 'hit rate %' },
      series,
    },
    520,
    260,
  );
}

export function renderTrackRecordHtml(section: TrackRecordSection): string {
  const lead = `<p>${escapeHtml(trackRecordLead(section))}</p>`;
  if ('unavailable' in section || section.horizons.length === 0) return `<section id="track-record"><h2>Track record</h2>${lead}</section>`;
  const svg = trackRecordChart(section);
  const chart = svg
    ? `<figure class="chart" data-chart="track-record">${svg}<figcaption>${escapeHtml('Hit rate of each call, per horizon; n per call in the table below.')}</figcaption></figure>`
    : '';
  const rows = trackRecordRows(section)
    .map(
      (row) =>
        `<tr><td>${escapeHtml(row.horizon)} (${row.trading_days} trading days)</td><td>${row.runs}</td><td>${escapeHtml(row.call)}</td><td>${row.n}</td><td>${escapeHtml(row.hit_rate)}</td><td>${escapeHtml(row.mean_excess_return)}</td></tr>`,
    )
    .join('');
  return `<section id="track-record"><h2>Track record</h2>${lead}${chart}<div class="scroll"><table><thead><tr><th>Horizon</th><th>Runs</th><th>Call</th><th>n</th><th>Hit rate</th><th>Mean excess return</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}
