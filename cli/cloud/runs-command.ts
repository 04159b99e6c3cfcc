// `finwiz runs`: the finished runs, newest first, from the table (the cloud's or the local store's).
import { Command, InvalidArgumentError } from 'commander';
import { listRuns } from './run-items.js';
import { runsTable } from './run-format.js';
import { openRunTable } from './run-store.js';
import { addLocalOptions, addStackOptions, type LocalOptions } from './stack-options.js';
import type { StackOptions } from './stack-outputs.js';

interface RunsFlags extends StackOptions, LocalOptions {
  limit: number;
  json?: boolean;
}

const positiveInteger = (value: string): number => {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError(`"${value}" is not a whole number >= 1.`);
  return Number(value);
};

export function runsCommand(): Command {
  const command = new Command('runs')
    .description('List the finished runs, newest first: session, start time, mode, tickers analysed and failed, duration.')
    .option('--limit <n>', 'how many runs to list', positiveInteger, 20)
    .option('--json', 'print the runs as one JSON array on stdout')
    .option('--verbose', 'stack traces on errors');
  addStackOptions(command, ['table']);
  addLocalOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n  npx finwiz runs --limit 5                  # the deployed stack (FinwizStack)\n' +
      '  npx finwiz runs --region eu-west-1 --json\n  npx finwiz runs --local                    # the runs of `finwiz run` on this machine',
  );
  return command.action(async (flags: RunsFlags) => {
    const store = await openRunTable(flags);
    try {
      const runs = await listRuns(store, flags.limit);
      if (flags.json) process.stdout.write(`${JSON.stringify(runs)}\n`);
      else if (runs.length === 0) process.stdout.write(`No finished runs in ${store.label} yet.\n`);
      else process.stdout.write(`${runsTable(runs)}\n`);
    } finally {
      await store.close();
    }
  });
}
