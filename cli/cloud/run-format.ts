// How runs read on a terminal: the `runs` table and the `show` summary.
import type { RunItem } from './run-items.js';

/** 12.3 s, 4m 05s, 1h 02m: a run takes seconds to an hour. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}

/** An ISO time as `2026-01-29 06:00:03` (UTC, like the session ids); anything else as given. */
export function formatTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}` : iso;
}

export function runsTable(runs: readonly RunItem[]): string {
  const header = ['SESSION', 'STARTED (UTC)', 'MODE', 'TICKERS', 'OK', 'FAILED', 'DURATION'];
  const rows = runs.map((run) => [
    run.sessionId,
    formatTime(run.startedAt),
    run.mode,
    String(run.totalTickers),
    String(run.successfulTickers),
    String(run.failedTickers),
    formatDuration(run.durationSeconds),
  ]);
  const numeric = new Set([3, 4, 5]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The lines `show` prints about a run. */
export function runSummaryLines(run: RunItem): string[] {
  const fallback = run.fallbackReason ? ` (fallback: ${run.fallbackReason})` : '';
  return [
    `Run ${run.sessionId} completed in ${run.mode} mode${fallback}.`,
    `Started ${formatTime(run.startedAt)} UTC, took ${formatDuration(run.durationSeconds)}; portfolio ${run.portfolioKey ?? 'given inline'}.`,
    `Tickers: ${run.totalTickers} total, ${run.successfulTickers} analysed, ${run.failedTickers} failed.`,
  ];
}
