// `runs/<sessionId>/results/<TICKER>.json`: one ticker's analysis, ok or failed. The schema is
// the published shape of a result (and of each holding in the report). A per-ticker problem is
// data, not an exception: a failed result carries the reason, grade N/A and WAIT.
import { z } from 'zod';
import { ASSET_TYPES } from './analysts/asset-type.js';
import { companyProfileSchema } from './company-profile.js';
import { analystReportSchema } from './analysts/finding.js';
import { gradeSchema, recommendationSchema } from './analysts/portfolio-manager.js';
import { referenceSchema } from './sector-references.js';
import { compactReturnsSchema } from '../portfolio/compact-returns.js';
import { publishedModelsSchema } from './models/published-models.js';
import { streetViewSchema } from './analysts/street-view.js';
import { runModeSchema } from '../contracts.js';
import { narrativeSchema } from './narrative.js';
import { positionSchema } from '../portfolio/position.js';
import { priceChartSchema } from '../report/price-chart.js';
import { tickerProvenanceSchema } from '../report/provenance.js';

const finiteNumber = z.number().finite();

export const crewResultSchema = z.object({
  ticker: z.string(),
  name: z.string().nullable(),
  quote_currency: z.string().nullable(),
  asset_type: z.enum(ASSET_TYPES).nullable(),
  /** From Yahoo's profile (company-profile.ts); null with `profile_reason` when unknown. Optional:
   * results written before they existed have none. */
  sector: companyProfileSchema.shape.sector.optional(),
  industry: companyProfileSchema.shape.industry.optional(),
  country: companyProfileSchema.shape.country.optional(),
  profile_reason: companyProfileSchema.shape.profile_reason.optional(),
  status: z.enum(['ok', 'failed']),
  error: z.string().nullable(),
  mode: runModeSchema,
  composite_score: finiteNumber.min(0).max(1).nullable(),
  grade: gradeSchema,
  recommendation: recommendationSchema,
  confidence: finiteNumber.min(0).max(1),
  rationale: z.array(z.string()),
  /** The finding that weighed most for the decision, with its reference (optional: older results have none). */
  lead_finding: z
    .object({
      analyst: z.enum(['fundamental', 'technical', 'risk']),
      metric: z.string(),
      sentence: z.string(),
      weight: finiteNumber,
      source: z.string(),
      reference: referenceSchema.nullable(),
      reference_reason: z.string().nullable(),
    })
    .nullable()
    .optional(),
  /** Piotroski's F-score and Altman's Z with their inputs, or why they do not apply (optional: older results). */
  models: publishedModelsSchema.nullable().optional(),
  fundamental_score: finiteNumber.min(0).max(1).nullable(),
  technical_score: finiteNumber.min(0).max(1).nullable(),
  risk_score: finiteNumber.min(0).max(1).nullable(),
  /** The composite's weights after redistribution (a component without data has 0). */
  weights: z.object({ fundamental: finiteNumber, technical: finiteNumber, risk: finiteNumber }),
  fundamental: analystReportSchema.nullable(),
  technical: analystReportSchema.extend({ indicators: z.record(z.string(), z.unknown()) }).nullable(),
  risk: analystReportSchema.extend({ measures: z.record(z.string(), z.unknown()) }).nullable(),
  street_view: streetViewSchema.nullable(),
  /** Closes with SMA 50/200 for the report's chart; optional: results written before it had none. */
  price_chart: priceChartSchema.nullable().optional(),
  /** Daily simple returns over the year, for the portfolio's risk in Consolidate (optional: older results). */
  daily_returns: compactReturnsSchema.nullable().optional(),
  position: positionSchema,
  data_freshness_hours: finiteNumber.nonnegative().nullable(),
  newest_bar_at: z.string().nullable(),
  quote_at: z.string().nullable(),
  /** Trading days (weekdays) since the newest bar; null without one. */
  newest_bar_age_trading_days: z.number().int().nonnegative().nullable(),
  /** The newest bar is older than STALE_AFTER_TRADING_DAYS: confidence lowered, with the reason. */
  stale: z.boolean(),
  /** Where the data came from, per source (provenance.ts). */
  provenance: tickerProvenanceSchema,
  /** The data came from a simulator: not market data. */
  simulated: z.boolean(),
  warnings: z.array(z.string()),
  narrative: narrativeSchema.nullable(),
  /** `budget`: no narrative because the next call could pass LLM_BUDGET_USD; optional: older results had none. */
  narrative_skipped: z.enum(['budget']).nullable().optional(),
  llm: z
    .object({
      model_id: z.string(),
      input_tokens: z.number().int().nonnegative(),
      output_tokens: z.number().int().nonnegative(),
      cost_usd: finiteNumber.nonnegative().nullable(),
    })
    .nullable(),
  durations: z.object({
    fetch_seconds: finiteNumber.nonnegative(),
    analysis_seconds: finiteNumber.nonnegative(),
    llm_seconds: finiteNumber.nonnegative(),
    total_seconds: finiteNumber.nonnegative(),
  }),
  peak_rss_mb: finiteNumber.nonnegative(),
  analysed_at: z.string(),
});
export type CrewResult = z.infer<typeof crewResultSchema>;
