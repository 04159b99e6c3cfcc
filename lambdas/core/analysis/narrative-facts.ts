// The computed figures an LLM narrative must stay within, taken from the crew's analysis.
import type { CrewAnalysis } from './crew-analysis.js';
import type { NarrativeFacts } from './narrative.js';

const MAX_KEY_FINDINGS = 12;

export function narrativeFacts(analysis: CrewAnalysis): NarrativeFacts {
  const findings = [analysis.fundamental, analysis.technical, analysis.risk].flatMap((report) => report?.details ?? []);
  // Findings that moved the score first.
  const ordered = [...findings.filter((f) => f.signal === 'positive' || f.signal === 'negative'), ...findings.filter((f) => f.signal === 'neutral')];
  const street = analysis.street_view;
  return {
    ticker: analysis.ticker,
    name: analysis.name,
    currency: analysis.quote_currency,
    assetType: analysis.asset_type ?? 'OTHER',
    lastPrice: analysis.position.last_price,
    compositeScore: analysis.composite_score,
    grade: analysis.grade,
    recommendation: analysis.recommendation,
    confidence: analysis.confidence,
    fundamentalScore: analysis.fundamental_score,
    technicalScore: analysis.technical_score,
    riskScore: analysis.risk_score,
    keyFindings: ordered.slice(0, MAX_KEY_FINDINGS).map(({ label, value, threshold, signal }) => ({ label, value, threshold, signal })),
    street: street
      ? {
          targetMeanPrice: street.targetMeanPrice ?? null,
          targetHighPrice: street.targetHighPrice ?? null,
          targetLowPrice: street.targetLowPrice ?? null,
          analystCount: street.analystCount ?? null,
          recommendationKey: street.recommendationKey ?? null,
          recommendationMean: street.recommendationMean ?? null,
        }
      : null,
  };
}
