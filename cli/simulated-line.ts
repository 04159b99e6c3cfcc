// The CLI summary's line for a run on simulated data: the same words as the reports' banner.
import { SIMULATED_BANNER } from '../lambdas/core/report/provenance.js';

export const simulatedSummaryLine = (): string =>
  `Data: ${SIMULATED_BANNER} (the FinWiz Yahoo simulator answered this run; report.md and report.json say so too).`;
