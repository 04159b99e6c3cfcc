// Prefetch refuses an input larger than the limits at once, with InvalidInput naming the limit
// and the value, before it writes anything or asks Yahoo; an S3 portfolio is measured by its
// ContentLength, so its body is never downloaded.
import { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/util-stream';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});
vi.mock('../../lambdas/adapters/yahoo/yahoo-source.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lambdas/adapters/yahoo/yahoo-source.js')>();
  const { mockedYahooPortFromEnv } = await import('./support.js');
  return { ...actual, yahooPortFromEnv: mockedYahooPortFromEnv(actual.yahooPortFromEnv) };
});

import { handler } from '../../lambdas/prefetch/handler.js';
import { caught, fakeYahoo, putKeys, putObject, resetAws, s3Mock, tickers, yahooSwitch } from './support.js';

const event = (input: unknown) => ({ sessionId: 'limits-session', input, executionStartTime: '2025-01-02T09:00:00.000Z' });

beforeEach(() => {
  resetAws();
  delete process.env.MAX_HOLDINGS;
  delete process.env.MAX_PORTFOLIO_BYTES;
  yahooSwitch.current = fakeYahoo();
});

describe('Prefetch handler: input limits', () => {
  it('refuses more inline holdings than MAX_HOLDINGS, writing nothing and asking Yahoo nothing', async () => {
    process.env.MAX_HOLDINGS = '5';
    const yahoo = fakeYahoo();
    yahooSwitch.current = yahoo;
    const error = await caught(handler(event({ holdings: tickers(6).map((ticker) => ({ ticker })) })));
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toBe('holdings has 6 holdings, more than MAX_HOLDINGS=5');
    expect(putKeys()).toEqual([]);
    expect(yahoo.callCount()).toBe(0);
  });

  it('refuses a portfolio file with more holdings than MAX_HOLDINGS', async () => {
    process.env.MAX_HOLDINGS = '3';
    putObject('portfolios/four.csv', 'ticker\nA\nB\nC\nD\n');
    const error = await caught(handler(event({ portfolioKey: 'portfolios/four.csv' })));
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toBe('portfolios/four.csv has 4 holdings, more than MAX_HOLDINGS=3');
    expect(putKeys()).toEqual([]);
  });

  it('refuses an inline input larger than MAX_PORTFOLIO_BYTES', async () => {
    process.env.MAX_PORTFOLIO_BYTES = '1024';
    const input = { holdings: tickers(100).map((ticker) => ({ ticker, name: `${ticker} Corporation` })) };
    const error = await caught(handler(event(input)));
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toBe(`The execution input is ${JSON.stringify(input).length} bytes, more than MAX_PORTFOLIO_BYTES=1024`);
    expect(putKeys()).toEqual([]);
  });

  it('refuses an S3 portfolio from its ContentLength, without reading its body', async () => {
    const body = Readable.from(['ticker\nAAPL\n']);
    const destroy = vi.spyOn(body, 'destroy');
    let read = false;
    body.on('data', () => {
      read = true;
    });
    s3Mock
      .on(GetObjectCommand, { Key: 'portfolios/huge.csv' })
      .resolves({ ContentLength: 6 * 1024 * 1024, Body: sdkStreamMixin(body) });
    const error = await caught(handler(event({ portfolioKey: 'portfolios/huge.csv' })));
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toBe('portfolioKey "portfolios/huge.csv" is 6291456 bytes, more than MAX_PORTFOLIO_BYTES=5242880');
    expect(destroy).toHaveBeenCalled();
    expect(read).toBe(false);
    expect(putKeys()).toEqual([]);
  });

  it('measures a portfolio whose answer has no ContentLength by its text', async () => {
    process.env.MAX_PORTFOLIO_BYTES = '1024';
    putObject('portfolios/long.csv', ['ticker', ...tickers(300)].join('\n'));
    const error = await caught(handler(event({ portfolioKey: 'portfolios/long.csv' })));
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toMatch(/^portfolioKey "portfolios\/long.csv" is \d+ bytes, more than MAX_PORTFOLIO_BYTES=1024$/);
  });

  it('a bad limit is InvalidConfiguration naming the variable', async () => {
    process.env.MAX_HOLDINGS = 'lots';
    const error = await caught(handler(event({ holdings: [{ ticker: 'AAPL' }] })));
    expect(error.name).toBe('InvalidConfiguration');
    expect(error.message).toContain('MAX_HOLDINGS="lots" is invalid');
  });
});

describe('Prefetch handler: a portfolio it may not read', () => {
  it('is InvalidInput saying portfolios live under portfolios/, not a crash', async () => {
    const denied = Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    s3Mock.on(GetObjectCommand, { Key: 'elsewhere/p.csv' }).rejects(denied);
    const error = await caught(handler(event({ portfolioKey: 'elsewhere/p.csv' })));
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toBe('portfolioKey "elsewhere/p.csv" cannot be read: portfolios must be under portfolios/ in the bucket');
  });
});
