// What a run costs on AWS, estimated from what it did: the Step Functions state transitions of
// its path through the definition, each Lambda's invocations and measured seconds at its memory
// size, the S3 requests and DynamoDB writes its steps make, and the LLM tokens when used. Prices
// come from aws-prices.ts. An estimate, not a bill: Lambda bills per millisecond rounded up,
// retries add transitions and requests, CloudWatch Logs and data transfer are not included.
import { AWS_PRICES } from './aws-prices.js';
import { FUNCTION_MEMORY_MB, type FunctionName } from './function-sizes.js';

export interface RunCostInputs {
  tickers: number;
  mode: 'batch' | 'sequential';
  /** Chunk Lambdas of a chunked prefetch (universe scale); 0 when Prefetch fetched alone. */
  prefetchChunks: number;
  /** Tickers that went through the Alpha Vantage enrichment (two calls each); 0 when off. */
  alphaVantageTickers: number;
  /** Measured seconds of each function, summed over its invocations. */
  lambdaSeconds: Partial<Record<FunctionName, number>>;
  /** Size of the run's metrics item in DynamoDB, KB (a write unit is 1 KB). */
  runItemKb: number;
  /** costUsd null: the model's price is unknown. */
  llm: { inputTokens: number; outputTokens: number; costUsd: number | null };
}

export interface RunCostEstimate {
  /** Without the LLM part when its cost is unknown (breakdown.llm.usd null). */
  total_usd: number;
  region: string;
  prices_as_of: string;
  breakdown: {
    step_functions: { state_transitions: number; usd: number };
    lambda: { invocations: number; gb_seconds: number; usd: number };
    s3: { puts: number; gets: number; usd: number };
    dynamodb: { write_units: number; usd: number };
    llm: { input_tokens: number; output_tokens: number; usd: number | null };
  };
}

/** Top-level states of every run: session id (2), Prefetch, its chunk choice, the enrichment choice, the mode choice, the Map, Consolidate. */
const TOP_LEVEL_TRANSITIONS = 8;
/** A chunked prefetch adds its Map and "Summarise prefetch". */
const CHUNKED_TRANSITIONS = 2;
/** An enrichment item: overview, choice, wait, earnings, choice, wait. */
const ENRICHMENT_TRANSITIONS_PER_TICKER = 6;

/** The Lambda invocations of each function along the run's path. */
export function lambdaInvocations(i: Pick<RunCostInputs, 'tickers' | 'prefetchChunks' | 'alphaVantageTickers'>): Record<FunctionName, number> {
  return {
    prefetch: 1,
    prefetchChunk: i.prefetchChunks,
    prefetchSummary: i.prefetchChunks > 0 ? 1 : 0,
    enrich: 2 * i.alphaVantageTickers,
    crew: i.tickers,
    consolidate: 1,
  };
}

export function stateTransitions(i: Pick<RunCostInputs, 'tickers' | 'prefetchChunks' | 'alphaVantageTickers'>): number {
  return (
    TOP_LEVEL_TRANSITIONS +
    (i.prefetchChunks > 0 ? CHUNKED_TRANSITIONS + i.prefetchChunks : 0) +
    (i.alphaVantageTickers > 0 ? 1 + ENRICHMENT_TRANSITIONS_PER_TICKER * i.alphaVantageTickers : 0) +
    // One task state per ticker in the analysis Map's child executions.
    i.tickers
  );
}

/** The S3 requests of the run's steps (the ItemReaders included). */
export function s3Requests(i: Pick<RunCostInputs, 'tickers' | 'mode' | 'prefetchChunks' | 'alphaVantageTickers'>): { puts: number; gets: number } {
  const batch = i.mode === 'batch';
  // Prefetch: manifest twice, run record, market context, prefetch stats; one object per ticker in batch mode.
  let puts = 5 + (batch ? i.tickers : 0);
  // Crew: its result; reads its prefetched object (batch) and the market context.
  puts += i.tickers;
  let gets = i.tickers * (batch ? 2 : 1);
  // The analysis Map's ItemReader; Consolidate: manifest, run record, stats, every result; writes the report (json, md, html) and metrics.
  gets += 1 + 3 + i.tickers;
  puts += 4;
  if (i.prefetchChunks > 0) {
    // Plan: each chunk and the list; the Map reads the list, each chunk Lambda its chunk and writes stats; the summary reads them.
    puts += i.prefetchChunks + 1 + i.prefetchChunks;
    gets += 1 + i.prefetchChunks + 1 + i.prefetchChunks;
  }
  // Enrichment: the ItemReader, and per call an answer written and the stop flag read.
  if (i.alphaVantageTickers > 0) {
    gets += 1 + 2 * i.alphaVantageTickers;
    puts += 2 * i.alphaVantageTickers;
  }
  return { puts, gets };
}

const cents = (usd: number) => Math.round(usd * 1e6) / 1e6;

export function estimateRunCost(i: RunCostInputs, prices = AWS_PRICES): RunCostEstimate {
  const transitions = stateTransitions(i);
  const invocations = lambdaInvocations(i);
  const gbSeconds = (Object.keys(FUNCTION_MEMORY_MB) as FunctionName[]).reduce(
    (total, fn) => total + ((i.lambdaSeconds[fn] ?? 0) * FUNCTION_MEMORY_MB[fn]) / 1024,
    0,
  );
  const requests = Object.values(invocations).reduce((a, b) => a + b, 0);
  const { puts, gets } = s3Requests(i);
  // One item per ticker (under 1 KB: one unit) and the run's item.
  const writeUnits = i.tickers + Math.max(1, Math.ceil(i.runItemKb));
  const sfnUsd = (transitions / 1000) * prices.stepFunctions.standardPerThousandTransitions;
  const lambdaUsd = gbSeconds * prices.lambda.arm64PerGbSecond + (requests / 1e6) * prices.lambda.perMillionRequests;
  const s3Usd = (puts / 1000) * prices.s3.perThousandPuts + (gets / 1000) * prices.s3.perThousandGets;
  const dynamoUsd = (writeUnits / 1e6) * prices.dynamodb.perMillionWriteUnits;
  return {
    total_usd: cents(sfnUsd + lambdaUsd + s3Usd + dynamoUsd + (i.llm.costUsd ?? 0)),
    region: prices.region,
    prices_as_of: prices.asOf,
    breakdown: {
      step_functions: { state_transitions: transitions, usd: cents(sfnUsd) },
      lambda: { invocations: requests, gb_seconds: Math.round(gbSeconds * 1000) / 1000, usd: cents(lambdaUsd) },
      s3: { puts, gets, usd: cents(s3Usd) },
      dynamodb: { write_units: writeUnits, usd: cents(dynamoUsd) },
      llm: { input_tokens: i.llm.inputTokens, output_tokens: i.llm.outputTokens, usd: i.llm.costUsd === null ? null : cents(i.llm.costUsd) },
    },
  };
}
