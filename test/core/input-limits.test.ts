import { describe, expect, it } from 'vitest';
import { InvalidConfigurationError, InvalidInputError } from '../../lambdas/core/errors.js';
import { checkPortfolioBytes, inlineInputBytes, inputLimits } from '../../lambdas/core/input/input-limits.js';
import { parseExecutionInput, parsePortfolioFile } from '../../lambdas/core/input/portfolio.js';

const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
};

describe('input limits (MAX_HOLDINGS, MAX_PORTFOLIO_BYTES)', () => {
  it('default to 10000 holdings and 5 MiB; unset or blank keeps the default', () => {
    expect(inputLimits({})).toEqual({ maxHoldings: 10_000, maxPortfolioBytes: 5_242_880 });
    expect(inputLimits({ MAX_HOLDINGS: ' ', MAX_PORTFOLIO_BYTES: '' })).toEqual({ maxHoldings: 10_000, maxPortfolioBytes: 5_242_880 });
  });

  it('take whole numbers from the environment', () => {
    expect(inputLimits({ MAX_HOLDINGS: '250', MAX_PORTFOLIO_BYTES: '65536' })).toEqual({ maxHoldings: 250, maxPortfolioBytes: 65_536 });
  });

  it.each([
    ['MAX_HOLDINGS', '0'],
    ['MAX_HOLDINGS', '1e3'],
    ['MAX_HOLDINGS', '100001'],
    ['MAX_PORTFOLIO_BYTES', '5MB'],
    ['MAX_PORTFOLIO_BYTES', '100'],
  ])('reject %s=%s naming the variable, the value and the rule', (name, value) => {
    const error = thrown(() => inputLimits({ [name]: value }));
    expect(error).toBeInstanceOf(InvalidConfigurationError);
    expect(error.message).toContain(`${name}=${JSON.stringify(value)} is invalid: must be an integer from`);
  });

  it('a portfolio over MAX_PORTFOLIO_BYTES is InvalidInput naming the limit and the size', () => {
    const limits = inputLimits({ MAX_PORTFOLIO_BYTES: '2048' });
    expect(() => checkPortfolioBytes('x', 2048, limits)).not.toThrow();
    const error = thrown(() => checkPortfolioBytes('portfolioKey "portfolios/big.csv"', 2049, limits));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe('portfolioKey "portfolios/big.csv" is 2049 bytes, more than MAX_PORTFOLIO_BYTES=2048');
  });

  it('measures the inline input as UTF-8 JSON bytes', () => {
    expect(inlineInputBytes({ a: 'é' })).toBe('{"a":"é"}'.length + 1);
  });

  it('a portfolio over MAX_HOLDINGS is InvalidInput naming the limit and the count, file or inline', () => {
    const csv = ['ticker', 'A', 'B', 'C', 'A'].join('\n');
    expect(parsePortfolioFile('p.csv', csv, 3)).toHaveLength(3); // duplicates merge before counting
    expect(thrown(() => parsePortfolioFile('p.csv', `${csv}\nD`, 3)).message).toBe('p.csv has 4 holdings, more than MAX_HOLDINGS=3');
    const inline = { holdings: ['A', 'B', 'C'].map((ticker) => ({ ticker })) };
    expect(thrown(() => parseExecutionInput(inline, 2)).message).toBe('holdings has 3 holdings, more than MAX_HOLDINGS=2');
  });
});
