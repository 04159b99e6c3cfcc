// Builds a quiet yahoo-finance2 client that can be pointed at a simulator or proxy. All clients
// of a process share one Yahoo session (see sharedJar) and, when paced, one request pacer.
// yahoo-finance2 has no retry of its own: its `fetch` is ours, and every request it makes
// (cookie page, getcrumb, quote, quoteSummary, chart) goes through the pacer and the retries
// there, each attempt with its own timeout.
import YahooFinance from 'yahoo-finance2';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { systemClock, type Clock } from '../http/clock.js';
import { RequestPacer, type PacerPermit } from '../http/rate-limiter.js';
import { connectionFailureCode } from '../http/connection-failure.js';
import { DEFAULT_RETRY_POLICY, DeadlineExceededError, isRetryableError, withRetries, type RetryEvent } from '../http/retry-policy.js';
import { yahooServiceTime } from './yahoo-service-time.js';
import { requestLimits } from './ticker-budget.js';
import { YahooHttpError } from './yahoo-http-error.js';
import { markYahooFailure } from './yahoo-request-error.js';

export type YahooFinanceClient = InstanceType<typeof YahooFinance>;

export interface YahooClientOptions {
  /** Base URL (scheme, host, port) that replaces every Yahoo host, e.g. http://127.0.0.1:4010. */
  endpoint?: string;
  /** Timeout of every attempt of a request, ms (default 10000). */
  timeoutMs?: number;
  /** Paces every request of the process through one shared pacer at this rate (requests per
   * second, adaptive after a 429). Default: not paced. */
  requestsPerSecond?: number;
  /** A pacer of its own instead of the process's (tests). Wins over requestsPerSecond. */
  pacer?: RequestPacer;
  /** Retries of a request after 429, 5xx, a network error or a timeout (default 0: none). */
  maxRetries?: number;
  /** No retry of a request starts later than this after it was asked for, ms (default 60000). */
  deadlineMs?: number;
  /** Backoff base and cap, ms (defaults 500 and 10000); full jitter between 0 and the step. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Uniform random in [0, 1) for the jitter (default Math.random). */
  random?: () => number;
  /** Time for timeouts, waits and pacing (default the system clock). */
  clock?: Clock;
  /** Called before every retry, with the reason and the wait. */
  onRetry?: (event: RetryEvent & { url: string }) => void;
  /** The fetch to call underneath (default globalThis.fetch). */
  fetchImpl?: typeof fetch;
  /** Concurrent requests. yahoo-finance2 runs every instance's requests through ONE
   * module-level queue (default concurrency 4); each call re-applies its instance's value. */
  concurrency?: number;
  /** Until the source has answered once, a request that could not connect (refused, no such
   * host, no route, TLS) is not retried: Prefetch then learns at once that the source is
   * unreachable instead of after every retry's backoff. Default false. */
  failFastUntilAnswered?: boolean;
  /** Sees the headers of every HTTP answer (any status, every attempt): Prefetch learns from them
   * who answers (source-identity.ts) without a request of its own. */
  onAnswer?: (headers: Headers) => void;
  /** Warnings and errors from the library; default: dropped. */
  onLog?: (level: 'warn' | 'error', message: string) => void;
}

const DEFAULT_TIMEOUT_MS = 10_000;

// ONE pacer per process, like the session below: Yahoo counts the requests of the whole
// process (one cookie session, one IP), so two clients must share one budget.
let processPacer: RequestPacer | undefined;

/** The process's Yahoo pacer, created at the first call; a later call with another rate
 * changes its configured rate (a slowed-down pacer stays slowed down). */
export function sharedYahooPacer(requestsPerSecond: number): RequestPacer {
  if (!processPacer) processPacer = new RequestPacer({ requestsPerSecond });
  else if (processPacer.maxRate !== requestsPerSecond) processPacer.setMaxRate(requestsPerSecond);
  return processPacer;
}

/** A new run starts at the configured rate: a slow-down belongs to the run that saw the 429s. */
export function resetYahooPacer(): void {
  processPacer = undefined;
}

/** The process's Yahoo pacer if any client is paced (its stats say how often Yahoo throttled). */
export function currentYahooPacer(): RequestPacer | undefined {
  return processPacer;
}

// ONE jar for every client of this process, on purpose. yahoo-finance2 keeps the crumb (and
// the promise that fetches it) in module-level variables, and after the first cached hit it
// never fetches cookies again: a second client with its own empty jar then sends the crumb
// without the session cookies (Yahoo: 401 "Invalid Cookie"). A crumb belongs to one cookie
// session, so the jar must be as process-wide as the crumb.
const sharedJar = new ExtendedCookieJar();
// Start the library's crumb state in step with this (empty) jar, even if it outlived us.
void getCrumbClear(sharedJar);

/** Forgets the crumb and cookies so the next call fetches a fresh session (after a 401). */
export async function resetYahooSession(): Promise<void> {
  await getCrumbClear(sharedJar);
}

/** yahoo.com and any of its subdomains (finance., query1/2.finance., guce., consent.). */
function isYahooHost(hostname: string): boolean {
  return hostname === 'yahoo.com' || hostname.endsWith('.yahoo.com');
}

function inputUrl(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** Rewrites Yahoo URLs to `endpoint` (path and query kept); refuses any other host so a
 * client aimed at a simulator can never leak traffic elsewhere. */
export function rewriteYahooUrl(url: string, endpoint: string): string {
  const target = new URL(url);
  if (!isYahooHost(target.hostname)) {
    throw new Error(`Refusing non-Yahoo URL while redirected to ${endpoint}: ${url}`);
  }
  const base = new URL(endpoint);
  target.protocol = base.protocol;
  target.host = base.host; // host = hostname + port
  return target.href;
}

function createFetch(options: YahooClientOptions): typeof fetch {
  const underlying = options.fetchImpl ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = options.clock ?? systemClock;
  const pacer = options.pacer ?? (options.requestsPerSecond ? sharedYahooPacer(options.requestsPerSecond) : undefined);
  const { endpoint, onRetry, onAnswer } = options;
  // Whether any request of this client got an HTTP answer (of any status).
  let answered = false;
  const isTransientError = options.failFastUntilAnswered
    ? (error: unknown) => isRetryableError(error) && (answered || connectionFailureCode(error) === null)
    : undefined;
  return (input, init) => {
    const url = endpoint ? rewriteYahooUrl(inputUrl(input), endpoint) : inputUrl(input);
    // A Request input carries method/headers/body; keep them when only the URL changes.
    const target = typeof input === 'string' || input instanceof URL ? url : new Request(url, input);
    const caller = init?.signal ?? undefined;

    const attempt = async ({ retry, deadlineAt }: { retry: number; deadlineAt: number }): Promise<Response> => {
      const limits: AbortSignal[] = caller ? [caller] : [];
      // A retry must neither wait for its turn nor run past the deadline.
      const deadline = retry > 0 ? clock.timeout(Math.max(0, deadlineAt - clock.now())) : undefined;
      if (deadline) limits.push(deadline);
      let permit: PacerPermit | undefined;
      if (pacer) {
        try {
          permit = await pacer.acquire(limits.length > 0 ? AbortSignal.any(limits) : undefined);
        } catch (error) {
          if (deadline?.aborted && !caller?.aborted) throw new DeadlineExceededError('deadline passed while waiting for a turn');
          throw error;
        }
      }
      const signal = AbortSignal.any([...limits, clock.timeout(timeoutMs)]);
      // On the wire from here: the ticker's own service time, not its wait for a turn.
      const sent = performance.now();
      let response: Response;
      try {
        response = await underlying(target, { ...init, signal });
      } finally {
        yahooServiceTime.add(url, performance.now() - sent);
      }
      answered = true;
      onAnswer?.(response.headers);
      if (pacer) {
        if (response.status === 429) pacer.throttled(permit);
        else if (response.status < 500) pacer.succeeded();
      }
      return response;
    };

    // The ticker's budget (ticker-budget.ts), when the request is one of a ticker's, narrows the client's limits.
    const limits = requestLimits({ maxRetries: options.maxRetries ?? 0, deadlineMs: options.deadlineMs ?? DEFAULT_RETRY_POLICY.deadlineMs }, clock.now());
    return withRetries(attempt, {
      maxRetries: limits.maxRetries,
      deadlineMs: limits.deadlineMs,
      baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
      maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
      clock,
      random: options.random,
      signal: caller,
      onRetry: (event) => {
        // The backoff before a retry is the ticker's own time, as it would be in a sequential run.
        yahooServiceTime.add(url, event.delayMs, false);
        onRetry?.({ ...event, url });
      },
      isTransientError,
    }).then(answerNonOk, (error: unknown) => {
      throw markYahooFailure(error);
    });
  };
}

/** Yahoo's own error body (`{"<key>": {"error": {"code", "description"}}}`): yahoo-finance2 throws its description without logging. */
function isYahooErrorBody(text: string): boolean {
  try {
    const body = JSON.parse(text) as Record<string, { error?: { code?: unknown; description?: unknown } } | null>;
    const keys = Object.keys(body);
    return keys.length === 1 && typeof body[keys[0]!]?.error?.code === 'string';
  } catch {
    return false;
  }
}

/**
 * A non-OK answer becomes our typed error here, so that yahoo-finance2 never sees it: on such an
 * answer it prints the full request URL, crumb included, to stderr. Yahoo's own error bodies
 * (an unknown symbol, no fundamentals) pass through: the library turns them into their message.
 */
async function answerNonOk(response: Response): Promise<Response> {
  // Redirects pass: the library follows the cookie and consent pages by hand.
  if (response.ok || response.status < 400) return response;
  const text = await response.clone().text().catch(() => '');
  if (isYahooErrorBody(text)) return response;
  throw new YahooHttpError(response.status, text.slice(0, 200) || response.statusText);
}

export function createYahooFinance(options: YahooClientOptions = {}): YahooFinanceClient {
  const log = options.onLog ?? (() => {});
  const join = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return new YahooFinance({
    cookieJar: sharedJar,
    // Otherwise a validation failure makes it call the npm registry.
    versionCheck: false,
    validation: { logErrors: false, logOptionsErrors: false },
    suppressNotices: ['yahooSurvey', 'ripHistorical'],
    logger: {
      debug: () => {},
      info: () => {},
      dir: () => {},
      warn: (...args: unknown[]) => log('warn', join(args)),
      error: (...args: unknown[]) => log('error', join(args)),
    },
    fetch: createFetch(options),
    ...(options.concurrency ? { queue: { concurrency: options.concurrency } } : {}),
  });
}
