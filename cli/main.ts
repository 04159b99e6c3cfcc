// The finwiz CLI. Errors are one sentence that says what to do; the stack only with --verbose.
import { Command, CommanderError } from 'commander';
import { InvalidConfigurationError, InvalidInputError } from '../lambdas/core/errors.js';
import { CliError, EXIT_FAILURE, EXIT_INVALID } from './exit-codes.js';
import { historyCommand } from './history-command.js';
import { runCommand } from './run-command.js';
import { simYahooCommand } from './sim-command.js';
import { runsCommand } from './cloud/runs-command.js';
import { showCommand } from './cloud/show-command.js';
import { startCommand } from './cloud/start-command.js';
import { uploadCommand } from './cloud/upload-command.js';

const program = new Command('finwiz')
  .description('FinWiz batch analysis: deep analysis of every holding of a portfolio.')
  .exitOverride()
  .addHelpText('after', '\nExample:\n  npx finwiz run --portfolio examples/portfolio.csv --source sim\n\nEvery command has --help with an example.')
  .addCommand(runCommand())
  .addCommand(simYahooCommand())
  .addCommand(uploadCommand())
  .addCommand(startCommand())
  .addCommand(runsCommand())
  .addCommand(showCommand())
  .addCommand(historyCommand());
for (const command of program.commands) command.exitOverride();

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
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`finwiz: ${message}${verbose ? '' : ' (run with --verbose for details)'}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_FAILURE;
}
