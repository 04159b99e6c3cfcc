// Sector, industry and country on REAL recorded Yahoo answers: AAPL's and AMZN's assetProfile
// give all three (expected values read from the files); QQQ, an ETF, has none, with the reason.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetYahooSession } from '../../lambdas/adapters/yahoo/yahoo-client.js';
import { readCompanyProfile } from '../../lambdas/core/analysis/company-profile.js';
import { createReplayFetch, FIXTURES_DIR, yahoo2025Recordings } from './replay-fetch.js';
import { portOver, recordedTickerData } from './ticker-data.js';

const recordedProfile = (symbol: string) =>
  (JSON.parse(readFileSync(new URL(`yahoo/quoteSummary-assetProfile-${symbol}.json`, FIXTURES_DIR), 'utf8')).response.bodyJson.quoteSummary.result[0]
    .assetProfile as Record<string, unknown>);

const port = portOver(createReplayFetch(yahoo2025Recordings()));
beforeAll(async () => {
  await resetYahooSession();
});

describe('company profile from recorded Yahoo answers', () => {
  it.each(['AAPL', 'AMZN'])('%s: sector, industry and country as Yahoo gave them', async (symbol) => {
    const profile = readCompanyProfile(await recordedTickerData(port, symbol));
    const recorded = recordedProfile(symbol);
    expect(profile).toEqual({ sector: recorded.sector, industry: recorded.industry, country: recorded.country, profile_reason: null });
    expect(typeof recorded.sector).toBe('string');
  });

  it('QQQ: none, because Yahoo gives an ETF no profile sector', async () => {
    const profile = readCompanyProfile(await recordedTickerData(port, 'QQQ'));
    expect(profile.sector).toBeNull();
    expect(profile.country).toBeNull();
    expect(profile.profile_reason).toMatch(/ETF/);
  });
});
