// The AWS list prices a run's cost estimate uses (run-cost.ts), in one place. On-demand prices
// for us-east-1, as published on the AWS pricing pages at the date below; other regions differ
// by a few percent. Free tiers are ignored: the estimate is what the run costs past them.
// Bedrock token prices live beside the narrator, in llm-prices.ts; the metrics carry that cost.

export const AWS_PRICES = Object.freeze({
  region: 'us-east-1',
  /** When these prices were read off the AWS pricing pages. */
  asOf: '2025-11-01',
  lambda: {
    /** Arm64 (Graviton), first 7.5 billion GB-seconds a month. */
    arm64PerGbSecond: 0.0000133334,
    perMillionRequests: 0.2,
  },
  stepFunctions: {
    /** Standard workflows; a Distributed Map's STANDARD child executions are billed the same way. */
    standardPerThousandTransitions: 0.025,
    /** Express workflows (a Distributed Map with EXPRESS children): requests and duration. */
    expressPerMillionRequests: 1.0,
    expressPerGbSecond: 0.00001667,
  },
  s3: {
    /** S3 Standard PUT, COPY, POST, LIST. */
    perThousandPuts: 0.005,
    /** S3 Standard GET, SELECT and others. */
    perThousandGets: 0.0004,
  },
  dynamodb: {
    /** On-demand capacity, since 1 November 2024. */
    perMillionWriteUnits: 0.625,
    perMillionReadUnits: 0.125,
  },
});
