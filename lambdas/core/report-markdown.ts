// report.md: the report as text, for e-mail and diffs.
import type { PortfolioReport } from './portfolio-report.js';

const pct = (value: number | null, digits = 1) => (value === null ? '—' : `${(value * 100).toFixed(digits)}%`);
const num = (value: number | null, digits = 2) => (value === null ? '—' : value.toFixed(digits));
// A table cell is one line: escape pipes and fold line breaks (a portfolio name may hold one).
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');

export function renderReportMarkdown(report: PortfolioReport): string {
  const s = report.summary;
  const p = report.performance;
  const lines = [
    `# FinWiz portfolio analysis — ${report.session_id}`,
    '',
    `Started ${report.started_at}, generated ${report.generated_at}. Mode: **${report.mode}**.`,
  ];
  if (report.fallback) {
    lines.push('', `> **Fallback to sequential mode** at ${report.fallback.at ?? 'an unknown time'}: ${report.fallback.reason}`);
  }
  lines.push(
    '',
    '## Summary',
    '',
    `- Tickers: ${s.total_tickers} (${s.successful_tickers} analysed, ${s.failed_tickers} failed)`,
    `- Average score: ${num(s.average_score, 3)}`,
    '',
    '## Holdings, ranked by score',
    '',
    '| # | Ticker | Name | Status | Score | Last price | 1y return | Volatility | 52w position | Reason |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const row of report.holdings) {
    const price = row.lastPrice === null ? '—' : `${row.lastPrice.toFixed(2)}${row.currency ? ` ${row.currency}` : ''}`;
    lines.push(
      `| ${row.rank ?? '—'} | ${row.ticker} | ${cell(row.name ?? '')} | ${row.status} | ${num(row.score, 3)} | ${price} | ${pct(row.oneYearReturn)} | ${pct(row.annualisedVolatility)} | ${pct(row.week52Position, 0)} | ${cell(row.reason ?? '')} |`,
    );
  }
  if (report.failures.length) {
    lines.push('', '## Failures', '');
    for (const failure of report.failures) lines.push(`- ${failure.ticker}: ${failure.reason}`);
  }
  lines.push(
    '',
    '## Performance',
    '',
    `- Total time ${p.total_duration_seconds}s: prefetch ${p.prefetch_duration_seconds}s, analysis ${p.crew_execution_duration_seconds}s`,
    `- Measured one-by-one estimate ${p.estimated_sequential_time_seconds}s; time saved ${p.time_savings_percentage}%`,
    `- Batch size ${p.batch_size}, ${p.total_batches} batches; memory ${p.memory_usage_mb} MB (peak ${p.peak_memory_usage_mb} MB)`,
    `- Yahoo Finance: ${p.data_sources.yahoo_finance.successful_tickers} ok, ${p.data_sources.yahoo_finance.failed_tickers} failed; Alpha Vantage ${p.data_sources.alpha_vantage.enabled ? 'enabled' : 'disabled'}`,
  );
  const errors = Object.entries(p.error_summary);
  if (errors.length) lines.push(`- Failures by cause: ${errors.map(([reason, count]) => `${reason} (${count})`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
