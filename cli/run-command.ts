// `finwiz run`: a local run of the state machine on a portfolio file.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { parseConfig } from '../lambdas/core/config.js';
import { analysisConfig } from '../lambdas/core/analysis-config.js';
import { prefetchCacheTtlMinutes } from '../lambdas/core/cache-config.js';
import { yahooConcurrency } from '../lambdas/core/yahoo-config.js';
import { installLogSink } from '../local/log-sink.js';
import { startYahooSimulator, type YahooSimulator } from '../sim/yahoo-simulator.js';
import { CliError, EXIT_FAILURE, EXIT_INVALID, INVALID_ERROR_NAMES } from './exit-codes.js';
import { addSimOptions, httpUrl, simulatorOptions, hasSimFlags, type SimFlags } from './options.js';
import { printRunSummary } from './run-summary.js';

interface RunFlags extends SimFlags {
  portfolio: string;
  source: 'yahoo' | 'sim';
  yahooEndpoint?: string;
  out: string;
  sessionId?: string;
  store?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export function runCommand(): Command {
  const command = new Command('run')
    .description('Analyse a portfolio with the same state machine as the cloud, locally, with no AWS account.')
    .requiredOption('--portfolio <file>', 'portfolio file: .csv (ticker column; shares, cost_basis, currency, name optional) or .json')
    .addOption(new Option('--source <source>', 'market data source').choices(['yahoo', 'sim']).default('yahoo'))
    .option('--yahoo-endpoint <url>', 'send every Yahoo request to this URL instead, keeping path and query', httpUrl)
    .option('--out <dir>', 'where the report, metrics and results are copied', './finwiz-output')
    .option('--session-id <id>', 'session id of the run (default: portfolio-analysis-<date>-<time>)')
    .option('--store <dir>', 'where the local bucket and table persist between runs (default: <out>/.store)')
    .option('--json', 'print exactly one JSON object on stdout; logs go to stderr')
    .option('--quiet', 'only warnings and errors on stderr')
    .option('--verbose', 'debug logs, and stack traces on errors');
  addSimOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n  npx finwiz run --portfolio examples/portfolio.csv --source sim\n  npx finwiz run --portfolio my.csv --json > outcome.json',
  );
  return command.action(async (flags: RunFlags) => {
    installLogSink(flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal');
    if (flags.source === 'sim' && flags.yahooEndpoint) {
      throw new CliError('--source sim and --yahoo-endpoint cannot be combined: the simulator is the endpoint.', EXIT_INVALID);
    }
    if (flags.source !== 'sim' && hasSimFlags(flags)) {
      throw new CliError('The --sim-* options need --source sim.', EXIT_INVALID);
    }
    // A bad configuration is reported before any service starts.
    parseConfig(process.env);
    yahooConcurrency(process.env);
    prefetchCacheTtlMinutes(process.env);
    analysisConfig(process.env);
    await access(flags.portfolio).catch(() => {
      throw new CliError(`Portfolio file not found: ${flags.portfolio}`, EXIT_INVALID);
    });
    const { runLocal, LocalExecutionFailed } = await import('../local/local-run.js');
    let simulator: YahooSimulator | undefined;
    try {
      if (flags.source === 'sim') simulator = await startYahooSimulator(simulatorOptions(flags));
      const result = await runLocal({
        portfolioPath: flags.portfolio,
        yahooEndpoint: simulator?.url ?? flags.yahooEndpoint,
        sessionId: flags.sessionId,
        outDir: flags.out,
        storeDir: flags.store ?? join(flags.out, '.store'),
      });
      // The report says whether its data was simulated (any endpoint that is the simulator).
      printRunSummary(result, { json: flags.json === true, simulated: result.simulated === true || simulator !== undefined });
    } catch (error) {
      if (error instanceof LocalExecutionFailed) {
        if (INVALID_ERROR_NAMES.has(error.error)) throw new CliError(`${error.error}: ${error.causeText}`, EXIT_INVALID);
        if (error.error === 'SourceUnreachable') throw new CliError(error.causeText, EXIT_FAILURE);
        throw new CliError(`The run failed with ${error.error}: ${error.causeText}`, EXIT_FAILURE);
      }
      throw error;
    } finally {
      await simulator?.close();
    }
  });
}
