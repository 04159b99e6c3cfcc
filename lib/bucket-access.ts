// Least-privilege S3 access for the functions: exactly the key patterns each handler reads and
// writes (lambdas/core/run-keys.ts), GetObject and PutObject only, never Delete. CDK's grantRead
// would add s3:GetObject*, s3:GetBucket* and s3:List* wildcards; these statements do not.
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';

/** What a function may do in the bucket: key patterns, relative to the bucket. */
export interface BucketAccess {
  readonly read?: readonly string[];
  readonly write?: readonly string[];
}

export function grantBucketAccess(bucket: s3.IBucket, grantee: iam.IGrantable, access: BucketAccess): void {
  const objects = (patterns: readonly string[]) => patterns.map((pattern) => bucket.arnForObjects(pattern));
  if (access.read?.length) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: objects(access.read) }),
    );
    // A missing key must answer 404 (NoSuchKey), which the handlers read as "not there yet";
    // without ListBucket S3 answers 403 instead. ListBucket shows key names, not contents.
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
    );
  }
  if (access.write?.length) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: objects(access.write) }),
    );
  }
}
