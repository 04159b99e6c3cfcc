// The analysis state machine (see DESIGN.md, "The flow"). JSONPath only: no JSONata, no Assign,
// because the local engine (aws-local-stepfunctions) runs this very definition. State names are
// part of the contract: the local engine keys its overrides by state name, tests assert them.
import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { scheduledSessionIdStates } from './scheduled-session-id.js';
import {
  MANIFEST_KEY_FORMAT,
  MAX_PREFETCH_FAILURE_RATE,
  PREFETCH_CHUNK_LIST_KEY_FORMAT,
  PREFETCH_FATAL_ERRORS,
} from '../lambdas/core/state-machine-contract.js';

/** Every state name of the definition. */
export const STATE_NAMES = {
  resolveSessionId: 'Resolve session id',
  useGivenSessionId: 'Use given session id',
  useExecutionName: 'Use execution name',
  splitScheduledTime: 'Split scheduled time',
  useScheduledTime: 'Use scheduled time',
  invalidScheduledTime: 'Invalid scheduled time',
  prefetch: 'Prefetch',
  invalidInput: 'Invalid input',
  invalidConfiguration: 'Invalid configuration',
  sourceUnreachable: 'Source unreachable',
  prefetchCrashed: 'Prefetch crashed',
  prefetchChunksCrashed: 'Prefetch chunks crashed',
  prefetchInChunks: 'Prefetch in chunks?',
  prefetchChunks: 'Prefetch chunks',
  prefetchChunk: 'Prefetch chunk',
  summarisePrefetch: 'Summarise prefetch',
  alphaVantageEnabled: 'Alpha Vantage enabled?',
  alphaVantageEnrichment: 'Alpha Vantage enrichment',
  fetchCompanyOverview: 'Fetch company overview',
  alphaVantageQuotaReached: 'Alpha Vantage quota reached?',
  paceAlphaVantage: 'Pace Alpha Vantage',
  fetchEarnings: 'Fetch earnings',
  alphaVantageQuotaReachedAfterEarnings: 'Alpha Vantage quota reached after earnings?',
  paceAlphaVantageAfterEarnings: 'Pace Alpha Vantage after earnings',
  alphaVantageStopped: 'Alpha Vantage stopped',
  chooseMode: 'Choose mode',
  deepAnalysis: 'Deep analysis',
  analyseTicker: 'Analyse ticker',
  recordCrewCrash: 'Record crew crash',
  sequentialAnalysis: 'Sequential analysis',
  analyseTickerSequentially: 'Analyse ticker sequentially',
  recordSequentialCrewCrash: 'Record crew crash (sequential)',
  consolidate: 'Consolidate',
  analysisFailed: 'Analysis failed',
  consolidateFailed: 'Consolidate failed',
  reportFailedRun: 'Report failed run',
  runFailed: 'Run failed',
} as const;

/** Transient Lambda service errors worth retrying. */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
] as const;

/** A Distributed Map's ItemReader on one JSON object of the run (a key format over `$.sessionId`). */
const runObjectReader = (bucket: s3.IBucket, keyFormat: string): sfn.S3JsonItemReader =>
  new sfn.S3JsonItemReader({ bucket, key: sfn.JsonPath.format(keyFormat, sfn.JsonPath.stringAt('$.sessionId')) });

export { MANIFEST_KEY_FORMAT, MAX_PREFETCH_FAILURE_RATE, PREFETCH_CHUNK_LIST_KEY_FORMAT, PREFETCH_FATAL_ERRORS };

export interface AnalysisStateMachineProps {
  readonly bucket: s3.IBucket;
  readonly prefetch: lambda.IFunction;
  readonly crew: lambda.IFunction;
  readonly consolidate: lambda.IFunction;
  /** One Alpha Vantage call per invocation (the enrichment stage). */
  readonly enrich: lambda.IFunction;
  /** Universe scale: fetches one chunk of a large manifest. */
  readonly prefetchChunk: lambda.IFunction;
  /** Universe scale: sums the chunks up into the Prefetch summary. */
  readonly prefetchSummary: lambda.IFunction;
}

const lambdaRetry: sfn.RetryProps = {
  errors: [...LAMBDA_TRANSIENT_ERRORS],
  interval: Duration.seconds(2),
  maxAttempts: 3,
  backoffRate: 2,
  jitterStrategy: sfn.JitterType.FULL,
};

export class AnalysisStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: AnalysisStateMachineProps) {
    super(scope, id);
    const N = STATE_NAMES;

    // 1-2. The session id: the one given in the input, or the execution name.
    const useGivenSessionId = sfn.Pass.jsonPath(this, N.useGivenSessionId, {
      parameters: { sessionId: sfn.JsonPath.stringAt('$.sessionId'), input: sfn.JsonPath.objectAt('$') },
    });
    const useExecutionName = sfn.Pass.jsonPath(this, N.useExecutionName, {
      parameters: { sessionId: sfn.JsonPath.executionName, input: sfn.JsonPath.objectAt('$') },
    });
    // A scheduled run: portfolio-analysis-YYYYMMDD-HHMMSS from the Scheduler's scheduled time.
    const scheduled = scheduledSessionIdStates(
      this,
      { split: N.splitScheduledTime, use: N.useScheduledTime, invalid: N.invalidScheduledTime },
      PREFETCH_FATAL_ERRORS.invalidInput,
    );
    const resolveSessionId = sfn.Choice.jsonPath(this, N.resolveSessionId)
      .when(sfn.Condition.isPresent('$.sessionId'), useGivenSessionId)
      .when(scheduled.whenScheduled, scheduled.first)
      .when(scheduled.whenBadSchedule, scheduled.invalid)
      .otherwise(useExecutionName);

    // 3. Prefetch: its summary replaces the state.
    const prefetch = this.invoke(N.prefetch, props.prefetch, {
      payload: sfn.TaskInput.fromObject({
        sessionId: sfn.JsonPath.stringAt('$.sessionId'),
        input: sfn.JsonPath.objectAt('$.input'),
        executionStartTime: sfn.JsonPath.executionStartTime,
      }),
      resultPath: '$',
    });

    const invalidInput = sfn.Fail.jsonPath(this, N.invalidInput, {
      error: PREFETCH_FATAL_ERRORS.invalidInput,
      causePath: '$.error.Cause',
    });
    const invalidConfiguration = sfn.Fail.jsonPath(this, N.invalidConfiguration, {
      error: PREFETCH_FATAL_ERRORS.invalidConfiguration,
      causePath: '$.error.Cause',
    });
    // Past this point a run that stops still leaves a report (report-failed-run.ts): each way of
    // stopping is labelled by a Pass, "Report failed run" writes the report from the state there,
    // and "Run failed" fails the execution with the error it names. The invalid input and
    // configuration above fail at once: there is nothing trustworthy to list.
    const runFailed = sfn.Fail.jsonPath(this, N.runFailed, { errorPath: '$.runError.Error', causePath: '$.runError.Cause' });
    const reportFailedRun = this.invoke(N.reportFailedRun, props.consolidate, {
      payload: sfn.TaskInput.fromObject({
        sessionId: sfn.JsonPath.stringAt('$.sessionId'),
        executionStartTime: sfn.JsonPath.executionStartTime,
        failure: { stage: sfn.JsonPath.stringAt('$.failedStage'), error: sfn.JsonPath.objectAt('$.runError') },
        state: sfn.JsonPath.objectAt('$'),
      }),
      // Its answer is the error to fail with (the root cause) and the report's key.
      resultPath: '$.runError',
    });
    // Even without its report the run fails with the error that stopped it.
    reportFailedRun.addCatch(runFailed, { errors: [sfn.Errors.ALL], resultPath: '$.reportError' });
    reportFailedRun.next(runFailed);
    const stoppedIn = (name: string, stage: 'prefetch' | 'analysis' | 'consolidate') =>
      sfn.Pass.jsonPath(this, name, { result: sfn.Result.fromString(stage), resultPath: '$.failedStage' }).next(reportFailedRun);
    const sourceUnreachable = stoppedIn(N.sourceUnreachable, 'prefetch');
    // Any other Prefetch failure (timeout, out of memory, a bug): fall back to the sequential
    // analysis, which fetches each ticker's data itself. The state after a Catch is the Prefetch
    // input ({sessionId, input}) plus `error`; the Map's ItemSelector reads `$.totalTickers`, which
    // must exist, so the crash record carries 0 ("unknown": the manifest knows the tickers). It
    // keeps the execution input: a crash before the manifest leaves the tickers only there.
    const crashRecord = {
      sessionId: sfn.JsonPath.stringAt('$.sessionId'),
      mode: 'sequential',
      fallbackReason: 'Prefetch crashed',
      fallbackAt: sfn.JsonPath.stateEnteredTime,
      totalTickers: 0,
      error: sfn.JsonPath.objectAt('$.error'),
    };
    const prefetchCrashed = sfn.Pass.jsonPath(this, N.prefetchCrashed, {
      parameters: { ...crashRecord, input: sfn.JsonPath.objectAt('$.input') },
    });
    // The chunks' plan carries no input (Prefetch wrote the manifest before planning them).
    const prefetchChunksCrashed = sfn.Pass.jsonPath(this, N.prefetchChunksCrashed, { parameters: crashRecord });
    prefetch
      .addCatch(invalidInput, { errors: [PREFETCH_FATAL_ERRORS.invalidInput], resultPath: '$.error' })
      .addCatch(invalidConfiguration, {
        errors: [PREFETCH_FATAL_ERRORS.invalidConfiguration],
        resultPath: '$.error',
      })
      .addCatch(sourceUnreachable, { errors: [PREFETCH_FATAL_ERRORS.sourceUnreachable], resultPath: '$.runError' })
      .addCatch(prefetchCrashed, { errors: [sfn.Errors.ALL], resultPath: '$.error' });

    // 5-6. The two Distributed Maps over the manifest.
    const deepAnalysis = this.analysisMap(props, {
      mapName: N.deepAnalysis,
      taskName: N.analyseTicker,
      crashTaskName: N.recordCrewCrash,
      mode: 'batch',
      concurrency: { maxConcurrencyPath: sfn.JsonPath.stringAt('$.batchSize') },
      batchSize: sfn.JsonPath.numberAt('$.batchSize'),
    });
    const sequentialAnalysis = this.analysisMap(props, {
      mapName: N.sequentialAnalysis,
      taskName: N.analyseTickerSequentially,
      crashTaskName: N.recordSequentialCrewCrash,
      mode: 'sequential',
      concurrency: { maxConcurrency: 1 },
      batchSize: 1,
    });

    // 7. Consolidate: the report, whichever path led here.
    const consolidate = this.invoke(N.consolidate, props.consolidate, {
      payload: sfn.TaskInput.fromObject({
        sessionId: sfn.JsonPath.stringAt('$.sessionId'),
        executionStartTime: sfn.JsonPath.executionStartTime,
        state: sfn.JsonPath.objectAt('$'),
      }),
    });
    consolidate.addCatch(stoppedIn(N.consolidateFailed, 'consolidate'), { errors: [sfn.Errors.ALL], resultPath: '$.runError' });

    // 4. The mode.
    const chooseMode = sfn.Choice.jsonPath(this, N.chooseMode)
      .when(sfn.Condition.numberGreaterThan('$.failureRate', MAX_PREFETCH_FAILURE_RATE), sequentialAnalysis)
      .when(sfn.Condition.stringEquals('$.mode', 'sequential'), sequentialAnalysis)
      .otherwise(deepAnalysis);

    useGivenSessionId.next(prefetch);
    useExecutionName.next(prefetch);
    scheduled.last.next(prefetch);
    // 3b. Alpha Vantage enrichment, when Prefetch enabled it: before either analysis, so both
    // the batch and the sequential path find the answers in S3.
    const enrichment = this.alphaVantageEnrichment(props);
    enrichment.next(chooseMode);
    // The secondary source failing as a whole (its ItemReader, a service limit) costs its answers, not the run.
    enrichment.addCatch(chooseMode, { errors: [sfn.Errors.ALL], resultPath: sfn.JsonPath.DISCARD });
    const alphaVantageEnabled = sfn.Choice.jsonPath(this, N.alphaVantageEnabled)
      .when(sfn.Condition.booleanEquals('$.alphaVantage.enabled', true), enrichment)
      .otherwise(chooseMode);

    // 3a. Universe scale: past PREFETCH_CHUNK_THRESHOLD Prefetch only planned; the chunks are
    // fetched by a Distributed Map of their own, then summed up into the same summary.
    const chunkedPrefetch = this.chunkedPrefetch(props, prefetchChunksCrashed);
    chunkedPrefetch.last.next(alphaVantageEnabled);
    prefetch.next(
      sfn.Choice.jsonPath(this, N.prefetchInChunks)
        .when(sfn.Condition.isPresent('$.prefetchChunks'), chunkedPrefetch.first)
        .otherwise(alphaVantageEnabled),
    );
    prefetchCrashed.next(sequentialAnalysis);
    prefetchChunksCrashed.next(sequentialAnalysis);
    // A Map that fails as a whole (its ItemReader finds no manifest, a limit of the service).
    const analysisFailed = stoppedIn(N.analysisFailed, 'analysis');
    for (const map of [deepAnalysis, sequentialAnalysis]) map.addCatch(analysisFailed, { errors: [sfn.Errors.ALL], resultPath: '$.runError' });
    deepAnalysis.next(consolidate);
    sequentialAnalysis.next(consolidate);

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(resolveSessionId),
      comment: 'FinWiz: prefetch, Alpha Vantage enrichment (optional), deep analysis of every ticker (or sequential fallback), consolidate',
    });
  }

  /** A Lambda task as every one here is: the function's own answer, retried on the transient Lambda errors. */
  private invoke(
    name: string,
    lambdaFunction: lambda.IFunction,
    props: Omit<tasks.LambdaInvokeJsonPathProps, 'lambdaFunction' | 'payloadResponseOnly' | 'retryOnServiceExceptions'> = {},
  ): tasks.LambdaInvoke {
    const task = tasks.LambdaInvoke.jsonPath(this, name, { ...props, lambdaFunction, payloadResponseOnly: true, retryOnServiceExceptions: false });
    task.addRetry(lambdaRetry);
    return task;
  }

  /**
   * The chunked prefetch: a Distributed Map over the chunk list Prefetch wrote, one chunk Lambda
   * per chunk, `$.prefetchChunks.concurrency` at once (derived from the rate budget by Prefetch),
   * then "Summarise prefetch", whose summary replaces the state as Prefetch's would. A crashed
   * chunk never fails the run: the summary counts its tickers as failed. Anything else going
   * wrong here is a Prefetch crash, with the same sequential fallback.
   */
  private chunkedPrefetch(
    props: AnalysisStateMachineProps,
    crashed: sfn.IChainable,
  ): { first: sfn.DistributedMap; last: tasks.LambdaInvoke } {
    const N = STATE_NAMES;
    const map = sfn.DistributedMap.jsonPath(this, N.prefetchChunks, {
      maxConcurrencyPath: sfn.JsonPath.stringAt('$.prefetchChunks.concurrency'),
      mapExecutionType: sfn.StateMachineType.STANDARD,
      itemReader: runObjectReader(props.bucket, PREFETCH_CHUNK_LIST_KEY_FORMAT),
      itemSelector: {
        sessionId: sfn.JsonPath.stringAt('$.sessionId'),
        chunk: sfn.JsonPath.objectAt('$$.Map.Item.Value'),
      },
      toleratedFailurePercentage: 100,
      // The chunks' stats live in S3; nothing comes back into the state.
      resultPath: sfn.JsonPath.DISCARD,
    });
    const fetchChunk = this.invoke(N.prefetchChunk, props.prefetchChunk);
    map.itemProcessor(fetchChunk);
    const summarise = this.invoke(N.summarisePrefetch, props.prefetchSummary, {
      payload: sfn.TaskInput.fromObject({
        sessionId: sfn.JsonPath.stringAt('$.sessionId'),
        plan: sfn.JsonPath.objectAt('$'),
      }),
      resultPath: '$',
    });
    map.addCatch(crashed, { errors: [sfn.Errors.ALL], resultPath: '$.error' });
    summarise.addCatch(crashed, { errors: [sfn.Errors.ALL], resultPath: '$.error' });
    map.next(summarise);
    return { first: map, last: summarise };
  }

  /**
   * The enrichment: a Distributed Map over the manifest, one ticker at a time, each item
   * OVERVIEW -> Wait -> EARNINGS -> Wait, the Waits `paceSeconds` long (ceil(60 / rate)). Standard
   * Waits cost nothing while waiting, so any portfolio completes at exactly the configured rate
   * and no Lambda sleeps. A quota answer ends the item at once; the Enrich Lambda remembers it
   * in S3, so every later item returns without a request. Nothing comes back into the state.
   */
  private alphaVantageEnrichment(props: AnalysisStateMachineProps): sfn.DistributedMap {
    const N = STATE_NAMES;
    const map = sfn.DistributedMap.jsonPath(this, N.alphaVantageEnrichment, {
      maxConcurrency: 1,
      mapExecutionType: sfn.StateMachineType.STANDARD,
      itemReader: runObjectReader(props.bucket, MANIFEST_KEY_FORMAT),
      itemSelector: {
        sessionId: sfn.JsonPath.stringAt('$.sessionId'),
        ticker: sfn.JsonPath.stringAt('$$.Map.Item.Value.ticker'),
        paceSeconds: sfn.JsonPath.numberAt('$.alphaVantage.paceSeconds'),
      },
      // Alpha Vantage is the secondary source: no failure of it fails the run.
      toleratedFailurePercentage: 100,
      resultPath: sfn.JsonPath.DISCARD,
    });
    const call = (name: string, fn: 'OVERVIEW' | 'EARNINGS') =>
      this.invoke(name, props.enrich, {
        payload: sfn.TaskInput.fromObject({
          sessionId: sfn.JsonPath.stringAt('$.sessionId'),
          ticker: sfn.JsonPath.stringAt('$.ticker'),
          function: fn,
        }),
        resultPath: '$.result',
      });
    const pace = (name: string) => sfn.Wait.jsonPath(this, name, { time: sfn.WaitTime.secondsPath('$.paceSeconds') });
    const stopped = sfn.Succeed.jsonPath(this, N.alphaVantageStopped);
    const quotaReached = sfn.Condition.booleanEquals('$.result.exhausted', true);

    const overview = call(N.fetchCompanyOverview, 'OVERVIEW');
    const earnings = call(N.fetchEarnings, 'EARNINGS');
    overview.next(
      sfn.Choice.jsonPath(this, N.alphaVantageQuotaReached)
        .when(quotaReached, stopped)
        .otherwise(pace(N.paceAlphaVantage).next(earnings)),
    );
    earnings.next(
      sfn.Choice.jsonPath(this, N.alphaVantageQuotaReachedAfterEarnings)
        .when(quotaReached, stopped)
        .otherwise(pace(N.paceAlphaVantageAfterEarnings)),
    );
    map.itemProcessor(overview);
    return map;
  }

  private analysisMap(
    props: AnalysisStateMachineProps,
    o: {
      mapName: string;
      taskName: string;
      crashTaskName: string;
      mode: 'batch' | 'sequential';
      concurrency: { maxConcurrency: number } | { maxConcurrencyPath: string };
      batchSize: number;
    },
  ): sfn.DistributedMap {
    const map = sfn.DistributedMap.jsonPath(this, o.mapName, {
      ...o.concurrency,
      mapExecutionType: sfn.StateMachineType.STANDARD,
      itemReader: runObjectReader(props.bucket, MANIFEST_KEY_FORMAT),
      itemSelector: {
        sessionId: sfn.JsonPath.stringAt('$.sessionId'),
        mode: o.mode,
        holding: sfn.JsonPath.objectAt('$$.Map.Item.Value'),
        batchSize: o.batchSize,
        totalTickers: sfn.JsonPath.numberAt('$.totalTickers'),
      },
      // A crashed child never fails the run: Consolidate reports a ticker without a result.
      toleratedFailurePercentage: 100,
      // Results live in S3 (runs/<sessionId>/results/); nothing comes back into the state.
      resultPath: sfn.JsonPath.DISCARD,
    });
    const analyse = this.invoke(o.taskName, props.crew);
    // A crash or a timeout of the Crew: the Crew again, told the error, writes the ticker's
    // failed result naming it (so the report never says only "no result", and a result an
    // earlier execution left under a reused session id is replaced). If that fails too, the
    // item fails, the Map tolerates it, and Consolidate reports a ticker without a result.
    const recordCrash = this.invoke(o.crashTaskName, props.crew, {
      payload: sfn.TaskInput.fromObject({
        sessionId: sfn.JsonPath.stringAt('$.sessionId'),
        mode: sfn.JsonPath.stringAt('$.mode'),
        holding: sfn.JsonPath.objectAt('$.holding'),
        batchSize: sfn.JsonPath.numberAt('$.batchSize'),
        totalTickers: sfn.JsonPath.numberAt('$.totalTickers'),
        crash: sfn.JsonPath.objectAt('$.crash'),
      }),
    });
    analyse.addCatch(recordCrash, { errors: [sfn.Errors.ALL], resultPath: '$.crash' });
    map.itemProcessor(analyse);
    return map;
  }
}
