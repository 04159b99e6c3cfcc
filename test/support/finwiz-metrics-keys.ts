// The keys of the original FinWiz `batch_prefetch_metrics.json`, as DESIGN.md "Storage" lists
// them: none may be renamed or dropped.
export const ORIGINAL_METRICS_KEYS = [
  'session_id',
  'timestamp',
  'total_tickers',
  'successful_tickers',
  'failed_tickers',
  'prefetch_duration_seconds',
  'crew_execution_duration_seconds',
  'total_duration_seconds',
  'time_savings_percentage',
  'estimated_sequential_time_seconds',
  'batch_size',
  'total_batches',
  'memory_usage_mb',
  'peak_memory_usage_mb',
  'failed_ticker_list',
  'error_summary',
  'data_sources',
] as const;
