// Where every figure came from. A run's sources are identified once (Prefetch): the public
// service, the FinWiz simulator (which says so in a header on every answer), or another
// endpoint (a proxy, a recorded replay), named by its URL. Each ticker's result then carries,
// per data source, that origin (or `cache` with its age), when it was fetched, and the as-of
// times of the newest quote and bar, so simulated, cached or old data is never taken for live.
import { z } from 'zod';

/** The header every answer of the FinWiz simulators carries (its value names the simulator). */
export const SIMULATOR_HEADER = 'x-finwiz-simulator';
/** What a source is asked to find out who it is; any answer carrying the header will do. */
export const SOURCE_PROBE_PATH = '/__finwiz/source';
/** The words of the banner that marks simulated data, in report.md, report.html and the CLI. */
export const SIMULATED_BANNER = 'SIMULATED DATA — not market data';

/** The simulated day (the run's today: its report time) and what the price levels are. */
export const simulatedDateSentence = (generatedAt: string): string =>
  `The simulated market is that of ${generatedAt.slice(0, 10)}; the price levels of well-known tickers are approximate.`;

export const PUBLIC_ORIGINS = ['yahoo', 'alpha_vantage'] as const;
export const sourceIdentitySchema = z
  .object({
    /** yahoo / alpha_vantage: the public service; simulated: a FinWiz simulator; endpoint: any other URL. */
    origin: z.enum([...PUBLIC_ORIGINS, 'simulated', 'endpoint']),
    /** The URL the requests went to when it was not the public service. */
    endpoint: z.string().nullable(),
  })
  .strict();
export type SourceIdentity = z.infer<typeof sourceIdentitySchema>;

/** The run's sources, as Prefetch identified them (`run.json`). */
export const runSourcesSchema = z
  .object({ yahoo_finance: sourceIdentitySchema, alpha_vantage: sourceIdentitySchema.nullable() })
  .strict();
export type RunSources = z.infer<typeof runSourcesSchema>;

const timestamp = z.string().nullable();
export const dataProvenanceSchema = z
  .object({
    /** As the source's identity, or `cache` when an earlier run's fetch was reused. */
    origin: z.enum([...PUBLIC_ORIGINS, 'simulated', 'endpoint', 'cache']),
    /** The URL the data came from when it was not the public service (also behind a cache hit). */
    endpoint: z.string().nullable(),
    /** The data came from a simulator, directly or through the cache. */
    simulated: z.boolean(),
    /** Minutes between the cached fetch and this run; null unless origin is `cache`. */
    cache_age_minutes: z.number().finite().nonnegative().nullable(),
    fetched_at: timestamp,
    /** The market time of the newest quote, and the date-time of the newest daily bar. */
    quote_as_of: timestamp,
    newest_bar_as_of: timestamp,
    /** Yahoo's daily bars: a chart request's (dividend-adjusted) or a spark batch's (closes, not dividend-adjusted). */
    bars_source: z.enum(['chart', 'spark']).optional(),
    /** The summary and statements, when reused from the slow-data cache: when fetched and how old (days). */
    slow_data: z.object({ fetched_at: z.string(), age_days: z.number().finite().nonnegative() }).strict().nullable().optional(),
  })
  .strict();
export type DataProvenance = z.infer<typeof dataProvenanceSchema>;

export const tickerProvenanceSchema = z
  .object({ yahoo_finance: dataProvenanceSchema.nullable(), alpha_vantage: dataProvenanceSchema.nullable() })
  .strict();
export type TickerProvenance = z.infer<typeof tickerProvenanceSchema>;

export const publicSource = (origin: (typeof PUBLIC_ORIGINS)[number]): SourceIdentity => ({ origin, endpoint: null });

/** Data of one source may stand in for another's (the cache) only when both are the same kind of
 * source: a simulator's answers never for a real one's, one endpoint's never for another's. */
export function sameSource(a: SourceIdentity, b: SourceIdentity): boolean {
  if (a.origin === 'simulated' || b.origin === 'simulated') return a.origin === b.origin;
  return a.origin === b.origin && a.endpoint === b.endpoint;
}

export function dataProvenance(
  identity: SourceIdentity,
  fetch: { fetchedAt: string | null; cacheAgeMinutes?: number | null; quoteAsOf?: string | null; newestBarAsOf?: string | null },
): DataProvenance {
  const cached = fetch.cacheAgeMinutes !== undefined && fetch.cacheAgeMinutes !== null;
  return {
    origin: cached ? 'cache' : identity.origin,
    endpoint: identity.endpoint,
    simulated: identity.origin === 'simulated',
    cache_age_minutes: cached ? fetch.cacheAgeMinutes! : null,
    fetched_at: fetch.fetchedAt,
    quote_as_of: fetch.quoteAsOf ?? null,
    newest_bar_as_of: fetch.newestBarAsOf ?? null,
  };
}

export const isSimulated = (provenance: TickerProvenance): boolean =>
  provenance.yahoo_finance?.simulated === true || provenance.alpha_vantage?.simulated === true;

const SOURCE_NAMES = { yahoo_finance: 'Yahoo Finance', alpha_vantage: 'Alpha Vantage' } as const;

/** `Yahoo Finance`, `Yahoo Finance through http://proxy:8080`, `simulated Yahoo Finance (http://127.0.0.1:4010)`. */
export function describeSource(source: keyof typeof SOURCE_NAMES, identity: SourceIdentity): string {
  const name = SOURCE_NAMES[source];
  if (identity.origin === 'simulated') return `simulated ${name}${identity.endpoint ? ` (${identity.endpoint})` : ''}`;
  if (identity.origin === 'endpoint') return `${name} through ${identity.endpoint ?? 'a custom endpoint'}`;
  return name;
}

/** One line per ticker: `Yahoo Finance from the cache, 12 min old, fetched ..., quote as of ..., newest bar ...`. */
export function describeProvenance(source: keyof typeof SOURCE_NAMES, p: DataProvenance): string {
  // Behind a cache hit, name the source the cached data came from.
  const origin = p.origin !== 'cache' ? p.origin : p.simulated ? 'simulated' : p.endpoint ? 'endpoint' : PUBLIC_ORIGIN_OF[source];
  const name = describeSource(source, { origin, endpoint: p.endpoint });
  const parts = [p.origin === 'cache' ? `${name} from the cache, ${p.cache_age_minutes} min old` : name];
  if (p.fetched_at) parts.push(`fetched ${p.fetched_at}`);
  if (p.quote_as_of) parts.push(`quote as of ${p.quote_as_of}`);
  if (p.newest_bar_as_of) parts.push(`newest bar ${p.newest_bar_as_of}`);
  if (p.bars_source === 'spark') parts.push('bars from a spark batch (closes, not dividend-adjusted)');
  if (p.slow_data) parts.push(`profile, valuation inputs and statements fetched ${p.slow_data.fetched_at} (${p.slow_data.age_days} days old)`);
  return parts.join(', ');
}

const PUBLIC_ORIGIN_OF = { yahoo_finance: 'yahoo', alpha_vantage: 'alpha_vantage' } as const;

/** A ticker's provenance: its Yahoo data (always: even a failed fetch was asked of a source) and
 * its Alpha Vantage figures (when there were any). */
export function tickerProvenance(input: {
  yahoo: SourceIdentity;
  fetchedAt: string | null;
  cacheAgeMinutes: number | null;
  quoteAsOf: string | null;
  newestBarAsOf: string | null;
  alphaVantage: SourceIdentity | null;
  alphaVantageFetchedAt: string | null;
  /** Where the bars and the slow data came from (market-data.ts); absent: not known (a failed fetch). */
  barsSource?: 'chart' | 'spark';
  slowData?: { fetched_at: string; age_days: number } | null;
}): TickerProvenance {
  return {
    yahoo_finance: {
      ...dataProvenance(input.yahoo, {
        fetchedAt: input.fetchedAt,
        cacheAgeMinutes: input.cacheAgeMinutes,
        quoteAsOf: input.quoteAsOf,
        newestBarAsOf: input.newestBarAsOf,
      }),
      ...(input.barsSource ? { bars_source: input.barsSource } : {}),
      ...(input.slowData !== undefined ? { slow_data: input.slowData } : {}),
    },
    alpha_vantage:
      input.alphaVantage && input.alphaVantageFetchedAt
        ? dataProvenance(input.alphaVantage, { fetchedAt: input.alphaVantageFetchedAt })
        : null,
  };
}
