// The runs as the table holds them: the run item Consolidate writes (one per finished run),
// listed newest first through the byStartedAt index.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { runItemKey, RUNS_INDEX, RUNS_PARTITION } from '../../lambdas/adapters/aws/run-table.js';
import { runModeSchema } from '../../lambdas/core/contracts.js';
import { CliError, EXIT_FAILURE } from '../exit-codes.js';
import { awsErrorName, explainAwsError } from './aws-errors.js';
import type { RunTable } from './run-store.js';

/** The fields of the run item that the listing and the summary show (see consolidate/handler.ts). */
export const runItemSchema = z.object({
  sessionId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  portfolioKey: z.string().nullable().optional(),
  mode: runModeSchema,
  fallbackReason: z.string().nullable().optional(),
  totalTickers: z.number().int().nonnegative(),
  successfulTickers: z.number().int().nonnegative(),
  failedTickers: z.number().int().nonnegative(),
  durationSeconds: z.number().nonnegative().optional(),
  reportKey: z.string().optional(),
});
export type RunItem = z.infer<typeof runItemSchema>;

const queryPageSchema = z.object({
  Items: z.array(z.unknown()).optional(),
  LastEvaluatedKey: z.record(z.string(), z.unknown()).optional(),
});
const getAnswerSchema = z.object({ Item: z.unknown().optional() });

/** Up to `limit` runs, newest first, following the pages of the index until there are enough. */
export async function listRuns(store: RunTable, limit: number): Promise<RunItem[]> {
  const runs: RunItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = queryPageSchema.parse(
      await read(store, `list the runs in table ${store.table}`, () =>
        store.dynamo.send(
          new QueryCommand({
            TableName: store.table,
            IndexName: RUNS_INDEX,
            KeyConditionExpression: 'gsi1pk = :runs',
            ExpressionAttributeValues: { ':runs': RUNS_PARTITION },
            ScanIndexForward: false,
            Limit: limit - runs.length,
            ExclusiveStartKey: startKey,
          }),
        ),
      ),
    );
    runs.push(...(page.Items ?? []).map((item) => parseRunItem(item, store)));
    startKey = page.LastEvaluatedKey;
  } while (startKey && runs.length < limit);
  return runs.slice(0, limit);
}

/** The run item of a session, or null when the table has none (unknown, or not finished yet). */
export async function getRun(store: RunTable, sessionId: string): Promise<RunItem | null> {
  const answer = getAnswerSchema.parse(
    await read(store, `read run ${sessionId} from table ${store.table}`, () =>
      store.dynamo.send(new GetCommand({ TableName: store.table, Key: runItemKey(sessionId) })),
    ),
  );
  return answer.Item === undefined ? null : parseRunItem(answer.Item, store);
}

async function read<T>(store: RunTable, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // A store that `finwiz run` has started but never finished a run in has no table yet.
    if (store.local && awsErrorName(error) === 'ResourceNotFoundException') {
      throw new CliError(`${capitalise(store.label)} has no runs yet: run \`finwiz run\` first.`, EXIT_FAILURE);
    }
    throw explainAwsError(error, { action, region: store.region }) ?? error;
  }
}

function parseRunItem(item: unknown, store: RunTable): RunItem {
  const parsed = runItemSchema.safeParse(item);
  if (parsed.success) return parsed.data;
  const id = z.object({ pk: z.string() }).safeParse(item);
  const issue = parsed.error.issues[0];
  throw new CliError(
    `A run item in ${store.label} (${id.success ? id.data.pk : 'no pk'}) is not a FinWiz run item: ` +
      `${issue ? `${issue.path.join('.') || 'item'}: ${issue.message}` : 'unreadable'}.`,
    EXIT_FAILURE,
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
