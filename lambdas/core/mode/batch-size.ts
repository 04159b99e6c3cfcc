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

/** ceil(holdings / batchSize); 0 holdings make 0 batches. */
export function totalBatches(holdings: number, batchSize: number): number {
  assertCount('holdings', holdings, 0);
  assertCount('batchSize', batchSize, 1);
  return Math.ceil(holdings / batchSize);
}
