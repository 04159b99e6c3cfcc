import { describe, expect, it } from 'vitest';
import { readCompanyProfile } from '../../lambdas/core/analysis/company-profile.js';
import type { YahooTickerData } from '../../lambdas/core/prefetch/market-data.js';
import { profileLine } from '../../lambdas/core/report/profile-line.js';

const data = (over: Partial<YahooTickerData>): YahooTickerData => ({ symbol: 'X', quote: { quoteType: 'EQUITY' }, summary: {}, summaryErrors: {}, bars: [], ...over });

describe('readCompanyProfile', () => {
  it('reads assetProfile first, then summaryProfile, then the quote, field by field', () => {
    const p = readCompanyProfile(data({
      summary: { assetProfile: { sector: 'Technology', industry: ' ' }, summaryProfile: { industry: 'Semiconductors', country: 'Taiwan' } },
      quote: { quoteType: 'EQUITY', country: 'Ignored' },
    }));
    expect(p).toEqual({ sector: 'Technology', industry: 'Semiconductors', country: 'Taiwan', profile_reason: null });
  });

  it('names what is missing and why: a non-company, a profile that failed, or one without the field', () => {
    expect(readCompanyProfile(data({ quote: { quoteType: 'ETF' } })).profile_reason).toBe('no sector, industry, country: Yahoo gives none for a listing of type ETF');
    expect(readCompanyProfile(data({ summaryErrors: { assetProfile: 'HTTP 500' } })).profile_reason).toBe("no sector, industry, country: Yahoo's profile did not answer (HTTP 500)");
    const partial = readCompanyProfile(data({ summary: { assetProfile: { sector: 'Energy', industry: 'Oil & Gas Integrated' } } }));
    expect(partial).toEqual({ sector: 'Energy', industry: 'Oil & Gas Integrated', country: null, profile_reason: "no country in Yahoo's profile" });
    expect(profileLine(partial)).toBe("Profile: sector Energy, industry Oil & Gas Integrated; no country in Yahoo's profile");
  });
});
