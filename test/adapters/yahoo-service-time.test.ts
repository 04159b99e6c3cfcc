// Each ticker's own service time through the real client: what it spends on the wire, never
// what it waits at the shared rate limiter behind the other tickers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createYahooFinance } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { yahooPort, type YahooFinanceLike } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import { ServiceTimeLedger, symbolsOfYahooUrl, yahooServiceTime } from '../../lambdas/adapters/yahoo/yahoo-service-time.js';
import { RequestPacer } from '../../lambdas/adapters/http/rate-limiter.js';

const LATENCY_MS = 40;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    setTimeout(() => {
      const symbol = /\/chart\/([^?]+)/.exec(request.url ?? '')?.[1] ?? 'X';
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ chart: { result: [{ meta: { symbol, currency: 'USD' }, timestamp: [1717421400], indicators: { quote: [{ open: [1], high: [1], low: [1], close: [1], volume: [1] }], adjclose: [{ adjclose: [1] }] } }], error: null } }));
    }, LATENCY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a ticker's service time", () => {
  it('names the symbols of each kind of Yahoo request', () => {
    expect(symbolsOfYahooUrl('https://query2.finance.yahoo.com/v10/finance/quoteSummary/AAPL?modules=price')).toEqual(['AAPL']);
    expect(symbolsOfYahooUrl('https://query1.finance.yahoo.com/v8/finance/chart/%5EGSPC?interval=1d')).toEqual(['^GSPC']);
    expect(symbolsOfYahooUrl('https://query1.finance.yahoo.com/ws/fundamentals-timeseries/v1/finance/timeseries/MSFT?type=annualNetIncome')).toEqual(['MSFT']);
    expect(symbolsOfYahooUrl('https://query1.finance.yahoo.com/v7/finance/quote?symbols=A,B,C')).toEqual(['A', 'B', 'C']);
    expect(symbolsOfYahooUrl('https://query1.finance.yahoo.com/v1/test/getcrumb')).toEqual([]);
  });

  it('shares a batched request among its symbols and keeps the session requests apart', () => {
    const ledger = new ServiceTimeLedger();
    ledger.add('https://x/v7/finance/quote?symbols=A,B', 300);
    ledger.add('https://x/v1/test/getcrumb', 50);
    expect(ledger.take('A')).toBeCloseTo(0.15, 9);
    expect(ledger.take('A')).toBe(0);
    expect(ledger.sessionSeconds()).toBeCloseTo(0.05, 9);
  });

  it('counts requests: a batched one shared among its symbols, a retry as one more, a backoff as none', () => {
    const ledger = new ServiceTimeLedger();
    ledger.add('https://x/v7/finance/quote?symbols=A,B,C,D', 100);
    ledger.add('https://x/v8/finance/chart/A', 0); // an answer faster than the clock still counts
    ledger.add('https://x/v8/finance/chart/A', 500, false); // the backoff before its retry
    ledger.add('https://x/v8/finance/chart/A', 90);
    ledger.add('https://x/v1/test/getcrumb', 50);
    expect(ledger.takeRequests('A')).toBeCloseTo(2.25, 9);
    expect(ledger.takeRequests('A')).toBe(0);
    expect(ledger.takeRequests('B')).toBeCloseTo(0.25, 9);
    expect(ledger.requestsSoFar()).toBe(4);
    expect(ledger.take('A')).toBeCloseTo(0.025 + 0.5 + 0.09, 9);
  });

  it('counts the wire, not the turn: ten tickers through a 5-a-second limiter each get about one latency', async () => {
    const pacer = new RequestPacer({ requestsPerSecond: 5 });
    const port = yahooPort(createYahooFinance({ fetchImpl: globalThis.fetch, endpoint, pacer, maxRetries: 0 }) as unknown as YahooFinanceLike);
    const tickers = Array.from({ length: 10 }, (_, i) => `T${i}`);
    for (const t of tickers) yahooServiceTime.take(t);
    const started = performance.now();
    await Promise.all(tickers.map((t) => port.dailyBars(t, new Date('2024-06-01'), new Date('2024-06-05'))));
    const wallSeconds = (performance.now() - started) / 1000;
    const service = tickers.map((t) => yahooServiceTime.take(t));
    // The last ticker waited about 9 turns (1.8 s) for its request; its own time stayed one round trip.
    expect(wallSeconds).toBeGreaterThan(1.5);
    for (const seconds of service) expect(seconds).toBeGreaterThanOrEqual(LATENCY_MS / 1000 - 0.005);
    // The tenth request's turn came 1.8 s after the first: none of that wait is its own time.
    expect(Math.max(...service)).toBeLessThan(1);
    expect(service.reduce((a, b) => a + b, 0)).toBeLessThan(wallSeconds);
  });
});
