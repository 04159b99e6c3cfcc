import { describe, expect, it } from 'vitest';
import { sellLeadText } from '../../lambdas/core/report/sell-lead.js';

describe('the line that leads a SELL', () => {
  it('names the weightiest finding and its sector reference with source and date', () => {
    const text = sellLeadText({
      analyst: 'fundamental',
      metric: 'trailingPE',
      sentence: 'Trailing P/E: 48 is 1.6x the Technology reference of 30 (the table).',
      weight: 0.0167,
      source: 'yahoo:summaryDetail.trailingPE',
      reference: { value: 30, source: 'FinWiz sector table', as_of: '2025-12-31', kind: 'sector_table' },
      reference_reason: null,
    });
    expect(text).toBe(
      'Weighed most: Trailing P/E: 48 is 1.6x the Technology reference of 30 (the table) (reference 30 from FinWiz sector table, as of 2025-12-31; fundamental, weight 0.017).',
    );
  });

  it('says why there was no reference, or names the source of a fixed-threshold finding', () => {
    const base = { analyst: 'risk' as const, metric: 'maxDrawdown', sentence: 'Max drawdown: 62.7% is above the 40% threshold.', weight: 0.06, source: 'computed:bars(252)' };
    expect(sellLeadText({ ...base, reference: null, reference_reason: null })).toBe(
      'Weighed most: Max drawdown: 62.7% is above the 40% threshold (source computed:bars(252); risk, weight 0.060).',
    );
    expect(sellLeadText({ ...base, reference: null, reference_reason: 'no sector known' })).toContain('no sector reference: no sector known');
    expect(sellLeadText(null)).toBeNull();
  });
});
