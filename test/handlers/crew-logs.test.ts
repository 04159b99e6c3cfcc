// Every log line of a Crew is structured JSON that carries the session id and the ticker, so
// one ticker of one run can be followed through CloudWatch Logs Insights. They are passed per
// record rather than appended: the local engine runs several Crews in one process at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_DEV = 'true'; // Powertools writes through the global console (captured below)
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});
vi.mock('../../lambdas/adapters/yahoo/yahoo-source.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lambdas/adapters/yahoo/yahoo-source.js')>();
  const { mockedYahooPortFromEnv } = await import('./support.js');
  return { ...actual, yahooPortFromEnv: mockedYahooPortFromEnv(actual.yahooPortFromEnv) };
});

import { handler } from '../../lambdas/crew/handler.js';
import { fakeYahoo, prefetchedOk, putObject, resetAws, yahooSwitch } from './support.js';

const SID = 'crew-logs-session';
let records: Record<string, unknown>[] = [];

const crewEvent = (ticker: string, mode: 'batch' | 'sequential', index: number) => ({
  sessionId: SID,
  mode,
  holding: { ticker, shares: 1, index },
  batchSize: mode === 'batch' ? 2 : 1,
  totalTickers: 3,
});

beforeEach(() => {
  resetAws();
  records = [];
  yahooSwitch.current = fakeYahoo({ unknown: ['NOPE'] });
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      records.push(JSON.parse(args.map(String).join(' ')) as Record<string, unknown>);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('Crew logs', () => {
  it('carry sessionId and ticker on every line, ok or failed, batch or sequential', async () => {
    putObject(`runs/${SID}/prefetch/AAPL.json`, prefetchedOk('AAPL'));
    await handler(crewEvent('AAPL', 'batch', 0));
    await handler(crewEvent('MISSING', 'batch', 1)); // no prefetched object: a failed result
    await handler(crewEvent('NOPE', 'sequential', 2)); // Yahoo does not know it

    expect(records.length).toBeGreaterThanOrEqual(6);
    for (const record of records) {
      expect(record).toMatchObject({ sessionId: SID, service: 'finwiz', handler: 'crew' });
      expect(['AAPL', 'MISSING', 'NOPE']).toContain(record.ticker);
      expect(typeof record.level).toBe('string');
      expect(typeof record.timestamp).toBe('string');
    }
    const warnings = records.filter((r) => r.level === 'WARN').map((r) => r.ticker);
    expect(warnings.sort()).toEqual(['MISSING', 'NOPE']);
  });
});
