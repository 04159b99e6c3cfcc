// `finwiz track-record`: were the earlier runs' calls right? The newest run of a portfolio against
// its earlier runs, from the local store (--local) or the deployed stack's table.
import { Command } from 'commander';
import { newestTrackRecord } from '../lambdas/adapters/aws/track-record-history.js';
import { portfolioIdentity, portfolioKeyOf } from '../lambdas/core/history/portfolio-identity.js';
import { CliError, EXIT_INVALID } from './exit-codes.js';
import { historyTable } from './history-command.js';
import { addTableOptions, DEFAULT_STORE, withLocalTable, type TableFlags } from './local-table.js';
import { formatTrackRecord } from './track-record-format.js';

interface TrackRecordFlags extends TableFlags {
  portfolio?: string;
  json?: boolean;
}

export function trackRecordCommand(): Command {
  return addTableOptions(
    new Command('track-record')
      .description("Score the earlier runs' BUY, HOLD and SELL calls against the benchmark: hit rate and mean excess return per horizon (1m, 3m, 6m), each with its n.")
      .option('--portfolio <key-or-file>', "this portfolio's newest run (default: the newest run of any portfolio)"),
  )
    .option('--json', 'print the track record as JSON (as report.json carries it)')
    .addHelpText(
      'after',
      [
        '',
        'A run is scored at the longest horizon it has reached: 21, 63 or 126 trading days. A BUY hits when the holding',
        "beat the benchmark since that run, a SELL when it trailed it, a HOLD when it ended within 5% of it.",
        '',
        'Examples:',
        '  npx finwiz track-record --local --portfolio examples/portfolio.csv',
        '  npx finwiz track-record --portfolio portfolios/main.csv --json      # the deployed FinwizStack',
      ].join('\n'),
    )
    .action(async (flags: TrackRecordFlags) => {
      const portfolioKey = flags.portfolio ? portfolioKeyOf(flags.portfolio) : null;
      const query = portfolioKey ? { portfolioIdentity: portfolioIdentity(portfolioKey, []) } : {};
      const found =
        flags.local || flags.store
          ? await withLocalTable(flags.store ?? DEFAULT_STORE, (table) => newestTrackRecord(table, query))
          : await newestTrackRecord(await historyTable(flags), query);
      if (!found) throw new CliError(`No completed run${portfolioKey ? ` of ${portfolioKey}` : ''} yet: run \`finwiz run\` first.`, EXIT_INVALID);
      process.stdout.write(flags.json ? `${JSON.stringify(found.record)}\n` : formatTrackRecord(found));
    });
}
