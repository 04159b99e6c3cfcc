// Sends the digest's mail text to the SNS topic (DIGEST_TOPIC_ARN); e-mail subscribers get it
// as plain text. The SDK is loaded at the first digest sent: a run without a topic never pays for it.
import type { SNSClient } from '@aws-sdk/client-sns';

let sns: SNSClient | undefined;

export function resetSnsClient(): void {
  sns?.destroy();
  sns = undefined;
}

export async function publishDigest(topicArn: string, message: { subject: string; body: string }): Promise<string | undefined> {
  const sdk = await import('@aws-sdk/client-sns');
  sns ??= new sdk.SNSClient({});
  const answer = await sns.send(new sdk.PublishCommand({ TopicArn: topicArn, Subject: message.subject, Message: message.body }));
  return answer.MessageId;
}
