// The finwiz CLI. Errors are one sentence that says what to do; the stack only with --verbose.
import { Command, CommanderError } from 'commander';
import { errorMessage, InvalidConfigurationError, InvalidInputError } from '../lambdas/core/errors.js';
import { CliError, EXIT_FAILURE, EXIT_INVALID } from './exit-codes.js';

/**
 * Each command's module, loaded only when it is the command asked for: `finwiz run` then never
 * reads the cloud commands' code and SDK clients (Step Functions, CloudFormation), memory a local
 * run does not need. `finwiz --help`, `finwiz help` and an unknown command load them all.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./run-command.js')).runCommand(),
  'sim-yahoo': async () => (await import('./sim-command.js')).simYahooCommand(),
  upload: async () => (await import('./cloud/upload-command.js')).uploadCommand(),
  start: async () => (await import('./cloud/start-command.js')).startCommand(),
  runs: async () => (await import('./cloud/runs-command.js')).runsCommand(),
  show: async () => (await import('./cloud/show-command.js')).showCommand(),
  history: async () => (await import('./history-command.js')).historyCommand(),
  prune: async () => (await import('./prune-command.js')).pruneCommand(),
  'track-record': async () => (await import('./track-record-command.js')).trackRecordCommand(),
};

const program = new Command('finwiz')
  .description('FinWiz batch analysis: deep analysis of every holding of a portfolio.')
  .exitOverride()
  .addHelpText('after', '\nExample:\n  npx finwiz run --portfolio examples/portfolio.csv --source sim\n\nEvery command has --help with an example.');
// The program has no options of its own, so the first argument names the command.
const asked = process.argv[2];
const loaders = asked !== undefined && Object.hasOwn(COMMANDS, asked) ? [COMMANDS[asked]!] : Object.values(COMMANDS);
for (const command of await Promise.all(loaders.map((load) => load()))) program.addCommand(command.exitOverride());

try {
  await program.parseAsync(process.argv);
  // Open keep-alive sockets of the SDK clients must not hold the process.
  process.exit(0);
} catch (error) {
  process.exit(exitCodeFor(error));
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version end with code 0; a usage error has already been printed by commander.
    return error.exitCode === 0 ? 0 : EXIT_INVALID;
  }
  const verbose = process.argv.includes('--verbose');
  if (error instanceof CliError || error instanceof InvalidInputError || error instanceof InvalidConfigurationError) {
    process.stderr.write(`finwiz: ${error.message}\n`);
    if (verbose && error.stack) process.stderr.write(`${error.stack}\n`);
    return error instanceof CliError ? error.exitCode : EXIT_INVALID;
  }
  const message = errorMessage(error);
  process.stderr.write(`finwiz: ${message}${verbose ? '' : ' (run with --verbose for details)'}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_FAILURE;
}
