// `finwiz show SESSION`: a run's summary, and its report files copied to a local directory.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { validateSessionId } from '../../lambdas/core/input/portfolio.js';
import { CliError, EXIT_FAILURE } from '../exit-codes.js';
import { openWithDesktop, type FileOpener } from './open-file.js';
import { REPORT_FILES, downloadRunFiles } from './run-files.js';
import { runSummaryLines } from './run-format.js';
import { getRun } from './run-items.js';
import { openRunStore } from './run-store.js';
import { addLocalOptions, addStackOptions, type LocalOptions } from './stack-options.js';
import type { StackOptions } from './stack-outputs.js';

interface ShowFlags extends StackOptions, LocalOptions {
  out?: string;
  open?: boolean;
  json?: boolean;
}

export interface ShowDependencies {
  /** Opens report.html for --open (tests replace it; the default needs a desktop). */
  openFile: FileOpener;
}

export function showCommand(dependencies: Partial<ShowDependencies> = {}): Command {
  const openFile = dependencies.openFile ?? openWithDesktop;
  const command = new Command('show')
    .description("Print a finished run's summary and copy its report (report.json, report.md, report.html) and metrics to a directory.")
    .argument('<session>', 'the session id of the run (see `finwiz runs`)')
    .option('--out <dir>', 'where the files go (default: ./finwiz-reports/<session>/)')
    .option('--open', 'print the path of report.html, and open it in a browser when this machine has a desktop')
    .option('--json', 'print the run and the files written as one JSON object on stdout')
    .option('--verbose', 'stack traces on errors');
  addStackOptions(command, ['bucket', 'table']);
  addLocalOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n  npx finwiz show portfolio-analysis-20260129-060000 --open\n' +
      '  npx finwiz show my-run --local --out ./reports/my-run',
  );
  return command.action(async (session: string, flags: ShowFlags) => {
    const sessionId = validateSessionId(session, 'SESSION');
    const dir = resolve(flags.out ?? `finwiz-reports/${sessionId}`);
    const store = await openRunStore(flags);
    try {
      const run = await getRun(store, sessionId);
      if (!run) {
        throw new CliError(
          `There is no finished run ${sessionId} in ${store.label}: \`finwiz runs${store.local ? ' --local' : ''}\` lists the runs (a run is listed once it has finished).`,
          EXIT_FAILURE,
        );
      }
      const files = await downloadRunFiles(store.s3, store.bucket, sessionId, dir, REPORT_FILES, store.region);
      const html = files.includes('report.html') ? resolve(dir, 'report.html') : undefined;
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ ...run, dir, files: files.map((name) => resolve(dir, name)) })}\n`);
      } else {
        const lines = [...runSummaryLines(run), `Files in ${dir}: ${files.join(', ') || 'none'}`];
        if (flags.open && html) lines.push(`Report: ${html}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (flags.open) {
        if (html) openFile(html);
        else process.stderr.write(`finwiz: run ${sessionId} has no report.html (runs made before HTML reports have none); read ${resolve(dir, 'report.md')}.\n`);
      }
    } finally {
      await store.close();
    }
  });
}
