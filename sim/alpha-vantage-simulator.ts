// A local stand-in for Alpha Vantage: OVERVIEW and EARNINGS in Alpha Vantage's wire format
// (every number a string, HTTP 200 for everything, limits as an `Information` body), with
// deterministic, plausible, self-consistent figures per symbol. Listens on 127.0.0.1 only.
// Point the Enrich Lambda at it with ALPHA_VANTAGE_BASE_URL=<url>.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIMULATOR_HEADER } from '../lambdas/core/report/provenance.js';
import { createRng, hash32 } from './market/index.js';

export interface AlphaVantageSimulatorOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Delay before every answer, ms (default 0). */
  latencyMs?: number;
  /** After this many calls, every call is answered with the daily-quota `Information` body. */
  quotaAfter?: number;
  /** Symbols it has no data for: answered with `{}`, as Alpha Vantage does. */
  unknownSymbols?: string[];
  /** When set, only this key is accepted; otherwise any non-empty key. */
  apiKey?: string;
}

export type AlphaVantageSimulatedAnswer = 'data' | 'quota' | 'empty' | 'error';

/** One request as the simulator saw it (never the key). */
export interface AlphaVantageSimulatedRequest {
  function: string;
  symbol: string;
  /** Date.now() when it arrived. */
  at: number;
  answer: AlphaVantageSimulatedAnswer;
}

export interface AlphaVantageSimulator {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  requests(): AlphaVantageSimulatedRequest[];
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Deterministic figures


const fixed = (value: number, digits: number) => value.toFixed(digits);
const whole = (value: number) => String(Math.round(value));

/** The last calendar quarter end strictly before `now`, and the `count` before it, newest first (YYYY-MM-DD). */
function quarterEnds(now: Date, count: number): string[] {
  const ends: string[] = [];
  let year = now.getUTCFullYear();
  let quarter = Math.floor(now.getUTCMonth() / 3); // the current quarter, 0..3; its predecessor ended last
  for (let i = 0; i < count; i++) {
    quarter -= 1;
    if (quarter < 0) {
      quarter = 3;
      year -= 1;
    }
    const month = quarter * 3 + 3; // 3, 6, 9, 12
    const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
    ends.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  }
  return ends;
}

interface Company {
  price: number;
  pe: number;
  growth: number;
  eps: number;
  shares: number;
}

function company(symbol: string): { c: Company; draw: () => number } {
  const draw = createRng(hash32(`av|${symbol.toUpperCase()}`));
  const uniform = (low: number, high: number) => low + (high - low) * draw();
  const price = uniform(20, 500);
  const pe = Math.exp(uniform(Math.log(8), Math.log(45)));
  const growth = uniform(0.04, 0.3);
  return { c: { price, pe, growth, eps: price / pe, shares: uniform(2e8, 1e10) }, draw };
}

/** OVERVIEW for `symbol`, as Alpha Vantage sends it (numbers as strings, "None" where it has none). */
export function simulatedOverview(symbol: string, now = new Date()): Record<string, string> {
  const { c, draw } = company(symbol);
  const uniform = (low: number, high: number) => low + (high - low) * draw();
  const marketCap = c.price * c.shares;
  const priceToSales = c.pe * uniform(0.05, 0.35); // net margin = P/S / P/E: 5% to 35%
  const revenue = marketCap / priceToSales;
  const profitMargin = priceToSales / c.pe;
  const operatingMargin = Math.min(0.6, profitMargin * uniform(1.1, 1.5));
  const roe = uniform(0.05, 0.45);
  const priceToBook = c.pe * roe;
  const ebitda = revenue * operatingMargin * uniform(1.1, 1.3);
  const enterpriseValue = marketCap * uniform(1, 1.15);
  const pays = draw() < 0.7;
  const dividendYield = pays ? uniform(0.004, 0.035) : 0;
  const beta = uniform(0.6, 1.6);
  const latestQuarter = quarterEnds(now, 1)[0]!;
  const upperSymbol = symbol.toUpperCase();
  return {
    Symbol: upperSymbol,
    AssetType: 'Common Stock',
    Name: `${upperSymbol} Corporation (simulated)`,
    Description: `A simulated company for ${upperSymbol}; every figure is deterministic and made up.`,
    CIK: whole(100000 + (hash32(upperSymbol) % 900000)),
    Exchange: 'NYSE',
    Currency: 'USD',
    Country: 'USA',
    Sector: 'TECHNOLOGY',
    Industry: 'SERVICES-PREPACKAGED SOFTWARE',
    Address: '1 SIMULATED WAY, NOWHERE, NY, US',
    FiscalYearEnd: 'December',
    LatestQuarter: latestQuarter,
    MarketCapitalization: whole(marketCap),
    EBITDA: whole(ebitda),
    PERatio: fixed(c.pe, 2),
    PEGRatio: fixed(c.pe / (c.growth * 100), 3),
    BookValue: fixed(c.price / priceToBook, 2),
    DividendPerShare: pays ? fixed(c.price * dividendYield, 2) : 'None',
    DividendYield: pays ? fixed(dividendYield, 4) : '0',
    EPS: fixed(c.eps, 2),
    RevenuePerShareTTM: fixed(revenue / c.shares, 2),
    ProfitMargin: fixed(profitMargin, 4),
    OperatingMarginTTM: fixed(operatingMargin, 4),
    ReturnOnAssetsTTM: fixed(roe * uniform(0.3, 0.6), 4),
    ReturnOnEquityTTM: fixed(roe, 4),
    RevenueTTM: whole(revenue),
    GrossProfitTTM: whole(revenue * Math.min(0.9, operatingMargin + uniform(0.15, 0.35))),
    DilutedEPSTTM: fixed(c.eps * 0.99, 2),
    QuarterlyEarningsGrowthYOY: fixed(c.growth + uniform(-0.05, 0.05), 3),
    QuarterlyRevenueGrowthYOY: fixed(uniform(-0.05, 0.25), 3),
    AnalystTargetPrice: fixed(c.price * uniform(0.9, 1.3), 2),
    TrailingPE: fixed(c.pe, 2),
    ForwardPE: fixed(c.pe / (1 + c.growth), 2),
    PriceToSalesRatioTTM: fixed(priceToSales, 3),
    PriceToBookRatio: fixed(priceToBook, 2),
    EVToRevenue: fixed(enterpriseValue / revenue, 3),
    EVToEBITDA: fixed(enterpriseValue / ebitda, 2),
    Beta: fixed(beta, 3),
    '52WeekHigh': fixed(c.price * uniform(1.02, 1.3), 2),
    '52WeekLow': fixed(c.price * uniform(0.6, 0.95), 2),
    '50DayMovingAverage': fixed(c.price * uniform(0.95, 1.05), 2),
    '200DayMovingAverage': fixed(c.price * uniform(0.85, 1.05), 2),
    SharesOutstanding: whole(c.shares),
    DividendDate: 'None',
    ExDividendDate: 'None',
  };
}

/** EARNINGS for `symbol`: four years and eight quarters of EPS, each quarter with estimate and surprise. */
export function simulatedEarnings(symbol: string, now = new Date()): {
  symbol: string;
  annualEarnings: Array<{ fiscalDateEnding: string; reportedEPS: string }>;
  quarterlyEarnings: Array<Record<string, string>>;
} {
  const { c, draw } = company(symbol);
  const uniform = (low: number, high: number) => low + (high - low) * draw();
  const quarterlyGrowth = (1 + c.growth) ** 0.25;
  const ends = quarterEnds(now, 16);
  // Newest first; the newest quarter's EPS is a quarter of the trailing EPS grown a little.
  const reported = ends.map((_, i) => (c.eps / 4) * quarterlyGrowth ** -i * uniform(0.95, 1.05));
  const quarterlyEarnings = ends.slice(0, 8).map((end, i) => {
    const eps = reported[i]!;
    const estimate = eps * uniform(0.92, 1.04);
    const surprise = eps - estimate;
    const reportedDate = new Date(Date.parse(`${end}T00:00:00Z`) + (20 + Math.floor(uniform(0, 15))) * 86_400_000);
    return {
      fiscalDateEnding: end,
      reportedDate: reportedDate.toISOString().slice(0, 10),
      reportedEPS: fixed(eps, 2),
      estimatedEPS: fixed(estimate, 2),
      surprise: fixed(surprise, 4),
      surprisePercentage: fixed((surprise / estimate) * 100, 4),
      reportTime: draw() < 0.5 ? 'pre-market' : 'post-market',
    };
  });
  const annualEarnings = [0, 1, 2, 3].map((year) => ({
    fiscalDateEnding: ends[year * 4]!,
    reportedEPS: fixed(reported.slice(year * 4, year * 4 + 4).reduce((sum, eps) => sum + eps, 0), 2),
  }));
  return { symbol: symbol.toUpperCase(), annualEarnings, quarterlyEarnings };
}

/** The daily-quota answer, in the shape of Alpha Vantage's 2024+ `Information` bodies. */
export function quotaBody(limit: number): { Information: string } {
  return {
    Information:
      `Thank you for using Alpha Vantage! Our standard API rate limit is ${limit} requests per day (simulated). ` +
      'Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.',
  };
}

const MISSING_KEY = {
  'Error Message':
    'the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key). It should take less than 20 seconds.',
};

// ---------------------------------------------------------------------------------------------
// The server

export async function startAlphaVantageSimulator(options: AlphaVantageSimulatorOptions = {}): Promise<AlphaVantageSimulator> {
  const latencyMs = options.latencyMs ?? 0;
  const quotaAfter = options.quotaAfter ?? Number.POSITIVE_INFINITY;
  const unknown = new Set((options.unknownSymbols ?? []).map((s) => s.toUpperCase()));
  const log: AlphaVantageSimulatedRequest[] = [];
  let calls = 0;

  function answer(url: URL): { body: unknown; kind: AlphaVantageSimulatedAnswer } {
    const fn = url.searchParams.get('function') ?? '';
    const symbol = (url.searchParams.get('symbol') ?? '').trim();
    const key = url.searchParams.get('apikey') ?? '';
    if (key === '' || (options.apiKey !== undefined && key !== options.apiKey)) return { body: MISSING_KEY, kind: 'error' };
    calls += 1;
    if (calls > quotaAfter) return { body: quotaBody(quotaAfter), kind: 'quota' };
    if (fn !== 'OVERVIEW' && fn !== 'EARNINGS') {
      return { body: { 'Error Message': `This API function (${fn}) does not exist.` }, kind: 'error' };
    }
    if (symbol === '') {
      return { body: { 'Error Message': `Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for ${fn}.` }, kind: 'error' };
    }
    if (unknown.has(symbol.toUpperCase())) return { body: {}, kind: 'empty' };
    return { body: fn === 'OVERVIEW' ? simulatedOverview(symbol) : simulatedEarnings(symbol), kind: 'data' };
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const at = Date.now();
    let status = 200;
    let body: unknown;
    if (req.method !== 'GET' || url.pathname !== '/query') {
      status = 404;
      body = { 'Error Message': 'Not Found' };
    } else {
      const { body: answered, kind } = answer(url);
      body = answered;
      log.push({ function: url.searchParams.get('function') ?? '', symbol: url.searchParams.get('symbol') ?? '', at, answer: kind });
    }
    const send = () => {
      // Every answer says it is simulated: a run that points here is labelled so (provenance.ts).
      res.writeHead(status, { 'content-type': 'application/json', [SIMULATOR_HEADER]: 'finwiz-alpha-vantage-simulator' });
      res.end(JSON.stringify(body));
    };
    if (latencyMs > 0) setTimeout(send, latencyMs);
    else send();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => [...log],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
