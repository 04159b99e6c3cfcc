// The DynamoDB table: one metrics item per run and one summary item per ticker under the
// run's partition key. Keys derive from the session id, so writing a run twice overwrites.
import { BatchWriteCommand, type BatchWriteCommandInput, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamoClient } from './aws-clients.js';

export const RUNS_INDEX = 'byStartedAt';
export const RUNS_PARTITION = 'RUNS';
const BATCH_WRITE_LIMIT = 25;
const MAX_UNPROCESSED_ROUNDS = 8;

export const runItemKey = (sessionId: string) => ({ pk: `RUN#${sessionId}`, sk: 'RUN' });
export const tickerItemKey = (sessionId: string, ticker: string) => ({ pk: `RUN#${sessionId}`, sk: `TICKER#${ticker}` });

export type Item = Record<string, unknown>;

export async function putItems(table: string, items: Item[]): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
    let requests: BatchWriteCommandInput['RequestItems'] = {
      [table]: items.slice(start, start + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } })),
    };
    for (let round = 0; requests && Object.keys(requests).length > 0; round++) {
      if (round === MAX_UNPROCESSED_ROUNDS) throw new Error(`DynamoDB kept items unprocessed after ${round} attempts`);
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      const answer: BatchWriteCommandOutput = await dynamoClient().send(new BatchWriteCommand({ RequestItems: requests }));
      requests = answer.UnprocessedItems;
    }
  }
}
