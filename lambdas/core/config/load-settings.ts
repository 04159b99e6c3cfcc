// Loads every variable of the registry from an environment at once: a handler and `finwiz run`
// call it at start, before any work. Every bad value, cross-field rules included, is one problem
// in one form, `NAME="value" is invalid: rule`, and all of them are listed in one
// InvalidConfigurationError (exit 2 locally, `InvalidConfiguration` in the cloud).
import { InvalidConfigurationError } from '../errors.js';
import { SETTINGS, SETTING_NAMES, type SettingName, type Settings } from './settings-registry.js';
import { invalidSetting, type SettingSpec } from './setting.js';
import { llmSettingProblems } from './llm-config.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export { invalidSetting };

/** Rules that tie one variable to another; each returns the problems it finds. */
const CROSS_FIELD_RULES: ReadonlyArray<(values: Settings, env: Environment) => string[]> = [
  // A deadline shorter than one attempt's timeout could never let a retry start.
  (values, env) =>
    values.YAHOO_TICKER_DEADLINE_MS < values.YAHOO_REQUEST_TIMEOUT_MS
      ? [
          invalidSetting(
            'YAHOO_TICKER_DEADLINE_MS',
            env.YAHOO_TICKER_DEADLINE_MS ?? String(values.YAHOO_TICKER_DEADLINE_MS),
            `${SETTINGS.YAHOO_TICKER_DEADLINE_MS.rule} (${values.YAHOO_REQUEST_TIMEOUT_MS})`,
          ),
        ]
      : [],
  // CREW_LLM's provider needs its model; a budget needs a price (llm-config.ts).
  llmSettingProblems,
];

function parseOne<T>(spec: SettingSpec<T>, raw: string | undefined, problems: string[]): T {
  if (raw === undefined || raw.trim() === '') return spec.defaultValue;
  const value = spec.parse(raw);
  if (value === undefined) {
    problems.push(invalidSetting(spec.name, raw, spec.rule));
    return spec.defaultValue;
  }
  return value;
}

/**
 * Every setting's value from `env` (usually `process.env`): unset or blank takes the default.
 * Throws InvalidConfigurationError listing every bad variable, its value and its rule.
 */
export function loadSettings(env: Environment): Settings {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) values[name] = parseOne(SETTINGS[name] as SettingSpec<unknown>, env[name], problems);
  const settings = values as Settings;
  if (problems.length === 0) for (const rule of CROSS_FIELD_RULES) problems.push(...rule(settings, env));
  if (problems.length) throw new InvalidConfigurationError(problems.join('; '), problems);
  return settings;
}

const describeThreshold = (t: Settings['DIGEST_THRESHOLD']): string =>
  [...t.kinds, ...(t.scoreMove === null ? [] : [`score:${t.scoreMove}`]), ...(t.always ? ['always'] : [])].join(',') || 'never';

/** The resolved configuration under the variables' names, to log once per run; secrets say only "(set)". */
export function describeSettings(settings: Settings, names: readonly SettingName[] = SETTING_NAMES): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const name of names) {
    const spec = SETTINGS[name] as SettingSpec<unknown>;
    const value = settings[name] as unknown;
    if (spec.secret) out[name] = value === null ? null : '(set)';
    else if (name === 'DIGEST_THRESHOLD') out[name] = describeThreshold(settings.DIGEST_THRESHOLD);
    else out[name] = value as string | number | boolean | null;
  }
  return out;
}
