import { describe, expect, it } from 'vitest';
import { dataProvenance, describeProvenance, isSimulated, sameSource, tickerProvenance } from '../../lambdas/core/report/provenance.js';

const SIM = { origin: 'simulated', endpoint: 'http://127.0.0.1:4010' } as const;
const YAHOO = { origin: 'yahoo', endpoint: null } as const;

describe('provenance', () => {
  it('a cache hit is labelled cache with its age, and keeps the simulated flag and endpoint of the data it holds', () => {
    const p = dataProvenance(SIM, { fetchedAt: '2026-11-29T10:00:00.000Z', cacheAgeMinutes: 12 });
    expect(p).toEqual({
      origin: 'cache',
      endpoint: SIM.endpoint,
      simulated: true,
      cache_age_minutes: 12,
      fetched_at: '2026-11-29T10:00:00.000Z',
      quote_as_of: null,
      newest_bar_as_of: null,
    });
    expect(describeProvenance('yahoo_finance', p)).toBe(
      'simulated Yahoo Finance (http://127.0.0.1:4010) from the cache, 12 min old, fetched 2026-11-29T10:00:00.000Z',
    );
  });

  it('names live Yahoo, a custom endpoint, and the as-of times', () => {
    const live = dataProvenance(YAHOO, { fetchedAt: 'F', quoteAsOf: 'Q', newestBarAsOf: 'B' });
    expect(describeProvenance('yahoo_finance', live)).toBe('Yahoo Finance, fetched F, quote as of Q, newest bar B');
    const proxied = dataProvenance({ origin: 'endpoint', endpoint: 'http://proxy:8080' }, { fetchedAt: null });
    expect(proxied).toMatchObject({ origin: 'endpoint', simulated: false, cache_age_minutes: null });
    expect(describeProvenance('yahoo_finance', proxied)).toBe('Yahoo Finance through http://proxy:8080');
  });

  it('a result is simulated when any of its sources is, and Alpha Vantage appears only with figures', () => {
    const base = { fetchedAt: 'F', cacheAgeMinutes: null, quoteAsOf: null, newestBarAsOf: null };
    expect(isSimulated(tickerProvenance({ ...base, yahoo: YAHOO, alphaVantage: SIM, alphaVantageFetchedAt: 'A' }))).toBe(true);
    expect(isSimulated(tickerProvenance({ ...base, yahoo: YAHOO, alphaVantage: SIM, alphaVantageFetchedAt: null }))).toBe(false);
    expect(tickerProvenance({ ...base, yahoo: YAHOO, alphaVantage: SIM, alphaVantageFetchedAt: null }).alpha_vantage).toBeNull();
  });

  it('sameSource: simulators match each other only; endpoints match by URL', () => {
    expect(sameSource(SIM, { origin: 'simulated', endpoint: 'http://127.0.0.1:5' })).toBe(true);
    expect(sameSource(SIM, YAHOO)).toBe(false);
    expect(sameSource({ origin: 'endpoint', endpoint: 'a' }, { origin: 'endpoint', endpoint: 'b' })).toBe(false);
  });
});
