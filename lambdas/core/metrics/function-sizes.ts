// Memory of each Lambda function, MB: one source for the stack (lib/functions.ts) and for the
// run's cost estimate (run-cost.ts), which bills GB-seconds at these sizes.
export const FUNCTION_MEMORY_MB = {
  prefetch: 1024,
  crew: 512,
  consolidate: 512,
  enrich: 256,
  prefetchChunk: 1024,
  prefetchSummary: 256,
} as const;
export type FunctionName = keyof typeof FUNCTION_MEMORY_MB;
