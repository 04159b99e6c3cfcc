// The run's performance (batch_prefetch_metrics.json) in words: one sentence per topic, shared
// by report.md and report.html so that both say the same thing. Figures are the measured ones;
// nothing here estimates anything the metrics do not hold.
import type { BatchPrefetchMetrics } from '../metrics/run-metrics.js';

type Metrics = BatchPrefetchMetrics['batch_prefetch_metrics'];

const seconds = (value: number) => (value >= 100 ? `${Math.round(value)} s` : `${Number(value.toFixed(value >= 10 ? 1 : 2))} s`);
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** How many times faster than one ticker at a time (the measured estimate), or null if unmeasurable. */
export function speedUp(p: Pick<Metrics, 'estimated_sequential_time_seconds' | 'total_duration_seconds'>): number | null {
  if (p.total_duration_seconds <= 0 || p.estimated_sequential_time_seconds <= 0) return null;
  return p.estimated_sequential_time_seconds / p.total_duration_seconds;
}

export function performanceSentences(p: Metrics): string[] {
  const sentences: string[] = [];
  // Sequential from the start there was no batch prefetch: "prefetch 0 s" would read as a measurement.
  const prefetch = p.mode === 'sequential' && p.prefetch_duration_seconds === 0 ? 'no batch prefetch' : `prefetch ${seconds(p.prefetch_duration_seconds)}`;
  sentences.push(`The run took ${seconds(p.total_duration_seconds)}: ${prefetch}, analysis ${seconds(p.crew_execution_duration_seconds)}.`);
  const factor = speedUp(p);
  const estimate = `One ticker at a time it would have taken about ${seconds(p.estimated_sequential_time_seconds)} (the sum of the measured per-ticker fetch and analysis times)`;
  if (factor === null) sentences.push('No per-ticker times were measured, so there is no sequential estimate to compare with.');
  else if (factor >= 1) sentences.push(`${estimate}, so this run was ${factor.toFixed(1)}× as fast (${p.time_savings_percentage}% time saved).`);
  else sentences.push(`${estimate}; this run took longer than that (${p.time_savings_percentage}%): its fixed costs outweighed the parallelism.`);

  const mode = p.mode === 'batch' ? `Batch mode: ${plural(p.total_batches, 'batch', 'batches')} of up to ${p.batch_size} tickers analysed at once.` : 'Sequential mode: one ticker at a time.';
  sentences.push(p.fallback_reason ? `${mode} Fallback: ${p.fallback_reason}.` : mode);
  sentences.push(`Memory: ${p.memory_usage_mb} MB at the end, ${p.peak_memory_usage_mb} MB at the peak.`);

  const causes = Object.entries(p.error_summary).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (p.failed_tickers === 0) sentences.push(`All ${p.total_tickers} tickers were analysed; none failed.`);
  else {
    sentences.push(
      `${p.failed_tickers} of ${p.total_tickers} tickers failed (${p.failed_ticker_list.join(', ')}), by cause: ${causes
        .map(([cause, count]) => `${cause} (${count})`)
        .join('; ')}.`,
    );
  }

  const yahoo = p.data_sources.yahoo_finance;
  const sources = [`Yahoo Finance gave data for ${yahoo.successful_tickers} of ${yahoo.successful_tickers + yahoo.failed_tickers} tickers in ${seconds(yahoo.duration_seconds)}`];
  if (p.cache_hits > 0) sources.push(`${plural(p.cache_hits, 'ticker')} came from the prefetch cache`);
  const av = p.data_sources.alpha_vantage;
  if (!av.enabled) sources.push('Alpha Vantage was not enabled');
  else {
    sources.push(`Alpha Vantage enriched ${av.successful_tickers} tickers (${av.failed_tickers} without data) in ${seconds(av.duration_seconds)} of calls`);
    if (av.quota_reached) sources.push(`Alpha Vantage quota reached, so it stopped for the rest of the run${av.quota_message ? ` ("${av.quota_message}")` : ''}`);
  }
  sentences.push(`Data sources: ${sources.join('; ')}.`);
  sentences.push(...llmSentences(p.llm));
  return sentences;
}

const usd = (value: number) => `$${value.toFixed(4)}`;

/** The narrative: what it was expected to cost before the run, what it cost, and who the budget left without one. */
export function llmSentences(llm: Metrics['llm']): string[] {
  const sentences: string[] = [];
  if (llm.model_id !== null && llm.expected_cost_usd !== null) {
    const cap = llm.budget_usd === null ? 'no budget cap' : `budget ${usd(llm.budget_usd)}`;
    sentences.push(
      `LLM narrative expected before the run: ${usd(llm.expected_cost_usd)} with ${llm.model_id} (about ${llm.expected_input_tokens_per_ticker} input and up to ${llm.expected_output_tokens_per_ticker} output tokens a ticker; ${cap}).`,
    );
  } else if (llm.model_id !== null) {
    sentences.push(`LLM narrative with ${llm.model_id}: its price is unknown, so the cost could not be expected before the run.`);
  }
  if (llm.tickers > 0) {
    const cost = llm.cost_usd === null ? `cost unknown (no price for ${llm.cost_unknown_tickers.join(', ')})` : usd(llm.cost_usd);
    sentences.push(`LLM narrative for ${plural(llm.tickers, 'ticker')}: ${llm.input_tokens + llm.output_tokens} tokens, ${cost}.`);
  }
  const skipped = llm.budget_skipped_tickers;
  if (skipped.length > 0) {
    sentences.push(
      `LLM budget${llm.budget_usd === null ? '' : ` of ${usd(llm.budget_usd)}`} reached: no narrative for ${plural(skipped.length, 'ticker')} (${skipped.join(', ')}); their analysis stands without one.`,
    );
  }
  return sentences;
}
