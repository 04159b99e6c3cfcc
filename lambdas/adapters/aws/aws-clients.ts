// AWS SDK clients for the handlers. In the cloud they take everything from the Lambda
// environment; the local engine points them at s3rver and dynalite on 127.0.0.1 through the
// SDK's standard AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_DYNAMODB variables.
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let s3: S3Client | undefined;
let dynamo: DynamoDBDocumentClient | undefined;

export function s3Client(): S3Client {
  const endpoint = process.env.AWS_ENDPOINT_URL_S3;
  s3 ??= endpoint
    ? new S3Client({
        endpoint,
        // s3rver needs path-style addressing, and without WHEN_REQUIRED the SDK stores
        // streamed bodies with their aws-chunked framing (DESIGN.md).
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      })
    : new S3Client({});
  return s3;
}

export function dynamoClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamo;
}

/** Forget cached clients (the local engine changes endpoints between runs). */
export function resetAwsClients(): void {
  s3?.destroy();
  dynamo?.destroy();
  s3 = undefined;
  dynamo = undefined;
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}
