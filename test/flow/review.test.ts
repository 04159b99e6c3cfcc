// A 66-holding local run on the simulator reads as a useful review: every holding graded with
// a recommendation, every number finite, a ranked table and SELL candidates with reasons.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { crewResultSchema, type CrewResult } from '../../lambdas/core/analysis/crew-result.js';
import { nonFiniteNumberPaths, numberCount } from '../support/walk-numbers.js';
import { runFlow, type FlowRun } from './support.js';

let run: FlowRun;
let results: CrewResult[];


beforeAll(async () => {
  run = await runFlow('examples/portfolio.csv');
  results = await Promise.all(
    run.resultFiles.map(async (file) => crewResultSchema.parse(JSON.parse(await readFile(join(run.result.outDir, 'results', file), 'utf-8')))),
  );
});

describe('the review of the 66-holding example', () => {
  it('gives every holding a grade and a recommendation', () => {
    expect(results).toHaveLength(66);
    for (const result of results) {
      expect(result.status).toBe('ok');
      expect(result.grade).toMatch(/^(A\+|A|B|C|D|F)$/);
      expect(['BUY', 'HOLD', 'SELL']).toContain(result.recommendation);
      expect(result.rationale.length).toBeGreaterThan(1);
    }
    // The simulator's ETFs are analysed as ETFs: no fundamentals, the weight shared out.
    const spy = results.find((result) => result.ticker === 'SPY')!;
    expect(spy).toMatchObject({ asset_type: 'ETF', fundamental_score: null });
    expect(spy.weights.fundamental).toBe(0);
  });

  it('has no NaN or Infinity in any result or in the report', () => {
    // Stored as JSON, a NaN would have become null: crewResultSchema (finite numbers, nullable
    // only where data may be missing) rejects it when the results are parsed above.
    const bad = [...results.flatMap((result) => nonFiniteNumberPaths(result, result.ticker)), ...nonFiniteNumberPaths(run.report, 'report')];
    expect(bad).toEqual([]);
    expect(numberCount(results)).toBeGreaterThan(66 * 50);
  });

  it('weights the holdings by market value and ranks them by composite', () => {
    const holdings = run.report.holdings as unknown as Array<{ ticker: string; weight: number | null; composite_score: number | null; rank: number | null }>;
    const weights = holdings.map((holding) => holding.weight ?? 0);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const composites = holdings.map((holding) => holding.composite_score ?? -1);
    expect(composites).toEqual([...composites].sort((a, b) => b - a));
    expect(holdings.map((holding) => holding.rank)).toEqual(holdings.map((_, i) => i + 1));
  });

  it('report.md has the ranked table and every SELL candidate with its reasons', () => {
    const md = run.reportMarkdown;
    expect(md).toContain('## Holdings, ranked by composite');
    const sells = results.filter((result) => result.recommendation === 'SELL').map((result) => result.ticker);
    const section = md.slice(md.indexOf('## SELL candidates'), md.indexOf('## Holdings, ranked'));
    // The section lists exactly the SELL results (the calibrated scale may give this example none: "None.").
    const listed = [...section.matchAll(/^- \*\*([^*]+)\*\*/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...sells].sort());
    expect(section.includes('None.')).toBe(sells.length === 0);
    for (const ticker of sells) {
      expect(section).toContain(`**${ticker}**`);
      const block = section.slice(section.indexOf(`**${ticker}**`)).split('\n- **')[0]!;
      expect(block).toMatch(/\n  - .*\d/); // at least one reason that cites a number
    }
    const summary = (run.report as unknown as { summary: { grade_distribution: Record<string, number> } }).summary;
    expect(Object.values(summary.grade_distribution).reduce((a, b) => a + b, 0)).toBe(66);
  });

  it("report.json's portfolio_risk agrees with the results: exposures sum to 1, HHI is the sum of squared weights, contributions sum to 1, VaR <= CVaR", () => {
    type Risk = {
      observations: number;
      var_95_1d: number;
      cvar_95_1d: number;
      var_95_10d: number;
      cvar_95_10d: number;
      concentration: { hhi: number };
      exposures: Record<string, Record<string, number>>;
      risk_contributions: Array<{ ticker: string; contribution: number }>;
    };
    const risk = (run.report as unknown as { portfolio_risk: Risk }).portfolio_risk;
    expect(risk.observations).toBeGreaterThan(200);
    for (const [name, map] of Object.entries(risk.exposures)) {
      expect(Object.values(map).reduce((a, b) => a + b, 0), name).toBeCloseTo(1, 6);
    }
    // The ETFs have no single sector or country: a key of their own, "fund", with all their weight.
    const holdings = run.report.holdings as unknown as Array<{ weight: number | null; asset_type: string | null }>;
    const fundWeight = holdings.filter((h) => h.asset_type === 'ETF').reduce((sum, h) => sum + (h.weight ?? 0), 0);
    expect(fundWeight).toBeGreaterThan(0);
    expect(risk.exposures.sector!.fund).toBeCloseTo(fundWeight, 6);
    expect(risk.exposures.country!.fund).toBeCloseTo(fundWeight, 6);
    expect(risk.exposures.sector!.unknown).toBeUndefined();
    const weights = holdings.map((h) => h.weight ?? 0);
    expect(risk.concentration.hhi).toBeCloseTo(weights.reduce((sum, w) => sum + w * w, 0), 6);
    expect(risk.risk_contributions.reduce((sum, c) => sum + c.contribution, 0)).toBeCloseTo(1, 6);
    expect(risk.risk_contributions).toHaveLength(66);
    expect(risk.var_95_1d).toBeLessThanOrEqual(risk.cvar_95_1d);
    expect(risk.var_95_10d).toBeLessThanOrEqual(risk.cvar_95_10d);
    expect(run.reportMarkdown).toContain('## Portfolio risk');
  });
});
