// Secrets come only from Secrets Manager: the stack never puts a key in a Lambda's environment
// (where anyone with lambda:GetFunctionConfiguration reads it in plain text), whatever the context.
import { describe, expect, it } from 'vitest';
import { resourcesOfType, synth } from './support.js';

const SECRET_LOOKING = /(API_?KEY|SECRET(?!_NAME$)|TOKEN|PASSWORD|CREDENTIAL)/i;

describe('no secret in a Lambda environment', () => {
  const contexts: Record<string, unknown>[] = [
    {},
    { 'finwiz:enableAlphaVantage': true, 'finwiz:alphaVantageSecretName': 'finwiz/alpha-vantage' },
    // Context keys that look like they could carry a key are not mapped to any variable.
    { 'finwiz:alphaVantageApiKey': 'DEMOKEY123456', 'finwiz:ALPHA_VANTAGE_API_KEY': 'DEMOKEY123456' },
  ];

  it.each(contexts)('context %j: no variable named like a key or secret, and no key value anywhere', (context) => {
    const s = synth(context);
    const functions = resourcesOfType(s.json, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(6); // prefetch, prefetch chunk and summary, crew, enrich, consolidate
    for (const [id, fn] of functions) {
      const variables = Object.keys(fn.Properties.Environment?.Variables ?? {});
      expect(variables.filter((name) => SECRET_LOOKING.test(name)), id).toEqual([]);
      expect(variables).not.toContain('ALPHA_VANTAGE_API_KEY');
    }
    expect(JSON.stringify(s.json)).not.toContain('DEMOKEY123456');
  });

  it('the pattern would catch a key variable (the check can fail)', () => {
    expect(SECRET_LOOKING.test('ALPHA_VANTAGE_API_KEY')).toBe(true);
    expect(SECRET_LOOKING.test('BEDROCK_SECRET')).toBe(true);
    expect(SECRET_LOOKING.test('ALPHA_VANTAGE_SECRET_NAME')).toBe(false);
  });
});
