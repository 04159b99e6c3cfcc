// What `finwiz run` prints when the run completed: one JSON object with --json; the report's
// path alone with --quiet; else a short summary: grades, the top and bottom holdings, the
// failures with their reasons, and where the report is.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { RunOutcome } from '../lambdas/core/contracts.js';
import type { RunPhases } from '../local/run-phases.js';
import { GRADES, RECOMMENDATIONS } from '../lambdas/core/report/portfolio-report.js';
import { textTable } from './text-table.js';
import { simulatedSummaryLine } from './simulated-line.js';

/** How many holdings the summary shows at each end of the ranking. */
export const SUMMARY_TOP = 5;

/** The parts of report.json the summary reads. */
const summaryReportSchema = z.object({
  generated_at: z.string().optional(),
  summary: z.object({
    base_currency: z.string(),
    total_market_value: z.number().nullable(),
    total_unrealised_gain: z.number().nullable(),
    grade_distribution: z.record(z.string(), z.number()),
    recommendations: z.record(z.string(), z.number()),
  }),
  holdings: z.array(
    z.object({
      rank: z.number().nullable(),
      ticker: z.string(),
      name: z.string().nullable(),
      status: z.enum(['ok', 'failed']),
      grade: z.string(),
      recommendation: z.string(),
      composite_score: z.number().nullable(),
      weight: z.number().nullable(),
    }),
  ),
  failures: z.array(z.object({ ticker: z.string(), reason: z.string() })),
});
export type SummaryReport = z.infer<typeof summaryReportSchema>;

export async function readSummaryReport(outDir: string): Promise<SummaryReport | null> {
  try {
    return summaryReportSchema.parse(JSON.parse(await readFile(join(outDir, 'report.json'), 'utf-8')));
  } catch {
    return null;
  }
}

/** A finished run: a local one says where its time went; a cloud one (`start --wait`) does not. */
export type SummaryRun = RunOutcome & { outDir: string; phases?: RunPhases | null; peakRssMb?: number };

export interface SummaryOptions {
  json: boolean;
  quiet: boolean;
  simulated: boolean;
}

export function renderRunSummary(result: SummaryRun, report: SummaryReport | null, options: SummaryOptions): string {
  const html = join(result.outDir, 'report.html');
  if (options.json) {
    const { sessionId, mode, fallbackReason, totalTickers, successfulTickers, failedTickers, outDir, phases, peakRssMb } = result;
    // A local run adds where its time went; a cloud run's JSON stays as it was.
    const timing = phases === undefined ? {} : { phases, peakRssMb };
    return `${JSON.stringify({ sessionId, mode, fallbackReason, totalTickers, successfulTickers, failedTickers, outDir, simulated: options.simulated, ...timing })}\n`;
  }
  if (options.quiet) return `${html}\n`;
  const lines = [
    `Run ${result.sessionId} completed in ${result.mode} mode${result.fallbackReason ? ` (fallback: ${result.fallbackReason})` : ''}.`,
    `Tickers: ${result.totalTickers} total, ${result.successfulTickers} analysed, ${result.failedTickers} failed.`,
  ];
  if (result.phases && result.peakRssMb !== undefined) lines.push(timeLine(result.phases, result.peakRssMb));
  if (report) lines.push('', ...reportLines(report));
  lines.push('', `Report: ${html}`, `        also report.md, report.json, batch_prefetch_metrics.json, results/ in ${result.outDir}`);
  if (options.simulated) lines.push(simulatedSummaryLine(report?.generated_at));
  return `${lines.join('\n')}\n`;
}

function reportLines(report: SummaryReport): string[] {
  const s = report.summary;
  const money = (value: number | null) =>
    value === null ? '—' : `${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${s.base_currency}`;
  const lines = [
    `Value: ${money(s.total_market_value)}; unrealised gain/loss: ${money(s.total_unrealised_gain)}`,
    `Grades: ${GRADES.map((grade) => `${grade} ${s.grade_distribution[grade] ?? 0}`).join('  ')}`,
    `Recommendations: ${RECOMMENDATIONS.map((rec) => `${rec} ${s.recommendations[rec] ?? 0}`).join('  ')}`,
  ];
  const ok = report.holdings.filter((row) => row.status === 'ok');
  const table = (rows: SummaryReport['holdings']) =>
    textTable(
      ['#', 'Ticker', 'Name', 'Grade', 'Rec.', 'Composite', 'Weight'],
      rows.map((row) => [
        String(row.rank ?? '—'),
        row.ticker,
        truncate(row.name ?? '', 28),
        row.grade,
        row.recommendation,
        row.composite_score === null ? '—' : row.composite_score.toFixed(2),
        row.weight === null ? '—' : `${(row.weight * 100).toFixed(1)}%`,
      ]),
    ).map((line) => `  ${line}`);
  if (ok.length > 0) {
    // With few holdings the top and the bottom would overlap: one table then.
    if (ok.length <= SUMMARY_TOP * 2) lines.push('', 'Holdings, best first:', ...table(ok));
    else lines.push('', `Top ${SUMMARY_TOP}:`, ...table(ok.slice(0, SUMMARY_TOP)), `Bottom ${SUMMARY_TOP}:`, ...table(ok.slice(-SUMMARY_TOP)));
  }
  if (report.failures.length > 0) {
    lines.push('', `Failures (${report.failures.length}):`, ...textTable(['Ticker', 'Reason'], report.failures.map((f) => [f.ticker, f.reason])).map((line) => `  ${line}`));
  }
  return lines;
}

const truncate = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

/** Print the summary on stdout (the logs and the bars are on stderr). */
export function printRunSummary(result: SummaryRun, report: SummaryReport | null, options: SummaryOptions): void {
  process.stdout.write(renderRunSummary(result, report, options));
}

/** Where the run's time went, and the memory it took at most. */
export function timeLine(phases: RunPhases, peakRssMb: number): string {
  const s = (value: number) => `${value.toFixed(1)} s`;
  return `Took ${s(phases.wall_s)}: prefetch ${s(phases.prefetch_s)}, analysis ${s(phases.analysis_s)}, consolidation ${s(phases.consolidate_s)}, setup ${s(phases.setup_s)}; peak memory ${Math.round(peakRssMb)} MB.`;
}
