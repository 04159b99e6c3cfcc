import { freemem } from 'node:os';
// Memory as the metrics report it, in MB.
const toMb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
export const rssMb = (): number => toMb(process.memoryUsage().rss);
/** Peak resident set size of this process so far (maxRSS is in kilobytes). */
export const peakRssMb = (): number => toMb(process.resourceUsage().maxRSS * 1024);

/**
 * Memory this process may still use, in MB: Node's own estimate where it has one (it honours a
 * container's limit), else the machine's free memory. Null inside a Lambda, whose memory is its
 * configured size and whose crews each run in their own function.
 */
export function availableMemoryMb(env: NodeJS.ProcessEnv = process.env): number | null {
  if (env.AWS_LAMBDA_FUNCTION_NAME) return null;
  const available = (process as { availableMemory?: () => number }).availableMemory?.() ?? freemem();
  return Math.round(available / 1024 / 1024);
}

/** The peak resident set size of this invocation so far, in MB. */
export interface InvocationMemory {
  peakMb(): number;
}

/**
 * Runs one invocation while sampling its resident set size, so that its peak is this
 * invocation's, not a warm container's earlier, larger one (maxRSS never comes down). In a local
 * run every function shares one process: the peak is then that process's while the function ran.
 */
export async function withInvocationMemory<T>(run: (memory: InvocationMemory) => Promise<T>, intervalMs = 50): Promise<T> {
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  const memory: InvocationMemory = {
    peakMb() {
      sample();
      return toMb(peak);
    },
  };
  try {
    return await run(memory);
  } finally {
    clearInterval(timer);
  }
}
