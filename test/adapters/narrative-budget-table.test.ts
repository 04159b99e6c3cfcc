// The budget's ledger in DynamoDB (dynalite on 127.0.0.1): concurrent crews, each reserving
// before its call, can never reserve past the cap together, and settling frees what was not used.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetItemKey, tableBudget } from '../../lambdas/adapters/aws/narrative-budget-table.js';
import { startLocalServices, type LocalServices } from '../../local/services.js';

const TABLE = 'finwiz-budget-test';
let services: LocalServices;
let client: DynamoDBDocumentClient;

beforeAll(async () => {
  services = await startLocalServices('finwiz-budget-test-bucket');
  const raw = new DynamoDBClient({ endpoint: services.dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  client = DynamoDBDocumentClient.from(raw);
  await raw.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
});
afterAll(async () => {
  client.destroy();
  await services.close();
});

const stored = async (sessionId: string) =>
  (await client.send(new GetCommand({ TableName: TABLE, Key: budgetItemKey(sessionId) }))).Item;

describe('the narrative budget in the table', () => {
  it('grants exactly as many concurrent reservations as fit under the cap', async () => {
    const budget = tableBudget({ table: TABLE, sessionId: 's-concurrent', capUsd: 0.01, expiresAt: 2_000_000_000, client });
    // 40 crews at once, each wanting $0.0007: 14 fit in $0.01 (14 x 0.0007 = 0.0098).
    const granted = await Promise.all(Array.from({ length: 40 }, () => budget.reserve(0.0007)));
    expect(granted.filter(Boolean)).toHaveLength(14);
    expect(await stored('s-concurrent')).toMatchObject({ reservedMicroUsd: 9800, capMicroUsd: 10_000, expiresAt: 2_000_000_000 });
  });

  it('settles a reservation to what the call cost, freeing the rest for the next call', async () => {
    const budget = tableBudget({ table: TABLE, sessionId: 's-settle', capUsd: 0.001, expiresAt: 2_000_000_000, client });
    expect(await budget.reserve(0.0008)).toBe(true);
    expect(await budget.reserve(0.0008)).toBe(false);
    await budget.settle(0.0008, 0.0002);
    expect((await stored('s-settle'))?.reservedMicroUsd).toBe(200);
    expect(await budget.reserve(0.0008)).toBe(true);
    // A cost that is not known keeps the whole reservation.
    await budget.settle(0.0008, null);
    expect((await stored('s-settle'))?.reservedMicroUsd).toBe(1000);
  });

  it('never grants a call dearer than the whole cap, and keeps runs apart', async () => {
    const budget = tableBudget({ table: TABLE, sessionId: 's-small', capUsd: 0.0001, expiresAt: 2_000_000_000, client });
    expect(await budget.reserve(0.0002)).toBe(false);
    expect(await stored('s-small')).toBeUndefined();
    expect(await stored('s-other')).toBeUndefined();
  });
});
