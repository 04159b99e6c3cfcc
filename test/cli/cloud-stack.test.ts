// Where the deployed FinWiz is (stack outputs or options), and the AWS errors a user meets,
// each one sentence with its exit code.
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { beforeEach, describe, expect, it } from 'vitest';
import { explainAwsError } from '../../cli/cloud/aws-errors.js';
import { DEFAULT_STACK_NAME, resolveStack } from '../../cli/cloud/stack-outputs.js';
import { CliError, EXIT_FAILURE } from '../../cli/exit-codes.js';
import { awsError, BUCKET, cfnMock, deployedStack, resetMocks, STATE_MACHINE_ARN, TABLE } from './cloud-support.js';

beforeEach(resetMocks);

describe('resolveStack', () => {
  it('reads the three outputs of FinwizStack with DescribeStacks', async () => {
    deployedStack();
    await expect(resolveStack({})).resolves.toEqual({ bucket: BUCKET, table: TABLE, stateMachineArn: STATE_MACHINE_ARN });
    expect(cfnMock.commandCalls(DescribeStacksCommand).map((call) => call.args[0].input)).toEqual([{ StackName: 'FinwizStack' }]);
  });

  it('reads the stack named by --stack, and lets an option win over its output', async () => {
    deployedStack();
    const outputs = await resolveStack({ stack: 'FinwizProd', table: 'my-table' });
    expect(outputs).toEqual({ bucket: BUCKET, table: 'my-table', stateMachineArn: STATE_MACHINE_ARN });
    expect(cfnMock.commandCalls(DescribeStacksCommand)[0]!.args[0].input).toEqual({ StackName: 'FinwizProd' });
  });

  it('does not call CloudFormation when the options give every output needed', async () => {
    await expect(resolveStack({ table: 'runs-table' }, ['table'])).resolves.toEqual({ table: 'runs-table' });
    await expect(resolveStack({ bucket: 'b', table: 't', stateMachineArn: 'arn' })).resolves.toEqual({ bucket: 'b', table: 't', stateMachineArn: 'arn' });
    expect(cfnMock.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });

  it('says to deploy, or to pass --stack/--region, when the stack does not exist', async () => {
    cfnMock.on(DescribeStacksCommand).rejects(awsError('ValidationError', 'Stack with id FinwizStack does not exist'));
    const error = await resolveStack({ region: 'eu-west-3' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT_FAILURE);
    expect((error as CliError).message).toBe(
      'Stack FinwizStack does not exist in region eu-west-3: deploy it with `npx cdk deploy`, or pass --stack and --region for the stack you deployed (or --bucket, --table and --state-machine-arn).',
    );
  });

  it('names the missing output of a stack that is not FinWiz, or still deploying', async () => {
    cfnMock.on(DescribeStacksCommand).resolves({
      Stacks: [{ StackName: 'Other', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Outputs: [{ OutputKey: 'BucketName', OutputValue: 'b' }] }],
    });
    await expect(resolveStack({ stack: 'Other' }, ['bucket', 'table'])).rejects.toThrow(
      'Stack Other (CREATE_COMPLETE) has no output TableName: is it the FinWiz stack? Deploy it with `npx cdk deploy`, or pass --stack or --table.',
    );
    cfnMock.on(DescribeStacksCommand).resolves({
      Stacks: [{ StackName: 'FinwizStack', StackStatus: 'CREATE_IN_PROGRESS', CreationTime: new Date() }],
    });
    await expect(resolveStack({}, ['stateMachineArn'])).rejects.toThrow(
      'Stack FinwizStack is CREATE_IN_PROGRESS and has no output StateMachineArn yet: wait for the deployment to finish, or pass --state-machine-arn.',
    );
  });

  it('turns missing credentials and a denied DescribeStacks into one sentence each', async () => {
    cfnMock.on(DescribeStacksCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    await expect(resolveStack({})).rejects.toThrow(/^No AWS credentials were found: configure them \(aws configure, aws sso login/);
    cfnMock
      .on(DescribeStacksCommand)
      .rejects(awsError('AccessDenied', 'User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:DescribeStacks', 403));
    await expect(resolveStack({})).rejects.toThrow(
      'Access denied: the AWS credentials in use may not read the outputs of stack FinwizStack (User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:DescribeStacks).',
    );
  });

  it('uses the stack name the CDK app deploys', async () => {
    const { STACK_NAME } = await import('../../lib/finwiz-stack.js');
    expect(DEFAULT_STACK_NAME).toBe(STACK_NAME);
  });
});

describe('explainAwsError', () => {
  const context = { action: 'list the runs in table T', region: 'us-east-2' };
  const sentence = (error: unknown) => explainAwsError(error, context)?.message;

  it('has one sentence for each error a user can fix', () => {
    expect(sentence(new Error('Region is missing'))).toBe(
      'No AWS region is configured: pass --region, or set AWS_REGION (or a region in your AWS profile).',
    );
    expect(sentence(awsError('ExpiredTokenException', 'The security token included in the request is expired'))).toBe(
      'The AWS credentials have expired: sign in again (for example aws sso login) and try again.',
    );
    expect(sentence(awsError('UnrecognizedClientException', 'The security token included in the request is invalid.'))).toBe(
      'AWS rejected the credentials (UnrecognizedClientException): check AWS_PROFILE or the access key in use, and try again.',
    );
    expect(sentence(awsError('AccessDeniedException', 'not authorized to perform: dynamodb:Query.', 400))).toBe(
      'Access denied: the AWS credentials in use may not list the runs in table T in region us-east-2 (not authorized to perform: dynamodb:Query).',
    );
    expect(sentence(awsError('ResourceNotFoundException', 'Requested resource not found'))).toBe(
      'Cannot list the runs in table T in region us-east-2: Requested resource not found; check --stack, --region and the names given.',
    );
    expect(sentence(Object.assign(new Error('getaddrinfo ENOTFOUND dynamodb.us-east-2.amazonaws.com'), { code: 'ENOTFOUND' }))).toBe(
      'AWS could not be reached (ENOTFOUND) while trying to list the runs in table T: check the network and the region.',
    );
  });

  it('leaves other errors alone, so they keep their own message', () => {
    expect(explainAwsError(awsError('ThrottlingException', 'Rate exceeded'), context)).toBeUndefined();
    expect(explainAwsError(new TypeError('x is not a function'), context)).toBeUndefined();
    expect(explainAwsError('a string', context)).toBeUndefined();
  });
});
