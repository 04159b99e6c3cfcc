// Crew results for tests that need one without running the crew (report, ranking, metrics,
// Consolidate). Every result built here is parsed by crewResultSchema, so a builder that drifts
// from the published shape fails the test that uses it instead of testing a shape that no
// longer exists.
import { failedAnalysis } from '../../lambdas/core/analysis/crew-analysis.js';
import { crewResultSchema, type CrewResult } from '../../lambdas/core/analysis/crew-result.js';
import { tickerProvenance, type SourceIdentity, type TickerProvenance } from '../../lambdas/core/report/provenance.js';

/** Provenance for test data: live Yahoo unless another source is given; the quote and bar as-of
 * times are the builder's. */
export function testProvenance(
  yahoo: SourceIdentity = { origin: 'yahoo', endpoint: null },
  options: { cacheAgeMinutes?: number | null; failed?: boolean } = {},
): TickerProvenance {
  return tickerProvenance({
    yahoo,
    fetchedAt: '2025-01-02T09:00:00.000Z',
    cacheAgeMinutes: options.cacheAgeMinutes ?? null,
    quoteAsOf: options.failed ? null : '2025-01-01T21:00:00.000Z',
    newestBarAsOf: options.failed ? null : '2025-01-01T14:30:00.000Z',
    alphaVantage: null,
    alphaVantageFetchedAt: null,
  });
}

type Grade = CrewResult['grade'];
type Recommendation = CrewResult['recommendation'];

/** The grade floors (A+ >= 0.95 ... D >= 0.55, F below), written out for test data. */
export function gradeOf(composite: number): Grade {
  if (composite >= 0.85) return 'A+';
  if (composite >= 0.75) return 'A';
  if (composite >= 0.6) return 'B';
  if (composite >= 0.4) return 'C';
  if (composite >= 0.25) return 'D';
  return 'F';
}

/** BUY from 0.6, SELL below 0.4, HOLD between (the portfolio manager's rule, for test data). */
export const recommendationOf = (composite: number): Recommendation =>
  composite >= 0.6 ? 'BUY' : composite < 0.4 ? 'SELL' : 'HOLD';

export interface OkResultOptions {
  composite?: number;
  /** When the Crew wrote it (default 2025-01-02T09:01Z, a minute into the default run). */
  analysedAt?: string;
  grade?: Grade;
  recommendation?: Recommendation;
  confidence?: number;
  name?: string | null;
  mode?: CrewResult['mode'];
  assetType?: CrewResult['asset_type'];
  quoteCurrency?: string | null;
  baseCurrency?: string;
  /** Last price in the quote currency. */
  lastPrice?: number;
  shares?: number | null;
  /** In the base currency; defaults to lastPrice x shares (a USD listing in a USD report). */
  marketValue?: number | null;
  /** Cost of the position in the base currency; null leaves the gain unknown. */
  costValue?: number | null;
  stale?: boolean;
  rationale?: string[];
  warnings?: string[];
  llm?: CrewResult['llm'];
  fetchSeconds?: number;
  analysisSeconds?: number;
  provenance?: TickerProvenance;
}

/** An ok result with every section filled in, schema-valid. */
export function okCrewResult(ticker: string, options: OkResultOptions = {}): CrewResult {
  const composite = options.composite ?? 0.6;
  const grade = options.grade ?? gradeOf(composite);
  const recommendation = options.recommendation ?? recommendationOf(composite);
  const lastPrice = options.lastPrice ?? 100;
  const shares = options.shares === undefined ? 10 : options.shares;
  const marketValue = options.marketValue !== undefined ? options.marketValue : shares === null ? null : lastPrice * shares;
  const costValue = options.costValue ?? null;
  const gain = marketValue !== null && costValue !== null ? marketValue - costValue : null;
  const finding = (metric: string, value: number, signal: 'positive' | 'neutral' | 'negative') => ({
    metric,
    label: metric,
    value,
    threshold: '> 0 positive',
    signal,
    source: `test:${metric}`,
  });
  return crewResultSchema.parse({
    ticker,
    name: options.name === undefined ? `${ticker} Inc.` : options.name,
    quote_currency: options.quoteCurrency === undefined ? 'USD' : options.quoteCurrency,
    asset_type: options.assetType ?? 'EQUITY',
    status: 'ok',
    error: null,
    mode: options.mode ?? 'batch',
    composite_score: composite,
    grade,
    recommendation,
    confidence: options.confidence ?? 0.7,
    rationale: options.rationale ?? [
      `Composite ${composite.toFixed(2)} (grade ${grade}) from fundamental 0.60, technical 0.60, risk 0.40.`,
      `${recommendation}: composite ${composite.toFixed(2)}.`,
      `Trailing P/E: 30 is above the 25 threshold.`,
    ],
    fundamental_score: 0.6,
    technical_score: 0.6,
    risk_score: 0.4,
    weights: { fundamental: 0.4, technical: 0.3, risk: 0.3 },
    fundamental: { score: 0.6, details: [finding('trailingPE', 30, 'negative')], warnings: [] },
    technical: { score: 0.6, details: [finding('rsi14', 55, 'neutral')], warnings: [], indicators: { bars: 252 } },
    risk: { score: 0.4, details: [finding('annualisedVolatility', 0.25, 'neutral')], warnings: [], measures: { beta: 1.1 } },
    street_view: null,
    position: {
      shares,
      quote_currency: options.quoteCurrency === undefined ? 'USD' : options.quoteCurrency,
      base_currency: options.baseCurrency ?? 'USD',
      last_price: lastPrice,
      cost_basis: null,
      cost_basis_currency: null,
      market_value: marketValue,
      cost_value: costValue,
      unrealised_gain: gain,
      unrealised_gain_pct: gain !== null && costValue ? gain / costValue : null,
      weight: null,
    },
    data_freshness_hours: options.stale ? 240 : 20,
    newest_bar_at: '2025-01-01T14:30:00.000Z',
    quote_at: '2025-01-01T21:00:00.000Z',
    newest_bar_age_trading_days: options.stale ? 9 : 1,
    stale: options.stale ?? false,
    provenance: options.provenance ?? testProvenance(),
    simulated: (options.provenance ?? testProvenance()).yahoo_finance?.simulated === true,
    warnings: options.warnings ?? [],
    narrative: null,
    llm: options.llm ?? null,
    durations: {
      fetch_seconds: options.fetchSeconds ?? 0.5,
      analysis_seconds: options.analysisSeconds ?? 0.25,
      llm_seconds: 0,
      total_seconds: (options.fetchSeconds ?? 0.5) + (options.analysisSeconds ?? 0.25),
    },
    peak_rss_mb: 100,
    analysed_at: options.analysedAt ?? '2025-01-02T09:01:00.000Z',
  });
}

/** A failed result as the crew writes it: grade N/A, WAIT, the reason in the rationale. */
export function failedCrewResult(
  ticker: string,
  error: string | null,
  options: {
    name?: string | null;
    mode?: CrewResult['mode'];
    fetchSeconds?: number;
    shares?: number | null;
    provenance?: TickerProvenance;
  } = {},
): CrewResult {
  // The product's own failed result, as the Crew writes it, plus the handler's fields.
  const holding = { ticker, index: 0, ...(options.name ? { name: options.name } : {}), ...(options.shares != null ? { shares: options.shares } : {}) };
  return crewResultSchema.parse({
    ...failedAnalysis(holding, error ?? 'unknown', 'USD'),
    error,
    mode: options.mode ?? 'batch',
    provenance: options.provenance ?? testProvenance(undefined, { failed: true }),
    simulated: options.provenance?.yahoo_finance?.simulated === true,
    narrative: null,
    llm: null,
    durations: { fetch_seconds: options.fetchSeconds ?? 0.2, analysis_seconds: 0, llm_seconds: 0, total_seconds: options.fetchSeconds ?? 0.2 },
    peak_rss_mb: 80,
    analysed_at: '2025-01-02T09:01:00.000Z',
  });
}
