import { describe, expect, it } from 'vitest';
import { isEtfSymbol, marketModel, TRADING_DAYS, tradingDays } from '../../sim/market-model.js';
import { SP66 } from './tickers.js';

const ASOF = new Date('2026-03-18T20:00:00Z'); // a Wednesday

describe('market model', () => {
  it('is byte-identical for the same symbol and seed, different for another seed or symbol', () => {
    const a = JSON.stringify(marketModel('AAPL', 7, ASOF));
    expect(JSON.stringify(marketModel('aapl', 7, ASOF))).toBe(a);
    expect(JSON.stringify(marketModel('AAPL', 8, ASOF))).not.toBe(a);
    expect(JSON.stringify(marketModel('MSFT', 7, ASOF))).not.toBe(a);
  });

  it('keeps the same prices when only "today" moves; dates follow', () => {
    const today = marketModel('NVDA', 0, ASOF);
    const later = marketModel('NVDA', 0, new Date('2026-04-02T20:00:00Z'));
    expect(later.bars.map((b) => b.close)).toEqual(today.bars.map((b) => b.close));
    expect(later.bars.at(-1)?.date).toBe('2026-04-02');
  });

  it('gives a year of weekday bars ending today, oldest first, with consistent OHLCV', () => {
    const { bars } = marketModel('JPM', 0, ASOF);
    expect(bars).toHaveLength(TRADING_DAYS);
    expect(bars.at(-1)?.date).toBe('2026-03-18');
    for (const [i, b] of bars.entries()) {
      expect([0, 6]).not.toContain(new Date(`${b.date}T00:00:00Z`).getUTCDay());
      expect(b.timestamp).toBe(Date.parse(`${b.date}T14:30:00Z`) / 1000);
      if (i > 0) expect(b.timestamp).toBeGreaterThan((bars[i - 1] as { timestamp: number }).timestamp);
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
      expect(b.low).toBeGreaterThan(0);
      expect(Number.isInteger(b.volume) && b.volume > 0).toBe(true);
    }
  });

  it('ends on Friday when today is a weekend day', () => {
    expect(tradingDays(3, new Date('2026-03-22T12:00:00Z'))).toEqual(['2026-03-18', '2026-03-19', '2026-03-20']);
  });

  it('shapes the fixed ETF list as ETFs without company fundamentals', () => {
    for (const s of ['SPY', 'QQQ', 'VTI', 'VOO', 'IWM', 'DIA', 'VEA', 'VWO', 'AGG', 'BND', 'GLD', 'TLT', 'XLK', 'XLF', 'XLE', 'ARKK']) {
      const m = marketModel(s, 0, ASOF);
      expect(isEtfSymbol(s)).toBe(true);
      expect(m.quoteType).toBe('ETF');
      expect(m.fundamentals).toBeNull();
      expect(m.etf?.totalAssets).toBeGreaterThan(0);
    }
    expect(marketModel('AAPL', 0, ASOF).quoteType).toBe('EQUITY');
  });

  it('keeps every stock of the example list, over several seeds, in realistic ranges', () => {
    for (const seed of [0, 1, 2, 3]) {
      for (const s of SP66.filter((x) => !isEtfSymbol(x))) {
        const m = marketModel(s, seed, ASOF);
        const f = m.fundamentals;
        expect(f, s).not.toBeNull();
        if (!f) continue;
        expect(m.currency).toBe('USD');
        expect(m.price).toBeGreaterThan(1);
        expect(m.marketCap).toBeGreaterThan(1e9);
        if (f.trailingPE !== undefined) expect(f.trailingPE).toBeGreaterThan(5);
        if (f.trailingPE !== undefined) expect(f.trailingPE).toBeLessThan(100);
        expect(f.priceToBook).toBeGreaterThan(0.5);
        expect(f.profitMargins).toBeGreaterThan(-0.5);
        expect(f.profitMargins).toBeLessThan(0.5);
        expect(f.operatingMargins).toBeLessThan(0.7);
        expect(f.debtToEquity).toBeGreaterThanOrEqual(0);
        expect(f.currentRatio).toBeGreaterThan(0.3);
        expect(m.beta).toBeGreaterThan(0);
        expect(f.targetLowPrice).toBeLessThan(f.targetMeanPrice);
        expect(f.targetMeanPrice).toBeLessThan(f.targetHighPrice);
        expect(f.numberOfAnalystOpinions).toBeGreaterThan(0);
        expect(f.recommendationTrend).toHaveLength(4);
        expect(f.quarters).toHaveLength(4);
        expect(f.quarters.every((q) => q.reportedDate * 1000 <= ASOF.getTime())).toBe(true);
        expect(f.nextEarnings * 1000).toBeGreaterThan(ASOF.getTime());
        expect(m.longName.length).toBeGreaterThan(2);
      }
    }
  });
});
