// The digest's notification path and the history TTL in the template: a topic of its own, an
// e-mail subscription only when context asks for one, Consolidate alone may publish to it, and
// the threshold and retention reach Consolidate's environment.
import { describe, expect, it } from 'vitest';
import { onlyResourceOfType, resourcesOf, resourcesOfType, roleOfFunction, statementsGranting, synth } from './support.js';

const handlerIds = (s: ReturnType<typeof synth>) => Object.fromEntries(s.stack.lambdaHandlers().map((h) => [h.name, h.logicalId]));

describe('digest notification', () => {
  const s = synth();
  const [topicId, topic] = onlyResourceOfType(s.json, 'AWS::SNS::Topic', 'Digest');
  const ids = handlerIds(s);

  it('is a topic of its own that accepts publishing over TLS only', () => {
    expect(topic.Properties.DisplayName).toBe('FinWiz digest');
    expect(JSON.stringify(topic.Properties.KmsMasterKeyId)).toContain('alias/aws/sns');
    const [, policy] = onlyResourceOfType(s.json, 'AWS::SNS::TopicPolicy', 'Digest');
    expect(policy.Properties.Topics).toEqual([{ Ref: topicId }]);
    expect(policy.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    );
    s.template.hasOutput('DigestTopicArn', { Value: { Ref: topicId } });
  });

  it('has no subscription unless finwiz:digestEmail is set', () => {
    expect(resourcesOfType(s.json, 'AWS::SNS::Subscription')).toEqual([]);
    const withMail = synth({ 'finwiz:digestEmail': 'holder@example.com' });
    const [, subscription] = onlyResourceOfType(withMail.json, 'AWS::SNS::Subscription');
    const [mailTopicId] = onlyResourceOfType(withMail.json, 'AWS::SNS::Topic', 'Digest');
    expect(subscription.Properties).toEqual({ Protocol: 'email', Endpoint: 'holder@example.com', TopicArn: { Ref: mailTopicId } });
  });

  it('refuses a finwiz:digestEmail that is not an address, naming the key', () => {
    expect(() => synth({ 'finwiz:digestEmail': 'not-an-address' })).toThrow(/finwiz:digestEmail/);
  });

  it('gives Consolidate the topic ARN and sns:Publish on that topic only', () => {
    const env = s.json.Resources[ids.consolidate!].Properties.Environment.Variables;
    expect(env.DIGEST_TOPIC_ARN).toEqual({ Ref: topicId });
    const publish = statementsGranting(s.json, roleOfFunction(s.json, ids.consolidate!), 'sns:Publish');
    expect(publish.flatMap(resourcesOf)).toEqual([`\${${topicId}}`]);
  });

  it('lets no other function publish to it, or see its ARN', () => {
    for (const name of ['prefetch', 'crew', 'enrich']) {
      expect(statementsGranting(s.json, roleOfFunction(s.json, ids[name]!), 'sns:Publish')).toEqual([]);
      expect(s.json.Resources[ids[name]!].Properties.Environment.Variables.DIGEST_TOPIC_ARN).toBeUndefined();
    }
  });

  it('passes finwiz:digestThreshold and finwiz:historyRetentionDays to Consolidate, and leaves them unset by default', () => {
    const env = s.json.Resources[ids.consolidate!].Properties.Environment.Variables;
    expect(env.DIGEST_THRESHOLD).toBeUndefined();
    expect(env.HISTORY_RETENTION_DAYS).toBeUndefined();
    const other = synth({ 'finwiz:digestThreshold': 'grade,failure', 'finwiz:historyRetentionDays': 30 });
    const otherEnv = other.json.Resources[handlerIds(other).consolidate!].Properties.Environment.Variables;
    expect(otherEnv).toMatchObject({ DIGEST_THRESHOLD: 'grade,failure', HISTORY_RETENTION_DAYS: '30' });
  });

  it('queries the table and its indexes (history) but never deletes an item', () => {
    const role = roleOfFunction(s.json, ids.consolidate!);
    const [tableId] = onlyResourceOfType(s.json, 'AWS::DynamoDB::Table');
    const query = statementsGranting(s.json, role, 'dynamodb:Query').flatMap(resourcesOf);
    expect(query).toEqual(expect.arrayContaining([`\${${tableId}.Arn}`, `\${${tableId}.Arn}/index/*`]));
    expect(statementsGranting(s.json, role, 'dynamodb:DeleteItem')).toEqual([]);
  });
});
