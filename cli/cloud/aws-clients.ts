// The SDK clients of the CLI's cloud commands, made per command so that --region applies and
// tests can mock them on their classes (aws-sdk-client-mock). The local store's clients point
// at s3rver and dynalite on 127.0.0.1 instead, so the same code reads local runs.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What reading and writing runs needs: the bucket's client and the table's. */
export interface StoreClients {
  s3: S3Client;
  dynamo: DynamoDBDocumentClient;
}

export const documentClient = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

/** Clients of the AWS account in use: the SDK's default credentials, --region when given. */
export function cloudStoreClients(region?: string): StoreClients {
  const config = region ? { region } : {};
  return { s3: new S3Client(config), dynamo: documentClient(new DynamoDBClient(config)) };
}

export const cloudS3Client = (region?: string): S3Client => new S3Client(region ? { region } : {});

export const stepFunctionsClient = (region?: string): SFNClient => new SFNClient(region ? { region } : {});

export const cloudFormationClient = (region?: string): CloudFormationClient =>
  new CloudFormationClient(region ? { region } : {});

/** Clients of the local store's s3rver and dynalite (the key pair s3rver accepts, any region). */
export function localStoreClients(endpoints: { s3: string; dynamo: string }): StoreClients {
  const common = { region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };
  return {
    s3: new S3Client({
      ...common,
      endpoint: endpoints.s3,
      // As for the handlers' local clients (DESIGN.md): path style, and no aws-chunked bodies.
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    dynamo: documentClient(new DynamoDBClient({ ...common, endpoint: endpoints.dynamo })),
  };
}
