// The run's progress on a terminal: one bar for the prefetch (tickers done / total, failures)
// and one for the analysis (batch k of M, tickers done, failures), with log lines printed above
// them. Without a terminal (CI, a pipe, --json, --quiet) there are no bars: lines pass through.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { RunProgressEvent } from '../local/run-progress.js';

export interface ProgressView {
  /** Whether bars are drawn (a terminal, and neither --json nor --quiet). */
  readonly bars: boolean;
  /** Print one log line (ending with a newline), above the bars when they are drawn. */
  write(line: string): void;
  onProgress(event: RunProgressEvent): void;
  /** Stop redrawing (idempotent): the last state of the bars stays on screen. */
  stop(): void;
}

export function shouldDrawBars(options: { isTTY: boolean | undefined; json: boolean; quiet: boolean }): boolean {
  return options.isTTY === true && !options.json && !options.quiet;
}

export function createProgressView(stream: NodeJS.WriteStream, bars: boolean): ProgressView {
  if (!bars) return { bars: false, write: (line) => void stream.write(line), onProgress: () => {}, stop: () => {} };
  const multi = new MultiBar(
    {
      stream,
      format: '{stage} |{bar}| {value}/{total} tickers | {detail}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      autopadding: true,
      fps: 10,
    },
    Presets.shades_classic,
  );
  let stopped = false;
  let manifestTotal = 0;
  let prefetch: { bar: SingleBar; done: number; failed: number } | undefined;
  let analysis: { bar: SingleBar; done: number; failed: number; batchSize: number; total: number } | undefined;
  const batchText = (a: NonNullable<typeof analysis>) => {
    const batches = Math.max(1, Math.ceil(a.total / a.batchSize));
    // The batch being worked on: the one after those already complete.
    const current = Math.min(batches, Math.floor(a.done / a.batchSize) + 1);
    return `batch ${current}/${batches} | ${a.failed} failed`;
  };
  const startAnalysis = (total: number, batchSize: number) => {
    if (analysis || total === 0) return;
    analysis = { bar: undefined as unknown as SingleBar, done: 0, failed: 0, batchSize: Math.max(1, batchSize), total };
    analysis.bar = multi.create(total, 0, { stage: 'Analysis', detail: batchText(analysis) });
  };
  return {
    bars: true,
    write: (line) => {
      if (stopped) stream.write(line);
      else multi.log(line.endsWith('\n') ? line : `${line}\n`);
    },
    onProgress(event) {
      if (stopped) return;
      switch (event.type) {
        case 'prefetch-started':
          prefetch = { bar: multi.create(event.total, event.cached, { stage: 'Prefetch', detail: '0 failed' }), done: event.cached, failed: 0 };
          break;
        case 'prefetch-ticker':
          if (!prefetch) break;
          prefetch.done += 1;
          if (!event.ok) prefetch.failed += 1;
          prefetch.bar.update(prefetch.done, { detail: `${prefetch.failed} failed` });
          break;
        case 'prefetch-finished':
          startAnalysis(event.totalTickers, event.batchSize);
          break;
        case 'manifest-read':
          manifestTotal = event.total;
          break;
        case 'analysis-ticker':
          // After a Prefetch crash the Crew's count is 0: the manifest's length sizes the bar then.
          startAnalysis(event.totalTickers || manifestTotal, event.batchSize);
          if (!analysis) break;
          analysis.done += 1;
          if (!event.ok) analysis.failed += 1;
          analysis.bar.update(analysis.done, { detail: batchText(analysis) });
          break;
        case 'consolidate-started':
          break;
      }
      multi.update();
    },
    stop() {
      // A second stop would move the cursor up again, over whatever was printed since.
      if (stopped) return;
      stopped = true;
      multi.stop();
    },
  };
}
