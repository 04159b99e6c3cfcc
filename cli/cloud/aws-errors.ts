// AWS SDK errors a user meets, each turned into one sentence that says what to do. The SDK's
// own messages name an operation and a request id; a person needs the cause and the fix.
import { z } from 'zod';
import { CliError, EXIT_FAILURE } from '../exit-codes.js';

/** What the CLI was doing when the error came, for the sentence. */
export interface AwsErrorContext {
  /** What was being done, as a verb phrase: "read the outputs of stack FinwizStack". */
  action: string;
  /** The stack the outputs come from, when they come from one. */
  stack?: string;
  /** The region asked for with --region, when given. */
  region?: string;
}

// Only what the sentences rely on: the SDK's ServiceException and its client-side errors
// (credentials, region, network) all carry a name and a message.
const sdkErrorSchema = z.object({
  name: z.string(),
  message: z.string().catch(''),
  code: z.string().optional().catch(undefined),
  $metadata: z.object({ httpStatusCode: z.number().optional() }).optional().catch(undefined),
});

const NO_CREDENTIALS =
  'No AWS credentials were found: configure them (aws configure, aws sso login, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) and try again.';
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired', 'RequestExpired']);
const REJECTED = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);
const NETWORK = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN']);

/** The one-sentence CliError for an AWS error a user can fix, or undefined for anything else. */
export function explainAwsError(error: unknown, context: AwsErrorContext): CliError | undefined {
  const parsed = sdkErrorSchema.safeParse(error);
  if (!parsed.success) return undefined;
  const { name, message, code } = parsed.data;
  const where = context.region ? ` in region ${context.region}` : '';
  const fail = (sentence: string) => new CliError(sentence, EXIT_FAILURE);

  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) return fail(NO_CREDENTIALS);
  if (message === 'Region is missing') {
    return fail('No AWS region is configured: pass --region, or set AWS_REGION (or a region in your AWS profile).');
  }
  if (EXPIRED.has(name)) return fail('The AWS credentials have expired: sign in again (for example aws sso login) and try again.');
  if (REJECTED.has(name)) {
    return fail(`AWS rejected the credentials (${name}): check AWS_PROFILE or the access key in use, and try again.`);
  }
  if (name === 'ValidationError' && context.stack && /does not exist/.test(message)) {
    return fail(
      `Stack ${context.stack} does not exist${where || ' in the default region'}: deploy it with \`npx cdk deploy\`, ` +
        'or pass --stack and --region for the stack you deployed (or --bucket, --table and --state-machine-arn).',
    );
  }
  if (DENIED.has(name) || parsed.data.$metadata?.httpStatusCode === 403) {
    return fail(`Access denied: the AWS credentials in use may not ${context.action}${where} (${firstSentence(message) || name}).`);
  }
  if (name === 'NoSuchBucket') return fail(`Cannot ${context.action}${where}: the bucket does not exist; check --stack, --region or --bucket.`);
  if (name === 'ResourceNotFoundException' || name === 'StateMachineDoesNotExist') {
    return fail(`Cannot ${context.action}${where}: ${firstSentence(message) || 'not found'}; check --stack, --region and the names given.`);
  }
  if (NETWORK.has(code ?? '') || NETWORK.has(name)) {
    return fail(`AWS could not be reached (${code ?? name}) while trying to ${context.action}: check the network and the region.`);
  }
  return undefined;
}

/** Run `work`, turning an AWS error a user can fix into its sentence. */
export async function withAwsErrors<T>(context: AwsErrorContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw explainAwsError(error, context) ?? error;
  }
}

/** The SDK error's name, or undefined when `error` is not one (for the errors a command handles itself). */
export function awsErrorName(error: unknown): string | undefined {
  const parsed = sdkErrorSchema.safeParse(error);
  return parsed.success ? parsed.data.name : undefined;
}

function firstSentence(message: string): string {
  return message.trim().replace(/\.$/, '');
}
