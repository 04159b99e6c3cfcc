// `finwiz history TICKER`: a ticker's composite, grade and recommendation over past runs, from
// the local store (--local) or from the deployed stack's table (found like every cloud command).
import { Command, InvalidArgumentError } from 'commander';
import { resetAwsClients } from '../lambdas/adapters/aws/aws-clients.js';
import { readTickerHistory, type TickerHistoryPoint } from '../lambdas/adapters/aws/ticker-history.js';
import { portfolioIdentity, portfolioKeyOf } from '../lambdas/core/history/portfolio-identity.js';
import { resolveStack } from './cloud/stack-outputs.js';
import { addTableOptions, DEFAULT_STORE, withLocalTable, type TableFlags } from './local-table.js';
import { formatTickerHistory } from './history-format.js';

interface HistoryFlags extends TableFlags {
  portfolio?: string;
  limit: number;
  json?: boolean;
}

const positiveInteger = (value: string): number => {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError(`"${value}" is not a whole number >= 1.`);
  return Number(value);
};

/** Tickers as the portfolio files write them: trimmed, upper case, without a `YAHOO:` prefix. */
const normalTicker = (value: string) => value.trim().toUpperCase().replace(/^YAHOO:/, '');

export function historyCommand(): Command {
  return addTableOptions(
    new Command('history')
      .description("Print a ticker's composite, grade and recommendation over past runs, newest first.")
      .argument('<ticker>', 'the ticker, e.g. AAPL')
      .option('--portfolio <key-or-file>', 'only runs of this portfolio: a key under portfolios/, or the file a local run was given')
      .option('--limit <n>', 'at most this many runs', positiveInteger, 10),
  )
    .option('--json', 'print the points as one JSON array')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  npx finwiz history AAPL --local --portfolio examples/finwiz-original.csv',
        '  npx finwiz history MSFT --portfolio portfolios/main.csv --limit 5      # the deployed FinwizStack',
        '  npx finwiz history MSFT --table FinwizStack-StorageTable1234 --region eu-west-2 --json',
      ].join('\n'),
    )
    .action(async (tickerArgument: string, flags: HistoryFlags) => {
      const ticker = normalTicker(tickerArgument);
      const portfolioKey = flags.portfolio ? portfolioKeyOf(flags.portfolio) : null;
      const query = { ...(portfolioKey ? { portfolioIdentity: portfolioIdentity(portfolioKey, []) } : {}), limit: flags.limit };
      const points =
        flags.local || flags.store
          ? await localHistory(flags.store ?? DEFAULT_STORE, ticker, query)
          : await readTickerHistory(await historyTable(flags), ticker, query);
      process.stdout.write(flags.json ? `${JSON.stringify(points)}\n` : formatTickerHistory(ticker, points, portfolioKey));
    });
}

/** The cloud table to read: --table, or the TableName output of the stack (--stack, --region). */
export async function historyTable(flags: Pick<HistoryFlags, 'stack' | 'table' | 'region'>): Promise<string> {
  if (flags.region) process.env.AWS_REGION = flags.region;
  resetAwsClients();
  const { table } = await resolveStack({ stack: flags.stack, region: flags.region, table: flags.table }, ['table']);
  return table;
}

/** The same DynamoDB code against the local store: dynalite on its directory, as `finwiz run` leaves it. */
function localHistory(storeDir: string, ticker: string, query: { portfolioIdentity?: string; limit: number }): Promise<TickerHistoryPoint[]> {
  return withLocalTable(storeDir, (table) => readTickerHistory(table, ticker, query));
}
