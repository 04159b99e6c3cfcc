// Builds a quiet yahoo-finance2 client that can be pointed at a simulator or proxy. All clients
// of a process share one Yahoo session (see sharedJar). No retry/backoff: the caller does that.
import YahooFinance from 'yahoo-finance2';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';

export type YahooFinanceClient = InstanceType<typeof YahooFinance>;

export interface YahooClientOptions {
  /** Base URL (scheme, host, port) that replaces every Yahoo host, e.g. http://127.0.0.1:4010. */
  endpoint?: string;
  /** Per-request timeout in ms (default 10000). */
  timeoutMs?: number;
  /** The fetch to call underneath (default globalThis.fetch). */
  fetchImpl?: typeof fetch;
  /** Concurrent requests. yahoo-finance2 runs every instance's requests through ONE
   * module-level queue (default concurrency 4); each call re-applies its instance's value. */
  concurrency?: number;
  /** Warnings and errors from the library; default: dropped. */
  onLog?: (level: 'warn' | 'error', message: string) => void;
}

const DEFAULT_TIMEOUT_MS = 10_000;

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
  const { endpoint } = options;
  return (input, init) => {
    const url = endpoint ? rewriteYahooUrl(inputUrl(input), endpoint) : inputUrl(input);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    // A Request input carries method/headers/body; keep them when only the URL changes.
    const target = typeof input === 'string' || input instanceof URL ? url : new Request(url, input);
    return underlying(target, { ...init, signal });
  };
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
