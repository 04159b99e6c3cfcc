// Consolidate Lambda: wires the bucket, the table and the settings to the Consolidate step
// (consolidate-run.ts), which builds the report and the metrics.
import { requiredEnv } from '../adapters/aws/aws-clients.js';
import { s3ObjectStore } from '../adapters/aws/object-store.js';
import { putItems } from '../adapters/aws/run-table.js';
import { createLogger } from '../adapters/logger.js';
import { withInvocationMemory } from '../adapters/memory.js';
import { loadSettings } from '../core/config/load-settings.js';
import type { RunOutcome } from '../core/contracts.js';
import { consolidateRun } from './consolidate-run.js';

const logger = createLogger('consolidate');

export const handler = (event: unknown): Promise<RunOutcome> =>
  withInvocationMemory((memory) => {
    // Every setting, before any work: a bad one fails here, naming it.
    const settings = loadSettings(process.env);
    const bucket = requiredEnv('BUCKET_NAME');
    const ports = { store: s3ObjectStore(bucket), bucket, table: requiredEnv('TABLE_NAME'), putItems, logger, settings, env: process.env, memory };
    return consolidateRun(ports, event);
  });
