// What report.html shows per holding beyond its table row: the price chart and the analysts'
// findings. Taken from the Crew results of a bounded number of holdings, so that a 5,000-ticker
// run neither holds 5,000 results in memory nor writes a page nobody can scroll.
import type { Finding } from '../analysis/analysts/finding.js';
import type { CrewResult } from '../analysis/crew-result.js';
import type { PriceChart } from './price-chart.js';
import type { ReportRow } from './ticker-outcome.js';

/** Holdings with a chart and findings in report.html: the largest by weight (by rank without weights). */
export const HOLDING_DETAIL_LIMIT = 30;

export interface HoldingDetail {
  ticker: string;
  price_chart: PriceChart | null;
  findings: { analyst: 'Fundamental' | 'Technical' | 'Risk'; score: number | null; details: Finding[] }[];
}

export function holdingDetail(result: CrewResult): HoldingDetail {
  const analysts = [
    ['Fundamental', result.fundamental],
    ['Technical', result.technical],
    ['Risk', result.risk],
  ] as const;
  return {
    ticker: result.ticker,
    price_chart: result.price_chart ?? null,
    findings: analysts.flatMap(([analyst, report]) => (report ? [{ analyst, score: report.score, details: report.details }] : [])),
  };
}

/** The analysed holdings that get details: the `limit` largest positions, in the report's ranked order. */
export function detailTickers(rows: ReportRow[], limit = HOLDING_DETAIL_LIMIT): string[] {
  const ok = rows.filter((row) => row.status === 'ok');
  if (ok.length <= limit) return ok.map((row) => row.ticker);
  const byWeight = [...ok].sort((a, b) => (b.weight ?? -1) - (a.weight ?? -1) || (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const chosen = new Set(byWeight.slice(0, limit).map((row) => row.ticker));
  return ok.filter((row) => chosen.has(row.ticker)).map((row) => row.ticker);
}
