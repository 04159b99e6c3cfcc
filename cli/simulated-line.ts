// The CLI summary's line for a run on simulated data: the same words as the reports' banner.
import { SIMULATED_BANNER, simulatedDateSentence } from '../lambdas/core/report/provenance.js';

/** `generatedAt`: the report's time, the simulated day. */
export const simulatedSummaryLine = (generatedAt?: string): string =>
  `Data: ${SIMULATED_BANNER} (the FinWiz Yahoo simulator answered this run; report.md and report.json say so too).` +
  (generatedAt ? ` ${simulatedDateSentence(generatedAt)}` : '');
