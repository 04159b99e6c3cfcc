// A ticker as the report sees it: its result, or the reason it has none.
import type { ManifestItem } from '../contracts.js';
import type { CrewResult } from '../analysis/crew-result.js';
import type { TickerProvenance } from './provenance.js';

export const NO_RESULT_REASON = 'no result: crew timed out or crashed';

export interface TickerOutcome {
  holding: ManifestItem;
  result: CrewResult | null;
}

export interface ReportRow {
  rank: number | null;
  ticker: string;
  name: string | null;
  status: 'ok' | 'failed';
  reason: string | null;
  asset_type: string | null;
  quote_currency: string | null;
  sector: string | null;
  industry: string | null;
  country: string | null;
  /** Why sector, industry or country is null. */
  profile_reason: string | null;
  grade: CrewResult['grade'];
  recommendation: CrewResult['recommendation'];
  confidence: number;
  composite_score: number | null;
  fundamental_score: number | null;
  technical_score: number | null;
  risk_score: number | null;
  last_price: number | null;
  shares: number | null;
  market_value: number | null;
  unrealised_gain: number | null;
  unrealised_gain_pct: number | null;
  /** Share of the report's total market value (set by the report). */
  weight: number | null;
  stale: boolean;
  /** Trading days since the newest bar (null without one). */
  newest_bar_age_trading_days: number | null;
  /** The data came from a simulator (the result says so). */
  simulated: boolean;
  /** Where the data came from, per source; null for a ticker without a result. */
  provenance: TickerProvenance | null;
  /** The rationale's sentences, the decision first. */
  rationale: string[];
  /** The finding that weighed most for the decision, with its reference. */
  lead_finding: NonNullable<CrewResult['lead_finding']> | null;
  /** "trim" when the holding weighs more than MAX_POSITION_WEIGHT (set by Consolidate); beside the recommendation. */
  position_advice?: 'trim' | null;
  warnings: string[];
  fetchSeconds: number;
  analysisSeconds: number;
  llm: CrewResult['llm'];
  /** No narrative because the next call could pass LLM_BUDGET_USD. */
  narrativeSkippedForBudget?: boolean;
  /** The Crew Lambda's own wall time (for the cost estimate); 0 without a result. */
  crewSeconds?: number;
  /** When its Crew wrote the result (the end of its invocation); null without one. */
  analysedAt?: string | null;
  /** Its Crew invocation's peak memory, MB; null without a result. */
  crewPeakMb?: number | null;
}

export function toReportRow({ holding, result }: TickerOutcome): ReportRow {
  const position = result?.position ?? null;
  return {
    rank: null,
    ticker: holding.ticker,
    name: result?.name ?? holding.name ?? null,
    status: result?.status ?? 'failed',
    reason: result ? result.error : NO_RESULT_REASON,
    asset_type: result?.asset_type ?? null,
    quote_currency: result?.quote_currency ?? holding.currency ?? null,
    sector: result?.sector ?? null,
    industry: result?.industry ?? null,
    country: result?.country ?? null,
    profile_reason: result ? (result.profile_reason ?? (result.sector === undefined ? 'no profile in this result (written before results had one)' : null)) : NO_RESULT_REASON,
    grade: result?.grade ?? 'N/A',
    recommendation: result?.recommendation ?? 'WAIT',
    confidence: result?.confidence ?? 0,
    composite_score: result?.composite_score ?? null,
    fundamental_score: result?.fundamental_score ?? null,
    technical_score: result?.technical_score ?? null,
    risk_score: result?.risk_score ?? null,
    last_price: position?.last_price ?? null,
    shares: holding.shares ?? null,
    market_value: position?.market_value ?? null,
    unrealised_gain: position?.unrealised_gain ?? null,
    unrealised_gain_pct: position?.unrealised_gain_pct ?? null,
    weight: null,
    stale: result?.stale ?? false,
    newest_bar_age_trading_days: result?.newest_bar_age_trading_days ?? null,
    simulated: result?.simulated ?? false,
    provenance: result?.provenance ?? null,
    rationale: result?.rationale ?? [`WAIT: no analysis, ${NO_RESULT_REASON}.`],
    lead_finding: result?.lead_finding ?? null,
    warnings: result?.warnings ?? [],
    fetchSeconds: result?.durations.fetch_seconds ?? 0,
    analysisSeconds: result?.durations.analysis_seconds ?? 0,
    llm: result?.llm ?? null,
    narrativeSkippedForBudget: result?.narrative_skipped === 'budget',
    crewSeconds: result?.durations.total_seconds ?? 0,
    analysedAt: result?.analysed_at ?? null,
    crewPeakMb: result?.peak_rss_mb ?? null,
  };
}

/** Ok tickers by composite, best first, then failed ones by ticker; ranks for the ok ones. */
export function rankRows(rows: ReportRow[]): ReportRow[] {
  const score = (row: ReportRow) => row.composite_score ?? -1;
  const ok = rows.filter((row) => row.status === 'ok').sort((a, b) => score(b) - score(a) || a.ticker.localeCompare(b.ticker));
  const failed = rows.filter((row) => row.status === 'failed').sort((a, b) => a.ticker.localeCompare(b.ticker));
  return [...ok.map((row, i) => ({ ...row, rank: i + 1 })), ...failed];
}

/** Each row's share of the total market value of the rows that have one. */
export function withWeights(rows: ReportRow[]): ReportRow[] {
  const total = rows.reduce((sum, row) => sum + (row.market_value ?? 0), 0);
  return rows.map((row) => ({ ...row, weight: row.market_value !== null && total > 0 ? row.market_value / total : null }));
}

/** How many tickers failed for each reason. */
export function errorSummary(rows: ReportRow[]): Record<string, number> {
  const summary: Record<string, number> = {};
  for (const row of rows) if (row.status === 'failed') summary[row.reason ?? 'unknown'] = (summary[row.reason ?? 'unknown'] ?? 0) + 1;
  return summary;
}
