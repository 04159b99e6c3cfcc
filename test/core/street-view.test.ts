import { describe, expect, it } from 'vitest';
import { consensusOf, latestTrend, streetView, streetViewSchema, type StreetView } from '../../lambdas/core/analysis/analysts/street-view.js';
import type { YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';

type Json = Record<string, unknown>;

function ticker(summary: Record<string, unknown>, quote: Json | null = null, summaryErrors: Record<string, string> = {}): YahooTickerData {
  return { symbol: 'TEST', quote, summary, summaryErrors, bars: [] };
}

const period = (name: string, strongBuy: number, buy: number, hold: number, sell: number, strongSell: number) => ({
  period: name,
  strongBuy,
  buy,
  hold,
  sell,
  strongSell,
});

/** Shaped like AAPL's 2025 recording. */
const COVERED = ticker(
  {
    financialData: {
      currentPrice: 245.55,
      targetHighPrice: 325,
      targetLowPrice: 197,
      targetMeanPrice: 252.22575,
      targetMedianPrice: 257.5,
      recommendationMean: 2.06522,
      recommendationKey: 'buy',
      numberOfAnalystOpinions: 40,
    },
    recommendationTrend: {
      trend: [period('0m', 7, 21, 14, 2, 2), period('-1m', 8, 21, 13, 2, 2), period('-2m', 8, 24, 12, 1, 2)],
      maxAge: 86400,
    },
    price: { regularMarketPrice: 245.6, currency: 'USD' },
  },
  { regularMarketPrice: 246, currency: 'USD' },
);

const EMPTY: Omit<StreetView, 'currentPrice' | 'currentPriceSource' | 'currency'> = {
  available: false,
  targetLowPrice: null,
  targetMeanPrice: null,
  targetMedianPrice: null,
  targetHighPrice: null,
  upside: null,
  analystCount: null,
  recommendationMean: null,
  recommendationKey: null,
  trend: null,
  consensus: null,
  consensusSource: null,
};

describe('streetView on a covered company', () => {
  const view = streetView(COVERED);

  it('gives the targets, the count and the recommendation exactly as Yahoo gave them', () => {
    expect(view).toMatchObject({
      available: true,
      currentPrice: 245.55,
      currentPriceSource: 'yahoo:financialData.currentPrice',
      currency: 'USD',
      targetLowPrice: 197,
      targetMeanPrice: 252.22575,
      targetMedianPrice: 257.5,
      targetHighPrice: 325,
      analystCount: 40,
      recommendationMean: 2.06522,
      recommendationKey: 'buy',
    });
  });

  it('upside = mean target / current price - 1', () => {
    expect(view.upside).toBe(252.22575 / 245.55 - 1);
    expect(view.upside).toBeCloseTo(0.027187, 6);
  });

  it("the latest period's counts, their total and mean, and the consensus they give", () => {
    // mean = (7*1 + 21*2 + 14*3 + 2*4 + 2*5) / 46 = 109 / 46
    expect(view.trend).toEqual({ period: '0m', strongBuy: 7, buy: 21, hold: 14, sell: 2, strongSell: 2, total: 46, mean: 109 / 46 });
    expect(view.consensus).toBe('buy');
    expect(view.consensusSource).toBe('recommendationTrend');
  });

  it('parses with its own schema', () => {
    expect(streetViewSchema.parse(view)).toEqual(view);
  });
});

describe('streetView: the current price', () => {
  const targets = { targetMeanPrice: 110 };

  it('financialData.currentPrice first', () => {
    const view = streetView(ticker({ financialData: { ...targets, currentPrice: 100 }, price: { regularMarketPrice: 50 } }, { regularMarketPrice: 25 }));
    expect(view).toMatchObject({ currentPrice: 100, currentPriceSource: 'yahoo:financialData.currentPrice' });
    expect(view.upside).toBe(110 / 100 - 1);
  });

  it('then price.regularMarketPrice', () => {
    const view = streetView(ticker({ financialData: targets, price: { regularMarketPrice: 50 } }, { regularMarketPrice: 25 }));
    expect(view).toMatchObject({ currentPrice: 50, currentPriceSource: 'yahoo:price.regularMarketPrice', upside: 110 / 50 - 1 });
  });

  it("then the quote's regularMarketPrice", () => {
    const view = streetView(ticker({ financialData: targets }, { regularMarketPrice: 25 }));
    expect(view).toMatchObject({ currentPrice: 25, currentPriceSource: 'yahoo:quote.regularMarketPrice', upside: 110 / 25 - 1 });
  });

  it('a zero, negative or non-finite price is skipped; none at all gives no upside', () => {
    const view = streetView(ticker({ financialData: { ...targets, currentPrice: 0 }, price: { regularMarketPrice: Number.NaN } }, { regularMarketPrice: -3 }));
    expect(view).toMatchObject({ currentPrice: null, currentPriceSource: null, upside: null, targetMeanPrice: 110, available: true });
  });

  it('a downside is a negative upside', () => {
    const view = streetView(ticker({ financialData: { targetMeanPrice: 207, currentPrice: 230 } }));
    expect(view.upside).toBe(207 / 230 - 1);
    expect(view.upside!).toBeLessThan(0);
  });
});

describe('streetView: the recommendation trend', () => {
  it('takes the latest period whatever the order', () => {
    const data = ticker({ recommendationTrend: { trend: [period('-2m', 0, 0, 5, 0, 0), period('0m', 3, 0, 0, 0, 0), period('-1m', 0, 0, 0, 4, 0)] } });
    expect(latestTrend(data)).toMatchObject({ period: '0m', strongBuy: 3, total: 3, mean: 1 });
    expect(streetView(data).consensus).toBe('strong buy');
  });

  it('a latest period with no analysts gives no trend; the consensus then comes from recommendationMean', () => {
    const data = ticker({
      recommendationTrend: { trend: [period('0m', 0, 0, 0, 0, 0)] },
      financialData: { recommendationMean: 3.9, recommendationKey: 'underperform' },
    });
    const view = streetView(data);
    expect(view.trend).toBeNull();
    expect(view).toMatchObject({ consensus: 'sell', consensusSource: 'recommendationMean', recommendationKey: 'underperform', available: true });
  });

  it('negative or non-finite counts count as 0', () => {
    const data = ticker({ recommendationTrend: { trend: [period('0m', Number.NaN, 2, -4, Number.POSITIVE_INFINITY, 0)] } });
    expect(latestTrend(data)).toEqual({ period: '0m', strongBuy: 0, buy: 2, hold: 0, sell: 0, strongSell: 0, total: 2, mean: 2 });
  });

  it('no trend module, or a malformed one, gives null', () => {
    expect(latestTrend(ticker({}))).toBeNull();
    expect(latestTrend(ticker({ recommendationTrend: { trend: 'x' } }))).toBeNull();
    expect(latestTrend(ticker({ recommendationTrend: { trend: [null, 3] } }))).toBeNull();
  });

  it.each([
    [1, 'strong buy'],
    [1.5, 'strong buy'],
    [1.51, 'buy'],
    [2.5, 'buy'],
    [2.51, 'hold'],
    [3.5, 'hold'],
    [3.51, 'sell'],
    [4.5, 'sell'],
    [4.51, 'strong sell'],
    [5, 'strong sell'],
  ] as const)('consensus of a mean of %d is %s', (mean, label) => {
    expect(consensusOf(mean)).toBe(label);
  });

  it.each([
    [[1, 1, 0, 0, 0], 'strong buy'], // mean 1.5
    [[0, 1, 1, 0, 0], 'buy'], // mean 2.5
    [[0, 0, 1, 1, 0], 'hold'], // mean 3.5
    [[0, 0, 0, 1, 1], 'sell'], // mean 4.5
    [[0, 0, 0, 0, 2], 'strong sell'], // mean 5
  ] as const)('counts %j give %s', (counts, label) => {
    const [a, b, c, d, e] = counts;
    const view = streetView(ticker({ recommendationTrend: { trend: [period('0m', a, b, c, d, e)] } }));
    expect(view.consensus).toBe(label);
    expect(view.available).toBe(true);
  });

  it('a recommendationMean outside 1..5 is kept as given but gives no consensus', () => {
    const view = streetView(ticker({ financialData: { recommendationMean: 0 } }));
    expect(view).toMatchObject({ recommendationMean: 0, consensus: null, consensusSource: null });
  });
});

describe('streetView: nothing from the street', () => {
  it('an ETF (no financialData, no trend): available false, every figure null, still the price', () => {
    const etf = ticker(
      { price: { regularMarketPrice: 526.12, currency: 'USD' }, quoteType: { quoteType: 'ETF' } },
      { quoteType: 'ETF', regularMarketPrice: 526.12 },
      { financialData: 'not available for this asset type', recommendationTrend: 'not available for this asset type' },
    );
    const view = streetView(etf);
    expect(view).toEqual({ ...EMPTY, currentPrice: 526.12, currentPriceSource: 'yahoo:price.regularMarketPrice', currency: 'USD' });
    expect(streetViewSchema.parse(view)).toEqual(view);
  });

  it('empty data', () => {
    const view = streetView(ticker({}));
    expect(view).toEqual({ ...EMPTY, currentPrice: null, currentPriceSource: null, currency: null });
  });

  it("Yahoo's recommendationKey `none` and 0 analysts are not coverage", () => {
    const view = streetView(ticker({ financialData: { recommendationKey: 'none', numberOfAnalystOpinions: 0, currentPrice: 12 } }));
    expect(view).toMatchObject({ available: false, recommendationKey: null, analystCount: 0 });
  });

  it('non-finite, zero or negative targets are null; the view never holds NaN or Infinity', () => {
    const view = streetView(
      ticker({
        financialData: {
          currentPrice: 100,
          targetLowPrice: Number.NaN,
          targetMeanPrice: Number.POSITIVE_INFINITY,
          targetMedianPrice: 0,
          targetHighPrice: -5,
          recommendationMean: Number.NaN,
          numberOfAnalystOpinions: Number.POSITIVE_INFINITY,
        },
      }),
    );
    expect(view).toEqual({ ...EMPTY, currentPrice: 100, currentPriceSource: 'yahoo:financialData.currentPrice', currency: null });
    expect(streetViewSchema.parse(view)).toEqual(view);
  });

  it('an upside that would overflow is null', () => {
    const view = streetView(ticker({ financialData: { currentPrice: 1e-300, targetMeanPrice: 1e300 } }));
    expect(view.upside).toBeNull();
    expect(view.targetMeanPrice).toBe(1e300);
  });

  it('{raw, fmt} figures count as their raw number', () => {
    const view = streetView(ticker({ financialData: { currentPrice: { raw: 50, fmt: '50.00' }, targetMeanPrice: { raw: 60, fmt: '60.00' } } }));
    expect(view).toMatchObject({ currentPrice: 50, targetMeanPrice: 60, upside: 60 / 50 - 1 });
  });
});

describe('streetViewSchema', () => {
  it('rejects NaN, Infinity and a non-positive target', () => {
    const good = streetView(COVERED);
    expect(streetViewSchema.safeParse({ ...good, upside: Number.NaN }).success).toBe(false);
    expect(streetViewSchema.safeParse({ ...good, targetMeanPrice: Number.POSITIVE_INFINITY }).success).toBe(false);
    expect(streetViewSchema.safeParse({ ...good, targetLowPrice: 0 }).success).toBe(false);
    expect(streetViewSchema.safeParse({ ...good, consensus: 'outperform' }).success).toBe(false);
    expect(streetViewSchema.safeParse(good).success).toBe(true);
  });
});
