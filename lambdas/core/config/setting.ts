// What one configuration variable is: its name, its CDK context key, its default, its rule and
// parser, who reads it and one line of doc. The registry (settings-registry.ts) is a table of these.

/** Who reads a variable: a Lambda handler, or the local command that checks it before starting. */
export type SettingReader = 'prefetch' | 'prefetch-chunk' | 'crew' | 'enrich' | 'consolidate' | 'finwiz run';

export interface SettingSpec<T> {
  readonly name: string;
  /** `finwiz:<camelCase>` when the stack takes it from CDK context; null when it does not. */
  readonly context: string | null;
  readonly defaultValue: T;
  /** The default as the README's configuration table starts its cell. */
  readonly defaultText: string;
  /** The rule, as the error message states it after "is invalid: ". */
  readonly rule: string;
  /** The value, or undefined when `raw` (never blank: blank is the default) breaks the rule. */
  readonly parse: (raw: string) => T | undefined;
  readonly readBy: readonly SettingReader[];
  readonly doc: string;
  /** Never shown: the resolved configuration says only whether it is set. */
  readonly secret?: boolean;
}

const shown = (raw: string | undefined): string => (raw === undefined ? '(unset)' : JSON.stringify(raw));

/** The one form every configuration problem takes. */
export const invalidSetting = (name: string, raw: string | undefined, rule: string): string =>
  `${name}=${shown(raw)} is invalid: ${rule}`;

/** The context key of a variable: its name in camel case after `finwiz:` (BATCH_SIZE -> finwiz:batchSize). */
export const contextKeyOf = (name: string): string =>
  'finwiz:' + name.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A setting the stack passes from CDK context under `contextKeyOf(name)`. */
export function setting<T>(spec: Omit<SettingSpec<T>, 'context'> & { context?: false }): SettingSpec<T> {
  const { context, ...rest } = spec;
  return { ...rest, context: context === false ? null : contextKeyOf(spec.name) };
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** A boolean written true/false, 1/0, yes/no or on/off, any case. */
export function parseBooleanWord(raw: string): boolean | undefined {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** A whole number written as digits only ("10", not "1e1", "10.0" or "10abc"). */
export function parseWholeNumber(raw: string): number | undefined {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

export const integerIn = (min: number, max: number) => (raw: string) => {
  const value = parseWholeNumber(raw);
  return value !== undefined && value >= min && value <= max ? value : undefined;
};

/** A plain decimal ("10", "0.5", ".25"; no sign, exponent, hex or trailing text) in (min, max]. */
export const decimalAbove = (min: number, max: number) => (raw: string) => {
  const text = raw.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  const value = Number(text);
  return value > min && value <= max ? value : undefined;
};

/** One of the given words, any case. */
export const oneOf =
  <W extends string>(...words: readonly W[]) =>
  (raw: string): W | undefined => {
    const word = raw.trim().toLowerCase();
    return words.find((candidate) => candidate === word);
  };

/** An absolute http(s) URL. */
export function httpUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? raw.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Any text that is not blank, trimmed. */
export const text = (raw: string): string | undefined => raw.trim() || undefined;
