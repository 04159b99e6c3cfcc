// Every configuration variable of the handlers and of `finwiz run`, in one table: the README's
// configuration table, the stack's CDK context keys (lib/settings.ts) and the test helpers all
// derive from it, and a test holds the README to it. Order: as the README lists them.
import { DIGEST_THRESHOLD_RULE, parseDigestThreshold, type DigestThreshold } from '../history/digest-threshold.js';
import { AS_OF_RULE, parseIsoDay } from './as-of-day.js';
import { LLM_SETTINGS } from './llm-config.js';
import { decimalAbove, httpUrl, integerIn, parseBooleanWord, setting, text, type SettingSpec } from './setting.js';

export const MAX_TICKER_DEADLINE_MS = 840_000;
export const MAX_CACHE_TTL_MINUTES = 7 * 24 * 60;
/** A quarter and a half: slow data older than that has seen at least one earnings report anyway. */
export const MAX_SLOW_DATA_TTL_DAYS = 90;
export const MAX_STALE_AFTER_TRADING_DAYS = 260;
export const MAX_CHUNK_SIZE = 3000;
export const MAX_HOLDINGS_CEILING = 100_000;
export const MAX_PORTFOLIO_BYTES_CEILING = 100 * 1024 * 1024;
export const MAX_HISTORY_RETENTION_DAYS = 3650;
export const REPORT_LINK_MAX_SECONDS = 7 * 24 * 3600;
export { CREW_LLM_MODES, type CrewLlmMode } from './llm-config.js';

const BOOLEAN_RULE = 'must be a boolean (true/false, 1/0, yes/no, on/off)';
const YAHOO_READERS = ['prefetch', 'prefetch-chunk', 'crew', 'finwiz run'] as const;

export const SETTINGS = {
  BATCH_PREFETCH_ENABLED: setting({
    name: 'BATCH_PREFETCH_ENABLED',
    defaultValue: true,
    defaultText: '`true`',
    rule: BOOLEAN_RULE,
    parse: parseBooleanWord,
    readBy: ['prefetch', 'finwiz run'],
    doc: 'batch mode: prefetch every ticker, then one Crew per ticker at once; false runs sequentially',
  }),
  ALPHA_VANTAGE_RATE_LIMIT: setting({
    name: 'ALPHA_VANTAGE_RATE_LIMIT',
    defaultValue: 5,
    defaultText: '`5`',
    rule: 'must be an integer from 1 to 100 (calls per minute)',
    parse: integerIn(1, 100),
    readBy: ['prefetch', 'enrich', 'finwiz run'],
    doc: 'Alpha Vantage calls per minute',
  }),
  BATCH_PREFETCH_MIN_HOLDINGS: setting({
    name: 'BATCH_PREFETCH_MIN_HOLDINGS',
    defaultValue: 10,
    defaultText: '`10`',
    rule: 'must be an integer >= 1 (the fewest holdings that run in batch mode)',
    parse: integerIn(1, Number.MAX_SAFE_INTEGER),
    readBy: ['prefetch', 'finwiz run'],
    doc: 'fewer holdings run sequentially',
  }),
  DEEP_ANALYSIS_BATCH_SIZE: setting<number | 'auto'>({
    name: 'DEEP_ANALYSIS_BATCH_SIZE',
    defaultValue: 5,
    defaultText: '`5`',
    rule: 'must be an integer >= 1 or "auto"',
    parse: (raw) => (raw.trim().toLowerCase() === 'auto' ? 'auto' : integerIn(1, Number.MAX_SAFE_INTEGER)(raw)),
    readBy: ['prefetch', 'finwiz run'],
    doc: 'Crews at once (the Map concurrency), or auto by portfolio size (and, in a local run, by the memory available)',
  }),
  ENABLE_ALPHA_VANTAGE: setting({
    name: 'ENABLE_ALPHA_VANTAGE',
    defaultValue: false,
    defaultText: '`false`',
    rule: BOOLEAN_RULE,
    parse: parseBooleanWord,
    readBy: ['prefetch', 'crew', 'enrich', 'finwiz run'],
    doc: 'enrich each ticker with Alpha Vantage OVERVIEW and EARNINGS (needs a key)',
  }),
  YAHOO_CONCURRENCY: setting({
    name: 'YAHOO_CONCURRENCY',
    defaultValue: 8,
    defaultText: '`8`',
    rule: 'must be an integer from 1 to 64',
    parse: integerIn(1, 64),
    readBy: YAHOO_READERS,
    doc: 'tickers fetched at once by Prefetch',
  }),
  YAHOO_REQUESTS_PER_SECOND: setting({
    name: 'YAHOO_REQUESTS_PER_SECOND',
    // Yahoo's unofficial guide: about 600 requests per minute.
    defaultValue: 10,
    defaultText: '`10`',
    rule: 'must be a positive number up to 100 (requests per second, e.g. 10 or 0.5)',
    parse: decimalAbove(0, 100),
    readBy: YAHOO_READERS,
    doc: 'Yahoo requests a second for the whole process',
  }),
  YAHOO_MAX_RETRIES: setting({
    name: 'YAHOO_MAX_RETRIES',
    defaultValue: 4,
    defaultText: '`4`',
    rule: 'must be an integer from 0 to 10',
    parse: integerIn(0, 10),
    readBy: YAHOO_READERS,
    doc: 'retries of a request after a 429, a 5xx, a network error or a timeout',
  }),
  YAHOO_REQUEST_TIMEOUT_MS: setting({
    name: 'YAHOO_REQUEST_TIMEOUT_MS',
    defaultValue: 10_000,
    defaultText: '`10000`',
    rule: 'must be an integer from 1000 to 60000 (milliseconds)',
    parse: integerIn(1000, 60_000),
    readBy: YAHOO_READERS,
    doc: 'timeout of every Yahoo request attempt',
  }),
  YAHOO_TICKER_DEADLINE_MS: setting({
    name: 'YAHOO_TICKER_DEADLINE_MS',
    defaultValue: 60_000,
    defaultText: '`60000`',
    rule: `must be an integer from 1000 to ${MAX_TICKER_DEADLINE_MS} (milliseconds), at least YAHOO_REQUEST_TIMEOUT_MS`,
    parse: integerIn(1000, MAX_TICKER_DEADLINE_MS),
    readBy: YAHOO_READERS,
    doc: "no retry of a ticker's requests (quoteSummary, chart, statements together) starts this long after its first; the sequential fallback gives a ticker that met a server error on every retry 5 s and one retry",
  }),
  YAHOO_ENDPOINT: setting<string | null>({
    name: 'YAHOO_ENDPOINT',
    context: false,
    defaultValue: null,
    defaultText: '(unset)',
    rule: 'must be an http(s) URL',
    parse: httpUrl,
    readBy: YAHOO_READERS,
    doc: "where Yahoo requests go instead of Yahoo's hosts (a proxy or the simulator)",
  }),
  SIM_AS_OF: setting<string | null>({
    name: 'SIM_AS_OF',
    context: false,
    defaultValue: null,
    defaultText: '(unset: today)',
    rule: AS_OF_RULE,
    parse: parseIsoDay,
    readBy: ['prefetch', 'prefetch-chunk', 'crew', 'consolidate', 'finwiz run'],
    doc: 'the day a local run against the simulator takes as today (`finwiz run --sim-as-of` sets it): freshness, report times and the default session id',
  }),
  BASE_CURRENCY: setting({
    name: 'BASE_CURRENCY',
    defaultValue: 'USD',
    defaultText: '`USD`',
    rule: 'must be a 3-letter ISO currency code such as USD',
    parse: (raw) => (/^[A-Z]{3}$/.test(raw.trim()) ? raw.trim() : undefined),
    readBy: ['prefetch', 'crew', 'consolidate', 'finwiz run'],
    doc: "the report's currency",
  }),
  BENCHMARK_SYMBOL: setting({
    name: 'BENCHMARK_SYMBOL',
    defaultValue: 'SPY',
    defaultText: '`SPY`',
    rule: 'must be a ticker such as SPY or ^GSPC',
    parse: (raw) => {
      const symbol = raw.trim().toUpperCase();
      return /^\^?[A-Z0-9][A-Z0-9.\-=]{0,14}$/.test(symbol) ? symbol : undefined;
    },
    readBy: ['prefetch', 'crew', 'finwiz run'],
    doc: 'the benchmark for beta, fetched once per run',
  }),
  PREFETCH_CACHE_TTL_MINUTES: setting({
    name: 'PREFETCH_CACHE_TTL_MINUTES',
    defaultValue: 0,
    defaultText: '`0` (off)',
    rule: `must be a whole number of minutes from 0 (off) to ${MAX_CACHE_TTL_MINUTES}`,
    parse: integerIn(0, MAX_CACHE_TTL_MINUTES),
    readBy: ['prefetch', 'prefetch-chunk', 'finwiz run'],
    doc: 'a ticker fetched by an earlier run less than this long ago is read from S3',
  }),
  SLOW_DATA_TTL_DAYS: setting({
    name: 'SLOW_DATA_TTL_DAYS',
    // Profiles, statements and analyst views change weekly to quarterly.
    defaultValue: 7,
    defaultText: '`7`',
    rule: `must be a whole number of days from 0 (off) to ${MAX_SLOW_DATA_TTL_DAYS}`,
    parse: integerIn(0, MAX_SLOW_DATA_TTL_DAYS),
    readBy: ['prefetch', 'prefetch-chunk', 'finwiz run'],
    doc: "a ticker's slow data (profile, valuation inputs, analyst view, annual statements) fetched less than this many days ago is read from S3",
  }),
  STALE_AFTER_TRADING_DAYS: setting({
    name: 'STALE_AFTER_TRADING_DAYS',
    // About a calendar week of sessions.
    defaultValue: 5,
    defaultText: '`5`',
    rule: `must be an integer from 1 to ${MAX_STALE_AFTER_TRADING_DAYS} (trading days: weekdays; holidays are not known and count as trading days)`,
    parse: integerIn(1, MAX_STALE_AFTER_TRADING_DAYS),
    readBy: ['crew', 'consolidate', 'finwiz run'],
    doc: 'a ticker whose newest bar is older than this many trading days is stale',
  }),
  PREFETCH_CHUNK_THRESHOLD: setting({
    name: 'PREFETCH_CHUNK_THRESHOLD',
    defaultValue: 500,
    defaultText: '`500`',
    rule: 'must be an integer from 1 to 1000000 (tickers)',
    parse: integerIn(1, 1_000_000),
    readBy: ['prefetch', 'finwiz run'],
    doc: 'a portfolio with more tickers is prefetched in chunks',
  }),
  PREFETCH_CHUNK_SIZE: setting({
    name: 'PREFETCH_CHUNK_SIZE',
    defaultValue: 500,
    defaultText: '`500`',
    rule: `must be an integer from 1 to ${MAX_CHUNK_SIZE} (tickers per chunk Lambda)`,
    parse: integerIn(1, MAX_CHUNK_SIZE),
    readBy: ['prefetch', 'finwiz run'],
    doc: 'tickers per chunk Lambda',
  }),
  PREFETCH_TOTAL_REQUESTS_PER_SECOND: setting<number | null>({
    name: 'PREFETCH_TOTAL_REQUESTS_PER_SECOND',
    defaultValue: null,
    defaultText: '(unset',
    rule: 'must be a positive number up to 10000 (requests per second for the whole run)',
    parse: decimalAbove(0, 10_000),
    readBy: ['prefetch', 'finwiz run'],
    doc: 'Yahoo requests a second for the whole chunked run',
  }),
  ALPHA_VANTAGE_API_KEY: setting<string | null>({
    name: 'ALPHA_VANTAGE_API_KEY',
    context: false,
    defaultValue: null,
    defaultText: '(unset)',
    rule: 'must be an Alpha Vantage API key',
    parse: text,
    readBy: ['prefetch', 'crew', 'enrich', 'finwiz run'],
    doc: 'the Alpha Vantage key for local runs',
    secret: true,
  }),
  ALPHA_VANTAGE_SECRET_NAME: setting<string | null>({
    name: 'ALPHA_VANTAGE_SECRET_NAME',
    defaultValue: null,
    defaultText: '(unset)',
    rule: 'must be the name or ARN of a Secrets Manager secret',
    parse: text,
    readBy: ['prefetch', 'crew', 'enrich'],
    doc: 'the Secrets Manager secret that holds the Alpha Vantage key (cloud)',
  }),
  ALPHA_VANTAGE_BASE_URL: setting<string | null>({
    name: 'ALPHA_VANTAGE_BASE_URL',
    context: false,
    defaultValue: null,
    defaultText: '`https://www.alphavantage.co`',
    rule: 'must be an http(s) URL',
    parse: httpUrl,
    readBy: ['prefetch', 'crew', 'enrich', 'finwiz run'],
    doc: 'where Alpha Vantage requests go (a proxy or a simulator)',
  }),
  REPORT_LINK_EXPIRY_SECONDS: setting({
    name: 'REPORT_LINK_EXPIRY_SECONDS',
    defaultValue: 0,
    defaultText: '`0` (off)',
    rule: `must be an integer from 0 (no link) to ${REPORT_LINK_MAX_SECONDS} (7 days)`,
    parse: integerIn(0, REPORT_LINK_MAX_SECONDS),
    readBy: ['consolidate', 'finwiz run'],
    doc: 'Consolidate returns a presigned link to report.html valid this long',
  }),
  // The narrative's provider, model, key, prices, budget and timeout (llm-config.ts).
  ...LLM_SETTINGS,
  MAX_HOLDINGS: setting({
    name: 'MAX_HOLDINGS',
    defaultValue: 10_000,
    defaultText: '`10000`',
    rule: `must be an integer from 1 to ${MAX_HOLDINGS_CEILING}`,
    parse: integerIn(1, MAX_HOLDINGS_CEILING),
    readBy: ['prefetch', 'finwiz run'],
    doc: 'the most holdings a portfolio may have',
  }),
  MAX_PORTFOLIO_BYTES: setting({
    name: 'MAX_PORTFOLIO_BYTES',
    defaultValue: 5 * 1024 * 1024,
    defaultText: '`5242880`',
    rule: `must be an integer from 1024 to ${MAX_PORTFOLIO_BYTES_CEILING} (bytes)`,
    parse: integerIn(1024, MAX_PORTFOLIO_BYTES_CEILING),
    readBy: ['prefetch', 'finwiz run'],
    doc: 'the largest portfolio file or inline execution input',
  }),
  HISTORY_RETENTION_DAYS: setting({
    name: 'HISTORY_RETENTION_DAYS',
    defaultValue: 365,
    defaultText: '`365`',
    rule: `must be a whole number of days from 1 to ${MAX_HISTORY_RETENTION_DAYS}`,
    parse: integerIn(1, MAX_HISTORY_RETENTION_DAYS),
    readBy: ['consolidate', 'finwiz run'],
    doc: "days the run's DynamoDB items live",
  }),
  MAX_POSITION_WEIGHT: setting({
    name: 'MAX_POSITION_WEIGHT',
    defaultValue: 0.1,
    defaultText: '`0.10`',
    rule: 'must be a number above 0 and at most 1 (a share of the portfolio, e.g. 0.10)',
    parse: decimalAbove(0, 1),
    readBy: ['consolidate', 'finwiz run'],
    doc: 'a holding above this weight gets "trim" beside its recommendation',
  }),
  DIGEST_THRESHOLD: setting<DigestThreshold>({
    name: 'DIGEST_THRESHOLD',
    defaultValue: parseDigestThreshold('grade,sell')!,
    defaultText: '`grade,sell`',
    rule: `must be ${DIGEST_THRESHOLD_RULE}`,
    parse: parseDigestThreshold,
    readBy: ['consolidate', 'finwiz run'],
    doc: 'when the digest is mailed',
  }),
} as const;

export type SettingName = keyof typeof SETTINGS;
type ValueOf<S> = S extends SettingSpec<infer T> ? T : never;
/** Every variable's value, by name. */
export type Settings = { readonly [K in SettingName]: ValueOf<(typeof SETTINGS)[K]> };

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];
