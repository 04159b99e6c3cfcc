// The Alpha Vantage client: OVERVIEW and EARNINGS per symbol, paced at exactly
// `callsPerMinute`, stopped for good by the first quota or throttle answer, and careful with
// the API key. It never throws: every call returns a result (DESIGN.md, "Alpha Vantage").
//
// Pacing: calls start one after another, in the order they were made, each no earlier than
// `interval = 60000 / callsPerMinute` ms after the previous call started (so the i-th call
// starts no earlier than the first + i * interval), and as soon as that time has come: a call
// made after an idle spell starts at once, without a burst to "catch up". Requests may overlap
// in flight; only their starts are paced.
//
// The API key is only ever in the request URL. Every message this client returns or logs goes
// through `redact`, which removes the key (raw and URL-encoded) and any `apikey=` parameter.
import {
  interpretAlphaVantageAnswer,
  redactEchoedApiKey,
  type AlphaVantageAnswers,
  type AlphaVantageEarnings,
  type AlphaVantageFunction,
  type AlphaVantageOverview,
} from '../../core/alpha-vantage/alpha-vantage.js';
import { FinwizError } from '../../core/errors.js';

export const ALPHA_VANTAGE_BASE_URL = 'https://www.alphavantage.co';
export const ALPHA_VANTAGE_DEFAULT_TIMEOUT_MS = 30_000;

export type AlphaVantageFailureReason = 'quota' | 'throttle' | 'error' | 'network';

export type AlphaVantageResult<T> =
  | { ok: true; data: T }
  | { ok: false; reason: AlphaVantageFailureReason; message: string };

export interface AlphaVantageClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The part of a logger the client uses (Powertools' Logger fits). */
export interface AlphaVantageLogger {
  warn(message: string, ...extra: Record<string, unknown>[]): void;
}

export type FetchLike = (url: string, init?: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<Response>;

export interface AlphaVantageClientOptions {
  apiKey: string;
  /** Calls per minute (ALPHA_VANTAGE_RATE_LIMIT). */
  callsPerMinute: number;
  fetchImpl?: FetchLike;
  /** Default https://www.alphavantage.co; a path prefix is kept. */
  baseUrl?: string;
  clock?: AlphaVantageClock;
  /** Per request, for the answer and its body (default 30 s). */
  timeoutMs?: number;
  logger?: AlphaVantageLogger;
}

export interface AlphaVantageExhaustion {
  reason: 'quota' | 'throttle';
  message: string;
}

export interface AlphaVantageClient {
  overview(symbol: string): Promise<AlphaVantageResult<AlphaVantageOverview>>;
  earnings(symbol: string): Promise<AlphaVantageResult<AlphaVantageEarnings>>;
  /** Set by the first quota or throttle answer; every later call is refused without a request. */
  readonly exhausted: AlphaVantageExhaustion | null;
  /** Requests actually sent (refused calls are not counted). */
  readonly requestCount: number;
}

export const systemClock: AlphaVantageClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A function that removes `secret` (raw and URL-encoded) and any `apikey=` value from a text. */
export function apiKeyRedactor(secret: string): (text: string) => string {
  const forms = [...new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')])]
    .filter((form) => form.length > 0)
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const form of forms) out = out.split(form).join('[redacted]');
    return redactEchoedApiKey(out);
  };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts = [error.name === 'Error' ? error.message : `${error.name}: ${error.message}`];
  // undici's "fetch failed" carries the useful part (ECONNREFUSED, ...) in `cause`.
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) parts.push(`(${cause.message})`);
  else if (cause !== undefined && cause !== null) parts.push(`(${String(cause)})`);
  return parts.join(' ');
}

class TimeoutError extends FinwizError {
  override readonly name = 'TimeoutError';
}

export function createAlphaVantageClient(options: AlphaVantageClientOptions): AlphaVantageClient {
  const { apiKey, callsPerMinute } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new Error('Alpha Vantage client: apiKey must be a non-empty string');
  if (!Number.isFinite(callsPerMinute) || callsPerMinute <= 0) {
    throw new Error(`Alpha Vantage client: callsPerMinute must be a positive number, got ${String(callsPerMinute)}`);
  }
  const fetchImpl: FetchLike = options.fetchImpl ?? ((url, init) => fetch(url, init));
  const baseUrl = (options.baseUrl ?? ALPHA_VANTAGE_BASE_URL).replace(/\/+$/, '');
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? ALPHA_VANTAGE_DEFAULT_TIMEOUT_MS;
  const intervalMs = 60_000 / callsPerMinute;
  const redact = apiKeyRedactor(apiKey);

  let exhausted: AlphaVantageExhaustion | null = null;
  let requestCount = 0;
  let lastStart: number | null = null;
  /** The turn queue: each call waits for the previous call's start. */
  let queue: Promise<void> = Promise.resolve();

  const refused = (): { ok: false; reason: 'quota'; message: string } => ({
    ok: false,
    reason: 'quota',
    message: `Alpha Vantage not called: stopped for the rest of the run after a ${exhausted?.reason ?? 'quota'} answer (${exhausted?.message ?? ''})`,
  });

  const warn = (message: string, extra: Record<string, unknown>): void => {
    try {
      options.logger?.warn(redact(message), JSON.parse(redact(JSON.stringify(extra))) as Record<string, unknown>);
    } catch {
      // a logger must not break a call
    }
  };

  /** Wait for this call's start time; false when the client was exhausted meanwhile. */
  async function takeTurn(): Promise<boolean> {
    if (exhausted) return false;
    if (lastStart !== null) {
      const earliest = lastStart + intervalMs;
      // Loop: a timer may fire a little early; a start is never earlier than its slot.
      for (let now = clock.now(); now < earliest; now = clock.now()) {
        await clock.sleep(earliest - now);
        if (exhausted) return false;
      }
    }
    lastStart = clock.now();
    return true;
  }

  async function request<F extends AlphaVantageFunction>(fn: F, symbol: string): Promise<AlphaVantageResult<AlphaVantageAnswers[F]>> {
    const url = `${baseUrl}/query?${new URLSearchParams({ function: fn, symbol, apikey: apiKey }).toString()}`;
    requestCount += 1;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new TimeoutError(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    let status: number;
    let text: string;
    try {
      const response = await Promise.race([fetchImpl(url, { signal: controller.signal, headers: { accept: 'application/json' } }), timeout]);
      status = response.status;
      text = await Promise.race([response.text(), timeout]);
    } catch (error) {
      const message = redact(`Alpha Vantage ${fn} ${symbol}: request failed: ${describeError(error)}`);
      warn(message, { function: fn, symbol, reason: 'network' });
      return { ok: false, reason: 'network', message };
    } finally {
      clearTimeout(timer);
      timeout.catch(() => {});
    }

    if (status < 200 || status > 299) {
      // Alpha Vantage answers its limits with HTTP 200; a 429 from anything in between is a
      // throttle all the same.
      const reason = status === 429 ? 'throttle' : 'error';
      const message = redact(`Alpha Vantage ${fn} ${symbol}: HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`);
      if (reason === 'throttle') exhausted ??= { reason, message };
      warn(message, { function: fn, symbol, reason, status });
      return { ok: false, reason, message };
    }

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const message = redact(`Alpha Vantage ${fn} ${symbol}: the answer is not JSON: ${text.slice(0, 100)}`);
      warn(message, { function: fn, symbol, reason: 'error' });
      return { ok: false, reason: 'error', message };
    }

    const answer = interpretAlphaVantageAnswer(fn, body);
    if (answer.kind === 'data') return { ok: true, data: answer.data };
    const message = redact(`${answer.message} (${fn} ${symbol})`);
    if (answer.kind === 'quota' || answer.kind === 'throttle') {
      exhausted ??= { reason: answer.kind, message };
      warn(`Alpha Vantage stopped for the rest of the run: ${message}`, { function: fn, symbol, reason: answer.kind });
    } else {
      warn(message, { function: fn, symbol, reason: answer.kind });
    }
    return { ok: false, reason: answer.kind, message };
  }

  async function call<F extends AlphaVantageFunction>(fn: F, symbol: string): Promise<AlphaVantageResult<AlphaVantageAnswers[F]>> {
    try {
      if (exhausted) return refused();
      const turn = queue.then(takeTurn);
      queue = turn.then(
        () => undefined,
        () => undefined,
      );
      if (!(await turn)) return refused();
      return await request(fn, symbol);
    } catch (error) {
      // Only a faulty clock or logger gets here; still a result, never a throw.
      return { ok: false, reason: 'error', message: redact(`Alpha Vantage ${fn} ${symbol}: ${describeError(error)}`) };
    }
  }

  return {
    overview: (symbol) => call('OVERVIEW', symbol),
    earnings: (symbol) => call('EARNINGS', symbol),
    get exhausted() {
      return exhausted;
    },
    get requestCount() {
      return requestCount;
    },
  };
}
