// A local stand-in for Yahoo Finance: answers what yahoo-finance2 asks, in Yahoo's wire
// format (shapes mirrored from recorded real answers), with optional latency, rate limit
// and failures. Listens on 127.0.0.1 only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { asOfMoment, AS_OF_RULE, parseIsoDay } from '../lambdas/core/config/as-of-day.js';
import { SIMULATOR_HEADER } from '../lambdas/core/report/provenance.js';
import { createRng, hash32, marketModel, normalizeSymbol, venueOf, type TickerModel } from './market/index.js';
import { timeseriesBody } from './yahoo-timeseries.js';
import { chartBody, quoteResult, sparkEntry, summaryModules } from './yahoo-wire.js';

/** The most symbols one spark request may ask for. */
export const SPARK_MAX_SYMBOLS = 20;
/** Calendar days of the spark ranges (the simulated bars cover one year). */
const RANGE_DAYS: Record<string, number> = { '1d': 1, '5d': 5, '1mo': 31, '3mo': 92, '6mo': 183, '1y': 366, '2y': 731, '5y': 1827, '10y': 3653, max: 36_500 };

export interface SimulatorOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Delay before every answer, ms (default 20). */
  latencyMs?: number;
  /** Requests per second (one-second sliding window); past it: 429. 0/undefined = none. */
  rateLimit?: number;
  /** Symbols Yahoo does not know: dropped from quote, 404 on quoteSummary and chart. */
  failTickers?: string[];
  /** Deterministic fraction of tickers whose every request fails with HTTP 500. */
  failRate?: number;
  /** Fraction of data requests that fail once (500 or 429); the same request retried succeeds. */
  errorRate?: number;
  /** Selects another deterministic market (default 0). */
  seed?: number;
  /** Symbols whose quoteSummary and chart answers (and any spark answer carrying them) come `slowMs` late (past a client's timeout). */
  slowTickers?: string[];
  /** How late the slow answers come, ms (default 30000). */
  slowMs?: number;
  /** Symbols whose quoteSummary and chart answers (and any spark answer carrying them) are HTTP 200 with truncated, malformed JSON. */
  malformedTickers?: string[];
  /** Symbols whose history stopped `staleDays` calendar days ago (a suspended or delisted listing). */
  staleTickers?: string[];
  /** How long ago the stale symbols' last bar is, calendar days (default 14). */
  staleDays?: number;
  /** Symbols whose quoteSummary, chart and statements requests (and any spark request carrying
   * them) get no answer at all: the connection is dropped, a network error for the client (a partial outage). */
  resetTickers?: string[];
  /** The first N getcrumb requests answer 429, as Yahoo does under load. */
  crumbFailures?: number;
  /** Serve the market as of this day (YYYY-MM-DD) instead of today: bars end there, quotes and
   * fundamentals follow, and the times a client asks for (chart periods) are shifted by the same
   * offset, so a client on the real clock gets the year that ends on that day. */
  asOf?: string;
}

/** The header that names the simulated date on every answer. */
export const SIMULATED_DATE_HEADER = 'x-finwiz-simulated-date';

/** The moment a simulated day is served at: 21:00 UTC, after every venue's session has opened
 * (the same moment a run with SIM_AS_OF analyses it at). */
export const simulatedNow = (day: string): number => asOfMoment(day).getTime();

export type SimulatorEndpoint = 'cookie' | 'crumb' | 'quote' | 'quoteSummary' | 'chart' | 'timeseries' | 'spark' | 'other';

export interface SimulatorStats {
  requests: number;
  http429: number;
  http500: number;
  byEndpoint: Record<SimulatorEndpoint, number>;
}

export interface YahooSimulator {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  stats(): SimulatorStats;
  resetStats(): void;
  close(): Promise<void>;
}

/** The failRate rule: a ticker fails when its (salted) hash falls in the lowest `failRate` share. */
export function simulatedTickerFails(symbol: string, failRate: number): boolean {
  if (!(failRate > 0)) return false;
  return hash32(`fail:${normalizeSymbol(symbol)}`) / 2 ** 32 < failRate;
}

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string | string[]>;
}

const JSON_TYPE = 'application/json;charset=utf-8';
const json = (status: number, value: unknown): Answer => ({ status, body: JSON.stringify(value), headers: { 'content-type': JSON_TYPE } });
const text = (status: number, body: string, type = 'text/plain;charset=utf-8'): Answer => ({ status, body, headers: { 'content-type': type } });
/** Yahoo's error envelope: one top-level key whose `error` yahoo-finance2 turns into an Error. */
const yahooError = (key: string, status: number, code: string, description: string): Answer =>
  json(status, { [key]: { result: null, error: { code, description } } });

function classify(method: string, path: string): SimulatorEndpoint {
  if (method !== 'GET') return 'other';
  if (/^\/quote\/[^/]+\/?$/.test(path)) return 'cookie';
  if (path === '/v1/test/getcrumb') return 'crumb';
  if (path === '/v7/finance/quote') return 'quote';
  if (/^\/v10\/finance\/quoteSummary\/[^/]+$/.test(path)) return 'quoteSummary';
  if (/^\/v8\/finance\/chart\/[^/]+$/.test(path)) return 'chart';
  if (/^\/ws\/fundamentals-timeseries\/v1\/finance\/timeseries\/[^/]+$/.test(path)) return 'timeseries';
  if (path === '/v7/finance/spark') return 'spark';
  return 'other';
}

const emptyStats = (): SimulatorStats => ({
  requests: 0,
  http429: 0,
  http500: 0,
  byEndpoint: { cookie: 0, crumb: 0, quote: 0, quoteSummary: 0, chart: 0, timeseries: 0, spark: 0, other: 0 },
});

/** Cookies as Yahoo sets them (copyConsent / quote page): always for .yahoo.com, the
 * domain yahoo-finance2 stores and later sends them for. */
function cookiePage(token: string): Answer {
  const expires = new Date(Date.now() + 365 * 86_400_000).toUTCString();
  const value = `d=${token}&S=AQAAA${token.slice(0, 16)}`;
  return {
    status: 200,
    body: '<!DOCTYPE html><html lang="en-us"><head><title>Yahoo Finance</title></head><body></body></html>',
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'set-cookie': [
        `A3=${value}; Expires=${expires}; Max-Age=31536000; Domain=.yahoo.com; Path=/; SameSite=None; Secure; HttpOnly`,
        `A1=${value}; Expires=${expires}; Max-Age=31536000; Domain=.yahoo.com; Path=/; SameSite=Lax; Secure; HttpOnly`,
        `A1S=${value}; Domain=.yahoo.com; Path=/; SameSite=Lax; Secure`,
      ],
    },
  };
}

const symbolOf = (url: URL): string => normalizeSymbol(decodeURIComponent(url.pathname.split('/').pop() ?? ''));
const symbolsOf = (url: URL): string[] => (url.searchParams.get('symbols') ?? '').split(',').map(normalizeSymbol).filter(Boolean);
/** Whether a per-symbol fault hits this request: a symbol request for that symbol, or a spark
 * batch that carries it (one slow, dropped or malformed part spoils the whole answer). */
const hits = (faulty: ReadonlySet<string>, endpoint: SimulatorEndpoint, url: URL, endpoints: readonly SimulatorEndpoint[]): boolean =>
  faulty.size > 0 && (endpoint === 'spark' ? symbolsOf(url).some((s) => faulty.has(s)) : endpoints.includes(endpoint) && faulty.has(symbolOf(url)));

export async function startYahooSimulator(options: SimulatorOptions = {}): Promise<YahooSimulator> {
  const seed = options.seed ?? 0;
  const latencyMs = options.latencyMs ?? 20;
  const rateLimit = options.rateLimit ?? 0;
  const failRate = options.failRate ?? 0;
  const errorRate = options.errorRate ?? 0;
  const unknown = new Set((options.failTickers ?? []).map(normalizeSymbol));
  const slow = new Set((options.slowTickers ?? []).map(normalizeSymbol));
  const malformed = new Set((options.malformedTickers ?? []).map(normalizeSymbol));
  const reset = new Set((options.resetTickers ?? []).map(normalizeSymbol));
  const stale = new Set((options.staleTickers ?? []).map(normalizeSymbol));
  const staleMs = (options.staleDays ?? 14) * 86_400_000;
  let crumbFailuresLeft = options.crumbFailures ?? 0;
  const errorRng = createRng(hash32(`errors|${seed}`));
  const crumb = hash32(`crumb|${seed}`).toString(36).padEnd(11, 'x').slice(0, 11);
  const cookieToken = `AQABC${hash32(`cookie|${seed}`).toString(16).padStart(8, '0')}${hash32(`jar|${seed}`).toString(16).padStart(8, '0')}`;
  const decided = new Set<string>(); // errorRate: each distinct request is drawn once
  const recent: number[] = []; // accepted request times for the rate limit
  const models = new Map<string, TickerModel>();
  // The simulated clock: the real one, or the as-of day at 21:00 UTC.
  if (options.asOf !== undefined && parseIsoDay(options.asOf) === undefined) throw new Error(`asOf "${options.asOf}" ${AS_OF_RULE}`);
  const fixedNow = options.asOf === undefined ? null : simulatedNow(options.asOf);
  const clockMs = () => fixedNow ?? Date.now();
  /** Seconds to move a window a client asked for that ends after the simulated now (a client on
   * the real clock) so that it ends there, its length kept; a window already in the simulated
   * past (a client that takes the day as today) is served as asked. */
  const shiftFor = (period2: number) => (fixedNow === null ? 0 : Math.min(0, Math.floor(fixedNow / 1000) - period2));
  let stats = emptyStats();
  let closed = false;

  const model = (symbol: string): TickerModel => {
    // Bars end with the latest session that has opened (14:30 UTC in New York, 08:00 in
    // London, 00:00 for Tokyo, coins and currencies), so none lies in the future.
    const asOf = new Date(clockMs() - venueOf(symbol).openUtc * 1000 - (stale.has(symbol) ? staleMs : 0));
    const key = `${symbol}|${asOf.toISOString().slice(0, 10)}`;
    let m = models.get(key);
    if (!m) models.set(key, (m = marketModel(symbol, seed, asOf)));
    return m;
  };
  const fails = (symbol: string) => simulatedTickerFails(symbol, failRate);
  const serverError = () => text(500, 'Internal Server Error');
  const tooMany = () => ({ ...text(429, 'Too Many Requests', 'text/html'), headers: { 'content-type': 'text/html', 'retry-after': '1' } });

  function overRateLimit(now: number): boolean {
    if (!(rateLimit > 0)) return false;
    while (recent.length && (recent[0] as number) <= now - 1000) recent.shift();
    if (recent.length >= rateLimit) return true;
    recent.push(now);
    return false;
  }

  /** errorRate: the first sight of a request (ignoring crumb and moving dates) may fail once. */
  function transientFailure(url: URL): Answer | null {
    if (!(errorRate > 0)) return null;
    const params = [...url.searchParams].filter(([k]) => !['crumb', 'period1', 'period2'].includes(k)).sort();
    const key = `${url.pathname}?${new URLSearchParams(params).toString()}`;
    if (decided.has(key)) return null;
    decided.add(key);
    if (errorRng() >= errorRate) return null;
    return errorRng() < 0.5 ? serverError() : tooMany();
  }

  function data(endpoint: SimulatorEndpoint, url: URL, cookie: string): Answer {
    // Crumb-protected like Yahoo: both the crumb and the session cookie must be sent.
    if (endpoint === 'quote' || endpoint === 'quoteSummary') {
      if (!url.searchParams.get('crumb')) return yahooError('finance', 401, 'Unauthorized', 'Invalid Crumb');
      if (!/(^|;\s*)A3=/.test(cookie)) return yahooError('finance', 401, 'Unauthorized', 'Invalid Cookie');
    }
    const transient = transientFailure(url);
    if (transient) return transient;
    const now = Math.floor(clockMs() / 1000);
    if (endpoint === 'spark' && hits(malformed, endpoint, url, [])) return { status: 200, body: '{"spark":{"result":[{"symbol":', headers: { 'content-type': 'application/json' } };
    if (endpoint === 'spark') {
      const symbols = symbolsOf(url);
      // Yahoo refuses more than 20 symbols a spark request; so does the simulator.
      if (symbols.length > SPARK_MAX_SYMBOLS) return yahooError('spark', 400, 'Bad Request', `Invalid input - at most ${SPARK_MAX_SYMBOLS} symbols, got ${symbols.length}`);
      if (symbols.some((s) => !unknown.has(s) && fails(s))) return serverError();
      const interval = url.searchParams.get('interval') ?? '1d';
      if (interval !== '1d') return yahooError('spark', 400, 'Bad Request', `Invalid input - interval=${interval} is not supported by this simulator`);
      const range = url.searchParams.get('range') ?? '1y';
      const days = range === 'ytd' ? (now - Date.UTC(new Date(now * 1000).getUTCFullYear(), 0, 1) / 1000) / 86_400 : RANGE_DAYS[range];
      if (days === undefined) return yahooError('spark', 400, 'Bad Request', `Invalid input - range=${range} is not supported`);
      const result = symbols.filter((s) => !unknown.has(s)).map((s) => sparkEntry(model(s), now - days * 86_400, now + 1, now, range));
      return json(200, { spark: { result, error: null } });
    }
    if (endpoint === 'quote') {
      const symbols = (url.searchParams.get('symbols') ?? '').split(',').map(normalizeSymbol).filter(Boolean);
      if (symbols.some((s) => !unknown.has(s) && fails(s))) return serverError();
      // Unknown symbols are silently absent, as on Yahoo.
      const result = symbols.filter((s) => !unknown.has(s)).map((s) => quoteResult(model(s), now));
      return json(200, { quoteResponse: { result, error: null } });
    }
    const symbol = symbolOf(url);
    if (malformed.has(symbol)) return { status: 200, body: '{"chart":{"result":[{"meta":', headers: { 'content-type': 'application/json' } };
    if (endpoint === 'quoteSummary') {
      if (unknown.has(symbol)) return yahooError('quoteSummary', 404, 'Not Found', `Quote not found for symbol: ${symbol}`);
      if (fails(symbol)) return serverError();
      const requested = url.searchParams.get('modules') ?? '';
      const modules = summaryModules(model(symbol), requested.split(',').filter(Boolean), now);
      // Yahoo leaves out modules it has no data for; only when none remain is it a 404.
      if (!modules) return yahooError('quoteSummary', 404, 'Not Found', `No fundamentals data found for any of the summaryTypes=${requested}`);
      return json(200, { quoteSummary: { result: [modules], error: null } });
    }
    if (endpoint === 'timeseries') {
      // Yahoo answers any symbol 200, with empty series where it has no statements.
      if (fails(symbol)) return serverError();
      const types = (url.searchParams.get('type') ?? '').split(',').filter(Boolean);
      const asked2 = Number(url.searchParams.get('period2') ?? now);
      const period1 = Number(url.searchParams.get('period1') ?? 0) + shiftFor(asked2);
      const period2 = asked2 + shiftFor(asked2);
      if (unknown.has(symbol)) return json(200, { timeseries: { result: types.map((type) => ({ meta: { symbol: [symbol], type: [type] } })), error: null } });
      return json(200, timeseriesBody(model(symbol), types, period1, period2));
    }
    if (unknown.has(symbol)) return yahooError('chart', 404, 'Not Found', 'No data found, symbol may be delisted');
    if (fails(symbol)) return serverError();
    const interval = url.searchParams.get('interval') ?? '1d';
    if (interval !== '1d') return yahooError('chart', 400, 'Bad Request', `Invalid input - interval=${interval} is not supported by this simulator`);
    const asked2 = url.searchParams.has('period2') ? Number(url.searchParams.get('period2')) : now;
    const period1 = (url.searchParams.has('period1') ? Number(url.searchParams.get('period1')) : now - 365 * 86_400) + shiftFor(asked2);
    const period2 = asked2 + shiftFor(asked2);
    return json(200, chartBody(model(symbol), period1, period2, now));
  }

  function answer(req: http.IncomingMessage, endpoint: SimulatorEndpoint, url: URL): Answer {
    if (overRateLimit(Date.now())) return tooMany();
    switch (endpoint) {
      case 'cookie':
        return cookiePage(cookieToken);
      case 'crumb':
        if (crumbFailuresLeft > 0) {
          crumbFailuresLeft--;
          return tooMany();
        }
        return text(200, crumb);
      case 'other':
        return yahooError('finance', 404, 'Not Found', 'HTTP 404 Not Found');
      default:
        return data(endpoint, url, req.headers.cookie ?? '');
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const endpoint = classify(req.method ?? 'GET', url.pathname);
    stats.requests++;
    stats.byEndpoint[endpoint]++;
    if (hits(reset, endpoint, url, ['quoteSummary', 'chart', 'timeseries'])) {
      req.socket.destroy();
      return;
    }
    let result: Answer;
    try {
      result = answer(req, endpoint, url);
    } catch (error) {
      result = text(500, `simulator error: ${(error as Error).message}`);
    }
    if (result.status === 429) stats.http429++;
    if (result.status === 500) stats.http500++;
    req.resume(); // drain any body so the connection stays reusable
    const late = hits(slow, endpoint, url, ['quoteSummary', 'chart']) ? (options.slowMs ?? 30_000) : 0;
    const timer = setTimeout(() => {
      if (closed || res.destroyed) return;
      const body = Buffer.from(result.body);
      // Every answer says it is simulated: a run that points here is labelled so (provenance.ts).
      res.writeHead(result.status, {
        ...result.headers, [SIMULATOR_HEADER]: 'finwiz-yahoo-simulator', 'content-length': body.length,
        // The day served, and that the anchored price levels are approximate (price-anchors.ts).
        [SIMULATED_DATE_HEADER]: new Date(clockMs()).toISOString().slice(0, 10), 'x-finwiz-price-levels': 'approximate',
      });
      res.end(body);
    }, latencyMs + late);
    // A client that gave up must not keep the simulator (or a test) waiting for the slow answer.
    res.once('close', () => clearTimeout(timer));
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    close: async () => {
      closed = true;
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
    },
  };
}
