// PortfolioReports and holding details for report.html tests, built the way Consolidate builds
// them (ranked rows with weights, real metrics), from crew results made by crew-result-builder.
import type { ManifestItem } from '../../lambdas/core/contracts.js';
import { holdingDetail, type HoldingDetail } from '../../lambdas/core/report/holding-detail.js';
import { buildPortfolioReport, type PortfolioReport } from '../../lambdas/core/report/portfolio-report.js';
import { buildPriceChart } from '../../lambdas/core/report/price-chart.js';
import { buildBatchPrefetchMetrics } from '../../lambdas/core/metrics/run-metrics.js';
import { rankRows, toReportRow, withWeights, type TickerOutcome } from '../../lambdas/core/report/ticker-outcome.js';
import { okCrewResult } from './crew-result-builder.js';

export const item = (ticker: string, index: number, extra: Partial<ManifestItem> = {}): ManifestItem => ({ ticker, index, ...extra });

export function makeReport(
  outcomes: TickerOutcome[],
  extra: { fallbackReason?: string | null; simulated?: boolean; baseCurrency?: string } = {},
): PortfolioReport {
  const rows = withWeights(rankRows(outcomes.map(toReportRow)));
  const mode = extra.fallbackReason ? 'sequential' : 'batch';
  const metrics = buildBatchPrefetchMetrics({
    sessionId: 'sess-html',
    timestamp: '2025-01-01T00:01:00.000Z',
    mode,
    fallbackReason: extra.fallbackReason ?? null,
    fallbackAt: extra.fallbackReason ? '2025-01-01T00:00:05.000Z' : null,
    batchSize: 3,
    totalBatches: 2,
    rows,
    prefetch: null,
    crewSeconds: 3,
    totalSeconds: 4,
    memoryUsageMb: 100,
    peakMemoryUsageMb: 120,
    alphaVantageEnabled: false,
  });
  const report = buildPortfolioReport({
    sessionId: 'sess-html',
    generatedAt: '2025-01-01T00:01:00.000Z',
    startedAt: '2025-01-01T00:00:00.000Z',
    portfolioKey: null,
    mode,
    fallbackReason: extra.fallbackReason ?? null,
    fallbackAt: extra.fallbackReason ? '2025-01-01T00:00:05.000Z' : null,
    baseCurrency: extra.baseCurrency ?? 'USD',
    rows,
    metrics,
  });
  return extra.simulated === undefined ? report : { ...report, simulated: extra.simulated };
}

const bars = (n: number, start: number) =>
  Array.from({ length: n }, (_, i) => {
    const close = start + i * 0.3 + (i % 5);
    return { date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(), open: close, high: close, low: close, close, volume: 1000 };
  });

/** A holding's details with a year of made-up prices, so that it has a price chart. */
export function detailOf(ticker: string, composite: number, shares = 10): HoldingDetail {
  return { ...holdingDetail(okCrewResult(ticker, { composite, shares })), price_chart: buildPriceChart(bars(252, 50 + composite * 100)) };
}

/** `data-chart` names of every chart figure, in page order. */
export const chartNames = (html: string) => [...html.matchAll(/<figure class="chart" data-chart="([^"]+)"><svg /g)].map((m) => m[1]);
