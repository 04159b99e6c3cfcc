// `finwiz start`: start the deployed state machine on a portfolio (a local file, uploaded first,
// or a key already under portfolios/), named by the session id; with --wait, follow it to the
// end and print what a local run prints.
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { Command } from 'commander';
import { z } from 'zod';
import { validateSessionId } from '../../lambdas/core/input/portfolio.js';
import { newSessionId } from '../../lambdas/core/input/session-id.js';
import { CliError, EXIT_FAILURE, EXIT_INVALID } from '../exit-codes.js';
import { printRunSummary, readSummaryReport } from '../run-summary.js';
import { cloudS3Client, stepFunctionsClient } from './aws-clients.js';
import { awsErrorName, explainAwsError } from './aws-errors.js';
import { executionEnded, runOutcome } from './execution-outcome.js';
import { watchExecution } from './execution-watch.js';
import { checkPortfolioFile, checkPortfolioKey, PORTFOLIOS_PREFIX, portfolioExists, putPortfolio, type CheckedPortfolio } from './portfolio-upload.js';
import { downloadRunFiles, RUN_OUTPUT_FILES } from './run-files.js';
import { addStackOptions } from './stack-options.js';
import { resolveStack, type StackOptions } from './stack-outputs.js';

interface StartFlags extends StackOptions {
  portfolio: string;
  session?: string;
  wait?: boolean;
  out: string;
  json?: boolean;
}

export interface StartDependencies {
  /** Between two DescribeExecution calls of --wait. */
  pollIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
}

const DEFAULTS: StartDependencies = {
  pollIntervalMs: 5000,
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  now: () => new Date(),
};

const startAnswerSchema = z.object({ executionArn: z.string() });

export function startCommand(dependencies: Partial<StartDependencies> = {}): Command {
  const deps = { ...DEFAULTS, ...dependencies };
  const command = new Command('start')
    .description('Start the deployed state machine on a portfolio; the execution name is the session id. With --wait, follow it and fetch the report.')
    .requiredOption('--portfolio <file|key>', 'a local portfolio file (uploaded to portfolios/<file name> first), or a key already in the bucket: portfolios/main.csv')
    .option('--session <id>', 'session id, the execution name (default: portfolio-analysis-<UTC date>-<time>, like scheduled runs)')
    .option('--wait', 'follow the execution to its end with batch progress, then fetch the report and print the summary')
    .option('--out <dir>', 'with --wait: where the report, metrics and results are copied (<out>/<session>/)', './finwiz-output')
    .option('--json', 'print exactly one JSON object on stdout (progress goes to stderr)')
    .option('--verbose', 'stack traces on errors');
  addStackOptions(command, ['bucket', 'stateMachineArn']);
  command.addHelpText(
    'after',
    '\nExamples:\n  npx finwiz start --portfolio my-portfolio.csv --wait        # upload, run, follow, fetch the report\n' +
      '  npx finwiz start --portfolio portfolios/main.csv --session month-end-review',
  );
  return command.action(async (flags: StartFlags) => {
    const sessionId = flags.session === undefined ? newSessionId(deps.now()) : validateSessionId(flags.session, '--session');
    // Everything that can be checked here is, before AWS is asked anything.
    const portfolio = await portfolioToRun(flags.portfolio);
    const { bucket, stateMachineArn } = await resolveStack(flags, ['bucket', 'stateMachineArn']);
    const s3 = cloudS3Client(flags.region);
    const sfn = stepFunctionsClient(flags.region);
    try {
      let portfolioKey: string;
      if (typeof portfolio === 'string') {
        portfolioKey = portfolio;
        if (!(await portfolioExists(s3, bucket, portfolioKey, flags.region))) {
          throw new CliError(`${portfolioKey} is not in bucket ${bucket}: upload it with \`finwiz upload --portfolio FILE\`, or give a local file.`, EXIT_INVALID);
        }
      } else {
        await putPortfolio(s3, bucket, portfolio, flags.region);
        portfolioKey = portfolio.key;
        process.stderr.write(`Uploaded ${portfolio.holdings} holdings to s3://${bucket}/${portfolioKey}\n`);
      }
      const executionArn = await startExecution(sfn, stateMachineArn, sessionId, portfolioKey, flags.region);
      process.stderr.write(`Started run ${sessionId} of ${portfolioKey} (execution ${executionArn}).\n`);
      if (!flags.wait) {
        process.stdout.write(flags.json ? `${JSON.stringify({ sessionId, executionArn, portfolioKey })}\n` : `${sessionId}\n`);
        process.stderr.write(`Once it has finished: npx finwiz show ${sessionId}\n`);
        return;
      }
      const ended = await watchExecution(sfn, executionArn, {
        ...deps,
        region: flags.region,
        onProgress: (line) => process.stderr.write(`${line}\n`),
      });
      if (ended.status !== 'SUCCEEDED') {
        const failure = executionEnded(sessionId, ended);
        // A run that stopped past its input left a report ("Report failed run"): copy it and say where.
        if (ended.status !== 'FAILED' || failure.exitCode !== EXIT_FAILURE) throw failure;
        const outDir = resolve(flags.out, sessionId);
        await downloadRunFiles(s3, bucket, sessionId, outDir, FAILED_RUN_FILES, flags.region).catch(() => []);
        if (!(await isFailedRunReportOf(outDir, ended.startDate))) throw failure;
        throw new CliError(`${failure.message} What happened to each ticker: ${join(outDir, 'report.md')}`, failure.exitCode);
      }
      const outcome = runOutcome(sessionId, ended.output);
      const outDir = resolve(flags.out, outcome.sessionId);
      await downloadRunFiles(s3, bucket, outcome.sessionId, outDir, RUN_OUTPUT_FILES, flags.region);
      printRunSummary({ ...outcome, outDir }, await readSummaryReport(outDir), { json: flags.json === true, quiet: false, simulated: false });
    } finally {
      s3.destroy();
      sfn.destroy();
    }
  });
}

/** A local file to upload, or the key of a portfolio already in the bucket. */
async function portfolioToRun(portfolio: string): Promise<CheckedPortfolio | string> {
  const file = await stat(portfolio).catch(() => undefined);
  if (file?.isFile()) return checkPortfolioFile(portfolio);
  if (portfolio.startsWith(PORTFOLIOS_PREFIX)) {
    checkPortfolioKey(portfolio);
    return portfolio;
  }
  throw new CliError(`Portfolio file not found: ${portfolio} (a portfolio already in the bucket is given by its key, portfolios/<name>).`, EXIT_INVALID);
}

async function startExecution(sfn: SFNClient, stateMachineArn: string, sessionId: string, portfolioKey: string, region?: string): Promise<string> {
  try {
    const answer = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: sessionId, input: JSON.stringify({ portfolioKey }) }),
    );
    return startAnswerSchema.parse(answer).executionArn;
  } catch (error) {
    if (awsErrorName(error) === 'ExecutionAlreadyExists') {
      throw new CliError(`A run named ${sessionId} already exists: pass another --session (execution names are unique for 90 days).`, EXIT_INVALID);
    }
    throw explainAwsError(error, { action: `start an execution of ${stateMachineArn}`, region }) ?? error;
  }
}

/** A failed run's report alone: the results of thousands of tickers are not fetched to check whose it is. */
const FAILED_RUN_FILES = /^report\.(json|md)$/;

/** The copied report.json is this execution's failed-run report, not one an earlier execution left under the session id. */
async function isFailedRunReportOf(outDir: string, startDate: Date | undefined): Promise<boolean> {
  const report = await readFile(join(outDir, 'report.json'), 'utf-8')
    .then((text) => z.object({ status: z.literal('failed'), started_at: z.string().nullable() }).safeParse(JSON.parse(text)))
    .catch(() => null);
  if (!report?.success) return false;
  return startDate === undefined || report.data.started_at === null || Math.abs(Date.parse(report.data.started_at) - startDate.getTime()) < 1_000;
}
