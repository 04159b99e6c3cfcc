// Following a cloud execution to its end: DescribeExecution until it is no longer RUNNING, with
// a progress line from the item counts of its latest Map Run (the tickers analysed so far).
import { DescribeExecutionCommand, DescribeMapRunCommand, ListMapRunsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { awsErrorName, withAwsErrors } from './aws-errors.js';
import { formatDuration } from './run-format.js';

export const executionSchema = z.object({
  status: z.string(),
  startDate: z.date().optional(),
  output: z.string().optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
});
export type ExecutionDescription = z.infer<typeof executionSchema>;

const mapRunsSchema = z.object({
  mapRuns: z.array(z.object({ mapRunArn: z.string(), startDate: z.date(), stopDate: z.date().optional() })).optional(),
});
const count = z.number().int().nonnegative().optional().default(0);
const mapRunSchema = z.object({
  itemCounts: z.object({ total: count, succeeded: count, failed: count, timedOut: count, aborted: count, running: count }),
});

/** Where an execution's latest Map Run is: its state's name and its items. */
export interface MapProgress {
  label: string;
  total: number;
  succeeded: number;
  failed: number;
  stopped: boolean;
}

export interface WatchOptions {
  pollIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  /** A progress line, written each time what it says changes. */
  onProgress: (line: string) => void;
  region?: string;
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException']);

/** The execution's description once it has ended (any status but RUNNING). */
export async function watchExecution(sfn: SFNClient, executionArn: string, options: WatchOptions): Promise<ExecutionDescription> {
  const context = { action: `follow execution ${executionArn}`, region: options.region };
  let said = '';
  let mapRunsReadable = true;
  for (;;) {
    const execution = executionSchema.parse(
      await withAwsErrors(context, () => sfn.send(new DescribeExecutionCommand({ executionArn }))),
    );
    if (execution.status !== 'RUNNING') return execution;
    let progress: MapProgress | undefined;
    if (mapRunsReadable) {
      try {
        progress = await latestMapProgress(sfn, executionArn);
      } catch (error) {
        // Progress is a nicety: credentials that may start and describe but not list Map Runs still wait.
        if (!DENIED.has(awsErrorName(error) ?? '')) throw error;
        mapRunsReadable = false;
        options.onProgress('(no batch progress: these credentials may not call states:ListMapRuns / DescribeMapRun)');
      }
    }
    const line = progressText(progress);
    if (line !== said) {
      const elapsed = execution.startDate ? (options.now().getTime() - execution.startDate.getTime()) / 1000 : undefined;
      options.onProgress(`[${formatDuration(elapsed === undefined ? undefined : Math.max(0, elapsed))}] ${line}`);
      said = line;
    }
    await options.sleep(options.pollIntervalMs);
  }
}

/** The item counts of the execution's most recently started Map Run, if one has started. */
export async function latestMapProgress(sfn: SFNClient, executionArn: string): Promise<MapProgress | undefined> {
  const { mapRuns = [] } = mapRunsSchema.parse(await sfn.send(new ListMapRunsCommand({ executionArn })));
  const latest = [...mapRuns].sort((a, b) => b.startDate.getTime() - a.startDate.getTime())[0];
  if (!latest) return undefined;
  const { itemCounts } = mapRunSchema.parse(await sfn.send(new DescribeMapRunCommand({ mapRunArn: latest.mapRunArn })));
  return {
    label: mapRunLabel(latest.mapRunArn),
    total: itemCounts.total,
    succeeded: itemCounts.succeeded,
    failed: itemCounts.failed + itemCounts.timedOut + itemCounts.aborted,
    stopped: latest.stopDate !== undefined,
  };
}

/** `arn:aws:states:<region>:<account>:mapRun:<stateMachine>/<Map state>:<id>` -> the Map state's name. */
export function mapRunLabel(mapRunArn: string): string {
  const match = /:mapRun:[^/]+\/(.+):[^:]+$/.exec(mapRunArn);
  return match?.[1] ?? 'Map';
}

export function progressText(progress: MapProgress | undefined): string {
  if (!progress) return 'running: Prefetch (validating the portfolio and fetching market data)';
  const done = progress.succeeded + progress.failed;
  const failed = progress.failed > 0 ? `, ${progress.failed} failed` : '';
  if (progress.stopped) return `${progress.label}: ${done}/${progress.total} done${failed}; consolidating`;
  return `${progress.label}: ${done}/${progress.total} done${failed}`;
}
