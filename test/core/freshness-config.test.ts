import { describe, expect, it } from 'vitest';
import { analysisConfig } from '../../lambdas/core/config/analysis-config.js';
import { InvalidConfigurationError } from '../../lambdas/core/errors.js';
import { staleAfterTradingDays } from '../../lambdas/core/config/freshness-config.js';

describe('STALE_AFTER_TRADING_DAYS', () => {
  it('defaults to 5 when unset or blank, and takes a whole number from 1 to 260', () => {
    expect(staleAfterTradingDays({})).toBe(5);
    expect(staleAfterTradingDays({ STALE_AFTER_TRADING_DAYS: ' ' })).toBe(5);
    expect(staleAfterTradingDays({ STALE_AFTER_TRADING_DAYS: '10' })).toBe(10);
    expect(staleAfterTradingDays({ STALE_AFTER_TRADING_DAYS: '1' })).toBe(1);
    expect(staleAfterTradingDays({ STALE_AFTER_TRADING_DAYS: '260' })).toBe(260);
  });

  it('rejects anything else with a message naming the variable, the value and the rule', () => {
    for (const raw of ['0', '261', '5.5', '-1', 'five', '1e1']) {
      const error = (() => {
        try {
          staleAfterTradingDays({ STALE_AFTER_TRADING_DAYS: raw });
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(error, raw).toBeInstanceOf(InvalidConfigurationError);
      expect((error as Error).message).toContain(`STALE_AFTER_TRADING_DAYS=${JSON.stringify(raw)} is invalid: must be an integer from 1 to 260`);
    }
  });

  it('is part of the analysis configuration, its problem listed beside the others', () => {
    expect(analysisConfig({ STALE_AFTER_TRADING_DAYS: '8' }).staleAfterTradingDays).toBe(8);
    expect(() => analysisConfig({ STALE_AFTER_TRADING_DAYS: 'x', BASE_CURRENCY: 'usd' })).toThrow(
      /BASE_CURRENCY="usd" is invalid.*; STALE_AFTER_TRADING_DAYS="x" is invalid/,
    );
  });
});
