// A non-OK answer is ours to report: the library never sees it, so it never prints the request
// URL (crumb included) to stderr; Yahoo's own error bodies still become the library's message.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createYahooFinance } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { describeYahooError, UNKNOWN_SYMBOL } from '../../lambdas/adapters/yahoo/yahoo-errors.js';
import { yahooPort, type YahooFinanceLike } from '../../lambdas/adapters/yahoo/yahoo-port.js';

let server: Server;
let endpoint: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url?.includes('/chart/BROKEN')) {
      response.statusCode = 500;
      response.end('Internal Server Error');
    } else {
      response.statusCode = 404;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a non-OK Yahoo answer', () => {
  const port = () => yahooPort(createYahooFinance({ endpoint, maxRetries: 0 }) as unknown as YahooFinanceLike);
  const from = new Date('2024-06-01');
  const to = new Date('2024-06-05');

  it('is a typed HTTP error with its status, and nothing reaches stderr', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const error = await port().dailyBars('BROKEN', from, to).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'HTTPError', code: 500, kind: 'http' });
      expect(describeYahooError(error)).toBe('HTTP 500');
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });

  it("keeps Yahoo's own error body: an unknown symbol stays an unknown symbol", async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const error = await port().dailyBars('GONE', from, to).catch((e: unknown) => e);
      expect(describeYahooError(error)).toBe(UNKNOWN_SYMBOL);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });
});
