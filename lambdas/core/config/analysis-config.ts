// Analysis settings beside DESIGN.md's five variables: the report's base currency, the
// benchmark for beta and the staleness rule. A view over the registry (settings-registry.ts).
import { loadSettings, type Environment } from './load-settings.js';
import { SETTINGS } from './settings-registry.js';

export const DEFAULT_BENCHMARK = SETTINGS.BENCHMARK_SYMBOL.defaultValue;

export interface AnalysisConfig {
  baseCurrency: string;
  benchmarkSymbol: string;
  /** STALE_AFTER_TRADING_DAYS. */
  staleAfterTradingDays: number;
}

export function analysisConfig(env: Environment): AnalysisConfig {
  const vars = loadSettings(env);
  return { baseCurrency: vars.BASE_CURRENCY, benchmarkSymbol: vars.BENCHMARK_SYMBOL, staleAfterTradingDays: vars.STALE_AFTER_TRADING_DAYS };
}
