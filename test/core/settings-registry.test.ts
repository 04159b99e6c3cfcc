import { readFileSync } from 'node:fs';
import { Node } from 'constructs';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { describeSettings, loadSettings } from '../../lambdas/core/config/load-settings.js';
import { contextKeyOf } from '../../lambdas/core/config/setting.js';
import { SETTINGS, SETTING_NAMES } from '../../lambdas/core/config/settings-registry.js';
import { HANDLER_CONFIG_CONTEXT, readHandlerConfig } from '../../lib/settings.js';

/** The README's configuration table: variable -> default cell. */
function readmeTable(): Map<string, string> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## How a run goes'));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = /^\| `([A-Z0-9_]+)` \| ([^|]+) \|/.exec(line);
    if (cells) rows.set(cells[1]!, cells[2]!.trim());
  }
  return rows;
}

describe('the configuration registry', () => {
  it('is the README table: the same variables, in the same order, with the same defaults', () => {
    const table = readmeTable();
    expect([...table.keys()]).toEqual(SETTING_NAMES);
    for (const name of SETTING_NAMES) expect(table.get(name), name).toMatch(new RegExp(`^${SETTINGS[name].defaultText.replace(/[()[\].*+?^$]/g, '\\$&')}`));
  });

  it('gives every default when nothing is set', () => {
    const settings = loadSettings({});
    for (const name of SETTING_NAMES) expect(settings[name], name).toEqual(SETTINGS[name].defaultValue);
    expect(settings.DEEP_ANALYSIS_BATCH_SIZE).toBe(5);
    expect(settings.CREW_LLM).toBe('none');
  });

  it('names CREW_LLM, its value and its rule when it is not a provider', () => {
    expect(() => loadSettings({ CREW_LLM: 'bogus' })).toThrow('CREW_LLM="bogus" is invalid: must be none, bedrock or openai');
  });

  it('holds the cross-field rules: bedrock needs a model, the deadline at least one attempt', () => {
    expect(() => loadSettings({ CREW_LLM: 'bedrock' })).toThrow('BEDROCK_MODEL_ID=(unset) is invalid: must be a Bedrock model id');
    expect(loadSettings({ CREW_LLM: 'Bedrock', BEDROCK_MODEL_ID: 'us.amazon.nova-lite-v1:0' }).CREW_LLM).toBe('bedrock');
    expect(() => loadSettings({ YAHOO_REQUEST_TIMEOUT_MS: '20000', YAHOO_TICKER_DEADLINE_MS: '15000' })).toThrow(
      /YAHOO_TICKER_DEADLINE_MS="15000" is invalid: .* at least YAHOO_REQUEST_TIMEOUT_MS \(20000\)/,
    );
  });

  it('lists every bad variable in one error, each in the same form', () => {
    let problems: readonly string[] = [];
    try {
      loadSettings({ BATCH_PREFETCH_ENABLED: 'maybe', MAX_HOLDINGS: '0', DIGEST_THRESHOLD: 'sometimes', YAHOO_ENDPOINT: 'ftp://x' });
    } catch (error) {
      expect((error as Error).name).toBe('InvalidConfiguration');
      problems = (error as { problems: readonly string[] }).problems;
    }
    expect(problems.map((p) => p.split('=')[0])).toEqual(['BATCH_PREFETCH_ENABLED', 'YAHOO_ENDPOINT', 'MAX_HOLDINGS', 'DIGEST_THRESHOLD']);
    for (const problem of problems) expect(problem).toMatch(/^[A-Z_]+="[^"]*" is invalid: must /);
  });

  it('never shows a secret in the resolved configuration', () => {
    const described = describeSettings(loadSettings({ ALPHA_VANTAGE_API_KEY: 'SECRET-KEY-123' }));
    expect(described.ALPHA_VANTAGE_API_KEY).toBe('(set)');
    expect(JSON.stringify(described)).not.toContain('SECRET-KEY-123');
  });

  it('gives the stack its context keys: camel case after finwiz:, none for the local-only variables', () => {
    expect(contextKeyOf('DEEP_ANALYSIS_BATCH_SIZE')).toBe('finwiz:deepAnalysisBatchSize');
    expect(HANDLER_CONFIG_CONTEXT['finwiz:crewLlm']).toBe('CREW_LLM');
    expect(HANDLER_CONFIG_CONTEXT['finwiz:alphaVantageSecretName']).toBe('ALPHA_VANTAGE_SECRET_NAME');
    const variables = new Set(Object.values(HANDLER_CONFIG_CONTEXT));
    expect(variables.has('ALPHA_VANTAGE_API_KEY')).toBe(false);
    expect(variables.has('YAHOO_ENDPOINT')).toBe(false);
    expect(variables.has('SIM_AS_OF')).toBe(false);
    // The LLM key is a local run's only; in the cloud it comes from Secrets Manager.
    expect(variables.has('LLM_API_KEY')).toBe(false);
    expect(variables.size).toBe(SETTING_NAMES.length - 5);
  });

  it('refuses a bad context value at synth, naming the context key and the rule', () => {
    const node = (context: Record<string, unknown>): Node => new App({ context }).node;
    expect(readHandlerConfig(node({ 'finwiz:deepAnalysisBatchSize': 'auto' }))).toEqual({ DEEP_ANALYSIS_BATCH_SIZE: 'auto' });
    expect(() => readHandlerConfig(node({ 'finwiz:crewLlm': 'bedrock' }))).toThrow(
      'context finwiz:bedrockModelId: BEDROCK_MODEL_ID=(unset) is invalid',
    );
    expect(() => readHandlerConfig(node({ 'finwiz:yahooConcurrency': 100 }))).toThrow('context finwiz:yahooConcurrency: YAHOO_CONCURRENCY="100" is invalid: must be an integer from 1 to 64');
  });
});
