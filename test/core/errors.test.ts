import { describe, expect, it } from 'vitest';
import { InvalidConfigurationError, InvalidInputError, joinProblems } from '../../lambdas/core/errors.js';

describe('errors', () => {
  it('InvalidInputError is an Error named InvalidInput (what Step Functions catches)', () => {
    const error = new InvalidInputError('holdings[0]: ticker is empty');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.name).toBe('InvalidInput');
    expect(error.message).toBe('holdings[0]: ticker is empty');
    expect(error.problems).toEqual(['holdings[0]: ticker is empty']);
    expect(String(error)).toBe('InvalidInput: holdings[0]: ticker is empty');
  });

  it('InvalidConfigurationError is an Error named InvalidConfiguration', () => {
    const error = new InvalidConfigurationError('X="1" is invalid: must be 2');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidConfiguration');
    expect(error.message).toBe('X="1" is invalid: must be 2');
  });

  it('joinProblems lists up to the limit, then says how many more', () => {
    expect(joinProblems(['a', 'b'])).toBe('a; b');
    const many = Array.from({ length: 25 }, (_, i) => `p${i}`);
    const joined = joinProblems(many, 20, 'invalid rows');
    expect(joined.split('; ')).toHaveLength(21);
    expect(joined.endsWith('p19; and 5 more invalid rows')).toBe(true);
    expect(joinProblems(many.slice(0, 20))).not.toContain('more');
  });

  it('fromProblems keeps every problem but lists at most 20', () => {
    const many = Array.from({ length: 23 }, (_, i) => `row ${i}: bad`);
    const error = InvalidInputError.fromProblems(many, 'invalid rows');
    expect(error.problems).toHaveLength(23);
    expect(error.message).toContain('row 19: bad; and 3 more invalid rows');
    expect(error.message).not.toContain('row 20: bad');
  });
});

describe('FinwizError and errorMessage', () => {
  it('every error of the core keeps its cause and its stable name', async () => {
    const { FinwizError, InvalidInputError, errorMessage } = await import('../../lambdas/core/errors.js');
    const cause = new Error('underneath');
    const error = new InvalidInputError('on top', undefined);
    expect(error).toBeInstanceOf(FinwizError);
    class Wrapped extends FinwizError {
      override readonly name = 'Wrapped';
    }
    const wrapped = new Wrapped('wrapped', { cause });
    expect(wrapped.cause).toBe(cause);
    expect(wrapped.name).toBe('Wrapped');
    expect(errorMessage(wrapped)).toBe('wrapped');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage({ code: 42 })).toBe('{"code":42}');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
