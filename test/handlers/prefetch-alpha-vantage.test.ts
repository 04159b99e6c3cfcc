// Prefetch decides whether the Alpha Vantage enrichment stage runs: ENABLE_ALPHA_VANTAGE and a
// key. A missing or unreadable key only turns it off (with a warning), never fails the run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_DEV = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
});
vi.mock('../../lambdas/adapters/yahoo/yahoo-source.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lambdas/adapters/yahoo/yahoo-source.js')>();
  const { mockedYahooPortFromEnv } = await import('./support.js');
  return { ...actual, yahooPortFromEnv: mockedYahooPortFromEnv(actual.yahooPortFromEnv) };
});

import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { prefetchSummarySchema } from '../../lambdas/core/contracts.js';
import { runRecordSchema } from '../../lambdas/core/prefetch/run-record.js';
import { handler } from '../../lambdas/prefetch/handler.js';
import { fakeYahoo, readJson, resetAws, tickers, yahooSwitch } from './support.js';

const SID = 'av-prefetch-1';
const KEY = 'prefetch-secret-key-987';
const event = (count: number) => ({
  sessionId: SID,
  input: { holdings: tickers(count).map((ticker) => ({ ticker, shares: 1 })) },
  executionStartTime: '2025-01-02T09:00:00.000Z',
});
const AV_ENV = ['ALPHA_VANTAGE_API_KEY', 'ALPHA_VANTAGE_SECRET_NAME', 'ALPHA_VANTAGE_RATE_LIMIT', 'ENABLE_ALPHA_VANTAGE'];
const secrets = mockClient(SecretsManagerClient);
let logs: string[] = [];

beforeEach(() => {
  resetAws();
  for (const name of AV_ENV) delete process.env[name];
  yahooSwitch.current = fakeYahoo();
  secrets.reset();
  logs = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logs.push(args.map(String).join(' '));
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const name of AV_ENV) delete process.env[name];
});

describe('Prefetch: the Alpha Vantage stage', () => {
  it.each([
    ['5', 12],
    ['7', 9], // 8.57 s rounds up: never faster than the rate
    ['100', 1],
    ['1', 60],
  ])('is enabled with ENABLE_ALPHA_VANTAGE and a key; ALPHA_VANTAGE_RATE_LIMIT=%s paces it at %i s', async (rate, pace) => {
    Object.assign(process.env, { ENABLE_ALPHA_VANTAGE: 'yes', ALPHA_VANTAGE_API_KEY: KEY, ALPHA_VANTAGE_RATE_LIMIT: rate });
    const summary = prefetchSummarySchema.parse(await handler(event(10)));
    expect(summary.alphaVantage).toEqual({ enabled: true, paceSeconds: pace });
    expect(runRecordSchema.parse(readJson(`runs/${SID}/run.json`)).alphaVantage).toEqual({ enabled: true, paceSeconds: pace });
    expect(logs.join('\n')).not.toContain(KEY);
  });

  it('is on in sequential mode too (the enrichment runs before either analysis)', async () => {
    Object.assign(process.env, { ENABLE_ALPHA_VANTAGE: 'true', ALPHA_VANTAGE_API_KEY: KEY });
    const summary = await handler(event(3));
    expect(summary).toMatchObject({ mode: 'sequential', alphaVantage: { enabled: true, paceSeconds: 12 } });
  });

  it('is off when ENABLE_ALPHA_VANTAGE is off, even with a key, and then reads no secret', async () => {
    Object.assign(process.env, { ALPHA_VANTAGE_API_KEY: KEY, ALPHA_VANTAGE_SECRET_NAME: 'finwiz/av' });
    const summary = await handler(event(10));
    expect(summary.alphaVantage).toEqual({ enabled: false, paceSeconds: 12 });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('is off, with a warning, when enabled without any key', async () => {
    process.env.ENABLE_ALPHA_VANTAGE = 'true';
    const summary = await handler(event(10));
    expect(summary).toMatchObject({ mode: 'batch', alphaVantage: { enabled: false } });
    expect(logs.some((line) => /Alpha Vantage disabled for this run: no key/.test(line))).toBe(true);
  });

  it('reads the key from the secret when one is named', async () => {
    Object.assign(process.env, { ENABLE_ALPHA_VANTAGE: 'true', ALPHA_VANTAGE_SECRET_NAME: 'finwiz/av' });
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ apiKey: KEY }) });
    const summary = await handler(event(10));
    expect(summary.alphaVantage.enabled).toBe(true);
    expect(secrets.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: 'finwiz/av' });
    expect(logs.join('\n')).not.toContain(KEY);
  });

  it('is off, with a warning naming the secret, when the secret cannot be read; the run goes on', async () => {
    Object.assign(process.env, { ENABLE_ALPHA_VANTAGE: 'true', ALPHA_VANTAGE_SECRET_NAME: 'finwiz/av' });
    secrets.on(GetSecretValueCommand).rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
    const summary = await handler(event(10));
    expect(summary).toMatchObject({ mode: 'batch', successfulTickers: 10, alphaVantage: { enabled: false } });
    const warning = logs.find((line) => line.includes('Alpha Vantage disabled for this run'));
    expect(warning).toContain('finwiz/av');
    expect(warning).toContain('AccessDeniedException');
  });
});
