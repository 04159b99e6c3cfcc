// Cloud command tests: the SDK clients mocked on their classes, a command run in-process with
// stdout and stderr captured, and AWS errors shaped as the SDK throws them.
import { Readable } from 'node:stream';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sdkStreamMixin } from '@smithy/util-stream';
import { mockClient } from 'aws-sdk-client-mock';

export const cfnMock = mockClient(CloudFormationClient);
export const sfnMock = mockClient(SFNClient);
export const s3Mock = mockClient(S3Client);
export const ddbMock = mockClient(DynamoDBDocumentClient);

export const BUCKET = 'finwizstack-storagebucket-abc123';
export const TABLE = 'FinwizStack-StorageTable-XYZ';
export const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:Analysis-abc';

export function resetMocks(): void {
  for (const mock of [cfnMock, sfnMock, s3Mock, ddbMock]) mock.reset();
}

/** DescribeStacks answers with the three outputs of a deployed FinwizStack. */
export function deployedStack(): void {
  cfnMock.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'FinwizStack',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date('2026-01-01T00:00:00Z'),
        Outputs: [
          { OutputKey: 'BucketName', OutputValue: BUCKET },
          { OutputKey: 'TableName', OutputValue: TABLE },
          { OutputKey: 'StateMachineArn', OutputValue: STATE_MACHINE_ARN },
        ],
      },
    ],
  });
}

/** An error as the SDK throws it: a name, a message, and the HTTP status in $metadata. */
export function awsError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode } });
}

export const body = (text: string) => sdkStreamMixin(Readable.from([Buffer.from(text, 'utf-8')]));

export { invoke, type Invocation } from './invoke.js';
