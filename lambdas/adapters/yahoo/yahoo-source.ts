// The Yahoo port as the handlers use it: live Yahoo, or YAHOO_ENDPOINT (a proxy, the
// simulator or a recorded replay) keeping path and query. Paced, retried and time-limited
// as the YAHOO_* variables say (yahoo-config.ts).
import { yahooSourceConfig } from '../../core/config/yahoo-config.js';
import { createYahooFinance } from './yahoo-client.js';
import { yahooPort, type YahooFinanceLike, type YahooPort } from './yahoo-port.js';

export interface YahooPortOptions {
  /** See YahooClientOptions.failFastUntilAnswered. */
  failFastUntilAnswered?: boolean;
  /** See YahooClientOptions.onAnswer: who answers is learnt from the answers. */
  onAnswer?: (headers: Headers) => void;
}

export function yahooPortFromEnv(env: NodeJS.ProcessEnv = process.env, options: YahooPortOptions = {}): YahooPort {
  const endpoint = env.YAHOO_ENDPOINT || undefined;
  const config = yahooSourceConfig(env);
  return yahooPort(
    createYahooFinance({
      endpoint,
      // Each ticker in flight has its quoteSummary and its chart requests open at once.
      concurrency: config.concurrency * 2,
      requestsPerSecond: config.requestsPerSecond,
      maxRetries: config.maxRetries,
      timeoutMs: config.requestTimeoutMs,
      deadlineMs: config.tickerDeadlineMs,
      failFastUntilAnswered: options.failFastUntilAnswered ?? false,
      ...(options.onAnswer ? { onAnswer: options.onAnswer } : {}),
    }) as unknown as YahooFinanceLike,
  );
}
