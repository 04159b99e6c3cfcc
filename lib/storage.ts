// The run data: one S3 bucket (manifests, prefetched data, results, reports, portfolios) and one
// DynamoDB table (run metrics and per-ticker summaries; GSI `byStartedAt` lists runs newest first).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Key prefixes in the bucket (see DESIGN.md, "Storage"), from the state machine's contract. */
import { CACHE_PREFIX, RUNS_PREFIX } from '../lambdas/core/state-machine-contract.js';
import { MAX_SLOW_DATA_TTL_DAYS } from '../lambdas/core/config/settings-registry.js';
export { CACHE_PREFIX, PORTFOLIOS_PREFIX, RUNS_PREFIX } from '../lambdas/core/state-machine-contract.js';
/** Name of the GSI that lists runs newest first (partition `gsi1pk`, sort `gsi1sk`). */
export const RUNS_BY_STARTED_AT_INDEX = 'byStartedAt';
/** Name of the GSI that lists one portfolio's runs newest first (partition `gsi2pk`, sort `gsi2sk`). */
export const RUNS_BY_PORTFOLIO_INDEX = 'byPortfolio';
/** The run item's attributes that the byPortfolio index carries. */
export const RUNS_BY_PORTFOLIO_ATTRIBUTES = [
  'sessionId',
  'startedAt',
  'portfolioKey',
  'portfolioIdentity',
  'reportKey',
  'totalMarketValue',
  'gradeDistribution',
] as const;
/** The item attribute (epoch seconds) after which DynamoDB's TTL deletes a run's items. */
export const TABLE_TTL_ATTRIBUTE = 'expiresAt';

export interface StorageProps {
  /** Days after which everything under `runs/` expires. */
  readonly runRetentionDays: number;
}

export class Storage extends Construct {
  readonly bucket: s3.Bucket;
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-runs',
          prefix: RUNS_PREFIX,
          expiration: Duration.days(props.runRetentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        // The prefetch cache lives at most 7 days (PREFETCH_CACHE_TTL_MINUTES); slow data up to
        // SLOW_DATA_TTL_DAYS (at most 90): a day beyond each, so nothing is removed while usable.
        { id: 'expire-cache', prefix: `${CACHE_PREFIX}yahoo/`, expiration: Duration.days(8) },
        { id: 'expire-slow-data', prefix: `${CACHE_PREFIX}slow/`, expiration: Duration.days(MAX_SLOW_DATA_TTL_DAYS + 1) },
      ],
    });

    this.table = new dynamodb.Table(this, 'Table', {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TABLE_TTL_ATTRIBUTE,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: RUNS_BY_STARTED_AT_INDEX,
      partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    // History: the previous completed runs of the same portfolio (lambdas/adapters/aws/run-history.ts).
    this.table.addGlobalSecondaryIndex({
      indexName: RUNS_BY_PORTFOLIO_INDEX,
      partitionKey: { name: 'gsi2pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi2sk', type: dynamodb.AttributeType.STRING },
      // Only what a comparison reads from the run item (not its metrics).
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: [...RUNS_BY_PORTFOLIO_ATTRIBUTES],
    });
  }
}
