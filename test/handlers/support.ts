// Shared helpers of the handler tests: an in-memory S3 bucket and a DynamoDB table behind
// aws-sdk-client-mock, and a fake Yahoo port (no network) that the tests can swap per test.
import { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import { BatchWriteCommand, DynamoDBDocumentClient, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
// @smithy/util-stream's sdkStreamMixin (what aws-sdk-client-mock's README recommends) ships
// inside @smithy/core in this SDK version; the S3 client itself imports it from here.
import { sdkStreamMixin } from '@smithy/util-stream';
import { mockClient } from 'aws-sdk-client-mock';
import { SETTING_NAMES } from '../../lambdas/core/config/settings-registry.js';
import { resetAwsClients } from '../../lambdas/adapters/aws/aws-clients.js';
import type { YahooPort } from '../../lambdas/adapters/yahoo/yahoo-port.js';
import type { YahooPortOptions } from '../../lambdas/adapters/yahoo/yahoo-source.js';
import type { DailyBar, PrefetchObject, YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';

export const BUCKET = 'finwiz-test-bucket';
export const TABLE = 'finwiz-test-table';

/** The environment variables the handlers read (the registry's, and the stack's own); each test starts without them. */
const HANDLER_ENV = [
  ...SETTING_NAMES,
  'BUCKET_NAME',
  'TABLE_NAME',
  'YAHOO_ENDPOINT',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL_DYNAMODB',
] as const;

// ------------------------------------------------------------------------------ AWS fakes

export const s3Mock = mockClient(S3Client);
export const ddbMock = mockClient(DynamoDBDocumentClient);

/** The bucket's objects, by key (body as text). */
export const objects = new Map<string, { body: string; contentType: string | undefined }>();

/** Resets the mocks, the bucket and the environment; call in beforeEach. */
export function resetAws(): void {
  for (const name of HANDLER_ENV) delete process.env[name];
  process.env.BUCKET_NAME = BUCKET;
  process.env.TABLE_NAME = TABLE;
  // Any region and credentials: nothing leaves the process (the clients are mocked).
  process.env.AWS_REGION ??= 'eu-west-2';
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  resetAwsClients();
  objects.clear();
  s3Mock.reset();
  ddbMock.reset();
  s3Mock.on(PutObjectCommand).callsFake((input: PutObjectCommandInput) => {
    if (input.Bucket !== BUCKET) throw new Error(`PutObject to unexpected bucket ${input.Bucket}`);
    if (typeof input.Body !== 'string') throw new Error(`PutObject ${input.Key}: the test fake expects a string body`);
    objects.set(input.Key!, { body: input.Body, contentType: input.ContentType });
    return {};
  });
  s3Mock.on(GetObjectCommand).callsFake((input: { Bucket?: string; Key?: string }) => {
    if (input.Bucket !== BUCKET) throw new Error(`GetObject from unexpected bucket ${input.Bucket}`);
    const object = objects.get(input.Key!);
    if (!object) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
    return { Body: sdkStreamMixin(Readable.from([Buffer.from(object.body, 'utf-8')])), ContentType: object.contentType };
  });
  ddbMock.on(BatchWriteCommand).resolves({ UnprocessedItems: {} });
}

export function putObject(key: string, value: unknown): void {
  objects.set(key, { body: typeof value === 'string' ? value : JSON.stringify(value), contentType: 'application/json' });
}

export function readJson<T = any>(key: string): T {
  const object = objects.get(key);
  if (!object) throw new Error(`No object ${key}; the bucket has: ${[...objects.keys()].join(', ')}`);
  return JSON.parse(object.body) as T;
}

/** Keys of every PutObject call, in call order. */
export const putKeys = (): string[] => s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key!);
/** Keys of every GetObject call, in call order. */
export const getKeys = (): string[] => s3Mock.commandCalls(GetObjectCommand).map((call) => call.args[0].input.Key!);

/** The RequestItems of every BatchWrite call, in call order. */
export const batchWrites = (): NonNullable<BatchWriteCommandInput['RequestItems']>[] =>
  ddbMock.commandCalls(BatchWriteCommand).map((call) => call.args[0].input.RequestItems!);

/** Every item put, over all BatchWrite calls, for `table`. */
export function putItemsOf(table: string): Record<string, any>[] {
  return batchWrites().flatMap((requests) => (requests[table] ?? []).map((request) => request.PutRequest!.Item as Record<string, any>));
}

/** Something awaited was expected to throw; the error it threw. */
export async function caught(promise: Promise<unknown>): Promise<Error & { problems?: readonly string[] }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to throw, but it resolved');
}

// ---------------------------------------------------------------------------- fake Yahoo

/** A year of deterministic daily bars: a gentle uptrend with a wiggle, so volatility > 0. */
export function fakeBars(ticker: string, count = 252, start = 100): DailyBar[] {
  const seed = [...ticker].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  const day0 = Date.UTC(2024, 0, 2);
  return Array.from({ length: count }, (_, i) => {
    const close = Math.round((start * (1 + 0.001 * i) + 2 * Math.sin((i + seed) / 3)) * 100) / 100;
    return {
      date: new Date(day0 + i * 86_400_000).toISOString(),
      open: close - 0.5,
      high: close + 1,
      low: close - 1,
      close,
      adjclose: close,
      volume: 1_000_000 + i,
    };
  });
}

export const fakeQuote = (ticker: string): Record<string, unknown> => ({
  symbol: ticker,
  quoteType: 'EQUITY',
  longName: `${ticker} Corporation`,
  currency: 'USD',
  regularMarketPrice: 123.45,
});

export function fakeTickerData(ticker: string, bars = fakeBars(ticker)): YahooTickerData {
  return { symbol: ticker, quote: fakeQuote(ticker), summary: { price: { symbol: ticker } }, summaryErrors: {}, bars };
}

export function prefetchedOk(ticker: string, data = fakeTickerData(ticker)): PrefetchObject {
  return {
    ticker,
    yahoo_finance: data,
    failed: false,
    fetched_at: '2025-01-02T10:00:00.000Z',
    fetch_duration_seconds: 0.75,
  };
}

/** Yahoo's answer for a symbol it does not know (yahoo-finance2's HTTPError, code 404). */
export function notFoundError(): Error {
  return Object.assign(new Error('Not Found'), { name: 'HTTPError', code: 404 });
}

export interface FakeYahoo extends YahooPort {
  calls: { quote: string[][]; quoteSummary: string[]; dailyBars: string[]; annualStatements: string[] };
  /** Every call, of any method. */
  callCount(): number;
}

/**
 * A Yahoo port with data for any ticker, except: `unknown` tickers are absent from quote() and
 * answer 404 elsewhere; `chartErrors` / `summaryErrors` make that ticker's chart / quoteSummary
 * request reject with the given error; `throwsSync` tickers make dailyBars throw synchronously
 * instead of rejecting (a port bug).
 */
export function fakeYahoo(
  options: {
    unknown?: Iterable<string>;
    chartErrors?: Record<string, Error>;
    summaryErrors?: Record<string, Error>;
    throwsSync?: Iterable<string>;
  } = {},
): FakeYahoo {
  const unknown = new Set(options.unknown ?? []);
  const throwsSync = new Set(options.throwsSync ?? []);
  const chartErrors = options.chartErrors ?? {};
  const summaryErrors = options.summaryErrors ?? {};
  const calls: FakeYahoo['calls'] = { quote: [], quoteSummary: [], dailyBars: [], annualStatements: [] };
  return {
    calls,
    callCount: () => calls.quote.length + calls.quoteSummary.length + calls.dailyBars.length + calls.annualStatements.length,
    async quote(symbols) {
      calls.quote.push([...symbols]);
      return symbols.filter((s) => !unknown.has(s)).map(fakeQuote);
    },
    quoteSummary(symbol, modules) {
      calls.quoteSummary.push(symbol);
      if (unknown.has(symbol)) return Promise.reject(notFoundError());
      const error = summaryErrors[symbol];
      if (error) return Promise.reject(error);
      return Promise.resolve(Object.fromEntries(modules.map((m) => [m, { symbol }])));
    },
    dailyBars(symbol) {
      calls.dailyBars.push(symbol);
      if (throwsSync.has(symbol)) throw new TypeError(`port bug for ${symbol}`);
      if (unknown.has(symbol)) return Promise.reject(notFoundError());
      const error = chartErrors[symbol];
      if (error) return Promise.reject(error);
      return Promise.resolve(fakeBars(symbol));
    },
    annualStatements(symbol) {
      calls.annualStatements.push(symbol);
      if (unknown.has(symbol)) return Promise.reject(notFoundError());
      return Promise.resolve({ years: [] });
    },
  };
}

/** The port the mocked yahoo-source hands out; tests set `current` (the Crew caches the port it gets). */
export const yahooSwitch: { current: YahooPort; factoryCalls: number } = {
  current: fakeYahoo(),
  factoryCalls: 0,
};

const switchingPort: YahooPort = {
  quote: (symbols) => yahooSwitch.current.quote(symbols),
  quoteSummary: (symbol, modules) => yahooSwitch.current.quoteSummary(symbol, modules),
  dailyBars: (symbol, from, to) => yahooSwitch.current.dailyBars(symbol, from, to),
  annualStatements: (symbol, from, to) => yahooSwitch.current.annualStatements(symbol, from, to),
};

/**
 * The replacement of yahoo-source's `yahooPortFromEnv` for vi.mock: the fake port, unless
 * YAHOO_ENDPOINT is set (the simulator test), where the real port is used against it.
 */
export function mockedYahooPortFromEnv(actual: (env?: NodeJS.ProcessEnv, options?: YahooPortOptions) => YahooPort) {
  return (env: NodeJS.ProcessEnv = process.env, options?: YahooPortOptions): YahooPort => {
    yahooSwitch.factoryCalls++;
    return env.YAHOO_ENDPOINT ? actual(env, options) : switchingPort;
  };
}

export const tickers = (count: number, prefix = 'T'): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
