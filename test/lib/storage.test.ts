import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PORTFOLIO_INDEX } from '../../lambdas/adapters/aws/run-history.js';
import { EXPIRES_AT_ATTRIBUTE } from '../../lambdas/core/config/history-retention.js';
import { onlyResourceOfType, synth } from './support.js';

describe('storage', () => {
  const s = synth();

  describe('bucket', () => {
    const [bucketId, bucket] = onlyResourceOfType(s.json, 'AWS::S3::Bucket');

    it('blocks all public access', () => {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    });

    it('is encrypted with S3-managed keys and not versioned', () => {
      expect(bucket.Properties.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
      expect(bucket.Properties.VersioningConfiguration?.Status ?? 'Suspended').not.toBe('Enabled');
    });

    it('denies every request that is not over TLS', () => {
      s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('expires runs/ after 90 days by default and the prefetch cache after 8, and is retained', () => {
      expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
        expect.objectContaining({ Prefix: 'runs/', ExpirationInDays: 90, Status: 'Enabled' }),
        expect.objectContaining({ Prefix: 'cache/yahoo/', ExpirationInDays: 8, Status: 'Enabled' }),
        // Slow data is reused for up to SLOW_DATA_TTL_DAYS (at most 90): never removed before.
        expect.objectContaining({ Prefix: 'cache/slow/', ExpirationInDays: 91, Status: 'Enabled' }),
      ]);
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.UpdateReplacePolicy).toBe('Retain');
    });

    it('takes the retention from finwiz:runRetentionDays (number or CLI string)', () => {
      for (const value of [30, '30']) {
        const other = synth({ 'finwiz:runRetentionDays': value });
        const [, b] = onlyResourceOfType(other.json, 'AWS::S3::Bucket');
        expect(b.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(30);
      }
      expect(() => synth({ 'finwiz:runRetentionDays': 0 })).toThrow(/finwiz:runRetentionDays/);
      expect(() => synth({ 'finwiz:runRetentionDays': 'soon' })).toThrow(/finwiz:runRetentionDays/);
    });
  });

  describe('table', () => {
    const [, table] = onlyResourceOfType(s.json, 'AWS::DynamoDB::Table');

    it('is on demand with string keys pk/sk', () => {
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.ProvisionedThroughput).toBeUndefined();
      expect(table.Properties.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
      expect(table.Properties.AttributeDefinitions).toEqual(
        expect.arrayContaining([
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
        ]),
      );
    });

    it('has the byStartedAt index to list runs newest first, and byPortfolio for one portfolio\'s runs', () => {
      expect(table.Properties.GlobalSecondaryIndexes).toEqual([
        {
          IndexName: 'byStartedAt',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: PORTFOLIO_INDEX,
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: ['sessionId', 'startedAt', 'portfolioKey', 'portfolioIdentity', 'reportKey', 'totalMarketValue', 'gradeDistribution'],
          },
        },
      ]);
      expect(table.Properties.AttributeDefinitions).toEqual(
        expect.arrayContaining([
          { AttributeName: 'gsi2pk', AttributeType: 'S' },
          { AttributeName: 'gsi2sk', AttributeType: 'S' },
        ]),
      );
    });

    it('deletes history items through a TTL on expiresAt, the attribute Consolidate sets', () => {
      expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: EXPIRES_AT_ATTRIBUTE, Enabled: true });
      expect(EXPIRES_AT_ATTRIBUTE).toBe('expiresAt');
    });

    it('has point-in-time recovery and AWS-managed encryption', () => {
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      // SSEEnabled without a key = the AWS managed key (aws/dynamodb)
      expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
      expect(table.DeletionPolicy).toBe('Retain');
    });
  });

  it('outputs the bucket, the table and the state machine', () => {
    const [bucketId] = onlyResourceOfType(s.json, 'AWS::S3::Bucket');
    const [tableId] = onlyResourceOfType(s.json, 'AWS::DynamoDB::Table');
    const [smId] = onlyResourceOfType(s.json, 'AWS::StepFunctions::StateMachine');
    s.template.hasOutput('BucketName', { Value: { Ref: bucketId } });
    s.template.hasOutput('TableName', { Value: { Ref: tableId } });
    s.template.hasOutput('StateMachineArn', { Value: { Ref: smId } });
  });
});
