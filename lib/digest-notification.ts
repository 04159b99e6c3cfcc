// The digest's notification path: an SNS topic that Consolidate publishes "what changed since
// the last run" to, and an optional e-mail subscription (context `finwiz:digestEmail`).
// Consolidate gets the topic's ARN (DIGEST_TOPIC_ARN) and may publish to this topic only.
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { SettingsError } from './settings.js';

export const DIGEST_EMAIL_CONTEXT = 'finwiz:digestEmail';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface DigestNotificationProps {
  /** The function that publishes the digest (Consolidate). */
  readonly publisher: lambda.Function;
}

export class DigestNotification extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: DigestNotificationProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'FinWiz digest',
      // Publish only over TLS; encrypted at rest with the AWS managed key, whose key policy lets
      // the account's roles publish through SNS without a KMS grant (and costs nothing).
      enforceSSL: true,
      masterKey: kms.Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns'),
    });
    const email = readDigestEmail(this.node.tryGetContext(DIGEST_EMAIL_CONTEXT));
    if (email) this.topic.addSubscription(new subscriptions.EmailSubscription(email));

    props.publisher.addEnvironment('DIGEST_TOPIC_ARN', this.topic.topicArn);
    props.publisher.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [this.topic.topicArn] }));
  }
}

/** The subscription's address: unset is none; anything set must look like an e-mail address. */
export function readDigestEmail(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && EMAIL.test(value.trim())) return value.trim();
  throw new SettingsError(`context ${DIGEST_EMAIL_CONTEXT}: ${JSON.stringify(value)} is not an e-mail address`);
}
