// Analysis settings beside DESIGN.md's five variables: the report's base currency and the
// benchmark for beta. Validated like the others: a bad value names the variable and the rule.
import { DEFAULT_BASE_CURRENCY } from '../portfolio/currency.js';
import { InvalidConfigurationError } from '../errors.js';
import { DEFAULT_STALE_AFTER_TRADING_DAYS, staleAfterTradingDays } from './freshness-config.js';

export const DEFAULT_BENCHMARK = 'SPY';

export interface AnalysisConfig {
  baseCurrency: string;
  benchmarkSymbol: string;
  /** STALE_AFTER_TRADING_DAYS (freshness-config.ts). */
  staleAfterTradingDays: number;
}

export function analysisConfig(env: Record<string, string | undefined>): AnalysisConfig {
  const problems: string[] = [];
  const base = env.BASE_CURRENCY?.trim() || DEFAULT_BASE_CURRENCY;
  if (!/^[A-Z]{3}$/.test(base)) problems.push(`BASE_CURRENCY="${base}" is invalid: must be a 3-letter ISO currency code such as USD`);
  const benchmark = (env.BENCHMARK_SYMBOL?.trim() || DEFAULT_BENCHMARK).toUpperCase();
  if (!/^\^?[A-Z0-9][A-Z0-9.\-=]{0,14}$/.test(benchmark)) {
    problems.push(`BENCHMARK_SYMBOL="${benchmark}" is invalid: must be a ticker such as SPY or ^GSPC`);
  }
  let staleDays = DEFAULT_STALE_AFTER_TRADING_DAYS;
  try {
    staleDays = staleAfterTradingDays(env);
  } catch (error) {
    if (!(error instanceof InvalidConfigurationError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length) throw new InvalidConfigurationError(problems.join('; '), problems);
  return { baseCurrency: base, benchmarkSymbol: benchmark, staleAfterTradingDays: staleDays };
}
