// One whole local run, in a process of its own so that its peak RSS is its own: the bench starts
// it, and it prints one JSON line on stdout with the phases' wall times and its peak RSS.
// Usage: tsx bench/run-child.ts <portfolio> <yahooEndpoint> <outDir>
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { installLogSink } from '../local/log-sink.js';
import { runLocal, type Handler } from '../local/local-run.js';
import type { HandlerName } from '../local/local-definition.js';
import { lastDefinitionSource } from '../local/definition-cache.js';

const PREFETCH_HANDLERS = new Set<HandlerName>(['prefetch', 'prefetchChunk', 'prefetchSummary']);

interface Span {
  start: number;
  end: number;
}

async function main(): Promise<void> {
  const [portfolioPath, yahooEndpoint, outDir] = process.argv.slice(2);
  if (!portfolioPath || !yahooEndpoint || !outDir) throw new Error('usage: run-child.ts <portfolio> <yahooEndpoint> <outDir>');
  installLogSink('quiet', () => {});
  const spans: Partial<Record<'prefetch' | 'consolidate', Span>> = {};
  const widen = (phase: 'prefetch' | 'consolidate', start: number, end: number) => {
    const span = spans[phase];
    spans[phase] = span ? { start: Math.min(span.start, start), end: Math.max(span.end, end) } : { start, end };
  };
  const wrapHandler = (name: HandlerName, handler: Handler): Handler => {
    const phase = PREFETCH_HANDLERS.has(name) ? 'prefetch' : name === 'consolidate' ? 'consolidate' : null;
    if (!phase) return handler;
    return async (event) => {
      const start = performance.now();
      try {
        return await handler(event);
      } finally {
        widen(phase, start, performance.now());
      }
    };
  };
  const started = performance.now();
  const result = await runLocal({ portfolioPath, yahooEndpoint, outDir, wrapHandler });
  const wall = (performance.now() - started) / 1000;
  const prefetch = spans.prefetch;
  const consolidate = spans.consolidate;
  if (!prefetch || !consolidate) throw new Error('the run did not go through Prefetch and Consolidate');
  const definition = lastDefinitionSource();
  const metrics = JSON.parse(await readFile(join(result.outDir, 'batch_prefetch_metrics.json'), 'utf-8')) as {
    batch_prefetch_metrics: Record<string, unknown>;
  };
  process.stdout.write(
    `${JSON.stringify({
      wall_s: wall,
      prefetch_s: (prefetch.end - prefetch.start) / 1000,
      analysis_s: (consolidate.start - prefetch.end) / 1000,
      consolidate_s: (consolidate.end - consolidate.start) / 1000,
      setup_s: wall - (consolidate.end - prefetch.start) / 1000,
      peak_rss_mb: process.resourceUsage().maxRSS / 1024,
      failed: result.failedTickers,
      total: result.totalTickers,
      mode: result.mode,
      definition,
      estimated_cost_usd: metrics.batch_prefetch_metrics.estimated_cost_usd ?? null,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
