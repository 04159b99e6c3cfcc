// Sends the digest's mail text to the SNS topic (DIGEST_TOPIC_ARN); e-mail subscribers get it
// as plain text.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';

let sns: SNSClient | undefined;

export function snsClient(): SNSClient {
  sns ??= new SNSClient({});
  return sns;
}

export function resetSnsClient(): void {
  sns?.destroy();
  sns = undefined;
}

export async function publishDigest(topicArn: string, message: { subject: string; body: string }): Promise<string | undefined> {
  const answer = await snsClient().send(new PublishCommand({ TopicArn: topicArn, Subject: message.subject, Message: message.body }));
  return answer.MessageId;
}
