// Real recorded Yahoo answers served on 127.0.0.1, for whole runs of the local engine. The
// engine asks as a live run would: one quote request for many symbols, one quoteSummary request
// with many modules, a chart for the last year. The recordings hold one symbol or one module per
// exchange and fixed chart windows, so this server composes its answers from them: the recorded
// quotes of the symbols asked, the recorded modules merged, and a symbol's recorded chart whatever
// the window (so the bars are as old as the recording: that is what a replay is). Everything else
// (the cookie page, the consent pages, getcrumb) is the recorded exchange itself. It never says it
// is a simulator: it serves real data.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReplayFetch, type Recording } from './replay-fetch.js';

export interface RecordedYahooServer {
  url: string;
  /** Requests that no recording could answer (path and query). */
  unanswered: string[];
  /** The spark requests asked (answered 404: no recording). */
  sparkRequests: string[];
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
const YAHOO = 'https://query2.finance.yahoo.com';
// Headers that described the recorded transfer, not its content.
const TRANSFER_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);

export async function startRecordedYahooServer(recordings: Recording[]): Promise<RecordedYahooServer> {
  const replay = createReplayFetch(recordings);
  const unanswered: string[] = [];
  const sparkRequests: string[] = [];
  const ask = async (pathAndQuery: string, method = 'GET') => {
    const response = await replay(`${YAHOO}${pathAndQuery}`, { method });
    return { response, ok: response.status !== 599 };
  };

  async function quotes(url: URL): Promise<Response> {
    const symbols = (url.searchParams.get('symbols') ?? '').split(',').filter(Boolean);
    const result: Json[] = [];
    for (const symbol of symbols) {
      const { response, ok } = await ask(`/v7/finance/quote?symbols=${encodeURIComponent(symbol)}`);
      if (!ok || response.status !== 200) continue; // unknown to the recordings: absent, as on Yahoo
      const body = (await response.json()) as { quoteResponse?: { result?: Json[] } };
      result.push(...(body.quoteResponse?.result ?? []));
    }
    return Response.json({ quoteResponse: { result, error: null } });
  }

  async function quoteSummary(url: URL): Promise<Response> {
    const modules = (url.searchParams.get('modules') ?? '').split(',').filter(Boolean);
    const merged: Json = {};
    let lastFailure: Response | null = null;
    for (const module of modules) {
      const { response, ok } = await ask(`${url.pathname}?modules=${module}`);
      if (!ok) continue;
      if (response.status !== 200) {
        lastFailure = response;
        continue;
      }
      const body = (await response.json()) as { quoteSummary: { result: Json[] } };
      Object.assign(merged, body.quoteSummary.result[0]);
    }
    if (Object.keys(merged).length) return Response.json({ quoteSummary: { result: [merged], error: null } });
    return lastFailure ?? Response.json({ quoteSummary: { result: null, error: { code: 'Not Found', description: 'Quote not found for symbol' } } }, { status: 404 });
  }

  function chart(url: URL): Response {
    // The symbol's longest recorded chart, whatever window was asked.
    const candidates = recordings.filter((r) => r.status === 200 && new URL(r.url).pathname === url.pathname);
    const longest = candidates.sort((a, b) => b.body.length - a.body.length)[0];
    if (!longest) return Response.json({ chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } }, { status: 404 });
    return new Response(longest.body, { status: 200, headers: { 'content-type': 'application/json' } });
  }

  const answer = async (method: string, url: URL): Promise<Response> => {
    if (url.pathname === '/v7/finance/quote') return quotes(url);
    if (url.pathname.startsWith('/v10/finance/quoteSummary/')) return quoteSummary(url);
    if (url.pathname.startsWith('/v8/finance/chart/')) return chart(url);
    // The recordings hold no spark answer: answered as a Yahoo without that endpoint would be
    // (404), so a run on them takes the chart path, as it must when spark is unusable.
    if (url.pathname === '/v7/finance/spark') {
      sparkRequests.push(`${url.pathname}${url.search}`);
      return Response.json({ finance: { result: null, error: { code: 'Not Found', description: 'HTTP 404 Not Found' } } }, { status: 404 });
    }
    const { response, ok } = await ask(`${url.pathname}${url.search}`, method);
    if (!ok) unanswered.push(`${method} ${url.pathname}${url.search}`);
    return ok ? response : new Response('no recording', { status: 404 });
  };

  const server = http.createServer((req, res) => {
    req.resume();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    answer(req.method ?? 'GET', url).then(
      async (response) => {
        const headers: Record<string, string | string[]> = {};
        response.headers.forEach((value, name) => {
          if (!TRANSFER_HEADERS.has(name) && name !== 'set-cookie') headers[name] = value;
        });
        const cookies = response.headers.getSetCookie();
        if (cookies.length) headers['set-cookie'] = cookies;
        const body = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, { ...headers, 'content-length': body.length });
        res.end(body);
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      },
    );
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  return {
    url: `http://127.0.0.1:${port}`,
    unanswered,
    sparkRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
