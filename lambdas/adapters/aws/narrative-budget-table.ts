// The narrative budget's ledger in the DynamoDB table, for crews that run concurrently in many
// Lambdas: one item per run (`RUN#<session>`, `LLM_BUDGET`) whose `reservedMicroUsd` only grows
// through a conditional ADD, so two crews can never both take the last of the budget.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fitsBudget, toMicroUsd, type NarrativeBudget } from '../../core/analysis/narrative-budget.js';
import { dynamoClient } from './aws-clients.js';

export const budgetItemKey = (sessionId: string) => ({ pk: `RUN#${sessionId}`, sk: 'LLM_BUDGET' });
/** The only attributes the Crew may write (its IAM policy names them). */
export const BUDGET_ITEM_ATTRIBUTES = ['pk', 'sk', 'reservedMicroUsd', 'capMicroUsd', 'expiresAt'] as const;

const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

export function tableBudget(o: {
  table: string;
  sessionId: string;
  capUsd: number;
  /** Epoch seconds: the item lives as long as the run's other items. */
  expiresAt: number;
  client?: DynamoDBDocumentClient;
}): NarrativeBudget {
  const capMicro = toMicroUsd(o.capUsd);
  const client = () => o.client ?? dynamoClient();
  const Key = budgetItemKey(o.sessionId);
  return {
    capUsd: o.capUsd,
    async reserve(usd) {
      const micro = toMicroUsd(usd);
      // A call dearer than the whole cap never fits, even as the run's first.
      if (!fitsBudget(0, micro, capMicro)) return false;
      try {
        await client().send(
          new UpdateCommand({
            TableName: o.table,
            Key,
            UpdateExpression: 'ADD reservedMicroUsd :micro SET capMicroUsd = if_not_exists(capMicroUsd, :cap), expiresAt = if_not_exists(expiresAt, :expires)',
            ConditionExpression: 'attribute_not_exists(reservedMicroUsd) OR reservedMicroUsd <= :room',
            ExpressionAttributeValues: { ':micro': micro, ':cap': capMicro, ':expires': o.expiresAt, ':room': capMicro - micro },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async settle(reservedUsd, actualUsd) {
      if (actualUsd === null) return;
      const delta = toMicroUsd(actualUsd) - toMicroUsd(reservedUsd);
      if (delta === 0) return;
      await client().send(
        new UpdateCommand({ TableName: o.table, Key, UpdateExpression: 'ADD reservedMicroUsd :delta', ExpressionAttributeValues: { ':delta': delta } }),
      );
    },
  };
}
