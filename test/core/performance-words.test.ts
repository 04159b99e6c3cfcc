import { describe, expect, it } from 'vitest';
import { llmSentences, performanceSentences, speedUp } from '../../lambdas/core/report/performance-words.js';
import { buildBatchPrefetchMetrics } from '../../lambdas/core/metrics/run-metrics.js';
import { toReportRow } from '../../lambdas/core/report/ticker-outcome.js';
import { failedCrewResult, okCrewResult } from '../support/crew-result-builder.js';

const rows = [
  toReportRow({ holding: { ticker: 'AAPL', index: 0 }, result: okCrewResult('AAPL', { fetchSeconds: 4, analysisSeconds: 1 }) }),
  toReportRow({ holding: { ticker: 'MSFT', index: 1 }, result: okCrewResult('MSFT', { fetchSeconds: 3, analysisSeconds: 2 }) }),
  toReportRow({ holding: { ticker: 'ZZZZ', index: 2 }, result: failedCrewResult('ZZZZ', 'unknown symbol', { fetchSeconds: 0 }) }),
  toReportRow({ holding: { ticker: 'BAD', index: 3 }, result: failedCrewResult('BAD', 'HTTP 500', { fetchSeconds: 0 }) }),
  toReportRow({ holding: { ticker: 'BAD2', index: 4 }, result: failedCrewResult('BAD2', 'HTTP 500', { fetchSeconds: 0 }) }),
];

const metrics = (overrides: Partial<Parameters<typeof buildBatchPrefetchMetrics>[0]> = {}) =>
  buildBatchPrefetchMetrics({
    sessionId: 's',
    timestamp: '2025-01-01T00:00:00.000Z',
    mode: 'batch',
    fallbackReason: null,
    fallbackAt: null,
    batchSize: 3,
    totalBatches: 2,
    rows,
    prefetch: null,
    crewSeconds: 2,
    totalSeconds: 2.5,
    memoryUsageMb: 150,
    peakMemoryUsageMb: 210,
    alphaVantageEnabled: false,
    ...overrides,
  }).batch_prefetch_metrics;

describe('performanceSentences', () => {
  it('puts the measured figures in words: time, speed-up, memory, failures by cause, sources', () => {
    const p = metrics();
    // The estimate is the sum of measured times: 4+1 + 3+2 = 10 s, against 2.5 s: 4x.
    expect(p.estimated_sequential_time_seconds).toBe(10);
    expect(speedUp(p)).toBe(4);
    const sentences = performanceSentences(p);
    expect(sentences[0]).toBe('The run took 2.5 s: prefetch 0 s, analysis 2 s.');
    expect(sentences[1]).toBe(
      'One ticker at a time it would have taken about 10 s (the sum of the measured per-ticker fetch and analysis times), so this run was 4.0× as fast (75% time saved).',
    );
    expect(sentences).toContain('Batch mode: 2 batches of up to 3 tickers analysed at once.');
    expect(sentences).toContain('Memory: 150 MB at the end, 210 MB at the peak.');
    // The biggest cause first.
    expect(sentences).toContain('3 of 5 tickers failed (BAD, BAD2, ZZZZ), by cause: HTTP 500 (2); unknown symbol (1).');
    expect(sentences.at(-1)).toBe('Data sources: Yahoo Finance gave data for 2 of 5 tickers in 7 s; Alpha Vantage was not enabled.');
  });

  it('says when the run was slower than the estimate instead of claiming a speed-up', () => {
    const sentences = performanceSentences(metrics({ totalSeconds: 20 }));
    expect(sentences[1]).toContain('this run took longer than that (-100%)');
    expect(sentences.join(' ')).not.toContain('as fast');
  });

  it('names the fallback and the sequential mode, and says when nothing failed', () => {
    const ok = rows.slice(0, 2);
    const sentences = performanceSentences(metrics({ rows: ok, mode: 'sequential', fallbackReason: 'Prefetch crashed', batchSize: 1, totalBatches: 2 }));
    expect(sentences[0]).toBe('The run took 2.5 s: no batch prefetch, analysis 2 s.');
    expect(sentences).toContain('Sequential mode: one ticker at a time. Fallback: Prefetch crashed.');
    expect(sentences).toContain('All 2 tickers were analysed; none failed.');
  });

  it('reports Alpha Vantage usage and a reached quota', () => {
    const sentences = performanceSentences(
      metrics({
        alphaVantageEnabled: true,
        alphaVantage: { enabled: true, successfulTickers: 3, failedTickers: 2, durationSeconds: 12, quotaReached: true, quotaMessage: '25 requests per day' },
      }),
    );
    expect(sentences.at(-1)).toContain('Alpha Vantage enriched 3 tickers (2 without data) in 12 s of calls');
    expect(sentences.at(-1)).toContain('Alpha Vantage quota reached, so it stopped for the rest of the run ("25 requests per day")');
  });
});

describe('llmSentences', () => {
  const base = metrics().llm;
  it('says nothing when the narrative is off', () => {
    expect(llmSentences(base)).toEqual([]);
  });

  it('states the expected cost, the cost, and the tickers the budget left without a narrative', () => {
    const llm = {
      ...base,
      tickers: 2,
      input_tokens: 3000,
      output_tokens: 600,
      cost_usd: 0.00081,
      model_id: 'gpt-4o-mini',
      expected_cost_usd: 0.00187,
      expected_input_tokens_per_ticker: 1800,
      expected_output_tokens_per_ticker: 800,
      budget_usd: 0.001,
      budget_skipped_tickers: ['AMD', 'TSLA'],
    };
    expect(llmSentences(llm)).toEqual([
      'LLM narrative expected before the run: $0.0019 with gpt-4o-mini (about 1800 input and up to 800 output tokens a ticker; budget $0.0010).',
      'LLM narrative for 2 tickers: 3600 tokens, $0.0008.',
      'LLM budget of $0.0010 reached: no narrative for 2 tickers (AMD, TSLA); their analysis stands without one.',
    ]);
    // The same sentences end the performance section of report.md and report.html.
    expect(performanceSentences({ ...metrics(), llm }).slice(-3)).toEqual(llmSentences(llm));
  });

  it('says the cost is unknown, never $0, for a model without a price', () => {
    const llm = { ...base, tickers: 1, input_tokens: 10, output_tokens: 5, cost_usd: null, cost_unknown_tickers: ['NVDA'], model_id: 'llama3.1' };
    expect(llmSentences(llm)).toEqual([
      'LLM narrative with llama3.1: its price is unknown, so the cost could not be expected before the run.',
      'LLM narrative for 1 ticker: 15 tokens, cost unknown (no price for NVDA).',
    ]);
  });
});
