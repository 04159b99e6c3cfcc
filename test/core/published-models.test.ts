import { describe, expect, it } from 'vitest';
import { altmanZ } from '../../lambdas/core/analysis/models/altman.js';
import { piotroskiFScore } from '../../lambdas/core/analysis/models/piotroski.js';
import { publishedModels } from '../../lambdas/core/analysis/models/published-models.js';
import type { AnnualStatements, YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';

type Values = Record<string, number>;
const year = (end: string, values: Values) => ({ period_end: `${end}T00:00:00.000Z`, values });
/** A company that improved on every count from 2023 to 2024 (2022 gives 2023's beginning assets). */
const BASE: Values = { netIncome: 100, totalAssets: 1000, operatingCashFlow: 150, longTermDebt: 300, currentAssets: 400, currentLiabilities: 200, ordinarySharesNumber: 50, grossProfit: 400, totalRevenue: 1000 };
const statements = (y2022: Values, y2023: Values, y2024: Values): AnnualStatements => ({
  years: [year('2022-12-31', y2022), year('2023-12-31', y2023), year('2024-12-31', y2024)],
});
const strong = () =>
  statements(
    { ...BASE },
    { ...BASE, netIncome: 80, longTermDebt: 300, currentAssets: 380, ordinarySharesNumber: 50, grossProfit: 380, totalRevenue: 1000 },
    { ...BASE, netIncome: 120, totalAssets: 1100, operatingCashFlow: 200, longTermDebt: 280, currentAssets: 500, currentLiabilities: 200, ordinarySharesNumber: 49, grossProfit: 460, totalRevenue: 1150 },
  );

describe('Piotroski F-score', () => {
  it('passes all nine signals of a company that improved on every count, with the values worked out by hand', () => {
    const f = piotroskiFScore(strong());
    expect(f).toMatchObject({ score: 9, max: 9, period_end: '2024-12-31' });
    if (f.score === null) throw new Error(f.reason);
    const v = Object.fromEntries(f.signals.map((s) => [s.name, [s.pass, s.value, s.previous]]));
    expect(v['ROA > 0 (net income / beginning-of-year total assets)']).toEqual([true, 0.12, 0]); // 120 / 1000
    expect(v['operating cash flow > 0']).toEqual([true, 200, 0]);
    expect(v['ROA up']).toEqual([true, 0.12, 0.08]); // 80 / 1000
    expect(v['operating cash flow / beginning-of-year assets > ROA (accruals)']).toEqual([true, 0.2, 0.12]);
    expect(v['long-term debt / average total assets down']).toEqual([true, 0.266667, 0.3]); // 280 / 1050, 300 / 1000
    expect(v['current ratio up']).toEqual([true, 2.5, 1.9]);
    expect(v['ordinary shares not increased']).toEqual([true, 49, 50]);
    expect(v['gross margin up']).toEqual([true, 0.4, 0.38]);
    expect(v['asset turnover up (revenue / beginning-of-year assets)']).toEqual([true, 1.15, 1]);
  });

  it('fails each signal when its figure turns the other way', () => {
    const weak = statements(
      { ...BASE },
      { ...BASE },
      { ...BASE, netIncome: -10, operatingCashFlow: -20, longTermDebt: 400, currentAssets: 300, ordinarySharesNumber: 60, grossProfit: 300, totalRevenue: 900 },
    );
    const f = piotroskiFScore(weak);
    expect(f).toMatchObject({ score: 0 });
  });

  it('gives no number without three fiscal years or with a figure missing, and says why', () => {
    expect(piotroskiFScore({ years: strong().years.slice(1) })).toEqual({
      score: null,
      reason: expect.stringMatching(/^needs three fiscal years .* the statements have 2$/),
    });
    const { grossProfit: _gone, ...noGross } = BASE;
    expect(piotroskiFScore(statements(BASE, BASE, noGross))).toEqual({ score: null, reason: 'the statements lack gross profit' });
  });
});

describe('Altman Z', () => {
  const latest: Values = { workingCapital: 200, retainedEarnings: 300, EBIT: 150, totalLiabilitiesNetMinorityInterest: 500, totalRevenue: 1200, totalAssets: 1000, stockholdersEquity: 500 };
  const one = (values: Values): AnnualStatements => ({ years: [year('2024-12-31', values)] });

  it('original (1968) for a manufacturer: 1.2 WC/TA + 1.4 RE/TA + 3.3 EBIT/TA + 0.6 MVE/TL + 1.0 S/TA', () => {
    const z = altmanZ(one(latest), { holding: { sector: 'Industrials', industry: 'Machinery' }, marketValueOfEquity: 1500, currency: 'USD' });
    // 0.24 + 0.42 + 0.495 + 1.8 + 1.2 = 4.155
    expect(z).toMatchObject({ score: 4.155, zone: 'safe', variant: 'original', period_end: '2024-12-31' });
  });

  it("Z'' (1995) for a non-manufacturer, with book equity: 6.56 WC/TA + 3.26 RE/TA + 6.72 EBIT/TA + 1.05 BE/TL", () => {
    const z = altmanZ(one(latest), { holding: { sector: 'Utilities', industry: 'Utilities - Regulated Electric' }, marketValueOfEquity: null, currency: 'USD' });
    // 1.312 + 0.978 + 1.008 + 1.05 = 4.348
    expect(z).toMatchObject({ score: 4.348, zone: 'safe', variant: 'z-double-prime' });
  });

  it('places the zones at the published bounds', () => {
    const distress = altmanZ(one({ ...latest, workingCapital: -300, retainedEarnings: -400, EBIT: 10, totalRevenue: 500 }), { holding: { sector: 'Industrials', industry: null }, marketValueOfEquity: 100, currency: 'USD' });
    expect(distress).toMatchObject({ zone: 'distress' });
  });

  it('none for a bank, none without a market value for the original, working capital from current assets and liabilities', () => {
    expect(altmanZ(one(latest), { holding: { sector: 'Financial Services', industry: 'Banks - Regional' }, marketValueOfEquity: 1, currency: 'USD' })).toMatchObject({ score: null, reason: expect.stringMatching(/^not designed for Banks - Regional/) });
    expect(altmanZ(one(latest), { holding: { sector: 'Technology', industry: null }, marketValueOfEquity: null, marketValueReason: 'no rate to turn JPY into the statements\u2019 USD', currency: 'USD' })).toMatchObject({ score: null, reason: expect.stringContaining('market value of equity') });
    const { workingCapital: _wc, ...noWc } = latest;
    const z = altmanZ(one({ ...noWc, currentAssets: 600, currentLiabilities: 400 }), { holding: { sector: 'Industrials', industry: null }, marketValueOfEquity: 1500, currency: 'USD' });
    expect(z).toMatchObject({ score: 4.155, inputs: { working_capital: 200 } });
  });
});

describe('the models of a holding', () => {
  const data = (quote: Record<string, unknown>, statementsOf?: AnnualStatements): YahooTickerData => ({
    symbol: 'X',
    quote,
    summary: { assetProfile: { sector: 'Industrials', industry: 'Machinery' } },
    summaryErrors: {},
    bars: [],
    ...(statementsOf ? { statements: statementsOf } : { statementsError: 'HTTP 404' }),
  });

  it('says why for a fund and for a company without statements, never a number', () => {
    expect(publishedModels(data({ quoteType: 'ETF' }), {}, 'USD').piotroski_f_score).toEqual({ score: null, reason: expect.stringMatching(/^not a company/) });
    expect(publishedModels(data({ quoteType: 'EQUITY' }), {}, 'USD').altman_z).toEqual({ score: null, reason: 'no annual statements (HTTP 404)' });
  });

  it("converts the market value into the statements' currency through the base", () => {
    const latest = { workingCapital: 200, retainedEarnings: 300, EBIT: 150, totalLiabilitiesNetMinorityInterest: 500, totalRevenue: 1200, totalAssets: 1000 };
    // Quoted in GBp, reported in USD: 150,000 pence = 1,500 GBP = 1,875 USD at 1.25 (base USD).
    const models = publishedModels(data({ quoteType: 'EQUITY', currency: 'GBp', marketCap: 150_000, financialCurrency: 'USD' }, { years: [year('2024-12-31', latest)] }), { GBP: 1.25 }, 'USD');
    expect(models.altman_z).toMatchObject({ inputs: { market_value_of_equity: 1875, currency: 'USD' } });
    const unknown = publishedModels(data({ quoteType: 'EQUITY', currency: 'JPY', marketCap: 1, financialCurrency: 'USD' }, { years: [year('2024-12-31', latest)] }), {}, 'USD');
    expect(unknown.altman_z).toMatchObject({ score: null, reason: expect.stringContaining('no rate to turn JPY') });
  });
});
