// `finwiz run`: a local run of the state machine on a portfolio file.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { loadSettings } from '../lambdas/core/config/load-settings.js';
import { parseLlmConfig } from '../lambdas/core/config/llm-config.js';
import { ERROR_NAMES } from '../lambdas/core/state-machine-contract.js';
import { installLogSink } from '../local/log-sink.js';
import { startYahooSimulator, type YahooSimulator } from '../sim/yahoo-simulator.js';
import { CliError, EXIT_FAILURE, EXIT_INVALID, INVALID_ERROR_NAMES } from './exit-codes.js';
import { addSimOptions, httpUrl, simulatorOptions, hasSimFlags, type SimFlags } from './options.js';
import { firstLine } from './error-text.js';
import { createProgressView, shouldDrawBars } from './progress-view.js';
import { runDigestLines } from './run-digest.js';
import { printRunSummary, readSummaryReport } from './run-summary.js';
import { watchInterruption } from './run-interruption.js';
import { holdStore, announceRerun } from './store-hold.js';
import { storeError } from './store-errors.js';
import { clearInterrupted, recordInterrupted } from '../local/interrupted-run.js';
import type { StoreLock } from '../local/store-lock.js';

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
  /** --no-wait: refuse a store in use instead of waiting for it. */
  wait: boolean;
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
    .option('--no-wait', 'refuse to start while another run holds the store, instead of waiting for it')
    .option('--json', 'print exactly one JSON object on stdout; logs go to stderr')
    .option('--quiet', 'no progress bars; only warnings and errors on stderr; prints only the path of report.html')
    .option('--verbose', 'every log line (also under the progress bars), debug logs, and stack traces on errors');
  addSimOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n  npx finwiz run --portfolio examples/portfolio.csv --source sim\n  npx finwiz run --portfolio my.csv --json > outcome.json\n  npx finwiz run --portfolio my.csv --quiet    # prints only the path of report.html\n\nOn a terminal the run shows progress bars; in a pipe, in CI or with --json it prints plain log lines.',
  );
  return command.action(async (flags: RunFlags) => {
    const bars = shouldDrawBars({ isTTY: process.stderr.isTTY, json: flags.json === true, quiet: flags.quiet === true });
    const view = createProgressView(process.stderr, bars);
    // Under the bars, per-ticker INFO lines would only scroll them away: warnings stay, --verbose shows all.
    installLogSink(flags.quiet || (bars && !flags.verbose) ? 'quiet' : flags.verbose ? 'verbose' : 'normal', view.write);
    if (flags.source === 'sim' && flags.yahooEndpoint) {
      throw new CliError('--source sim and --yahoo-endpoint cannot be combined: the simulator is the endpoint.', EXIT_INVALID);
    }
    if (flags.source !== 'sim' && hasSimFlags(flags)) {
      throw new CliError('The --sim-* options need --source sim.', EXIT_INVALID);
    }
    // The run takes the simulated day as today (SIM_AS_OF): freshness, report times, session id.
    if (flags.simAsOf) process.env.SIM_AS_OF = flags.simAsOf;
    // Every setting of every handler, before any service starts: a bad one exits 2 naming it.
    loadSettings(process.env);
    // The narrative's provider, model, prices and budget, cross-checked (CREW_LLM=openai needs LLM_BASE_URL and LLM_MODEL).
    parseLlmConfig(process.env);
    await access(flags.portfolio).catch(() => {
      throw new CliError(`Portfolio file not found: ${flags.portfolio}`, EXIT_INVALID);
    });
    const { runLocal, LocalExecutionFailed, RunInterrupted, newSessionId } = await import('../local/local-run.js');
    const storeDir = flags.store ?? join(flags.out, '.store');
    const sessionId = flags.sessionId ?? newSessionId();
    const interruption = watchInterruption();
    let simulator: YahooSimulator | undefined;
    let lock: StoreLock | undefined;
    try {
      lock = await holdStore(storeDir, sessionId, flags.wait, interruption.signal);
      await announceRerun(storeDir, sessionId);
      if (flags.source === 'sim') simulator = await startYahooSimulator(simulatorOptions(flags));
      const result = await runLocal({
        portfolioPath: flags.portfolio,
        yahooEndpoint: simulator?.url ?? flags.yahooEndpoint,
        sessionId,
        outDir: flags.out,
        storeDir,
        onProgress: (event) => {
          interruption.onProgress(event);
          view.onProgress(event);
        },
        signal: interruption.signal,
      });
      await clearInterrupted(storeDir, sessionId);
      view.stop();
      // The report says whether its data was simulated (any endpoint that is the simulator).
      const options = { json: flags.json === true, quiet: flags.quiet === true, simulated: result.simulated === true || simulator !== undefined };
      printRunSummary(result, await readSummaryReport(result.outDir), options);
      if (!flags.json && !flags.quiet) process.stdout.write((await runDigestLines(result.outDir)).map((line) => `${line}\n`).join(''));
    } catch (error) {
      const signal = interruption.received();
      if (signal && (error instanceof RunInterrupted || interruption.signal.aborted)) {
        view.stop();
        const { total, prefetched, analysed } = interruption.counts();
        if (lock) await recordInterrupted(storeDir, { sessionId, signal, at: new Date().toISOString(), total, prefetched, analysed });
        const of = total === null ? '' : ` of ${total}`;
        throw new CliError(
          `Run ${sessionId} interrupted (${signal}): ${prefetched}${of} tickers prefetched, ${analysed}${of} analysed; \`finwiz run\` with --session-id ${sessionId} starts it over.`,
          interruption.exitCode(),
        );
      }
      if (error instanceof LocalExecutionFailed) {
        // The error below is one line; --verbose adds the state machine's whole cause.
        if (flags.verbose) process.stderr.write(`${error.error}: ${error.causeText}\n`);
        // A configuration problem reads as it does when `finwiz run` finds it before starting.
        if (error.error === ERROR_NAMES.invalidConfiguration) throw new CliError(error.causeText, EXIT_INVALID);
        if (INVALID_ERROR_NAMES.has(error.error)) throw new CliError(`${error.error}: ${error.causeText}`, EXIT_INVALID);
        // A run that stopped past its input still leaves a report: say where.
        const report = error.outDir ? ` What happened to each ticker: ${join(error.outDir, 'report.md')}` : '';
        if (error.error === ERROR_NAMES.sourceUnreachable) throw new CliError(`${error.causeText}${report}`, EXIT_FAILURE);
        throw new CliError(
          `The run failed with ${error.error}: ${firstLine(error.causeText)}; run it again with --verbose to see which step failed and why.${report}`,
          EXIT_FAILURE,
        );
      }
      throw storeError(storeDir, error);
    } finally {
      view.stop();
      await simulator?.close();
      await lock?.release();
      interruption.dispose();
    }
  });
}
