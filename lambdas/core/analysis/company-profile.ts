// Sector, industry and country of a holding, read from Yahoo's profile (quoteSummary
// assetProfile or summaryProfile, else the quote's own fields). Unknown is null with one reason
// (`profile_reason`), never a guess: an ETF, coin or currency has no sector.
import { z } from 'zod';
import type { YahooTickerData } from '../prefetch/market-data.js';

export const companyProfileSchema = z.object({
  sector: z.string().nullable(),
  industry: z.string().nullable(),
  country: z.string().nullable(),
  /** Why any of the three is null; null when all are known. */
  profile_reason: z.string().nullable(),
});
export type CompanyProfile = z.infer<typeof companyProfileSchema>;

const text = (record: unknown, key: string): string | null => {
  if (!record || typeof record !== 'object') return null;
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

export function readCompanyProfile(data: YahooTickerData): CompanyProfile {
  const sources = [data.summary.assetProfile, data.summary.summaryProfile, data.quote];
  const first = (key: string) => sources.reduce<string | null>((found, source) => found ?? text(source, key), null);
  const profile = { sector: first('sector'), industry: first('industry'), country: first('country') };
  const missing = Object.entries(profile).filter(([, value]) => value === null).map(([key]) => key);
  if (!missing.length) return { ...profile, profile_reason: null };
  const quoteType = text(data.quote, 'quoteType') ?? text(data.summary.price, 'quoteType');
  const moduleError = data.summaryErrors.assetProfile ?? data.summaryErrors.all;
  const reason =
    quoteType && quoteType !== 'EQUITY'
      ? `no ${missing.join(', ')}: Yahoo gives none for a listing of type ${quoteType}`
      : moduleError
        ? `no ${missing.join(', ')}: Yahoo's profile did not answer (${moduleError})`
        : `no ${missing.join(', ')} in Yahoo's profile`;
  return { ...profile, profile_reason: reason };
}
