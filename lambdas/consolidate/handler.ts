// Consolidate Lambda: wires the bucket, the table and the settings to the Consolidate step
// (consolidate-run.ts), which builds the report and the metrics, or, for an event that names a
// failure ("Report failed run"), to the failed run's report (report-failed-run.ts).
import { requiredEnv } from '../adapters/aws/aws-clients.js';
import { s3ObjectStore } from '../adapters/aws/object-store.js';
import { putItems } from '../adapters/aws/run-table.js';
import { createLogger } from '../adapters/logger.js';
import { withInvocationMemory } from '../adapters/memory.js';
import { inputLimits } from '../core/input/input-limits.js';
import { loadSettings } from '../core/config/load-settings.js';
import type { FailedRunOutcome, RunOutcome } from '../core/contracts.js';
import { consolidateRun } from './consolidate-run.js';
import { reportFailedRun } from './report-failed-run.js';

const logger = createLogger('consolidate');

const namesFailure = (event: unknown) => typeof event === 'object' && event !== null && 'failure' in event;

export const handler = (event: unknown): Promise<RunOutcome | FailedRunOutcome> =>
  withInvocationMemory<RunOutcome | FailedRunOutcome>((memory) => {
    // The failed run's report needs no setting: it must be written whatever stopped the run.
    if (namesFailure(event)) {
      return reportFailedRun({ store: s3ObjectStore(requiredEnv('BUCKET_NAME')), logger, inputLimits: inputLimits(process.env) }, event);
    }
    // Every setting, before any work: a bad one fails here, naming it.
    const settings = loadSettings(process.env);
    const bucket = requiredEnv('BUCKET_NAME');
    const ports = { store: s3ObjectStore(bucket), bucket, table: requiredEnv('TABLE_NAME'), putItems, logger, settings, env: process.env, memory };
    return consolidateRun(ports, event);
  });
