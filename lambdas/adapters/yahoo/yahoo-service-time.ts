// Each ticker's own service time with Yahoo: the time its requests spent on the wire, and the
// backoff before their retries, never the time they waited for their turn at our rate limiter
// (or in yahoo-finance2's queue) behind the other tickers in flight. Attributed by the symbol in
// the request's URL; a batched quote's time is shared among its symbols. The sequential
// estimate of the metrics is built on it (metrics/run-metrics.ts).

/** The symbols a Yahoo request is for: one in the path, or a `symbols=` list; none for a cookie or crumb. */
export function symbolsOfYahooUrl(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const listed = parsed.searchParams.get('symbols');
  if (listed) return listed.split(',').map((s) => s.trim()).filter(Boolean);
  const path = /\/(?:quoteSummary|chart|timeseries)\/([^/?]+)$/.exec(parsed.pathname);
  return path ? [decodeURIComponent(path[1]!)] : [];
}

/** Milliseconds of service per symbol, and of the requests for no symbol (session set-up); and
 * how many requests each symbol made (a batched one shared), for the rate limit's floor. */
export class ServiceTimeLedger {
  private readonly bySymbol = new Map<string, number>();
  private readonly requestsBySymbol = new Map<string, number>();
  private sessionMs = 0;
  private requestTotal = 0;

  /** `ms` of a request on the wire (`request` true) or of the backoff before a retry (false). */
  add(url: string, ms: number, request = true): void {
    const symbols = symbolsOfYahooUrl(url);
    if (request) {
      this.requestTotal++;
      for (const symbol of symbols) this.requestsBySymbol.set(symbol, (this.requestsBySymbol.get(symbol) ?? 0) + 1 / symbols.length);
    }
    if (!(ms > 0)) return;
    if (symbols.length === 0) {
      this.sessionMs += ms;
      return;
    }
    for (const symbol of symbols) this.bySymbol.set(symbol, (this.bySymbol.get(symbol) ?? 0) + ms / symbols.length);
  }

  /** A symbol's service time so far, in seconds, and forgets it (a ticker is read once). */
  take(symbol: string): number {
    const ms = this.bySymbol.get(symbol) ?? 0;
    this.bySymbol.delete(symbol);
    return ms / 1000;
  }

  /** A symbol's requests so far (its share of a batched one counted as a fraction), and forgets them. */
  takeRequests(symbol: string): number {
    const requests = this.requestsBySymbol.get(symbol) ?? 0;
    this.requestsBySymbol.delete(symbol);
    return requests;
  }

  /** Every request of the process so far, for any symbol or none. */
  requestsSoFar(): number {
    return this.requestTotal;
  }

  /** The service time of requests for no symbol (the cookie and crumb), in seconds. */
  sessionSeconds(): number {
    return this.sessionMs / 1000;
  }
}

/** The process's ledger: every Yahoo client of the process writes to it, like the shared pacer. */
export const yahooServiceTime = new ServiceTimeLedger();
