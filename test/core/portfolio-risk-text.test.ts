import { describe, expect, it } from 'vitest';
import { portfolioRisk } from '../../lambdas/core/portfolio/portfolio-risk.js';
import { correlationTable, MARKDOWN_CORRELATION_HOLDINGS, renderPortfolioRiskMarkdown } from '../../lambdas/core/report/portfolio-risk-text.js';

const days = Array.from({ length: 40 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);
const wave = (phase: number, scale = 0.01) => days.map((_, i) => scale * Math.sin(i * 1.3 + phase));

function riskOf(count: number) {
  return portfolioRisk({
    asOf: '2026-02-10T00:00:00Z',
    baseCurrency: 'USD',
    benchmark: { ticker: 'SPY', dates: days, returns: wave(0) },
    // H0 is the largest; H1 moves exactly as H0, H2 exactly against it.
    holdings: Array.from({ length: count }, (_, i) => ({
      ticker: `H${i}`,
      weight: count - i,
      dates: days,
      returns: i === 1 ? wave(0, 0.02) : i === 2 ? wave(0).map((x) => -x) : wave(i),
      sector: 'Technology',
    })),
  });
}

describe("report.md's correlation table", () => {
  it('lists the largest holdings, largest first, with their correlations', () => {
    const table = correlationTable(riskOf(3));
    expect(table[0]).toBe('| | H0 | H1 | H2 |');
    expect(table[2]).toBe('| H0 | 1.00 | 1.00 | -1.00 |');
    expect(table[4]).toBe('| H2 | -1.00 | -1.00 | 1.00 |');
  });

  it(`keeps to the ${MARKDOWN_CORRELATION_HOLDINGS} largest, and says how many it shows`, () => {
    const risk = riskOf(14);
    const table = correlationTable(risk);
    expect(table).toHaveLength(2 + MARKDOWN_CORRELATION_HOLDINGS);
    expect(table[0]).not.toContain('H10');
    const markdown = renderPortfolioRiskMarkdown(risk).join('\n');
    expect(markdown).toContain(`**Correlation of the ${MARKDOWN_CORRELATION_HOLDINGS} largest holdings** (daily returns; report.html has the heatmap of 14)`);
  });

  it('has no table for a single holding', () => {
    expect(correlationTable(riskOf(1))).toEqual([]);
  });
});
