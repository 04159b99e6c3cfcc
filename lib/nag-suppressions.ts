// cdk-nag (AwsSolutions pack): every finding this stack accepts, in one place, each with the
// reason it is accepted. cdk-nag 3 acknowledges each finding on its own (an IAM5 wildcard is
// named by its resource), so a new wildcard is never waved through by an older reason: it fails
// test/lib/nag.test.ts, and the synth when context finwiz:nag is true, until it is added here.
import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnResource } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { FinwizStack } from './finwiz-stack.js';
import { BUCKET_ACCESS, foundationModelId, type HandlerName } from './functions.js';

export const nagChecks = (scope: IConstruct): AwsSolutionsChecks => new AwsSolutionsChecks(scope);

/** Why each object pattern of BUCKET_ACCESS (lib/functions.ts) is a wildcard; acknowledged only on the functions granted it. */
const BUCKET_PATTERNS: Readonly<Record<string, string>> = {
  'portfolios/*': 'Prefetch reads the portfolio file the execution input names; any file under portfolios/ may be analysed, nothing else in the bucket.',
  'cache/*': 'Prefetch reads and writes the cross-run prefetch cache, and the slow-data cache, one object per ticker each (cache/yahoo/<TICKER>.json, cache/slow/<TICKER>.json); the tickers are not known at deploy time.',
  'runs/*':
    "Prefetch writes a run's objects and Consolidate reads them under runs/<sessionId>/; session ids are made at run time. Only GetObject or PutObject, never Delete.",
  'runs/*/prefetch/*': 'The Crew reads, and Enrich merges Alpha Vantage answers into, the prefetched object of one ticker of a run (runs/<sessionId>/prefetch/<TICKER>.json).',
  'runs/*/market-context.json': "The Crew reads its run's market context (FX rates, benchmark); the wildcard is the session id only.",
  'runs/*/alpha-vantage/*': "The Crew reads, and Enrich writes, a run's Alpha Vantage answers and status (runs/<sessionId>/alpha-vantage/).",
  'runs/*/results/*': 'The Crew writes only its own ticker result (runs/<sessionId>/results/<TICKER>.json); it cannot read portfolios/ nor delete anything.',
  'runs/*/report.*': 'Consolidate writes the report of the run (report.json, report.md, report.html); the wildcards are the session id and the format.',
  'runs/*/batch_prefetch_metrics.json': "Consolidate writes the run's metrics file; the wildcard is the session id only.",
  'runs/*/run.json': "A prefetch chunk reads its run's record (who answers the Yahoo requests); the wildcard is the session id only.",
  'runs/*/prefetch-chunks/*':
    'Universe scale: a prefetch chunk reads its chunk and writes its stats, and the summary reads them all (runs/<sessionId>/prefetch-chunks/<index>[.stats].json).',
  'runs/*/prefetch-chunks.json': "The prefetch summary reads its run's chunk list; the wildcard is the session id only.",
  'runs/*/prefetch-stats.json': "The prefetch summary writes its run's prefetch statistics; the wildcard is the session id only.",
};

const iam5 = (resource: string) => `AwsSolutions-IAM5[Resource::${resource}]`;

export function applyNagSuppressions(stack: FinwizStack): void {
  const id = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnResource);
  const bucket = id(stack.bucket);
  const functions = [
    stack.prefetchFunction,
    stack.crewFunction,
    stack.consolidateFunction,
    stack.enrichFunction,
    stack.prefetchChunkFunction,
    stack.prefetchSummaryFunction,
  ];

  Validations.of(stack.bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      'Only this stack\'s roles can reach the bucket (public access blocked, TLS only); its requests are in CloudTrail. An access-log bucket would be a second bucket with the same finding.',
  });

  for (const fn of functions) {
    Validations.of(fn).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "AWSLambdaBasicExecutionRole only lets the function write its own logs (CreateLogStream/PutLogEvents); each function logs to its own log group kept one month.",
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'nodejs22.x is pinned on purpose: the bundles target node22 and the code is tested on Node 20 and 22 (see README). Move on with a tested upgrade, not automatically.',
      },
    );
  }
  const byName: Record<HandlerName, IConstruct> = {
    prefetch: stack.prefetchFunction,
    crew: stack.crewFunction,
    consolidate: stack.consolidateFunction,
    enrich: stack.enrichFunction,
    prefetchChunk: stack.prefetchChunkFunction,
    prefetchSummary: stack.prefetchSummaryFunction,
  };
  for (const [name, access] of Object.entries(BUCKET_ACCESS) as [HandlerName, (typeof BUCKET_ACCESS)[HandlerName]][]) {
    const patterns = new Set([...(access.read ?? []), ...(access.write ?? [])]);
    Validations.of(byName[name]).acknowledge(
      ...[...patterns].map((pattern) => {
        const reason = BUCKET_PATTERNS[pattern];
        if (!reason) throw new Error(`lib/nag-suppressions.ts: no reason for the ${name} function's S3 wildcard ${pattern}`);
        return { id: iam5(`<${bucket}.Arn>/${pattern}`), reason };
      }),
    );
  }
  const modelId = stack.settings.handlerConfig.BEDROCK_MODEL_ID;
  if (modelId) {
    Validations.of(stack.crewFunction).acknowledge({
      id: iam5(`arn:<AWS::Partition>:bedrock:*::foundation-model/${foundationModelId(modelId)}`),
      reason: `The Crew may invoke the one configured model (${modelId}); a cross-region inference profile serves it from any of its regions, hence the region wildcard.`,
    });
  }
  Validations.of(stack.consolidateFunction).acknowledge({
    id: iam5(`<${id(stack.table)}.Arn>/index/*`),
    reason: "Consolidate queries the table's byStartedAt index (runs newest first); CDK's table grant names the table's indexes with /index/*.",
  });

  const machine = stack.stateMachine;
  const machineId = id(machine);
  Validations.of(machine).acknowledge(
    ...functions.map((fn) => ({
      id: iam5(`<${id(fn)}.Arn>:*`),
      reason: 'The state machine invokes this function, any version or alias of it (the :* suffix); no other function.',
    })),
    {
      id: iam5(`arn:<AWS::Partition>:s3:::<${bucket}>/*`),
      reason: "The Distributed Maps' ItemReader reads runs/<sessionId>/manifest.json, a key made at run time; CDK grants s3:GetObject on the bucket's objects for it, read only.",
    },
    {
      id: iam5(`arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}:*`),
      reason: "A Distributed Map runs its children as executions of this same state machine, named at run time; the wildcard is this state machine's executions only.",
    },
    {
      id: iam5(`arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}/*:*`),
      reason: "The Distributed Map's child executions (<execution>/<map run>:<child>) of this state machine, to describe and stop them.",
    },
    {
      id: 'AwsSolutions-SF1',
      reason:
        'Every execution keeps its full history in Step Functions (90 days), every Lambda logs structured JSON with the session id, and failures raise an alarm; ALL-level logging would write each state transition of up to 10000 Map children to CloudWatch Logs, at a cost, for nothing the history lacks.',
    },
    {
      id: 'AwsSolutions-SF2',
      reason: 'The run measures its own durations (prefetch, crew, total) and publishes them as metrics on the dashboard; X-Ray adds cost and nothing those figures lack for a batch run.',
    },
  );
}
