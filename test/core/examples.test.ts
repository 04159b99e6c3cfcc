import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePortfolioFile } from '../../lambdas/core/input/portfolio.js';
import { resolveBatchSize, totalBatches } from '../../lambdas/core/mode/batch-size.js';

const read = (name: string) => readFileSync(fileURLToPath(new URL(`../../examples/${name}`, import.meta.url)), 'utf8');

const TICKERS_66 =
  'AAPL MSFT GOOGL AMZN NVDA META TSLA BRK-B JPM V JNJ WMT PG MA UNH HD DIS BAC XOM PFE KO PEP CSCO ADBE NFLX CRM ABT TMO COST AVGO ACN MCD NKE LLY DHR TXN NEE ORCL PM QCOM UNP HON LIN AMGN IBM SBUX CAT GS MS BLK AMT GE MMM INTC AMD SPY QQQ VTI VOO IWM GLD TLT XLK XLF ARKK DIA'.split(
    ' ',
  );

describe('example portfolios', () => {
  it('portfolio.csv has the 66 tickers in order, each with shares, cost basis, currency and name', () => {
    const content = read('portfolio.csv');
    expect(content.split('\n')[0]).toBe('ticker,shares,cost_basis,currency,name');
    const holdings = parsePortfolioFile('portfolio.csv', content);
    expect(holdings.map((h) => h.ticker)).toEqual(TICKERS_66);
    for (const holding of holdings) {
      expect(holding.shares).toBeGreaterThan(0);
      expect(holding.costBasis).toBeGreaterThan(0);
      expect(holding.currency).toBe('USD');
      expect(holding.name).toBeTruthy();
    }
    expect(resolveBatchSize('auto', holdings.length)).toBe(8);
    expect(totalBatches(holdings.length, 8)).toBe(9);
  });

  it('small-portfolio.csv has 6 holdings', () => {
    expect(parsePortfolioFile('small-portfolio.csv', read('small-portfolio.csv'))).toHaveLength(6);
  });

  it('finwiz-original.csv is in the original Name,Ticker,Currency form with YAHOO: prefixes', () => {
    const content = read('finwiz-original.csv');
    expect(content.split('\n')[0]).toBe('Name,Ticker,Currency');
    expect(content).toContain('YAHOO:');
    const holdings = parsePortfolioFile('finwiz-original.csv', content);
    expect(holdings).toHaveLength(12);
    expect(holdings.every((h) => !h.ticker.includes(':') && h.name && h.currency)).toBe(true);
  });
});
