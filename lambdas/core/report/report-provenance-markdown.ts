// report.md's provenance: the simulated-data banner at the very top, the "Data sources" section,
// and one "Data:" line per holding, so no reader takes simulated, cached or old data for live.
import type { PortfolioReport } from './portfolio-report.js';
import { describeProvenance, describeSource, SIMULATED_BANNER, simulatedDateSentence, type SourceIdentity } from './provenance.js';
import type { SourceProvenanceSummary } from './provenance-summary.js';
import type { ReportRow } from './ticker-outcome.js';

/** The banner's lines (none for a report on real data). */
export function simulatedBannerLines(report: PortfolioReport): string[] {
  if (!report.simulated) return [];
  const endpoint = report.provenance.yahoo_finance.simulated ? report.provenance.yahoo_finance.endpoint : null;
  return [
    `> **⚠ ${SIMULATED_BANNER}.** Every price and figure in this report comes from the FinWiz simulator${endpoint ? ` at ${endpoint}` : ''}, ` +
      `a deterministic stand-in for Yahoo Finance. Do not act on it. ${simulatedDateSentence(report.generated_at)}`,
    '',
  ];
}

function sourceLine(name: 'yahoo_finance' | 'alpha_vantage', s: SourceProvenanceSummary): string {
  const identity: SourceIdentity | null = s.origin ? { origin: s.origin, endpoint: s.endpoint } : null;
  const label = identity ? describeSource(name, identity) : name === 'yahoo_finance' ? 'Yahoo Finance (source not recorded)' : 'Alpha Vantage (source not recorded)';
  const counts = Object.entries(s.tickers_by_origin)
    .filter(([, count]) => count > 0)
    .map(([origin, count]) => `${origin} ${count}`)
    .join(', ');
  const parts = [`- ${label}: ${counts || 'no tickers'}`];
  if (s.oldest_fetched_at) parts.push(`fetched ${s.oldest_fetched_at} to ${s.newest_fetched_at}`);
  if (s.oldest_newest_bar_as_of) parts.push(`oldest newest bar ${s.oldest_newest_bar_as_of}`);
  if (s.oldest_quote_as_of) parts.push(`oldest quote ${s.oldest_quote_as_of}`);
  return parts.join('; ');
}

export function dataSourceLines(report: PortfolioReport): string[] {
  const lines = ['## Data sources', '', sourceLine('yahoo_finance', report.provenance.yahoo_finance)];
  if (report.provenance.alpha_vantage) lines.push(sourceLine('alpha_vantage', report.provenance.alpha_vantage));
  return [...lines, ''];
}

/** `Data: Yahoo Finance, fetched ..., quote as of ..., newest bar ...` for one holding. */
export function tickerDataLines(row: ReportRow): string[] {
  const p = row.provenance;
  if (!p) return [];
  const lines = p.yahoo_finance ? [`Data: ${describeProvenance('yahoo_finance', p.yahoo_finance)}`] : [];
  if (p.alpha_vantage) lines.push(`Data: ${describeProvenance('alpha_vantage', p.alpha_vantage)}`);
  return lines;
}
