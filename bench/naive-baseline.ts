// What a script would do: one ticker after another with plain yahoo-finance2 calls (quote, then
// quoteSummary, then a year of daily bars), no batching, no pacing, no retries.
import YahooFinance from 'yahoo-finance2';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { BASE_MODULES, COMPANY_MODULES } from '../lambdas/adapters/yahoo/yahoo-ticker-fetch.js';

export interface NaiveResult {
  wallSeconds: number;
  failed: number;
  errors: Record<string, number>;
}

export async function naiveFetch(tickers: string[], endpoint: string): Promise<NaiveResult> {
  const base = new URL(endpoint);
  const redirect: typeof fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    url.protocol = base.protocol;
    url.host = base.host;
    return fetch(url, init);
  };
  // A script starts afresh each time: yahoo-finance2 keeps its crumb in module state, and a new
  // jar without the cookies that crumb belongs to would be refused (401 Invalid Cookie).
  const cookieJar = new ExtendedCookieJar();
  await getCrumbClear(cookieJar);
  const yf = new YahooFinance({
    fetch: redirect,
    cookieJar,
    versionCheck: false,
    validation: { logErrors: false, logOptionsErrors: false },
    suppressNotices: ['yahooSurvey', 'ripHistorical'],
  });
  const errors: Record<string, number> = {};
  let failed = 0;
  const started = performance.now();
  const yearAgo = new Date(Date.now() - 366 * 86_400_000);
  for (const ticker of tickers) {
    try {
      await yf.quote(ticker);
      await yf.quoteSummary(ticker, { modules: [...BASE_MODULES, ...COMPANY_MODULES] as never });
      await yf.chart(ticker, { period1: yearAgo, interval: '1d' });
    } catch (error) {
      // A schema drift still brought the data: only a failed request is a failed ticker.
      if (error instanceof Error && error.name === 'FailedYahooValidationError') continue;
      failed++;
      const reason = error instanceof Error ? `${error.name}: ${error.message.slice(0, 60)}` : String(error);
      errors[reason] = (errors[reason] ?? 0) + 1;
    }
  }
  return { wallSeconds: (performance.now() - started) / 1000, failed, errors };
}
