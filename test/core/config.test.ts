import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, describeConfig, parseConfig } from '../../lambdas/core/config/run-config.js';
import { InvalidConfigurationError } from '../../lambdas/core/errors.js';

function configError(env: Record<string, string | undefined>): InvalidConfigurationError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConfigurationError);
    return error as InvalidConfigurationError;
  }
  throw new Error(`expected parseConfig(${JSON.stringify(env)}) to throw`);
}

describe('parseConfig defaults', () => {
  it('uses every default when nothing is set', () => {
    expect(parseConfig({})).toEqual({
      batchPrefetchEnabled: true,
      alphaVantageRateLimit: 5,
      batchPrefetchMinHoldings: 10,
      deepAnalysisBatchSize: 5,
      enableAlphaVantage: false,
    });
    expect(CONFIG_DEFAULTS).toEqual(parseConfig({}));
  });

  it.each([
    ['BATCH_PREFETCH_ENABLED', 'batchPrefetchEnabled', true],
    ['ALPHA_VANTAGE_RATE_LIMIT', 'alphaVantageRateLimit', 5],
    ['BATCH_PREFETCH_MIN_HOLDINGS', 'batchPrefetchMinHoldings', 10],
    ['DEEP_ANALYSIS_BATCH_SIZE', 'deepAnalysisBatchSize', 5],
    ['ENABLE_ALPHA_VANTAGE', 'enableAlphaVantage', false],
  ] as const)('%s defaults to %s=%s when unset, empty or blank', (variable, field, expected) => {
    expect(parseConfig({ [variable]: undefined })[field]).toBe(expected);
    expect(parseConfig({ [variable]: '' })[field]).toBe(expected);
    expect(parseConfig({ [variable]: '   ' })[field]).toBe(expected);
  });

  it('ignores unrelated variables', () => {
    expect(parseConfig({ PATH: '/usr/bin', AWS_REGION: 'eu-west-1', BATCH_SIZE: 'nonsense' })).toEqual(CONFIG_DEFAULTS);
  });
});

describe('boolean variables', () => {
  const truthy = ['true', 'TRUE', 'True', 'tRuE', '1', 'yes', 'YES', 'Yes', 'on', 'ON', 'On', ' true ', '\tyes\n', ' 1 '];
  const falsy = ['false', 'FALSE', 'False', 'fAlSe', '0', 'no', 'NO', 'No', 'off', 'OFF', 'Off', ' false ', '\toff\n', ' 0 '];

  for (const variable of ['BATCH_PREFETCH_ENABLED', 'ENABLE_ALPHA_VANTAGE'] as const) {
    const field = variable === 'BATCH_PREFETCH_ENABLED' ? 'batchPrefetchEnabled' : 'enableAlphaVantage';
    it.each(truthy)(`${variable}=%j is true`, (value) => {
      expect(parseConfig({ [variable]: value })[field]).toBe(true);
    });
    it.each(falsy)(`${variable}=%j is false`, (value) => {
      expect(parseConfig({ [variable]: value })[field]).toBe(false);
    });
    it.each(['maybe', 'y', 'n', 't', 'f', '2', '-1', 'truee', 'enabled', 'yes please', '1.0'])(
      `${variable}=%j is rejected, naming the variable, the value and the rule`,
      (value) => {
        const error = configError({ [variable]: value });
        expect(error.name).toBe('InvalidConfiguration');
        expect(error.message).toBe(
          `${variable}=${JSON.stringify(value)} is invalid: must be a boolean (true/false, 1/0, yes/no, on/off)`,
        );
      },
    );
  }
});

describe('ALPHA_VANTAGE_RATE_LIMIT (integer 1..100)', () => {
  it.each([
    ['1', 1],
    ['5', 5],
    ['75', 75],
    ['100', 100],
    [' 42 ', 42],
    ['007', 7],
  ])('accepts %j as %i', (value, expected) => {
    expect(parseConfig({ ALPHA_VANTAGE_RATE_LIMIT: value }).alphaVantageRateLimit).toBe(expected);
  });

  it.each(['0', '101', '-1', '1.5', 'abc', '10abc', '1e2', '0x10', '+-5', 'five', '99999999999999999999'])(
    'rejects %j with the variable, the value and the rule',
    (value) => {
      expect(configError({ ALPHA_VANTAGE_RATE_LIMIT: value }).message).toBe(
        `ALPHA_VANTAGE_RATE_LIMIT=${JSON.stringify(value)} is invalid: must be an integer from 1 to 100 (calls per minute)`,
      );
    },
  );

  it('gives exactly the documented message for 0', () => {
    expect(configError({ ALPHA_VANTAGE_RATE_LIMIT: '0' }).message).toBe(
      'ALPHA_VANTAGE_RATE_LIMIT="0" is invalid: must be an integer from 1 to 100 (calls per minute)',
    );
  });
});

describe('BATCH_PREFETCH_MIN_HOLDINGS (integer >= 1)', () => {
  it.each([
    ['1', 1],
    ['10', 10],
    ['250', 250],
    ['100000', 100000],
  ])('accepts %j as %i', (value, expected) => {
    expect(parseConfig({ BATCH_PREFETCH_MIN_HOLDINGS: value }).batchPrefetchMinHoldings).toBe(expected);
  });

  it.each(['0', '-3', '1.5', 'abc', '10abc', 'auto', 'true'])('rejects %j', (value) => {
    const message = configError({ BATCH_PREFETCH_MIN_HOLDINGS: value }).message;
    expect(message).toContain(`BATCH_PREFETCH_MIN_HOLDINGS=${JSON.stringify(value)} is invalid`);
    expect(message).toContain('must be an integer >= 1');
  });
});

describe('DEEP_ANALYSIS_BATCH_SIZE (integer >= 1 or auto)', () => {
  it.each([
    ['1', 1],
    ['5', 5],
    ['12', 12],
    ['500', 500],
  ])('accepts %j as %i', (value, expected) => {
    expect(parseConfig({ DEEP_ANALYSIS_BATCH_SIZE: value }).deepAnalysisBatchSize).toBe(expected);
  });

  it.each(['auto', 'AUTO', 'Auto', ' aUtO '])('accepts %j as auto', (value) => {
    expect(parseConfig({ DEEP_ANALYSIS_BATCH_SIZE: value }).deepAnalysisBatchSize).toBe('auto');
  });

  it.each(['0', '-1', '1.5', 'abc', '10abc', 'automatic', 'auto5'])('rejects %j', (value) => {
    expect(configError({ DEEP_ANALYSIS_BATCH_SIZE: value }).message).toBe(
      `DEEP_ANALYSIS_BATCH_SIZE=${JSON.stringify(value)} is invalid: must be an integer >= 1 or "auto"`,
    );
  });
});

describe('several bad values', () => {
  it('names every bad variable in one error', () => {
    const error = configError({
      BATCH_PREFETCH_ENABLED: 'maybe',
      ALPHA_VANTAGE_RATE_LIMIT: '1.5',
      BATCH_PREFETCH_MIN_HOLDINGS: '0',
      DEEP_ANALYSIS_BATCH_SIZE: 'abc',
      ENABLE_ALPHA_VANTAGE: '2',
    });
    expect(error.problems).toHaveLength(5);
    for (const fragment of [
      'BATCH_PREFETCH_ENABLED="maybe"',
      'ALPHA_VANTAGE_RATE_LIMIT="1.5"',
      'BATCH_PREFETCH_MIN_HOLDINGS="0"',
      'DEEP_ANALYSIS_BATCH_SIZE="abc"',
      'ENABLE_ALPHA_VANTAGE="2"',
    ]) {
      expect(error.message).toContain(fragment);
    }
    expect(error.message.split('; ')).toHaveLength(5);
  });

  it('reports only the bad ones when others are fine', () => {
    const error = configError({ ALPHA_VANTAGE_RATE_LIMIT: '200', ENABLE_ALPHA_VANTAGE: 'yes', DEEP_ANALYSIS_BATCH_SIZE: 'auto' });
    expect(error.message).toBe(
      'ALPHA_VANTAGE_RATE_LIMIT="200" is invalid: must be an integer from 1 to 100 (calls per minute)',
    );
  });
});

describe('a full configuration', () => {
  it('parses every variable together', () => {
    expect(
      parseConfig({
        BATCH_PREFETCH_ENABLED: 'off',
        ALPHA_VANTAGE_RATE_LIMIT: '75',
        BATCH_PREFETCH_MIN_HOLDINGS: '3',
        DEEP_ANALYSIS_BATCH_SIZE: 'auto',
        ENABLE_ALPHA_VANTAGE: 'YES',
      }),
    ).toEqual({
      batchPrefetchEnabled: false,
      alphaVantageRateLimit: 75,
      batchPrefetchMinHoldings: 3,
      deepAnalysisBatchSize: 'auto',
      enableAlphaVantage: true,
    });
  });

  it('describeConfig names the variables with their resolved values', () => {
    const described = describeConfig(parseConfig({ DEEP_ANALYSIS_BATCH_SIZE: 'auto', ENABLE_ALPHA_VANTAGE: 'on' }));
    expect(described).toEqual({
      BATCH_PREFETCH_ENABLED: true,
      ALPHA_VANTAGE_RATE_LIMIT: 5,
      BATCH_PREFETCH_MIN_HOLDINGS: 10,
      DEEP_ANALYSIS_BATCH_SIZE: 'auto',
      ENABLE_ALPHA_VANTAGE: true,
    });
    expect(JSON.parse(JSON.stringify(described))).toEqual(described);
  });
});
