import { describe, expect, it } from 'vitest';
import { InvalidConfigurationError } from '../../lambdas/core/errors.js';
import {
  DEFAULT_YAHOO_CONCURRENCY,
  describeYahooSourceConfig,
  YAHOO_DEFAULTS,
  yahooConcurrency,
  yahooSourceConfig,
} from '../../lambdas/core/config/yahoo-config.js';

function configError(env: Record<string, string | undefined>): InvalidConfigurationError {
  try {
    yahooSourceConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConfigurationError);
    return error as InvalidConfigurationError;
  }
  throw new Error(`expected yahooSourceConfig(${JSON.stringify(env)}) to throw`);
}

describe('yahooSourceConfig defaults', () => {
  it('uses every default when nothing is set', () => {
    expect(yahooSourceConfig({})).toEqual({
      concurrency: 8,
      requestsPerSecond: 10,
      maxRetries: 4,
      requestTimeoutMs: 10_000,
      tickerDeadlineMs: 60_000,
    });
    expect(YAHOO_DEFAULTS).toEqual(yahooSourceConfig({}));
    expect(DEFAULT_YAHOO_CONCURRENCY).toBe(8);
  });

  it.each([
    ['YAHOO_CONCURRENCY', 'concurrency', 8],
    ['YAHOO_REQUESTS_PER_SECOND', 'requestsPerSecond', 10],
    ['YAHOO_MAX_RETRIES', 'maxRetries', 4],
    ['YAHOO_REQUEST_TIMEOUT_MS', 'requestTimeoutMs', 10_000],
    ['YAHOO_TICKER_DEADLINE_MS', 'tickerDeadlineMs', 60_000],
  ] as const)('%s defaults to %s=%s when unset, empty or blank', (variable, field, expected) => {
    expect(yahooSourceConfig({ [variable]: undefined })[field]).toBe(expected);
    expect(yahooSourceConfig({ [variable]: '' })[field]).toBe(expected);
    expect(yahooSourceConfig({ [variable]: '  ' })[field]).toBe(expected);
  });

  it('ignores unrelated variables', () => {
    expect(yahooSourceConfig({ YAHOO_ENDPOINT: 'http://127.0.0.1:1', YAHOO_RATE: 'x' })).toEqual(YAHOO_DEFAULTS);
  });
});

describe('accepted values', () => {
  it.each([
    ['YAHOO_CONCURRENCY', '1', 'concurrency', 1],
    ['YAHOO_CONCURRENCY', ' 64 ', 'concurrency', 64],
    ['YAHOO_REQUESTS_PER_SECOND', '0.5', 'requestsPerSecond', 0.5],
    ['YAHOO_REQUESTS_PER_SECOND', '2.25', 'requestsPerSecond', 2.25],
    ['YAHOO_REQUESTS_PER_SECOND', '100', 'requestsPerSecond', 100],
    ['YAHOO_REQUESTS_PER_SECOND', '.5', 'requestsPerSecond', 0.5],
    ['YAHOO_MAX_RETRIES', '0', 'maxRetries', 0],
    ['YAHOO_MAX_RETRIES', '10', 'maxRetries', 10],
    ['YAHOO_REQUEST_TIMEOUT_MS', '1000', 'requestTimeoutMs', 1_000],
    ['YAHOO_REQUEST_TIMEOUT_MS', '60000', 'requestTimeoutMs', 60_000],
    ['YAHOO_TICKER_DEADLINE_MS', '10000', 'tickerDeadlineMs', 10_000],
    ['YAHOO_TICKER_DEADLINE_MS', '840000', 'tickerDeadlineMs', 840_000],
  ] as const)('%s=%j gives %s=%s', (variable, raw, field, expected) => {
    expect(yahooSourceConfig({ [variable]: raw })[field]).toBe(expected);
  });
});

describe('rejected values name the variable, the value and the rule', () => {
  it.each([
    ['YAHOO_CONCURRENCY', ['0', '65', '-1', '1.5', 'abc', '8x', '1e1'], 'must be an integer from 1 to 64'],
    ['YAHOO_REQUESTS_PER_SECOND', ['0', '0.0', '-1', '100.5', '101', 'fast', '1e1', '0x10', 'Infinity', '5/s'], 'must be a positive number up to 100'],
    ['YAHOO_MAX_RETRIES', ['-1', '11', '2.5', 'none'], 'must be an integer from 0 to 10'],
    ['YAHOO_REQUEST_TIMEOUT_MS', ['999', '60001', '0', '10s', '5000.5'], 'must be an integer from 1000 to 60000'],
    ['YAHOO_TICKER_DEADLINE_MS', ['999', '840001', '1h', '-60000'], 'must be an integer from 1000 to 840000'],
  ] as const)('%s', (variable, values, rule) => {
    for (const raw of values) {
      const error = configError({ [variable]: raw });
      expect(error.name).toBe('InvalidConfiguration');
      expect(error.message).toContain(`${variable}=${JSON.stringify(raw)} is invalid`);
      expect(error.message).toContain(rule);
      expect(error.problems).toHaveLength(1);
    }
  });

  it('refuses a deadline shorter than one request timeout, naming both', () => {
    const error = configError({ YAHOO_REQUEST_TIMEOUT_MS: '20000', YAHOO_TICKER_DEADLINE_MS: '15000' });
    expect(error.message).toContain('YAHOO_TICKER_DEADLINE_MS="15000" is invalid');
    expect(error.message).toContain('at least YAHOO_REQUEST_TIMEOUT_MS (20000)');
    expect(configError({ YAHOO_TICKER_DEADLINE_MS: '9999' }).message).toContain('(10000)');
    expect(yahooSourceConfig({ YAHOO_REQUEST_TIMEOUT_MS: '20000', YAHOO_TICKER_DEADLINE_MS: '20000' }).tickerDeadlineMs).toBe(20_000);
  });

  it('lists every bad variable at once', () => {
    const error = configError({ YAHOO_CONCURRENCY: '0', YAHOO_MAX_RETRIES: '99', YAHOO_REQUESTS_PER_SECOND: '7' });
    expect(error.problems).toHaveLength(2);
    expect(error.message).toMatch(/YAHOO_CONCURRENCY="0".*; YAHOO_MAX_RETRIES="99"/);
  });
});

describe('yahooConcurrency', () => {
  it('keeps answering the concurrency, default 8', () => {
    expect(yahooConcurrency({})).toBe(8);
    expect(yahooConcurrency({ YAHOO_CONCURRENCY: '3' })).toBe(3);
  });

  it('throws InvalidConfiguration for a bad YAHOO_CONCURRENCY, and for any other bad Yahoo variable', () => {
    expect(() => yahooConcurrency({ YAHOO_CONCURRENCY: '0' })).toThrow(InvalidConfigurationError);
    expect(() => yahooConcurrency({ YAHOO_CONCURRENCY: 'abc' })).toThrow('YAHOO_CONCURRENCY="abc" is invalid: must be an integer from 1 to 64');
    expect(() => yahooConcurrency({ YAHOO_MAX_RETRIES: '-1' })).toThrow(/YAHOO_MAX_RETRIES="-1"/);
  });
});

describe('describeYahooSourceConfig', () => {
  it('gives the resolved values under the variable names', () => {
    expect(describeYahooSourceConfig(yahooSourceConfig({ YAHOO_REQUESTS_PER_SECOND: '2.5' }))).toEqual({
      YAHOO_CONCURRENCY: 8,
      YAHOO_REQUESTS_PER_SECOND: 2.5,
      YAHOO_MAX_RETRIES: 4,
      YAHOO_REQUEST_TIMEOUT_MS: 10_000,
      YAHOO_TICKER_DEADLINE_MS: 60_000,
    });
  });
});
