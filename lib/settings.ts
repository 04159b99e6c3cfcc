// Everything the stack reads from CDK context, parsed and validated in one place, so that a bad
// value fails the synth with a message that names the key instead of deploying something odd.
// Context values given on the command line (`cdk synth -c key=value`) arrive as strings; values
// from cdk.json or from `createFinwizApp({ context })` keep their JSON type. Both are accepted.
import type { Node } from 'constructs';
import { loadSettings } from '../lambdas/core/config/load-settings.js';
import { SETTINGS, SETTING_NAMES } from '../lambdas/core/config/settings-registry.js';
import { FinwizError, InvalidConfigurationError } from '../lambdas/core/errors.js';
import { PORTFOLIOS_PREFIX } from '../lambdas/core/state-machine-contract.js';

/** One EventBridge Scheduler schedule that starts the analysis of one portfolio. */
export interface ScheduleDefinition {
  /** Unique among the schedules; letters, digits, `-` and `_` (used in construct ids and names). */
  readonly name: string;
  /** A Scheduler expression: `cron(...)`, `rate(...)` or `at(...)`. */
  readonly expression: string;
  /** IANA time zone of the expression, e.g. `Europe/London`; UTC when omitted. */
  readonly timeZone?: string;
  /** S3 key of the portfolio in the bucket; must be under `portfolios/` (what Prefetch may read). */
  readonly portfolioKey: string;
  /** Whether the schedule is enabled; default true. */
  readonly enabled?: boolean;
}

export interface FinwizSettings {
  /** Days after which objects under `runs/` expire. */
  readonly runRetentionDays: number;
  /** Configuration variables of the handlers (only the ones set in context). */
  readonly handlerConfig: Readonly<Record<string, string>>;
  readonly schedules: readonly ScheduleDefinition[];
  /** Mailed every alarm when set (finwiz:alarmEmail). */
  readonly alarmEmail?: string;
  /** A run whose failure rate (0..1) is above this raises an alarm (finwiz:failureRateAlarmThreshold). */
  readonly failureRateAlarmThreshold: number;
  /** Apply the cdk-nag AwsSolutions checks at synth (finwiz:nag). */
  readonly nag: boolean;
}

export const CONTEXT_KEYS = {
  runRetentionDays: 'finwiz:runRetentionDays',
  schedules: 'finwiz:schedules',
  scheduleExpression: 'finwiz:scheduleExpression',
  scheduleTimeZone: 'finwiz:scheduleTimeZone',
  portfolioKey: 'finwiz:portfolioKey',
  scheduleEnabled: 'finwiz:scheduleEnabled',
  alarmEmail: 'finwiz:alarmEmail',
  failureRateAlarmThreshold: 'finwiz:failureRateAlarmThreshold',
  nag: 'finwiz:nag',
} as const;

/**
 * Context key -> environment variable of the handlers, from the configuration registry
 * (lambdas/core/config/settings-registry.ts): each variable's name in camel case after `finwiz:`.
 */
export const HANDLER_CONFIG_CONTEXT: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    SETTING_NAMES.flatMap((name) => {
      const key = SETTINGS[name].context;
      return key === null ? [] : [[key, name]];
    }),
  ),
);

export const DEFAULT_RUN_RETENTION_DAYS = 90;
export const DEFAULT_FAILURE_RATE_ALARM_THRESHOLD = 0.2;
export const DEFAULT_SCHEDULE: ScheduleDefinition = {
  name: 'default',
  expression: 'cron(0 6 ? * MON-FRI *)',
  timeZone: 'Europe/London',
  portfolioKey: 'portfolios/main.csv',
  enabled: true,
};

export class SettingsError extends FinwizError {
  override readonly name = 'SettingsError';
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

function parseBoolean(key: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
  }
  if (value === 1 || value === 0) return value === 1;
  throw new SettingsError(`context ${key}: ${JSON.stringify(value)} is not a boolean (true/false)`);
}

function parsePositiveInteger(key: string, value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 1) return n;
  throw new SettingsError(`context ${key}: ${JSON.stringify(value)} is not an integer >= 1`);
}

function parseString(key: string, value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw new SettingsError(`context ${key}: ${JSON.stringify(value)} is not a non-empty string`);
}

/** A fraction above 0 and at most 1 (a plain decimal from the command line, or a number). */
function parseFraction(key: string, value: unknown): number {
  const n = typeof value === 'string' && /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= 1) return n;
  throw new SettingsError(`context ${key}: ${JSON.stringify(value)} is not a fraction above 0 and at most 1 (e.g. 0.2 for 20%)`);
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function parseEmail(key: string, value: unknown): string {
  const email = parseString(key, value);
  if (!EMAIL.test(email)) throw new SettingsError(`context ${key}: ${JSON.stringify(value)} is not an e-mail address`);
  return email;
}

const SCHEDULE_NAME = /^[A-Za-z0-9_-]{1,48}$/;
const SCHEDULE_EXPRESSION = /^(cron|rate|at)\(.+\)$/;

function parseSchedule(where: string, raw: unknown): ScheduleDefinition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SettingsError(`${where}: ${JSON.stringify(raw)} is not an object`);
  }
  const r = raw as Record<string, unknown>;
  const name = parseString(`${where}.name`, r.name);
  if (!SCHEDULE_NAME.test(name)) {
    throw new SettingsError(`${where}.name: "${name}" must be 1-48 letters, digits, "-" or "_"`);
  }
  const expression = parseString(`${where}.expression`, r.expression);
  if (!SCHEDULE_EXPRESSION.test(expression)) {
    throw new SettingsError(`${where}.expression: "${expression}" is not cron(...), rate(...) or at(...)`);
  }
  const timeZone = isSet(r.timeZone) ? parseString(`${where}.timeZone`, r.timeZone) : undefined;
  const portfolioKey = parseString(`${where}.portfolioKey`, r.portfolioKey);
  if (!portfolioKey.startsWith(PORTFOLIOS_PREFIX) || portfolioKey.length <= PORTFOLIOS_PREFIX.length) {
    throw new SettingsError(`${where}.portfolioKey: "${portfolioKey}" must be a key under portfolios/`);
  }
  const enabled = isSet(r.enabled) ? parseBoolean(`${where}.enabled`, r.enabled) : true;
  return { name, expression, ...(timeZone ? { timeZone } : {}), portfolioKey, enabled };
}

/** The schedules: `finwiz:schedules` (an array, or its JSON text) if set, else the single one from the individual keys. */
export function readSchedules(node: Node): ScheduleDefinition[] {
  let list: unknown = node.tryGetContext(CONTEXT_KEYS.schedules);
  if (isSet(list)) {
    if (typeof list === 'string') {
      try {
        list = JSON.parse(list);
      } catch {
        throw new SettingsError(`context ${CONTEXT_KEYS.schedules}: not valid JSON`);
      }
    }
    if (!Array.isArray(list)) {
      throw new SettingsError(`context ${CONTEXT_KEYS.schedules}: must be an array of schedule definitions`);
    }
    const schedules = list.map((s, i) => parseSchedule(`context ${CONTEXT_KEYS.schedules}[${i}]`, s));
    const seen = new Set<string>();
    for (const s of schedules) {
      if (seen.has(s.name)) throw new SettingsError(`context ${CONTEXT_KEYS.schedules}: duplicate name "${s.name}"`);
      seen.add(s.name);
    }
    return schedules;
  }
  const get = (key: string, fallback: unknown): unknown => {
    const v: unknown = node.tryGetContext(key);
    return isSet(v) ? v : fallback;
  };
  return [
    parseSchedule(`context finwiz:schedule*`, {
      name: DEFAULT_SCHEDULE.name,
      expression: get(CONTEXT_KEYS.scheduleExpression, DEFAULT_SCHEDULE.expression),
      timeZone: get(CONTEXT_KEYS.scheduleTimeZone, DEFAULT_SCHEDULE.timeZone),
      portfolioKey: get(CONTEXT_KEYS.portfolioKey, DEFAULT_SCHEDULE.portfolioKey),
      enabled: parseBoolean(CONTEXT_KEYS.scheduleEnabled, get(CONTEXT_KEYS.scheduleEnabled, true)),
    }),
  ];
}

/** The handlers' configuration variables that are set in context; unset ones are omitted so the code's defaults apply. */
export function readHandlerConfig(node: Node): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, variable] of Object.entries(HANDLER_CONFIG_CONTEXT)) {
    const value: unknown = node.tryGetContext(key);
    if (!isSet(value)) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new SettingsError(`context ${key}: ${JSON.stringify(value)} must be a string, number or boolean`);
    }
    env[variable] = String(value);
  }
  // The registry's rules at synth, too: a bad value never deploys (the handlers check again at start).
  try {
    loadSettings(env);
  } catch (error) {
    if (!(error instanceof InvalidConfigurationError)) throw error;
    const keyOf = new Map(Object.entries(HANDLER_CONFIG_CONTEXT).map(([key, name]) => [name, key]));
    const problems = error.problems.map((problem) => {
      const name = /^([A-Z0-9_]+)=/.exec(problem)?.[1];
      const key = name ? keyOf.get(name) : undefined;
      return key ? `context ${key}: ${problem}` : problem;
    });
    throw new SettingsError(problems.join('; '));
  }
  return env;
}

export function readSettings(node: Node): FinwizSettings {
  const retention: unknown = node.tryGetContext(CONTEXT_KEYS.runRetentionDays);
  const alarmEmail: unknown = node.tryGetContext(CONTEXT_KEYS.alarmEmail);
  const threshold: unknown = node.tryGetContext(CONTEXT_KEYS.failureRateAlarmThreshold);
  const nag: unknown = node.tryGetContext(CONTEXT_KEYS.nag);
  return {
    runRetentionDays: isSet(retention)
      ? parsePositiveInteger(CONTEXT_KEYS.runRetentionDays, retention)
      : DEFAULT_RUN_RETENTION_DAYS,
    handlerConfig: readHandlerConfig(node),
    schedules: readSchedules(node),
    ...(isSet(alarmEmail) && alarmEmail !== '' ? { alarmEmail: parseEmail(CONTEXT_KEYS.alarmEmail, alarmEmail) } : {}),
    failureRateAlarmThreshold: isSet(threshold)
      ? parseFraction(CONTEXT_KEYS.failureRateAlarmThreshold, threshold)
      : DEFAULT_FAILURE_RATE_ALARM_THRESHOLD,
    nag: isSet(nag) ? parseBoolean(CONTEXT_KEYS.nag, nag) : false,
  };
}
