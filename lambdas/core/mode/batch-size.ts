// How many tickers the deep analysis runs at once (the Map's MaxConcurrencyPath), and how
// many batches that makes.

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

/**
 * The `auto` batch size for a portfolio of `holdings` tickers: <=10 -> min(3, n);
 * <=30 -> min(5, n/3); <=100 -> min(8, n/8); else min(12, n/15); integer division,
 * never below 1.
 */
export function autoBatchSize(holdings: number): number {
  assertCount('holdings', holdings, 0);
  const n = holdings;
  let size: number;
  if (n <= 10) size = Math.min(3, n);
  else if (n <= 30) size = Math.min(5, Math.floor(n / 3));
  else if (n <= 100) size = Math.min(8, Math.floor(n / 8));
  else size = Math.min(12, Math.floor(n / 15));
  return Math.max(1, size);
}

/**
 * The batch size for this run: `auto` sizes by the portfolio; a fixed number is used as is,
 * but never above the number of holdings and never below 1.
 */
export function resolveBatchSize(setting: number | 'auto', holdings: number): number {
  if (setting === 'auto') return autoBatchSize(holdings);
  assertCount('holdings', holdings, 0);
  if (!Number.isSafeInteger(setting)) throw new RangeError(`batch size must be an integer or 'auto', got ${setting}`);
  return Math.max(1, Math.min(setting, holdings));
}

/** A local run's memory below this halves the `auto` batch size; above MEMORY_ROOMY_MB it doubles. */
export const MEMORY_TIGHT_MB = 2048;
export const MEMORY_ROOMY_MB = 8192;
/** The most crews a local run analyses at once, however much memory it has. */
export const MAX_LOCAL_BATCH_SIZE = 15;

export interface BatchSizeChoice {
  size: number;
  /** Why this size, for the metrics (`batch_size_reason`). */
  reason: string;
}

const gb = (mb: number) => `${(mb / 1024).toFixed(1)} GB`;

/**
 * The run's batch size and why. A fixed setting is used as resolveBatchSize says. `auto` sizes by
 * the portfolio; in a local run, where every crew shares one process, it then follows the memory
 * available (`availableMb`): below 2 GB it is halved, above 8 GB doubled (at most 15 and the
 * holdings). In the cloud (`availableMb` null) each Crew is its own Lambda with its own memory:
 * the size stays the Map's concurrency.
 */
export function chooseBatchSize(setting: number | 'auto', holdings: number, availableMb: number | null): BatchSizeChoice {
  const size = resolveBatchSize(setting, holdings);
  if (setting !== 'auto') return { size, reason: `DEEP_ANALYSIS_BATCH_SIZE=${setting}${size !== setting ? `, capped to the ${holdings} holdings` : ''}` };
  const base = `auto for ${holdings} holdings: ${size}`;
  if (availableMb === null) return { size, reason: `${base} (each Crew is its own Lambda: the Map's concurrency)` };
  if (availableMb < MEMORY_TIGHT_MB && size > 1) {
    const halved = Math.max(1, Math.floor(size / 2));
    return { size: halved, reason: `${base}, halved to ${halved}: ${gb(availableMb)} available (less than 2 GB)` };
  }
  if (availableMb > MEMORY_ROOMY_MB) {
    const doubled = Math.max(1, Math.min(MAX_LOCAL_BATCH_SIZE, size * 2, holdings));
    if (doubled > size) return { size: doubled, reason: `${base}, doubled to ${doubled} (at most ${MAX_LOCAL_BATCH_SIZE}): ${gb(availableMb)} available (more than 8 GB)` };
  }
  return { size, reason: `${base}: ${gb(availableMb)} available` };
}

/** ceil(holdings / batchSize); 0 holdings make 0 batches. */
export function totalBatches(holdings: number, batchSize: number): number {
  assertCount('holdings', holdings, 0);
  assertCount('batchSize', batchSize, 1);
  return Math.ceil(holdings / batchSize);
}
