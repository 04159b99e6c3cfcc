// Option parsers for the CLI: a bad value is a usage error that names the option.
import { InvalidArgumentError, type Command } from 'commander';
import { AS_OF_RULE, parseIsoDay } from '../lambdas/core/config/as-of-day.js';
import type { SimulatorOptions } from '../sim/yahoo-simulator.js';

export const nonNegativeInteger = (value: string): number => {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not a whole number >= 0.`);
  return Number(value);
};

export const fraction = (value: string): number => {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new InvalidArgumentError(`"${value}" is not a fraction from 0 to 1.`);
  }
  return parsed;
};

export const tickerList = (value: string): string[] =>
  value
    .split(',')
    .map((ticker) => ticker.trim().toUpperCase())
    .filter(Boolean);

export const httpUrl = (value: string): string => {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  throw new InvalidArgumentError(`"${value}" is not an http(s) URL.`);
};

export const isoDay = (value: string): string => {
  const day = parseIsoDay(value);
  if (day === undefined) throw new InvalidArgumentError(`"${value}" ${AS_OF_RULE.replace(/^must be/, 'is not')}.`);
  return day;
};

export interface SimFlags {
  simAsOf?: string;
  simLatencyMs?: number;
  simRateLimit?: number;
  simFailTickers?: string[];
  simFailRate?: number;
  simErrorRate?: number;
}

export const simulatorOptions = (flags: SimFlags): SimulatorOptions => ({
  latencyMs: flags.simLatencyMs,
  rateLimit: flags.simRateLimit,
  failTickers: flags.simFailTickers,
  failRate: flags.simFailRate,
  errorRate: flags.simErrorRate,
  asOf: flags.simAsOf,
});

export const hasSimFlags = (flags: SimFlags): boolean =>
  [flags.simLatencyMs, flags.simRateLimit, flags.simFailTickers, flags.simFailRate, flags.simErrorRate, flags.simAsOf].some(
    (value) => value !== undefined,
  );

/** The simulator's options, shared by `finwiz run --source sim` and `finwiz sim-yahoo`. */
export function addSimOptions(command: Command): Command {
  return command
    .option('--sim-latency-ms <ms>', 'simulator: delay of every answer (default 20)', nonNegativeInteger)
    .option('--sim-rate-limit <n>', 'simulator: answer 429 past N requests per second (default: no limit)', nonNegativeInteger)
    .option('--sim-fail-tickers <list>', 'simulator: answer these tickers like unknown symbols (comma-separated)', tickerList)
    .option('--sim-fail-rate <f>', 'simulator: a deterministic fraction F of tickers fail every request with HTTP 500', fraction)
    .option('--sim-error-rate <f>', 'simulator: a fraction F of all requests fail once, at random, with 500 or 429', fraction)
    .option('--sim-as-of <YYYY-MM-DD>', 'simulator: serve the market as of this day (bars end there; a run takes it as today)', isoDay);
}
