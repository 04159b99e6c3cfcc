// `finwiz prune --local`: keep a local store from growing forever by removing runs' prefetch
// data older than --keep-days; reports, results and history stay.
import { stat } from 'node:fs/promises';
import { Command } from 'commander';
import { CliError, EXIT_FAILURE, EXIT_INVALID } from './exit-codes.js';
import { nonNegativeInteger } from './options.js';
import { DEFAULT_LOCAL_STORE } from './cloud/stack-options.js';
import { holdStore } from './store-hold.js';
import { storeError } from './store-errors.js';

interface PruneFlags {
  local?: boolean;
  store?: string;
  keepDays: number;
  wait: boolean;
  json?: boolean;
  verbose?: boolean;
}

export const DEFAULT_KEEP_DAYS = 30;

export function pruneCommand(): Command {
  return new Command('prune')
    .description("Remove runs' prefetched market data older than --keep-days from the local store; reports, results and history stay.")
    .option('--local', 'prune the local store of `finwiz run` (the only store prune works on)')
    .option('--store <dir>', `the local store (default: ${DEFAULT_LOCAL_STORE})`)
    .option('--keep-days <n>', 'keep the prefetch data of the last N days', nonNegativeInteger, DEFAULT_KEEP_DAYS)
    .option('--no-wait', 'refuse instead of waiting while a run holds the store')
    .option('--json', 'print the outcome as one JSON object')
    .option('--verbose', 'stack traces on errors')
    .addHelpText('after', '\nExamples:\n  npx finwiz prune --local\n  npx finwiz prune --local --store runs/.store --keep-days 7')
    .action(async (flags: PruneFlags) => {
      if (!flags.local) throw new CliError('prune works on the local store only: add --local.', EXIT_INVALID);
      const storeDir = flags.store ?? DEFAULT_LOCAL_STORE;
      if (!(await stat(storeDir).catch(() => undefined))?.isDirectory()) {
        throw new CliError(`There is no local store at ${storeDir}: run \`finwiz run\` first, or pass --store with its directory.`, EXIT_FAILURE);
      }
      const lock = await holdStore(storeDir, 'finwiz-prune', flags.wait);
      try {
        const [{ startLocalServices }, { LOCAL_BUCKET }, { pruneStore }, { localStoreClients }] = await Promise.all([
          import('../local/services.js'),
          import('../local/local-run.js'),
          import('../local/store-prune.js'),
          import('./cloud/aws-clients.js'),
        ]);
        const services = await startLocalServices(LOCAL_BUCKET, storeDir);
        const clients = localStoreClients({ s3: services.s3Endpoint, dynamo: services.dynamoEndpoint });
        try {
          const outcome = await pruneStore(clients.s3, LOCAL_BUCKET, new Date(), flags.keepDays);
          if (flags.json) process.stdout.write(`${JSON.stringify({ store: storeDir, keepDays: flags.keepDays, ...outcome })}\n`);
          else process.stdout.write(`${pruneLine(storeDir, flags.keepDays, outcome)}\n`);
        } finally {
          clients.s3.destroy();
          clients.dynamo.destroy();
          await services.close();
        }
      } catch (error) {
        throw storeError(storeDir, error);
      } finally {
        await lock.release();
      }
    });
}

export function pruneLine(storeDir: string, keepDays: number, outcome: { objects: number; runs: number; bytes: number }): string {
  if (outcome.objects === 0) return `Nothing to prune in ${storeDir}: no prefetch data older than ${days(keepDays)}.`;
  const mb = (outcome.bytes / 1_048_576).toFixed(2);
  return `Pruned ${storeDir}: removed ${outcome.objects} prefetch objects of ${outcome.runs} runs older than ${days(keepDays)}, freeing ${mb} MB; reports, results and history kept.`;
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
