import { describe, expect, it } from 'vitest';
import { assetType, describeAssetType, rawQuoteType } from '../../lambdas/core/analysis/analysts/asset-type.js';
import { analystReportSchema, scoreFindings, type Finding } from '../../lambdas/core/analysis/analysts/finding.js';
import {
  analyseFundamentals,
  FUNDAMENTAL_CATEGORY_WEIGHTS,
  FUNDAMENTAL_THRESHOLDS,
  fundamentalScore,
  thresholdText,
} from '../../lambdas/core/analysis/analysts/fundamental-analyst.js';
import type { YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';

type Json = Record<string, unknown>;
type Modules = Record<string, Json>;

/** A company with the given module fields; quoteType EQUITY unless told. */
function company(modules: Modules = {}, quote: Json | null = { quoteType: 'EQUITY' }, summaryErrors: Record<string, string> = {}): YahooTickerData {
  const summary: Record<string, unknown> = {
    quoteType: { quoteType: 'EQUITY', symbol: 'TEST' },
    summaryDetail: {},
    defaultKeyStatistics: {},
    financialData: {},
  };
  for (const [name, fields] of Object.entries(modules)) summary[name] = { ...(summary[name] as Json | undefined), ...fields };
  return { symbol: 'TEST', quote, summary, summaryErrors, bars: [] };
}

/** One value at `module.field` (or `quote.field`). */
function withValue(path: string, value: unknown): YahooTickerData {
  const [owner, field] = path.split('.') as [string, string];
  if (owner === 'quote') return company({}, { quoteType: 'EQUITY', [field]: value });
  return company({ [owner]: { [field]: value } });
}

function finding(report: { details: Finding[] }, metric: string): Finding {
  const found = report.details.find((f) => f.metric === metric);
  if (!found) throw new Error(`no finding ${metric} in ${report.details.map((f) => f.metric).join(', ')}`);
  return found;
}

/** Every number anywhere in `value`. */
function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => numbersIn(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => numbersIn(v, out));
  return out;
}

/** A healthy, fairly priced company with every figure present. */
const FULL: Modules = {
  summaryDetail: { trailingPE: 38.91442, forwardPE: 29.548735, priceToSalesTrailing12Months: 9.320489 },
  defaultKeyStatistics: { pegRatio: 1.7, priceToBook: 55.328976, enterpriseToEbitda: 27.169, profitMargins: 0.2 },
  financialData: {
    returnOnEquity: 1.3652,
    profitMargins: 0.24295,
    operatingMargins: 0.34459,
    revenueGrowth: 0.04,
    earningsGrowth: 0.101,
    debtToEquity: 145,
    currentRatio: 0.923,
    freeCashflow: 93833871360,
  },
};

describe('the thresholds table', () => {
  it('covers every metric of the brief once, each with a source path per place Yahoo has it', () => {
    expect(FUNDAMENTAL_THRESHOLDS.map((m) => m.metric)).toEqual([
      'trailingPE',
      'forwardPE',
      'pegRatio',
      'priceToBook',
      'priceToSales',
      'enterpriseToEbitda',
      'returnOnEquity',
      'profitMargins',
      'operatingMargins',
      'revenueGrowth',
      'earningsGrowth',
      'debtToEquity',
      'currentRatio',
      'freeCashflow',
    ]);
    const sourceOf = Object.fromEntries(FUNDAMENTAL_THRESHOLDS.map((m) => [m.metric, m.sources]));
    expect(sourceOf.trailingPE).toEqual(['summaryDetail.trailingPE', 'defaultKeyStatistics.trailingPE', 'quote.trailingPE']);
    expect(sourceOf.pegRatio).toEqual(['defaultKeyStatistics.pegRatio', 'defaultKeyStatistics.trailingPegRatio']);
    expect(sourceOf.priceToSales).toEqual(['summaryDetail.priceToSalesTrailing12Months']);
    expect(sourceOf.enterpriseToEbitda).toEqual(['defaultKeyStatistics.enterpriseToEbitda']);
    expect(sourceOf.profitMargins).toEqual(['financialData.profitMargins', 'defaultKeyStatistics.profitMargins']);
    expect(sourceOf.debtToEquity).toEqual(['financialData.debtToEquity']);
  });

  it('category weights sum to 1', () => {
    expect(Object.values(FUNDAMENTAL_CATEGORY_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('writes the rules in words', () => {
    const spec = (metric: string) => FUNDAMENTAL_THRESHOLDS.find((m) => m.metric === metric)!;
    expect(thresholdText(spec('trailingPE'))).toBe(
      '<= 15 positive; 15 to 25 neutral; > 25 negative; below 0 negative (loss-making, not cheap); absent with a negative trailing EPS: negative (loss-making)',
    );
    expect(thresholdText(spec('returnOnEquity'))).toBe('>= 0.15 (15%) positive; 0.05 to 0.15 neutral; < 0.05 (5%) negative');
    expect(thresholdText(spec('debtToEquity'))).toBe(
      "<= 100% (1x) positive; 100 to 200 neutral; > 200% (2x) negative; below 0 negative (negative shareholders' equity)",
    );
    expect(thresholdText(spec('freeCashflow'))).toBe('> 0 positive; 0 neutral; < 0 negative');
    expect(thresholdText(spec('enterpriseToEbitda'))).toMatch(/below 0 not judged/);
  });
});

describe('analyseFundamentals: each threshold at its edges', () => {
  // [metric, where the value is, value, expected signal]. Written out here, not derived from the table.
  const cases: Array<[string, string, number, Finding['signal']]> = [
    ['trailingPE', 'summaryDetail.trailingPE', 0.5, 'positive'],
    ['trailingPE', 'summaryDetail.trailingPE', 15, 'positive'],
    ['trailingPE', 'summaryDetail.trailingPE', 15.01, 'neutral'],
    ['trailingPE', 'summaryDetail.trailingPE', 25, 'neutral'],
    ['trailingPE', 'summaryDetail.trailingPE', 25.01, 'negative'],
    ['trailingPE', 'summaryDetail.trailingPE', -4.2, 'negative'],
    ['forwardPE', 'summaryDetail.forwardPE', 15, 'positive'],
    ['forwardPE', 'summaryDetail.forwardPE', 20, 'neutral'],
    ['forwardPE', 'summaryDetail.forwardPE', 25.5, 'negative'],
    ['forwardPE', 'summaryDetail.forwardPE', -12, 'negative'],
    ['pegRatio', 'defaultKeyStatistics.pegRatio', 1, 'positive'],
    ['pegRatio', 'defaultKeyStatistics.pegRatio', 1.01, 'neutral'],
    ['pegRatio', 'defaultKeyStatistics.pegRatio', 2, 'neutral'],
    ['pegRatio', 'defaultKeyStatistics.pegRatio', 2.01, 'negative'],
    ['pegRatio', 'defaultKeyStatistics.pegRatio', -0.3, 'negative'],
    ['priceToBook', 'defaultKeyStatistics.priceToBook', 1.5, 'positive'],
    ['priceToBook', 'defaultKeyStatistics.priceToBook', 1.51, 'neutral'],
    ['priceToBook', 'defaultKeyStatistics.priceToBook', 5, 'neutral'],
    ['priceToBook', 'defaultKeyStatistics.priceToBook', 5.01, 'negative'],
    ['priceToBook', 'defaultKeyStatistics.priceToBook', -2, 'negative'],
    ['priceToSales', 'summaryDetail.priceToSalesTrailing12Months', 2, 'positive'],
    ['priceToSales', 'summaryDetail.priceToSalesTrailing12Months', 2.01, 'neutral'],
    ['priceToSales', 'summaryDetail.priceToSalesTrailing12Months', 5, 'neutral'],
    ['priceToSales', 'summaryDetail.priceToSalesTrailing12Months', 5.01, 'negative'],
    ['priceToSales', 'summaryDetail.priceToSalesTrailing12Months', -1, 'no data'],
    ['enterpriseToEbitda', 'defaultKeyStatistics.enterpriseToEbitda', 10, 'positive'],
    ['enterpriseToEbitda', 'defaultKeyStatistics.enterpriseToEbitda', 10.01, 'neutral'],
    ['enterpriseToEbitda', 'defaultKeyStatistics.enterpriseToEbitda', 20, 'neutral'],
    ['enterpriseToEbitda', 'defaultKeyStatistics.enterpriseToEbitda', 20.01, 'negative'],
    ['enterpriseToEbitda', 'defaultKeyStatistics.enterpriseToEbitda', -8, 'no data'],
    ['returnOnEquity', 'financialData.returnOnEquity', 0.15, 'positive'],
    ['returnOnEquity', 'financialData.returnOnEquity', 0.1499, 'neutral'],
    ['returnOnEquity', 'financialData.returnOnEquity', 0.05, 'neutral'],
    ['returnOnEquity', 'financialData.returnOnEquity', 0.0499, 'negative'],
    ['returnOnEquity', 'financialData.returnOnEquity', -0.3, 'negative'],
    ['profitMargins', 'financialData.profitMargins', 0.15, 'positive'],
    ['profitMargins', 'financialData.profitMargins', 0.1, 'neutral'],
    ['profitMargins', 'financialData.profitMargins', 0.05, 'neutral'],
    ['profitMargins', 'financialData.profitMargins', 0.0499, 'negative'],
    ['operatingMargins', 'financialData.operatingMargins', 0.2, 'positive'],
    ['operatingMargins', 'financialData.operatingMargins', 0.1999, 'neutral'],
    ['operatingMargins', 'financialData.operatingMargins', 0.1, 'neutral'],
    ['operatingMargins', 'financialData.operatingMargins', 0.0999, 'negative'],
    ['revenueGrowth', 'financialData.revenueGrowth', 0.1, 'positive'],
    ['revenueGrowth', 'financialData.revenueGrowth', 0.0999, 'neutral'],
    ['revenueGrowth', 'financialData.revenueGrowth', 0, 'neutral'],
    ['revenueGrowth', 'financialData.revenueGrowth', -0.001, 'negative'],
    ['earningsGrowth', 'financialData.earningsGrowth', 0.1, 'positive'],
    ['earningsGrowth', 'financialData.earningsGrowth', 0.05, 'neutral'],
    ['earningsGrowth', 'financialData.earningsGrowth', 0, 'neutral'],
    ['earningsGrowth', 'financialData.earningsGrowth', -0.279, 'negative'],
    // Yahoo's debt/equity is in percent: 100 = 1.0x, 200 = 2.0x.
    ['debtToEquity', 'financialData.debtToEquity', 0, 'positive'],
    ['debtToEquity', 'financialData.debtToEquity', 54.342, 'positive'],
    ['debtToEquity', 'financialData.debtToEquity', 100, 'positive'],
    ['debtToEquity', 'financialData.debtToEquity', 145, 'neutral'],
    ['debtToEquity', 'financialData.debtToEquity', 200, 'neutral'],
    ['debtToEquity', 'financialData.debtToEquity', 200.5, 'negative'],
    ['debtToEquity', 'financialData.debtToEquity', -35, 'negative'],
    ['currentRatio', 'financialData.currentRatio', 1.5, 'positive'],
    ['currentRatio', 'financialData.currentRatio', 1.49, 'neutral'],
    ['currentRatio', 'financialData.currentRatio', 1, 'neutral'],
    ['currentRatio', 'financialData.currentRatio', 0.923, 'negative'],
    ['freeCashflow', 'financialData.freeCashflow', 93833871360, 'positive'],
    ['freeCashflow', 'financialData.freeCashflow', 0, 'neutral'],
    ['freeCashflow', 'financialData.freeCashflow', -1, 'negative'],
  ];

  it.each(cases)('%s at %s = %d is %s, value and source as given', (metric, path, value, signal) => {
    const report = analyseFundamentals(withValue(path, value));
    const found = finding(report, metric);
    expect(found.signal).toBe(signal);
    expect(found.value).toBe(value);
    expect(found.source).toBe(`yahoo:${path}`);
    expect(found.threshold.length).toBeGreaterThan(0);
  });

  it('a negative trailing P/E is named loss-making, not cheap', () => {
    const found = finding(analyseFundamentals(withValue('summaryDetail.trailingPE', -4.2)), 'trailingPE');
    expect(found).toMatchObject({ signal: 'negative', value: -4.2, label: 'Trailing P/E (loss-making, not cheap)' });
  });

  it('a negative debt/equity says negative equity; the label says Yahoo gives percent', () => {
    const negative = finding(analyseFundamentals(withValue('financialData.debtToEquity', -35)), 'debtToEquity');
    expect(negative.label).toMatch(/negative shareholders' equity/);
    const usual = finding(analyseFundamentals(withValue('financialData.debtToEquity', 145)), 'debtToEquity');
    expect(usual.label).toBe('Debt/equity (Yahoo gives percent: 145 means 1.45x)');
    expect(usual.threshold).toMatch(/<= 100% \(1x\) positive/);
    expect(usual.value).toBe(145); // as Yahoo gave it, not 1.45
  });
});

describe('analyseFundamentals: where a value is read from', () => {
  it('keeps every value exactly as Yahoo gave it (no rounding)', () => {
    const report = analyseFundamentals(company(FULL));
    expect(finding(report, 'trailingPE').value).toBe(38.91442);
    expect(finding(report, 'forwardPE').value).toBe(29.548735);
    expect(finding(report, 'priceToBook').value).toBe(55.328976);
    expect(finding(report, 'priceToSales').value).toBe(9.320489);
    expect(finding(report, 'enterpriseToEbitda').value).toBe(27.169);
    expect(finding(report, 'returnOnEquity').value).toBe(1.3652);
    expect(finding(report, 'profitMargins').value).toBe(0.24295); // financialData's, before defaultKeyStatistics' 0.2
    expect(finding(report, 'profitMargins').source).toBe('yahoo:financialData.profitMargins');
    expect(finding(report, 'freeCashflow').value).toBe(93833871360);
  });

  it('trailing P/E falls back to defaultKeyStatistics, then to the quote', () => {
    const fromStats = company({ defaultKeyStatistics: { trailingPE: 21 } }, { quoteType: 'EQUITY', trailingPE: 30 });
    expect(finding(analyseFundamentals(fromStats), 'trailingPE')).toMatchObject({ value: 21, source: 'yahoo:defaultKeyStatistics.trailingPE' });
    const fromQuote = company({}, { quoteType: 'EQUITY', trailingPE: 30 });
    expect(finding(analyseFundamentals(fromQuote), 'trailingPE')).toMatchObject({
      value: 30,
      signal: 'negative',
      source: 'yahoo:quote.trailingPE',
    });
  });

  it('a non-finite value in the first place gives way to a finite one further on', () => {
    const data = company({ summaryDetail: { trailingPE: Number.POSITIVE_INFINITY } }, { quoteType: 'EQUITY', trailingPE: 12 });
    const report = analyseFundamentals(data);
    expect(finding(report, 'trailingPE')).toMatchObject({ value: 12, signal: 'positive', source: 'yahoo:quote.trailingPE' });
    expect(report.warnings.filter((w) => w.includes('Infinity'))).toEqual([]);
  });

  it('PEG: pegRatio, else trailingPegRatio', () => {
    expect(finding(analyseFundamentals(withValue('defaultKeyStatistics.trailingPegRatio', 0.8)), 'pegRatio')).toMatchObject({
      value: 0.8,
      signal: 'positive',
      source: 'yahoo:defaultKeyStatistics.trailingPegRatio',
    });
    const both = company({ defaultKeyStatistics: { pegRatio: 2.5, trailingPegRatio: 0.8 } });
    expect(finding(analyseFundamentals(both), 'pegRatio')).toMatchObject({ value: 2.5, signal: 'negative' });
  });

  it('net margin falls back to defaultKeyStatistics.profitMargins', () => {
    expect(finding(analyseFundamentals(withValue('defaultKeyStatistics.profitMargins', 0.04923)), 'profitMargins')).toMatchObject({
      value: 0.04923,
      signal: 'negative',
      source: 'yahoo:defaultKeyStatistics.profitMargins',
    });
  });

  it('a {raw, fmt} figure counts as its raw number', () => {
    const found = finding(analyseFundamentals(withValue('summaryDetail.trailingPE', { raw: 14.2, fmt: '14.20' })), 'trailingPE');
    expect(found).toMatchObject({ value: 14.2, signal: 'positive' });
  });

  it('text, booleans and Dates are not numbers: no data', () => {
    for (const odd of ['12.5', true, new Date(0), {}, []]) {
      expect(finding(analyseFundamentals(withValue('summaryDetail.trailingPE', odd)), 'trailingPE')).toMatchObject({
        value: null,
        signal: 'no data',
      });
    }
  });
});

describe('analyseFundamentals: a loss-making company', () => {
  it('no trailing P/E and a negative trailing EPS: negative, with the EPS cited, never cheap', () => {
    const data = company({ defaultKeyStatistics: { trailingEps: -1.37, forwardEps: -0.5 } });
    const report = analyseFundamentals(data);
    expect(finding(report, 'trailingPE')).toEqual({
      metric: 'trailingPE',
      label: 'Trailing P/E (none: loss-making, trailing EPS -1.37)',
      reference: null,
      reference_reason: 'no sector known',
      value: null,
      threshold: expect.stringContaining('absent with a negative trailing EPS: negative') as unknown as string,
      signal: 'negative',
      source: 'yahoo:defaultKeyStatistics.trailingEps',
    });
    expect(finding(report, 'forwardPE')).toMatchObject({ signal: 'negative', value: null, label: expect.stringMatching(/losses expected/) });
  });

  it('the EPS may come from the quote', () => {
    const data = company({}, { quoteType: 'EQUITY', epsTrailingTwelveMonths: -2 });
    expect(finding(analyseFundamentals(data), 'trailingPE')).toMatchObject({ signal: 'negative', source: 'yahoo:quote.epsTrailingTwelveMonths' });
  });

  it('a negative forward P/E (as the 2026 recordings show) is negative', () => {
    const report = analyseFundamentals(company({ summaryDetail: { forwardPE: -48.5 }, defaultKeyStatistics: { trailingEps: -3 } }));
    expect(finding(report, 'forwardPE')).toMatchObject({ signal: 'negative', value: -48.5, label: 'Forward P/E (losses expected, not cheap)' });
    expect(finding(report, 'trailingPE').signal).toBe('negative');
  });

  it('no P/E and a positive or missing EPS is simply no data', () => {
    expect(finding(analyseFundamentals(company({ defaultKeyStatistics: { trailingEps: 2 } })), 'trailingPE')).toMatchObject({
      signal: 'no data',
      value: null,
      source: 'yahoo:summaryDetail.trailingPE',
    });
    expect(finding(analyseFundamentals(company()), 'trailingPE').signal).toBe('no data');
  });

  it('a loss-maker scores low', () => {
    const report = analyseFundamentals(
      company({
        summaryDetail: { priceToSalesTrailing12Months: 8 },
        defaultKeyStatistics: { trailingEps: -1, forwardEps: -0.2 },
        financialData: { profitMargins: -0.2, operatingMargins: -0.1, returnOnEquity: -0.3, revenueGrowth: 0.3, freeCashflow: -5e8 },
      }),
    );
    // valuation 0 (3 negatives), profitability 0, growth 1, health 0 -> 0.25
    expect(report.score).toBe(0.25);
  });
});

describe('analyseFundamentals: the score', () => {
  it('the full company: the category mean, computed by hand', () => {
    const report = analyseFundamentals(company(FULL));
    const signals = Object.fromEntries(report.details.map((f) => [f.metric, f.signal]));
    expect(signals).toEqual({
      trailingPE: 'negative',
      forwardPE: 'negative',
      pegRatio: 'neutral',
      priceToBook: 'negative',
      priceToSales: 'negative',
      enterpriseToEbitda: 'negative',
      returnOnEquity: 'positive',
      profitMargins: 'positive',
      operatingMargins: 'positive',
      revenueGrowth: 'neutral',
      earningsGrowth: 'positive',
      debtToEquity: 'neutral',
      currentRatio: 'negative',
      freeCashflow: 'positive',
    });
    // valuation 0.5/6, profitability 1, growth 1.5/2, health 1.5/3
    const expected = Math.round(((0.5 / 6 + 1 + 0.75 + 0.5) / 4) * 1000) / 1000;
    expect(report.score).toBe(expected);
    expect(report.score).toBe(0.583);
    // Not the flat count of findings, which would let six valuation multiples outvote growth.
    expect(scoreFindings(report.details)).not.toBe(report.score);
    expect(report.warnings).toEqual([]);
    expect(analystReportSchema.parse(report)).toEqual(report);
  });

  it('all positive is 1, all negative is 0', () => {
    const good = company({
      summaryDetail: { trailingPE: 10, forwardPE: 9, priceToSalesTrailing12Months: 1 },
      defaultKeyStatistics: { pegRatio: 0.5, priceToBook: 1, enterpriseToEbitda: 6 },
      financialData: {
        returnOnEquity: 0.3,
        profitMargins: 0.2,
        operatingMargins: 0.3,
        revenueGrowth: 0.2,
        earningsGrowth: 0.2,
        debtToEquity: 20,
        currentRatio: 2,
        freeCashflow: 1e9,
      },
    });
    expect(analyseFundamentals(good).score).toBe(1);
    const bad = company({
      summaryDetail: { trailingPE: 80, forwardPE: 60, priceToSalesTrailing12Months: 20 },
      defaultKeyStatistics: { pegRatio: 4, priceToBook: 30, enterpriseToEbitda: 50 },
      financialData: {
        returnOnEquity: 0.01,
        profitMargins: 0.01,
        operatingMargins: 0.02,
        revenueGrowth: -0.1,
        earningsGrowth: -0.5,
        debtToEquity: 400,
        currentRatio: 0.5,
        freeCashflow: -1e9,
      },
    });
    expect(analyseFundamentals(bad).score).toBe(0);
  });

  it('categories without data drop out of the weighting, with a warning when few figures had data', () => {
    const report = analyseFundamentals(company({ summaryDetail: { trailingPE: 10 }, financialData: { revenueGrowth: -0.2 } }));
    expect(report.score).toBe(0.5); // valuation 1, growth 0; profitability and health had none
    expect(report.warnings).toEqual(['Only 2 of 14 fundamental figures had data: the fundamental score rests on few figures']);
  });

  it('no figure at all: score null and a warning', () => {
    const report = analyseFundamentals(company());
    expect(report.score).toBeNull();
    expect(report.details).toHaveLength(14);
    expect(report.details.every((f) => f.signal === 'no data' && f.value === null)).toBe(true);
    expect(report.warnings).toEqual(['No fundamental figure had data: the fundamental weight is shared among the other analysts']);
  });

  it('fundamentalScore ignores metrics that are not in the table', () => {
    const stray: Finding = { metric: 'rsi14', label: 'RSI', value: 80, threshold: '<= 70', signal: 'negative', source: 'computed' };
    const pe: Finding = { metric: 'trailingPE', label: 'P/E', value: 10, threshold: '<= 15', signal: 'positive', source: 'yahoo' };
    expect(fundamentalScore([stray, pe])).toBe(1);
    expect(fundamentalScore([stray])).toBeNull();
  });
});

describe('analyseFundamentals: no company fundamentals', () => {
  it.each([
    ['ETF', 'an ETF'],
    ['MUTUALFUND', 'a mutual fund'],
    ['INDEX', 'an index'],
    ['CRYPTOCURRENCY', 'a cryptocurrency'],
    ['CURRENCY', 'a currency'],
    ['FUTURE', 'a listing of type FUTURE'],
  ])('%s: score null, no findings, a warning naming %s', (type, name) => {
    const data: YahooTickerData = {
      symbol: 'X',
      quote: { quoteType: type, trailingPE: 34.286358 },
      summary: { summaryDetail: { trailingPE: 34.286358 }, quoteType: { quoteType: type } },
      summaryErrors: { financialData: 'not available for this asset type' },
      bars: [],
    };
    const report = analyseFundamentals(data);
    expect(report).toEqual({
      score: null,
      details: [],
      warnings: [`No company fundamentals for ${name}: the fundamental weight is shared among the other analysts`],
    });
  });

  it('the exact ETF warning', () => {
    const etf: YahooTickerData = { symbol: 'QQQ', quote: { quoteType: 'ETF' }, summary: {}, summaryErrors: {}, bars: [] };
    expect(analyseFundamentals(etf).warnings).toEqual([
      'No company fundamentals for an ETF: the fundamental weight is shared among the other analysts',
    ]);
  });

  it('a company whose financialData failed: score null, the valuation still shown, the reason in the warning', () => {
    const data = company({ summaryDetail: { trailingPE: 10 } }, { quoteType: 'EQUITY' }, { financialData: 'HTTP 500' });
    delete data.summary.financialData;
    const report = analyseFundamentals(data);
    expect(report.score).toBeNull();
    expect(finding(report, 'trailingPE')).toMatchObject({ value: 10, signal: 'positive' });
    expect(report.warnings).toEqual([
      'No company fundamentals for TEST (financialData: HTTP 500): the fundamental weight is shared among the other analysts',
    ]);
  });

  it('an untyped listing without financialData has no fundamentals either', () => {
    const data: YahooTickerData = { symbol: 'ZZZ', quote: null, summary: { summaryDetail: { trailingPE: 9 } }, summaryErrors: {}, bars: [] };
    const report = analyseFundamentals(data);
    expect(report.score).toBeNull();
    expect(report.warnings[0]).toMatch(/^No company fundamentals for ZZZ \(financialData: not in the data\)/);
  });

  it('an untyped listing with financialData is analysed as a company', () => {
    const data: YahooTickerData = {
      symbol: 'ZZZ',
      quote: null,
      summary: { financialData: { currentRatio: 2 } },
      summaryErrors: {},
      bars: [],
    };
    expect(analyseFundamentals(data).score).toBe(1);
  });
});

describe('analyseFundamentals: never NaN or Infinity', () => {
  const nonFinite = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

  it.each(FUNDAMENTAL_THRESHOLDS.flatMap((spec) => nonFinite.map((value) => [spec.metric, spec.sources[0]!, value] as const)))(
    '%s at %s = %d is no data, with a warning',
    (metric, path, value) => {
      const report = analyseFundamentals(withValue(path, value));
      expect(finding(report, metric)).toMatchObject({ value: null, signal: 'no data', source: `yahoo:${path}` });
      expect(report.warnings.some((w) => w.includes(path) && w.includes(String(value)))).toBe(true);
      expect(numbersIn(report).every(Number.isFinite)).toBe(true);
    },
  );

  it('every value non-finite: every number in the report is finite and the schema accepts it', () => {
    const modules: Modules = {};
    for (const spec of FUNDAMENTAL_THRESHOLDS) {
      for (const path of spec.sources.filter((p) => !p.startsWith('quote.'))) {
        const [owner, field] = path.split('.') as [string, string];
        modules[owner] = { ...modules[owner], [field]: Number.NaN };
      }
    }
    const report = analyseFundamentals(company(modules, { quoteType: 'EQUITY', trailingPE: Infinity, forwardPE: -Infinity }));
    expect(report.score).toBeNull();
    expect(report.details.every((f) => f.value === null && f.signal === 'no data')).toBe(true);
    expect(numbersIn(report).every(Number.isFinite)).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(analystReportSchema.parse(report)).toEqual(report);
  });
});

describe('assetType', () => {
  const data = (quote: Json | null, summary: Record<string, unknown> = {}): YahooTickerData => ({
    symbol: 'X',
    quote,
    summary,
    summaryErrors: {},
    bars: [],
  });

  it.each(['EQUITY', 'ETF', 'MUTUALFUND', 'INDEX', 'CRYPTOCURRENCY', 'CURRENCY'])('%s from the quote', (type) => {
    expect(assetType(data({ quoteType: type }))).toBe(type);
  });

  it('from the quoteType module, then the price module, when the quote has none', () => {
    expect(assetType(data(null, { quoteType: { quoteType: 'ETF' }, price: { quoteType: 'EQUITY' } }))).toBe('ETF');
    expect(assetType(data({ symbol: 'X' }, { price: { quoteType: 'INDEX' } }))).toBe('INDEX');
  });

  it('the quote wins over the modules', () => {
    expect(assetType(data({ quoteType: 'MUTUALFUND' }, { quoteType: { quoteType: 'ETF' } }))).toBe('MUTUALFUND');
  });

  it('lower case is read, other types and none are OTHER', () => {
    expect(assetType(data({ quoteType: 'etf' }))).toBe('ETF');
    expect(assetType(data({ quoteType: 'FUTURE' }))).toBe('OTHER');
    expect(assetType(data({ quoteType: '' }))).toBe('OTHER');
    expect(assetType(data({ quoteType: 7 }))).toBe('OTHER');
    expect(assetType(data(null))).toBe('OTHER');
    expect(rawQuoteType(data(null))).toBeNull();
    expect(rawQuoteType(data({ quoteType: 'FUTURE' }))).toBe('FUTURE');
  });

  it('describes the type in words', () => {
    expect(describeAssetType(data({ quoteType: 'ETF' }))).toBe('an ETF');
    expect(describeAssetType(data(null))).toBe('a listing of unknown type');
  });
});

describe('analyseFundamentals: verdicts name the value and the boundary that decided the signal', () => {
  // [metric, where the value is, value, expected verdict]. Written out here, not derived from the table.
  const cases: Array<[string, string, number, string]> = [
    ['trailingPE', 'summaryDetail.trailingPE', 38.2, '38.2 is above the 25 threshold'],
    ['trailingPE', 'summaryDetail.trailingPE', 12, '12 is below the 15 threshold'],
    ['trailingPE', 'summaryDetail.trailingPE', 15, '15 is at the 15 threshold'],
    ['trailingPE', 'summaryDetail.trailingPE', 20.456, '20.46 is between 15 and 25'],
    ['trailingPE', 'summaryDetail.trailingPE', 25.001, '25 is just above the 25 threshold'],
    ['trailingPE', 'summaryDetail.trailingPE', -4.2, '-4.2 is below zero'],
    ['pegRatio', 'defaultKeyStatistics.pegRatio', 2.5, '2.5 is above the 2 threshold'],
    ['returnOnEquity', 'financialData.returnOnEquity', 0.032, '3.2% is below the 5% floor'],
    ['returnOnEquity', 'financialData.returnOnEquity', 1.3652, '136.5% is above the 15% threshold'],
    ['profitMargins', 'financialData.profitMargins', 0.09287, '9.3% is between 5% and 15%'],
    ['revenueGrowth', 'financialData.revenueGrowth', -0.04, '-4% is below zero'],
    ['earningsGrowth', 'financialData.earningsGrowth', 0.101, '10.1% is above the 10% threshold'],
    ['debtToEquity', 'financialData.debtToEquity', 250, '2.5x is above the 2x threshold'],
    ['debtToEquity', 'financialData.debtToEquity', 54.342, '0.543x is below the 1x threshold'],
    ['currentRatio', 'financialData.currentRatio', 0.923, '0.923 is below the 1 floor'],
    ['freeCashflow', 'financialData.freeCashflow', 93833871360, '93.8B is positive (above zero)'],
    ['freeCashflow', 'financialData.freeCashflow', -1.2e9, '-1.2B is negative (below zero)'],
  ];

  it.each(cases)('%s at %s = %d: "%s"', (metric, path, value, verdict) => {
    expect(finding(analyseFundamentals(withValue(path, value)), metric).verdict).toBe(verdict);
  });

  it('every judged figure of a full company has a verdict citing a boundary of its rule; no data has none', () => {
    const report = analyseFundamentals(company(FULL));
    for (const f of report.details) {
      if (f.signal === 'no data') expect(f.verdict, f.metric).toBeUndefined();
      else expect(f.verdict, f.metric).toMatch(/ is (above|below|at|between|positive|negative|zero)/);
    }
    expect(finding(report, 'trailingPE').verdict).toBe('38.91 is above the 25 threshold');
    expect(finding(report, 'pegRatio').verdict).toBe('1.7 is between 1 and 2');
    expect(finding(report, 'operatingMargins').verdict).toBe('34.5% is above the 20% threshold');
    expect(analystReportSchema.safeParse(report).success).toBe(true);
  });

  it('a figure not judged (negative EV/EBITDA) or absent (a loss-maker without a P/E) has no verdict', () => {
    expect(finding(analyseFundamentals(withValue('defaultKeyStatistics.enterpriseToEbitda', -3)), 'enterpriseToEbitda').verdict).toBeUndefined();
    const loss = finding(analyseFundamentals(company({ defaultKeyStatistics: { trailingEps: -1.37 } })), 'trailingPE');
    expect(loss).toMatchObject({ value: null, signal: 'negative' });
    expect(loss.verdict).toBeUndefined();
  });
});
