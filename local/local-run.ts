// `finwiz run`: the state machine of the stack, executed in this process with
// aws-local-stepfunctions, each Lambda state mapped to the handler module the cloud bundles,
// S3 and DynamoDB served on 127.0.0.1. No AWS account needed.
import './polyfills.js';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import { resetAwsClients } from '../lambdas/adapters/aws/aws-clients.js';
import { runOutcomeSchema, type RunOutcome } from '../lambdas/core/contracts.js';
import { asOfMoment, parseIsoDay } from '../lambdas/core/config/as-of-day.js';
import { newSessionId } from '../lambdas/core/input/session-id.js';
import { localDefinition } from './definition-cache.js';
import type { HandlerName } from './local-definition.js';
import { createTable, downloadPrefix, putObject, readJsonObject } from './local-store.js';
import { peakRssMb } from '../lambdas/adapters/memory.js';
import { observeRun, type RunProgressListener } from './run-progress.js';
import { phaseClock, type RunPhases } from './run-phases.js';
import { startLocalServices } from './services.js';
import { FinwizError } from '../lambdas/core/errors.js';

export const LOCAL_BUCKET = 'finwiz-local';
export const LOCAL_TABLE = 'finwiz-local-runs';
/** What a local run copies to `<out>/<sessionId>/`; the prefetched data stays behind. */
const OUTPUT_FILES = /^(report\.(json|md|html)|batch_prefetch_metrics\.json|results\/[^/]+\.json)$/;

export interface LocalRunOptions {
  portfolioPath: string;
  yahooEndpoint?: string;
  sessionId?: string;
  outDir: string;
  /** Where the local bucket and table persist between runs; none: a throw-away store. */
  storeDir?: string;
  /** Scale every function's configured timeout (tests shorten it to see a hung Lambda end). */
  timeoutScale?: number;
  /** Wrap a handler (tests use it to make a state crash or hang as a cloud Lambda can). */
  wrapHandler?: (name: HandlerName, handler: Handler) => Handler;
  /** Told of each prefetched and analysed ticker as the run goes (the CLI's progress bars). */
  onProgress?: RunProgressListener;
  /** Aborting it stops the execution (Ctrl-C): runLocal then throws RunInterrupted. */
  signal?: AbortSignal;
}

export interface LocalRunResult extends RunOutcome {
  outDir: string;
  /** Where the time went; null if the run did not reach both Prefetch and Consolidate. */
  phases: RunPhases | null;
  /** This process's peak resident memory so far, MB (the local run shares it with its caller). */
  peakRssMb: number;
}

/** The execution failed: `error` is the Step Functions error name (InvalidInput, States.TaskFailed, ...). */
export class LocalExecutionFailed extends FinwizError {
  override readonly name = 'LocalExecutionFailed';
  /** Where the failed run's report and whatever results it has were copied; null: it left none. */
  outDir: string | null = null;
  constructor(
    readonly error: string,
    readonly causeText: string,
  ) {
    super(`${error}: ${causeText}`);
  }
}

/** The run was stopped through its signal; its store is closed and consistent. */
export class RunInterrupted extends FinwizError {
  override readonly name = 'RunInterrupted';
  constructor(readonly sessionId: string) {
    super(`run ${sessionId} interrupted`);
  }
}

export { newSessionId } from '../lambdas/core/input/session-id.js';

export async function runLocal(options: LocalRunOptions): Promise<LocalRunResult> {
  const clock = phaseClock();
  const portfolio = await readFile(options.portfolioPath, 'utf-8');
  const services = await startLocalServices(LOCAL_BUCKET, options.storeDir);
  const restoreEnv = setEnv({
    BUCKET_NAME: LOCAL_BUCKET,
    TABLE_NAME: LOCAL_TABLE,
    AWS_ENDPOINT_URL_S3: services.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: services.dynamoEndpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER', // the only key pair s3rver accepts
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    YAHOO_ENDPOINT: options.yahooEndpoint ?? process.env.YAHOO_ENDPOINT,
    // A link to the throw-away local S3 would be dead once the run ends: the file is in outDir.
    REPORT_LINK_EXPIRY_SECONDS: undefined,
  });
  try {
    resetAwsClients();
    // Synthesized in a child process and cached (definition-cache.ts): aws-cdk-lib stays out of this process.
    const { definition, taskHandlers, taskTimeouts, tableProperties } = await localDefinition(LOCAL_BUCKET);
    await createTable(LOCAL_TABLE, tableProperties);
    const portfolioKey = `portfolios/${basename(options.portfolioPath)}`;
    await putObject(LOCAL_BUCKET, portfolioKey, portfolio);

    const asOf = process.env.SIM_AS_OF ? parseIsoDay(process.env.SIM_AS_OF) : undefined;
    const sessionId = options.sessionId ?? newSessionId(asOf ? asOfMoment(asOf) : undefined);
    const timeouts = Object.fromEntries(
      Object.entries(taskTimeouts).map(([state, seconds]) => [state, seconds * (options.timeoutScale ?? 1)]),
    );
    const observer = options.onProgress ? observeRun(options.onProgress) : undefined;
    const wrap = (name: HandlerName, handler: Handler) => {
      const wrapped = clock.wrap(name, options.wrapHandler ? options.wrapHandler(name, handler) : handler);
      return observer ? observer.wrap(name, wrapped) : wrapped;
    };
    if (options.signal?.aborted) throw new RunInterrupted(sessionId);
    const copyOutputs = (id: string) => {
      const outDir = resolve(options.outDir, id);
      return downloadPrefix(LOCAL_BUCKET, `runs/${id}/`, outDir, (name) => OUTPUT_FILES.test(name)).then((copied) => ({ outDir, copied }));
    };
    const outcome = await execute(definition, taskHandlers, timeouts, { portfolioKey }, sessionId, wrap, options.signal)
      .catch(async (error: unknown) => {
        // A failed run's report ("Report failed run") and the results it has are copied as a finished run's are.
        if (error instanceof LocalExecutionFailed) {
          // The run's own error is what the caller needs; a failed copy only means no report to point at.
          const copy = await copyOutputs(sessionId).catch(() => null);
          if (copy && copy.copied > 0) error.outDir = copy.outDir;
        }
        throw error;
      })
      .finally(() => observer?.dispose());
    const { outDir } = await copyOutputs(outcome.sessionId);
    return { ...outcome, outDir, phases: clock.phases(), peakRssMb: peakRssMb() };
  } finally {
    resetAwsClients();
    restoreEnv();
    await services.close();
  }
}

/** Set (or, for undefined, unset) variables; returns a function that puts the old values back. */
function setEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(values);
  return () => apply(previous);
}

async function execute(
  definition: Record<string, unknown>,
  taskHandlers: Record<string, HandlerName>,
  timeouts: Record<string, number>,
  input: Record<string, unknown>,
  executionName: string,
  wrap: (name: HandlerName, handler: Handler) => Handler = (_name, handler) => handler,
  signal?: AbortSignal,
): Promise<RunOutcome> {
  const handlers = await loadHandlers();
  const overrides = Object.fromEntries(
    Object.entries(taskHandlers).map(([state, name]) => [state, withTimeout(wrap(name, handlers[name]), timeouts[state])]),
  );
  const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false, checkPaths: false } });
  const startTime = new Date().toISOString();
  const execution = machine.run(input as never, {
    overrides: { taskResourceLocalHandlers: overrides as never },
    context: {
      Execution: { Id: `local:${executionName}`, Name: executionName, StartTime: startTime, Input: input },
      // $$.State.EnteredTime: the engine does not track it; the read time is close enough for a Pass.
      State: {
        get EnteredTime() {
          return new Date().toISOString();
        },
      },
    } as never,
  });
  // The engine queues every event of every state (inputs included) until someone reads them: read
  // and drop them, or a 5,000-ticker run holds them all to the end.
  void drain(execution.eventLogs);
  // No state starts after the abort; handlers in flight are abandoned with the process.
  const onAbort = () => execution.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return runOutcomeSchema.parse(await execution.result);
  } catch (error) {
    if (signal?.aborted) throw new RunInterrupted(executionName);
    if (error instanceof ExecutionError) {
      const cause = error.cause as { name?: string; message?: string } | undefined;
      throw new LocalExecutionFailed(cause?.name ?? 'ExecutionFailed', cause?.message ?? error.message);
    }
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

async function drain(events: AsyncIterable<unknown>): Promise<void> {
  for await (const _event of events) {
    // Dropped: the local run reports through the handlers' logs and the outputs in S3.
  }
}

export type Handler = (event: unknown) => Promise<unknown>;

/**
 * A handler that fails like a Lambda past its configured timeout. The hung call itself cannot
 * be stopped in-process; it is abandoned, and its late writes land where a retry's would.
 */
function withTimeout(handler: Handler, seconds: number | undefined): Handler {
  if (!seconds) return handler;
  return (event) => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`Task timed out after ${seconds.toFixed(2)} seconds`);
        error.name = 'Sandbox.Timedout';
        reject(error);
      }, seconds * 1000);
      timer.unref();
    });
    return Promise.race([handler(event), timedOut]).finally(() => clearTimeout(timer));
  };
}

/**
 * A handler whose module is imported at its first call: a run loads only the handlers its path
 * takes (no chunked prefetch below its threshold, no enrich without Alpha Vantage), each when
 * it is reached, so that their code is not all held from the start.
 */
function loadedOnFirstCall(load: () => Promise<{ handler: Handler }>): Handler {
  let loaded: Promise<Handler> | undefined;
  return async (event) => (await (loaded ??= load().then((module) => module.handler)))(event);
}

async function loadHandlers(): Promise<Record<HandlerName, Handler>> {
  return {
    prefetch: loadedOnFirstCall(() => import('../lambdas/prefetch/handler.js')),
    crew: loadedOnFirstCall(() => import('../lambdas/crew/handler.js')),
    consolidate: loadedOnFirstCall(() => import('../lambdas/consolidate/handler.js')),
    enrich: loadedOnFirstCall(() => import('../lambdas/enrich/handler.js')),
    prefetchChunk: loadedOnFirstCall(() => import('../lambdas/prefetch-chunk/handler.js')),
    prefetchSummary: loadedOnFirstCall(() => import('../lambdas/prefetch-summary/handler.js')),
    'read-manifest': async (event) => {
      const { Bucket, Key } = event as { Bucket: string; Key: string };
      return readJsonObject(Bucket, Key);
    },
  };
}

export const reportFiles = (outDir: string) => ({
  reportJson: join(outDir, 'report.json'),
  reportMarkdown: join(outDir, 'report.md'),
  metrics: join(outDir, 'batch_prefetch_metrics.json'),
});
