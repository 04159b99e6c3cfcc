// The Yahoo port as the handlers use it: live Yahoo, or YAHOO_ENDPOINT (a proxy, the
// simulator or a recorded replay) keeping path and query.
import { yahooConcurrency } from '../core/yahoo-config.js';
import { createYahooFinance } from './yahoo-client.js';
import { yahooPort, type YahooFinanceLike, type YahooPort } from './yahoo-port.js';

export function yahooPortFromEnv(env: NodeJS.ProcessEnv = process.env): YahooPort {
  const endpoint = env.YAHOO_ENDPOINT || undefined;
  // Each ticker in flight has its quoteSummary and its chart requests open at once.
  const concurrency = yahooConcurrency(env) * 2;
  return yahooPort(createYahooFinance({ endpoint, concurrency }) as unknown as YahooFinanceLike);
}
