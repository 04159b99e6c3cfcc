// The Alpha Vantage enrichment stage of a run, pure: the pace of its Wait states, the objects
// the Enrich Lambda writes under `runs/<sid>/alpha-vantage/` and what Consolidate makes of them.
//
// The stage is a Distributed Map over the manifest with MaxConcurrency 1: per ticker one
// OVERVIEW call, a Wait of `paceSeconds`, one EARNINGS call, a Wait. Step Functions Standard
// Waits cost nothing while waiting, so any portfolio completes at exactly the configured rate
// without a Lambda sleeping (DESIGN.md, "Alpha Vantage").
import { z } from 'zod';
import {
  alphaVantageEarningsSchema,
  alphaVantageFigures,
  alphaVantageOverviewSchema,
  type AlphaVantageEarnings,
  type AlphaVantageFigures,
  type AlphaVantageOverview,
} from './alpha-vantage.js';
import { alphaVantageFunctionSchema } from '../contracts.js';

/** Seconds between two Alpha Vantage calls at `callsPerMinute`, whole (Wait states take integers), never faster. */
export function alphaVantagePaceSeconds(callsPerMinute: number): number {
  if (!Number.isFinite(callsPerMinute) || callsPerMinute <= 0) throw new Error(`callsPerMinute must be positive, got ${callsPerMinute}`);
  return Math.max(1, Math.ceil(60 / callsPerMinute));
}

const answerBase = {
  ticker: z.string(),
  function: alphaVantageFunctionSchema,
  fetched_at: z.string(),
  /** How long the call took (the enrichment's measured duration is the sum of these). */
  duration_seconds: z.number().nonnegative(),
};

/** `runs/<sid>/alpha-vantage/<TICKER>.<FUNCTION>.json`: the parsed answer, or why there is none. */
export const alphaVantageAnswerFileSchema = z.discriminatedUnion('ok', [
  z.object({ ...answerBase, ok: z.literal(true), data: z.record(z.string(), z.unknown()) }),
  z.object({
    ...answerBase,
    ok: z.literal(false),
    reason: z.enum(['quota', 'throttle', 'error', 'network', 'key']),
    message: z.string(),
  }),
]);
export type AlphaVantageAnswerFile = z.infer<typeof alphaVantageAnswerFileSchema>;

/** `runs/<sid>/alpha-vantage/status.json`: written when Alpha Vantage stops for the rest of the run. */
export const alphaVantageStatusSchema = z.object({
  exhausted: z.boolean(),
  /** quota / throttle: Alpha Vantage said so; key: no usable API key. */
  reason: z.enum(['quota', 'throttle', 'key']).optional(),
  message: z.string(),
  at: z.string(),
  ticker: z.string().optional(),
  function: alphaVantageFunctionSchema.optional(),
});
export type AlphaVantageStatus = z.infer<typeof alphaVantageStatusSchema>;

/** A ticker's stored answers, as the Crew reads them (either may be missing or a failure). */
export interface AlphaVantageTickerFiles {
  overview: AlphaVantageAnswerFile | null;
  earnings: AlphaVantageAnswerFile | null;
}

/**
 * The analyst figures from a ticker's stored answers; null when neither holds data. An answer
 * whose data no longer fits the schema is left out (with a warning), never fatal.
 */
export function figuresFromFiles(files: AlphaVantageTickerFiles): { figures: AlphaVantageFigures | null; warnings: string[] } {
  const warnings: string[] = [];
  const parse = <T>(file: AlphaVantageAnswerFile | null, schema: z.ZodType<T>): T | null => {
    if (!file?.ok) return null;
    const parsed = schema.safeParse(file.data);
    if (parsed.success) return parsed.data;
    warnings.push(`Alpha Vantage ${file.function} for ${file.ticker} is unreadable, not used`);
    return null;
  };
  const overview: AlphaVantageOverview | null = parse(files.overview, alphaVantageOverviewSchema);
  const earnings: AlphaVantageEarnings | null = parse(files.earnings, alphaVantageEarningsSchema);
  if (!overview && !earnings) return { figures: null, warnings };
  return { figures: alphaVantageFigures(overview, earnings), warnings };
}

/** What the metrics say about Alpha Vantage (`data_sources.alpha_vantage`). */
export interface AlphaVantageUsage {
  enabled: boolean;
  /** Tickers with an OVERVIEW answer holding data. */
  successfulTickers: number;
  /** Every other ticker of the run (failed, refused after the quota, or never reached). */
  failedTickers: number;
  /** Measured: the sum of the enrich calls' own durations. */
  durationSeconds: number;
  quotaReached: boolean;
  quotaMessage: string | null;
}

export const ALPHA_VANTAGE_DISABLED: Readonly<AlphaVantageUsage> = Object.freeze({
  enabled: false,
  successfulTickers: 0,
  failedTickers: 0,
  durationSeconds: 0,
  quotaReached: false,
  quotaMessage: null,
});

/** The usage over the run's tickers from the stored answers and status. */
export function alphaVantageUsage(input: {
  enabled: boolean;
  tickers: readonly string[];
  files: ReadonlyMap<string, AlphaVantageTickerFiles>;
  status: AlphaVantageStatus | null;
}): AlphaVantageUsage {
  if (!input.enabled) return { ...ALPHA_VANTAGE_DISABLED };
  let successful = 0;
  let duration = 0;
  for (const ticker of input.tickers) {
    const files = input.files.get(ticker);
    if (files?.overview?.ok) successful++;
    duration += (files?.overview?.duration_seconds ?? 0) + (files?.earnings?.duration_seconds ?? 0);
  }
  const status = input.status?.exhausted ? input.status : null;
  const quotaReached = status !== null && status.reason !== 'key';
  return {
    enabled: true,
    successfulTickers: successful,
    failedTickers: input.tickers.length - successful,
    durationSeconds: duration,
    quotaReached,
    quotaMessage: status !== null && quotaReached ? status.message : null,
  };
}
