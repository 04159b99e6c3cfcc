// A ticker as the report sees it: its result, or the reason it has none.
import type { ManifestItem } from './contracts.js';
import type { CrewResult } from './crew-result.js';

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
  score: number | null;
  lastPrice: number | null;
  currency: string | null;
  oneYearReturn: number | null;
  annualisedVolatility: number | null;
  week52Position: number | null;
  shares: number | null;
  marketValue: number | null;
  fetchSeconds: number;
  analysisSeconds: number;
}

export function toReportRow({ holding, result }: TickerOutcome): ReportRow {
  const figures = result?.figures ?? null;
  const shares = holding.shares ?? null;
  return {
    rank: null,
    ticker: holding.ticker,
    name: result?.name ?? holding.name ?? null,
    status: result?.status ?? 'failed',
    reason: result ? result.error : NO_RESULT_REASON,
    score: result?.score ?? null,
    lastPrice: figures?.lastPrice ?? null,
    currency: figures?.currency ?? holding.currency ?? null,
    oneYearReturn: figures?.oneYearReturn ?? null,
    annualisedVolatility: figures?.annualisedVolatility ?? null,
    week52Position: figures?.week52Position ?? null,
    shares,
    marketValue: figures && shares !== null ? figures.lastPrice * shares : null,
    fetchSeconds: result?.durations.fetch_seconds ?? 0,
    analysisSeconds: result?.durations.analysis_seconds ?? 0,
  };
}

/** Ok tickers by score, best first, then failed ones by ticker; ranks for the ok ones. */
export function rankRows(rows: ReportRow[]): ReportRow[] {
  const ok = rows.filter((row) => row.status === 'ok').sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.ticker.localeCompare(b.ticker));
  const failed = rows.filter((row) => row.status === 'failed').sort((a, b) => a.ticker.localeCompare(b.ticker));
  return [...ok.map((row, i) => ({ ...row, rank: i + 1 })), ...failed];
}

/** How many tickers failed for each reason. */
export function errorSummary(rows: ReportRow[]): Record<string, number> {
  const summary: Record<string, number> = {};
  for (const row of rows) if (row.status === 'failed') summary[row.reason ?? 'unknown'] = (summary[row.reason ?? 'unknown'] ?? 0) + 1;
  return summary;
}
