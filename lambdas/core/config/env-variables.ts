// Environment variables parsed with zod, for a group of variables of its own: unset or blank
// gives the default, a bad value is one problem that names the variable, the value and the rule,
// and every bad variable is listed. The run's variables live in the registry
// (settings-registry.ts, loaded by load-settings.ts); these helpers share its problem form.
import { z } from 'zod';
import { InvalidConfigurationError } from '../errors.js';
import { invalidSetting } from './load-settings.js';

export { integerIn, parseWholeNumber } from './setting.js';

/** One variable's schema: `parse` returning undefined means the value breaks `rule`. */
export function envVariable<T>(name: string, fallback: T, rule: string, parse: (raw: string) => T | undefined) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const value = parse(raw);
      if (value === undefined) {
        ctx.addIssue({ code: 'custom', message: invalidSetting(name, raw, rule) });
        return z.NEVER;
      }
      return value;
    });
}

/** Parse the named variables of `env` with `schema`; throws InvalidConfigurationError listing every problem. */
export function parseEnv<S extends z.ZodType>(schema: S, names: readonly string[], env: Record<string, string | undefined>): z.output<S> {
  const picked: Record<string, unknown> = {};
  for (const name of names) picked[name] = env[name];
  const result = schema.safeParse(picked);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'configuration');
    // Our own issues are complete sentences; anything else (a non-string value) is not.
    return issue.code === 'custom' ? issue.message : `${name} is invalid: ${issue.message}`;
  });
  throw new InvalidConfigurationError(problems.join('; '), problems);
}
