// The run's provenance, per data source, summed from its results: who answered (the run's
// identified source), how many tickers' data came from where (so the metrics' data_sources
// agree with the results), and the time span of the fetches and of the newest quotes and bars.
import type { DataProvenance, RunSources, SourceIdentity } from './provenance.js';
import type { ReportRow } from './ticker-outcome.js';

export const PROVENANCE_ORIGINS = ['yahoo', 'alpha_vantage', 'simulated', 'endpoint', 'cache'] as const;
type Origin = (typeof PROVENANCE_ORIGINS)[number];

export interface SourceProvenanceSummary {
  /** Who answered this run's requests (Prefetch's identification); null when not recorded. */
  origin: SourceIdentity['origin'] | null;
  endpoint: string | null;
  /** Any of this source's data in the report is simulated. */
  simulated: boolean;
  /** Tickers whose data came from each origin (`cache` counted apart from the source it caches). */
  tickers_by_origin: Record<Origin, number>;
  oldest_fetched_at: string | null;
  newest_fetched_at: string | null;
  /** The oldest of the tickers' newest quotes and bars: how old the report's oldest price is. */
  oldest_quote_as_of: string | null;
  oldest_newest_bar_as_of: string | null;
}

export interface RunProvenance {
  simulated: boolean;
  yahoo_finance: SourceProvenanceSummary;
  alpha_vantage: SourceProvenanceSummary | null;
}

const first = (values: Array<string | null>) => values.filter((v): v is string => v !== null).sort()[0] ?? null;
const last = (values: Array<string | null>) => values.filter((v): v is string => v !== null).sort().pop() ?? null;

function summarise(identity: SourceIdentity | null, entries: DataProvenance[]): SourceProvenanceSummary {
  const byOrigin = Object.fromEntries(PROVENANCE_ORIGINS.map((origin) => [origin, 0])) as Record<Origin, number>;
  for (const entry of entries) byOrigin[entry.origin]++;
  return {
    origin: identity?.origin ?? null,
    endpoint: identity?.endpoint ?? null,
    simulated: identity?.origin === 'simulated' || entries.some((entry) => entry.simulated),
    tickers_by_origin: byOrigin,
    oldest_fetched_at: first(entries.map((e) => e.fetched_at)),
    newest_fetched_at: last(entries.map((e) => e.fetched_at)),
    oldest_quote_as_of: first(entries.map((e) => e.quote_as_of)),
    oldest_newest_bar_as_of: first(entries.map((e) => e.newest_bar_as_of)),
  };
}

export function runProvenance(rows: ReportRow[], sources: RunSources | null): RunProvenance {
  const yahoo = rows.flatMap((row) => (row.provenance?.yahoo_finance ? [row.provenance.yahoo_finance] : []));
  const alphaVantage = rows.flatMap((row) => (row.provenance?.alpha_vantage ? [row.provenance.alpha_vantage] : []));
  const yahooSummary = summarise(sources?.yahoo_finance ?? null, yahoo);
  const alphaVantageSummary =
    sources?.alpha_vantage || alphaVantage.length ? summarise(sources?.alpha_vantage ?? null, alphaVantage) : null;
  return {
    simulated: yahooSummary.simulated || alphaVantageSummary?.simulated === true || rows.some((row) => row.simulated),
    yahoo_finance: yahooSummary,
    alpha_vantage: alphaVantageSummary,
  };
}
