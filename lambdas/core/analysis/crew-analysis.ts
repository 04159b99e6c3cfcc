// The crew over one ticker: the fundamental, technical and risk analysts and the street view,
// then the portfolio manager's decision and the position in the base currency. Pure and
// deterministic: the same data gives the same result.
import type { AlphaVantageFigures } from '../alpha-vantage/alpha-vantage.js';
import { assetType } from './analysts/asset-type.js';
import { readCompanyProfile } from './company-profile.js';
import { analyseFundamentals } from './analysts/fundamental-analyst.js';
import { publishedModels } from './models/published-models.js';
import { decide } from './analysts/portfolio-manager.js';
import { analyseRisk } from './analysts/risk-analyst.js';
import { streetView } from './analysts/street-view.js';
import { analyseTechnicals } from './analysts/technical-analyst.js';
import type { ManifestItem } from '../contracts.js';
import type { CrewResult } from './crew-result.js';
import { dataFreshness } from './data-freshness.js';
import { DEFAULT_STALE_AFTER_TRADING_DAYS } from '../config/freshness-config.js';
import type { MarketContext } from '../prefetch/market-context.js';
import type { YahooTickerData } from '../prefetch/market-data.js';
import { positionFigures } from '../portfolio/position.js';
import { buildPriceChart } from '../report/price-chart.js';
import { compactReturns, type CompactReturns } from '../portfolio/compact-returns.js';

/** The parts of a result the crew computes; the handler adds mode, durations and narrative. */
export type CrewAnalysis = Omit<
  CrewResult,
  'mode' | 'durations' | 'peak_rss_mb' | 'analysed_at' | 'narrative' | 'llm' | 'provenance' | 'simulated'
>;

export function analyseTicker(input: {
  holding: ManifestItem;
  data: YahooTickerData;
  context: MarketContext | null;
  baseCurrency: string;
  benchmarkSymbol: string;
  now: Date;
  /** Alpha Vantage's figures (the secondary source), used where Yahoo lacks one. */
  alphaVantage?: AlphaVantageFigures | null;
  /** STALE_AFTER_TRADING_DAYS (default 5). */
  staleAfterTradingDays?: number;
}): CrewAnalysis {
  const { holding, data, context, now } = input;
  const models = publishedModels(data, context?.fx_rates ?? {}, input.baseCurrency);
  const fundamental = analyseFundamentals(data, input.alphaVantage, { medians: context?.sector_medians ?? null, runDate: now.toISOString() }, models);
  const technical = analyseTechnicals(data.bars);
  const risk = analyseRisk({
    bars: data.bars,
    benchmarkBars: context?.benchmark?.bars ?? null,
    benchmarkSymbol: context?.benchmark?.symbol ?? input.benchmarkSymbol,
    weight: holding.weight ?? null,
    quoteAverageVolume: numberField(data.quote, 'averageDailyVolume3Month'),
  });
  const threshold = input.staleAfterTradingDays ?? DEFAULT_STALE_AFTER_TRADING_DAYS;
  const freshness = dataFreshness(data, now, threshold);
  const stale = freshness.stale
    ? { tradingDays: freshness.barAgeTradingDays ?? 0, threshold, newestBarAt: freshness.newestBarAt }
    : null;
  const decision = decide({ fundamental, technical, risk, stale });
  const quoteCurrency = stringField(data.quote, 'currency') ?? stringField(summaryModule(data, 'price'), 'currency');
  const position = positionFigures({
    holding,
    lastPrice: lastPrice(data),
    quoteCurrency,
    rates: context?.fx_rates ?? {},
    baseCurrency: input.baseCurrency,
    weight: holding.weight ?? null,
  });
  // No chart (a 404, or nothing answered): the quote and fundamentals are still analysed.
  const noBars = data.barsError !== undefined;
  const warnings = noBars
    ? [`No price history (${data.barsError}): no technical analysis; the quote and fundamentals are analysed`, ...fundamental.warnings, ...risk.warnings, ...decision.warnings]
    : [...fundamental.warnings, ...technical.warnings, ...risk.warnings, ...decision.warnings];
  if (position.shares !== null && position.market_value === null && position.last_price !== null) {
    warnings.push(`No FX rate from ${quoteCurrency ?? 'an unknown currency'} to ${input.baseCurrency}: no market value`);
  }
  return {
    ticker: holding.ticker,
    name: holding.name ?? stringField(data.quote, 'longName') ?? stringField(data.quote, 'shortName'),
    quote_currency: quoteCurrency,
    asset_type: assetType(data),
    ...readCompanyProfile(data),
    status: 'ok',
    error: null,
    composite_score: decision.composite,
    grade: decision.grade,
    recommendation: decision.recommendation,
    confidence: decision.confidence,
    rationale: decision.rationale,
    lead_finding: decision.lead,
    models,
    fundamental_score: fundamental.score,
    technical_score: noBars ? null : technical.score,
    risk_score: risk.score,
    weights: decision.weights,
    fundamental,
    technical: noBars ? null : technical,
    risk,
    street_view: streetView(data),
    price_chart: buildPriceChart(data.bars),
    daily_returns: dailyReturnsOf(data),
    position,
    data_freshness_hours: freshness.hours,
    newest_bar_at: freshness.newestBarAt,
    quote_at: freshness.quoteAt,
    newest_bar_age_trading_days: freshness.barAgeTradingDays,
    stale: freshness.stale,
    warnings,
  };
}

/** A ticker the crew could not analyse: grade N/A and WAIT, with the reason. */
export function failedAnalysis(holding: ManifestItem, reason: string, baseCurrency: string): CrewAnalysis {
  return {
    ticker: holding.ticker,
    name: holding.name ?? null,
    quote_currency: null,
    asset_type: null,
    sector: null,
    industry: null,
    country: null,
    profile_reason: `no profile: ${reason}`,
    status: 'failed',
    error: reason,
    composite_score: null,
    grade: 'N/A',
    recommendation: 'WAIT',
    confidence: 0,
    rationale: [`WAIT: no analysis, ${reason}.`],
    fundamental_score: null,
    technical_score: null,
    risk_score: null,
    weights: { fundamental: 0, technical: 0, risk: 0 },
    fundamental: null,
    technical: null,
    risk: null,
    street_view: null,
    price_chart: null,
    position: positionFigures({ holding, lastPrice: null, quoteCurrency: null, rates: {}, baseCurrency, weight: holding.weight ?? null }),
    data_freshness_hours: null,
    newest_bar_at: null,
    quote_at: null,
    newest_bar_age_trading_days: null,
    stale: false,
    warnings: [],
  };
}

/** The quote's price, else the last close (unadjusted: what the holding is worth today). */
function lastPrice(data: YahooTickerData): number | null {
  const quoted = data.quote?.regularMarketPrice;
  if (typeof quoted === 'number' && Number.isFinite(quoted) && quoted > 0) return quoted;
  for (let i = data.bars.length - 1; i >= 0; i--) {
    const close = data.bars[i]!.close;
    if (typeof close === 'number' && Number.isFinite(close) && close > 0) return close;
  }
  return null;
}

function summaryModule(data: YahooTickerData, name: string): Record<string, unknown> | null {
  const module = data.summary[name];
  return module && typeof module === 'object' ? (module as Record<string, unknown>) : null;
}

function numberField(record: Record<string, unknown> | null, key: string): number | null {
  const value = record?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function stringField(record: Record<string, unknown> | null, key: string): string | null {
  const value = record?.[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * The holding's daily simple returns from its adjusted closes, one date each (YYYY-MM-DD), for
 * Consolidate's portfolio risk. The run has today's FX rates only, so a foreign holding's returns
 * are its own currency's: converting by one constant rate would not change them.
 */
function dailyReturnsOf(data: YahooTickerData): CompactReturns | null {
  if (data.bars.length < 2) return null;
  const closes = data.bars.map((bar) => bar.adjclose ?? bar.close ?? Number.NaN);
  return compactReturns(data.bars.map((bar) => bar.date.slice(0, 10)), closes);
}
