// What `finwiz history` prints: one line per run, newest first, with the composite's change
// since the run before it.
import type { TickerHistoryPoint } from '../lambdas/adapters/aws/ticker-history.js';

const fixed2 = (value: number | null) => (value === null ? '—' : value.toFixed(2));

function change(now: TickerHistoryPoint, before: TickerHistoryPoint | undefined): string {
  if (!before || now.composite_score === null || before.composite_score === null) return '';
  const delta = now.composite_score - before.composite_score;
  return Math.abs(delta) < 0.005 ? '=' : `${delta > 0 ? '+' : ''}${delta.toFixed(2)}`;
}

export function formatTickerHistory(ticker: string, points: TickerHistoryPoint[], portfolio: string | null): string {
  const where = portfolio ? ` of ${portfolio}` : '';
  if (points.length === 0) return `No completed run${where} holds ${ticker}.\n`;
  const rows = points.map((point, i) => [
    point.started_at.slice(0, 16).replace('T', ' '),
    point.session_id,
    ...(portfolio ? [] : [point.portfolio_key ?? '(inline holdings)']),
    point.status === 'ok' ? point.grade : 'failed',
    point.recommendation,
    fixed2(point.composite_score),
    change(point, points[i + 1]),
  ]);
  const header = ['started (UTC)', 'session', ...(portfolio ? [] : ['portfolio']), 'grade', 'rec.', 'composite', 'change'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [`${ticker} in the last ${points.length} run${points.length === 1 ? '' : 's'}${where}, newest first:`, line(header), ...rows.map(line), ''].join('\n');
}
