// What `finwiz run` prints when the run completed: one JSON object with --json, else a few lines.
import type { LocalRunResult } from '../local/local-run.js';
import { simulatedSummaryLine } from './simulated-line.js';

export function printRunSummary(result: LocalRunResult, options: { json: boolean; simulated: boolean }): void {
  if (options.json) {
    const { sessionId, mode, fallbackReason, totalTickers, successfulTickers, failedTickers, outDir } = result;
    const simulated = options.simulated;
    process.stdout.write(
      `${JSON.stringify({ sessionId, mode, fallbackReason, totalTickers, successfulTickers, failedTickers, outDir, simulated })}\n`,
    );
    return;
  }
  const lines = [
    `Run ${result.sessionId} completed in ${result.mode} mode${result.fallbackReason ? ` (fallback: ${result.fallbackReason})` : ''}.`,
    `Tickers: ${result.totalTickers} total, ${result.successfulTickers} analysed, ${result.failedTickers} failed.`,
    `Report: ${result.outDir}/report.md (also report.json, batch_prefetch_metrics.json, results/)`,
  ];
  if (options.simulated) lines.push(simulatedSummaryLine());
  process.stdout.write(`${lines.join('\n')}\n`);
}
