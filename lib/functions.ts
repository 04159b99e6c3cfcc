// The four Lambda functions, bundled by esbuild from the handler modules in lambdas/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Aws, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUDGET_ITEM_ATTRIBUTES } from '../lambdas/adapters/aws/narrative-budget-table.js';
import { type BucketAccess, grantBucketAccess } from './bucket-access.js';
import { FUNCTION_MEMORY_MB } from '../lambdas/core/metrics/function-sizes.js';
import { CACHE_PREFIX, HANDLER_NAMES, PORTFOLIOS_PREFIX, RUNS_PREFIX, handlerFolder, type HandlerName } from '../lambdas/core/state-machine-contract.js';

/** Root of the project (holds package-lock.json and lambdas/). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Absolute path of each handler module (lambdas/<folder>/handler.ts); every module exports `handler`. */
export const HANDLER_ENTRIES: Readonly<Record<HandlerName, string>> = Object.freeze(
  Object.fromEntries(
    HANDLER_NAMES.map((name) => [name, fileURLToPath(new URL(`../lambdas/${handlerFolder(name)}/handler.ts`, import.meta.url))]),
  ) as Record<HandlerName, string>,
);
export type { HandlerName };
export const HANDLER_EXPORT = 'handler';
/** POWERTOOLS_SERVICE_NAME of every function: the `service` of the logs and of the run metrics. */
export const SERVICE_NAME = 'finwiz';

/** Lets CommonJS dependencies call `require` inside the ESM bundle. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export interface FunctionsProps {
  readonly bucket: s3.IBucket;
  readonly table: dynamodb.ITable;
  /** The handlers' configuration variables (only the ones that are set). */
  readonly handlerConfig?: Readonly<Record<string, string>>;
}

interface FunctionSpec {
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly description: string;
}

const SPECS: Record<HandlerName, FunctionSpec> = {
  prefetch: {
    memorySize: FUNCTION_MEMORY_MB.prefetch,
    timeout: Duration.minutes(15),
    description: 'FinWiz: validate input, write the manifest, prefetch every ticker, decide the mode',
  },
  crew: {
    memorySize: FUNCTION_MEMORY_MB.crew,
    timeout: Duration.minutes(2),
    description: 'FinWiz: deep analysis of one ticker',
  },
  consolidate: {
    memorySize: FUNCTION_MEMORY_MB.consolidate,
    timeout: Duration.minutes(5),
    description: 'FinWiz: build the portfolio report and persist the metrics',
  },
  enrich: {
    memorySize: FUNCTION_MEMORY_MB.enrich,
    timeout: Duration.minutes(1),
    description: 'FinWiz: one Alpha Vantage call (OVERVIEW or EARNINGS) for one ticker, paced by the state machine',
  },
  prefetchChunk: {
    memorySize: FUNCTION_MEMORY_MB.prefetchChunk,
    timeout: Duration.minutes(15),
    description: 'FinWiz: prefetch one chunk of a large portfolio (universe scale)',
  },
  prefetchSummary: {
    memorySize: FUNCTION_MEMORY_MB.prefetchSummary,
    timeout: Duration.minutes(1),
    description: 'FinWiz: sum up the prefetch chunks into the summary the mode choice reads',
  },
};

const runs = RUNS_PREFIX;
/**
 * Exactly the keys each handler reads and writes (lambdas/core/run-keys.ts): GetObject and
 * PutObject only, no Delete. lib/nag-suppressions.ts gives the reason for each wildcard.
 */
export const BUCKET_ACCESS: Readonly<Record<HandlerName, BucketAccess>> = {
  // The portfolio file and the cross-run cache in; the run's objects and the cache out.
  prefetch: { read: [`${PORTFOLIOS_PREFIX}*`, `${CACHE_PREFIX}*`], write: [`${runs}*`, `${CACHE_PREFIX}*`] },
  // The run's prefetched data, market context and Alpha Vantage answers in; its own result out.
  crew: {
    read: [`${runs}*/prefetch/*`, `${runs}*/market-context.json`, `${runs}*/alpha-vantage/*`],
    write: [`${runs}*/results/*`],
  },
  // The whole run in; the report and the metrics file out.
  consolidate: { read: [`${runs}*`], write: [`${runs}*/report.*`, `${runs}*/batch_prefetch_metrics.json`] },
  // Universe scale: a chunk reads its chunk, run.json (who answers) and the cache; it writes
  // prefetch objects, its stats and the cache.
  prefetchChunk: {
    read: [`${runs}*/prefetch-chunks/*`, `${runs}*/run.json`, `${CACHE_PREFIX}*`],
    write: [`${runs}*/prefetch/*`, `${runs}*/prefetch-chunks/*`, `${CACHE_PREFIX}*`],
  },
  // The chunk list, each chunk and its stats in; the run's prefetch stats out.
  prefetchSummary: {
    read: [`${runs}*/prefetch-chunks.json`, `${runs}*/prefetch-chunks/*`],
    write: [`${runs}*/prefetch-stats.json`],
  },
  // Its status and answers, and the prefetch object it merges each answer into.
  enrich: {
    read: [`${runs}*/alpha-vantage/*`, `${runs}*/prefetch/*`],
    write: [`${runs}*/alpha-vantage/*`, `${runs}*/prefetch/*`],
  },
};

/** The foundation model behind a model id or a cross-region inference profile (`us.amazon.nova-lite-v1:0`). */
export const foundationModelId = (modelId: string): string => modelId.replace(/^(us|eu|apac|global)\./, '');

export class Functions extends Construct {
  readonly prefetch: nodejs.NodejsFunction;
  readonly crew: nodejs.NodejsFunction;
  readonly consolidate: nodejs.NodejsFunction;
  readonly enrich: nodejs.NodejsFunction;
  readonly prefetchChunk: nodejs.NodejsFunction;
  readonly prefetchSummary: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const environment: Record<string, string> = {
      BUCKET_NAME: props.bucket.bucketName,
      TABLE_NAME: props.table.tableName,
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      // The bundle ships a source map; this makes stack traces point at the TypeScript.
      NODE_OPTIONS: '--enable-source-maps',
      ...props.handlerConfig,
    };

    const make = (name: HandlerName, constructId: string): nodejs.NodejsFunction => {
      const spec = SPECS[name];
      const logGroup = new logs.LogGroup(this, `${constructId}Logs`, {
        retention: logs.RetentionDays.ONE_MONTH,
      });
      return new nodejs.NodejsFunction(this, constructId, {
        entry: HANDLER_ENTRIES[name],
        handler: HANDLER_EXPORT,
        projectRoot: PROJECT_ROOT,
        depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: spec.memorySize,
        timeout: spec.timeout,
        description: spec.description,
        environment,
        logGroup,
        bundling: {
          format: nodejs.OutputFormat.ESM,
          target: 'node22',
          minify: true,
          sourceMap: true,
          banner: ESM_REQUIRE_BANNER,
          mainFields: ['module', 'main'],
          // Ship the pinned AWS SDK versions of package-lock.json, not whatever the runtime has.
          bundleAwsSDK: true,
        },
      });
    };
    this.prefetch = make('prefetch', 'Prefetch');
    this.crew = make('crew', 'Crew');
    this.consolidate = make('consolidate', 'Consolidate');
    this.enrich = make('enrich', 'Enrich');
    this.prefetchChunk = make('prefetchChunk', 'PrefetchChunk');
    this.prefetchSummary = make('prefetchSummary', 'PrefetchSummary');

    const { bucket, table } = props;
    for (const name of Object.keys(BUCKET_ACCESS) as HandlerName[]) {
      grantBucketAccess(bucket, this.byName(name), BUCKET_ACCESS[name]);
    }
    table.grant(this.consolidate, 'dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:Query', 'dynamodb:GetItem');
    // The Alpha Vantage key's secret, when one is configured: Prefetch checks a key is there,
    // Enrich uses it. GetSecretValue on that one secret only (the -?????? is the suffix Secrets
    // Manager appends to every secret's ARN).
    const secretName = props.handlerConfig?.ALPHA_VANTAGE_SECRET_NAME;
    if (secretName) {
      const secretArn = secretName.startsWith('arn:')
        ? secretName
        : `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${secretName}-??????`;
      for (const fn of [this.prefetch, this.enrich]) {
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secretArn] }));
      }
    }
    const config = props.handlerConfig ?? {};
    const llmOn = config.CREW_LLM === 'bedrock' || config.CREW_LLM === 'openai';
    // The OpenAI-compatible server's key: the Crew alone reads that one secret.
    const llmSecret = config.LLM_SECRET_NAME;
    if (config.CREW_LLM === 'openai' && llmSecret) {
      const arn = llmSecret.startsWith('arn:')
        ? llmSecret
        : `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${llmSecret}-??????`;
      this.crew.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [arn] }));
    }
    // The run's LLM budget: concurrent crews reserve it with a conditional ADD on the run's budget
    // item; UpdateItem on the table, and on the budget item's attributes only.
    if (llmOn && config.LLM_BUDGET_USD) {
      this.crew.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:UpdateItem'],
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...BUDGET_ITEM_ATTRIBUTES] } },
        }),
      );
    }
    // The optional LLM narrative: the Crew may call the one configured model, nothing else.
    const modelId = props.handlerConfig?.BEDROCK_MODEL_ID;
    if (props.handlerConfig?.CREW_LLM === 'bedrock' && modelId) {
      this.crew.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['bedrock:InvokeModel'],
          resources: [
            `arn:${Aws.PARTITION}:bedrock:*::foundation-model/${foundationModelId(modelId)}`,
            `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}:${Aws.ACCOUNT_ID}:inference-profile/${modelId}`,
          ],
        }),
      );
    }
  }

  /** The function of a handler. */
  byName(name: HandlerName): nodejs.NodejsFunction {
    return {
      prefetch: this.prefetch,
      crew: this.crew,
      consolidate: this.consolidate,
      enrich: this.enrich,
      prefetchChunk: this.prefetchChunk,
      prefetchSummary: this.prefetchSummary,
    }[name];
  }
}
