// A run stopped half way and started again with the same session id completes without
// duplicates in S3 or DynamoDB: every key derives from the session id.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { LOCAL_BUCKET, LOCAL_TABLE, LocalExecutionFailed, runLocal } from '../../local/local-run.js';
import { startLocalServices } from '../../local/services.js';
import { installLogSink } from '../../local/log-sink.js';
import { startYahooSimulator } from '../../sim/yahoo-simulator.js';

installLogSink('quiet', () => {});
const TICKERS = ['AAPL', 'MSFT', 'NVDA', 'KO', 'PEP', 'JNJ', 'PG', 'V', 'MA', 'HD', 'DIS', 'QQQ'];

describe('restarting a session', () => {
  it('a run stopped in Consolidate and run again with the same session id leaves no duplicates', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'finwiz-restart-'));
    const portfolio = join(dir, 'p.csv');
    await writeFile(portfolio, `ticker,shares\n${TICKERS.map((t) => `${t},10`).join('\n')}\n`);
    const storeDir = join(dir, 'store');
    const simulator = await startYahooSimulator({ latencyMs: 1 });
    const options = { portfolioPath: portfolio, yahooEndpoint: simulator.url, outDir: join(dir, 'out'), storeDir, sessionId: 'restart-me' };
    try {
      const stopped = await runLocal({
        ...options,
        wrapHandler: (name, handler) =>
          name === 'consolidate'
            ? async (event) => {
                await handler(event); // its writes land, then the "machine" stops
                throw new Error('simulated stop');
              }
            : handler,
      }).catch((error: unknown) => error);
      expect(stopped).toBeInstanceOf(LocalExecutionFailed);
      const again = await runLocal(options);
      expect(again).toMatchObject({ sessionId: 'restart-me', totalTickers: 12, successfulTickers: 12 });
    } finally {
      await simulator.close();
    }

    const services = await startLocalServices(LOCAL_BUCKET, storeDir);
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    try {
      const s3 = new S3Client({ endpoint: services.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: LOCAL_BUCKET, Prefix: 'runs/restart-me/results/' }));
      expect((listed.Contents ?? []).map((object) => object.Key).sort()).toEqual(
        TICKERS.map((ticker) => `runs/restart-me/results/${ticker}.json`).sort(),
      );
      const dynamo = new DynamoDBClient({ endpoint: services.dynamoEndpoint, region: 'us-east-1', credentials });
      const items = await dynamo.send(
        new QueryCommand({
          TableName: LOCAL_TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: 'RUN#restart-me' } },
        }),
      );
      const sortKeys = (items.Items ?? []).map((item) => item.sk!.S!).sort();
      expect(sortKeys).toEqual(['RUN', ...TICKERS.map((ticker) => `TICKER#${ticker}`)].sort());
      s3.destroy();
      dynamo.destroy();
    } finally {
      await services.close();
    }
  });
});
