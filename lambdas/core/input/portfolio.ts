// The portfolio: the execution input and the portfolio files (CSV or JSON) parsed into
// validated, merged holdings. Anything wrong is an InvalidInputError naming the row and the
// field; every bad row is reported at once so the file can be fixed in one go.
import type { Holding } from '../contracts.js';
import { InvalidInputError } from '../errors.js';
import { INPUT_LIMIT_DEFAULTS } from './input-limits.js';
import { readCsvHoldingRows } from './portfolio-csv.js';
import { readJsonHoldingRows, readJsonPortfolio } from './portfolio-json.js';

/** The most holdings a portfolio may have (after merging duplicates), unless MAX_HOLDINGS says otherwise. */
export const MAX_HOLDINGS = INPUT_LIMIT_DEFAULTS.maxHoldings;

/** A ticker after trimming, upper-casing and removing a `YAHOO:` prefix: BRK-B, BRK.B, ^GSPC, EURUSD=X, 7203.T. */
export const TICKER_PATTERN = /^\^?[A-Z0-9][A-Z0-9.\-=]{0,14}$/;

/** A session id: 1..80 of [A-Za-z0-9_.-], not starting with '.'. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,79}$/;

export type HoldingField = 'ticker' | 'name' | 'shares' | 'costBasis' | 'currency';

/** One row of a portfolio as read from its source, before validation. */
export interface RawHoldingRow {
  /** Where the row is, for messages: `portfolio.csv line 4`, `holdings[3]`. */
  where: string;
  /** The field values as found (CSV: strings; JSON: anything). */
  values: Partial<Record<HoldingField, unknown>>;
  /** Each field's name in the source (the CSV header or the JSON key), for messages. */
  labels: Partial<Record<HoldingField, string>>;
  /** Problems with the row's shape; when present, its values are not examined. */
  problems?: string[];
}

export type ExecutionInput =
  | { kind: 'holdings'; holdings: Holding[]; sessionId?: string }
  | { kind: 'portfolioKey'; portfolioKey: string; sessionId?: string };

// ---------------------------------------------------------------- field normalisation

/** A value quoted for a message, cut short when long. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const cut = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return typeof value === 'string' ? JSON.stringify(cut) : cut;
}

/** Trimmed text, or undefined when absent/blank; `null` when the value is not text. */
function text(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The canonical ticker (trimmed, upper-cased, `YAHOO:` prefix removed), or undefined when the
 * symbol cannot be a ticker.
 */
export function normaliseTicker(raw: string): string | undefined {
  const ticker = raw.trim().replace(/^yahoo:/i, '').trim().toUpperCase();
  return TICKER_PATTERN.test(ticker) ? ticker : undefined;
}

/**
 * A currency code: 3 letters, upper-cased, except minor units written as two capitals and a
 * small letter (`GBp`, `ZAc`), which are kept as given. Undefined when not a 3-letter code.
 */
export function normaliseCurrency(raw: string): string | undefined {
  const code = raw.trim();
  if (!/^[A-Za-z]{3}$/.test(code)) return undefined;
  return /^[A-Z]{2}[a-z]$/.test(code) ? code : code.toUpperCase();
}

/** A non-negative finite number from a number or a plain decimal string; undefined otherwise. */
export function parseNonNegativeNumber(value: unknown): number | undefined {
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && /^\+?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim())) number = Number(value.trim());
  else return undefined;
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** One row validated into a holding, or the list of what is wrong with it. */
function validateRow(row: RawHoldingRow): { holding: Holding } | { problems: string[] } {
  if (row.problems && row.problems.length > 0) return { problems: row.problems };
  const label = (field: HoldingField) => row.labels[field] ?? field;
  const problems: string[] = [];
  const holding: Holding = { ticker: '' };

  const rawTicker = row.values.ticker;
  const tickerText = typeof rawTicker === 'number' && Number.isSafeInteger(rawTicker) ? String(rawTicker) : text(rawTicker);
  if (tickerText === undefined) problems.push(`${label('ticker')} is empty`);
  else if (tickerText === null) problems.push(`${label('ticker')} ${show(rawTicker)} must be a string`);
  else {
    const ticker = normaliseTicker(tickerText);
    if (ticker === undefined) {
      problems.push(
        `${label('ticker')} ${show(rawTicker)} is not a valid ticker (letters, digits, '.', '-', '=', an optional leading '^', at most 15 characters)`,
      );
    } else holding.ticker = ticker;
  }

  const name = text(row.values.name);
  if (name === null) problems.push(`${label('name')} ${show(row.values.name)} must be a string`);
  else if (name !== undefined) holding.name = name;

  for (const field of ['shares', 'costBasis'] as const) {
    const raw = row.values[field];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
    const number = parseNonNegativeNumber(raw);
    if (number === undefined) problems.push(`${label(field)} ${show(raw)} must be a non-negative number`);
    else holding[field] = number;
  }

  const currencyText = text(row.values.currency);
  if (currencyText === null) problems.push(`${label('currency')} ${show(row.values.currency)} must be a string`);
  else if (currencyText !== undefined) {
    const currency = normaliseCurrency(currencyText);
    if (currency === undefined) {
      problems.push(`${label('currency')} ${show(row.values.currency)} must be a 3-letter currency code (e.g. USD, EUR, GBp)`);
    } else holding.currency = currency;
  }

  return problems.length > 0 ? { problems } : { holding };
}

/**
 * Two positions of the same ticker as one: shares added when both have shares (else the one
 * known); the cost basis is the share-weighted average when both are known, the known one when
 * the other position has no shares, and unknown otherwise; the first name and currency win.
 */
export function mergeHoldings(first: Holding, second: Holding): Holding {
  let shares: number | undefined;
  let costBasis: number | undefined;
  const [sharesA, sharesB] = [first.shares, second.shares];
  const [costA, costB] = [first.costBasis, second.costBasis];
  if (sharesA !== undefined && sharesB !== undefined) {
    shares = round(sharesA + sharesB, 8);
    if (costA !== undefined && costB !== undefined) {
      costBasis =
        costA === costB || sharesA + sharesB === 0
          ? costA
          : round((sharesA * costA + sharesB * costB) / (sharesA + sharesB), 6);
    } else if (costA !== undefined && sharesB === 0) costBasis = costA;
    else if (costB !== undefined && sharesA === 0) costBasis = costB;
  } else if (first.shares !== undefined) {
    shares = first.shares;
    costBasis = first.costBasis ?? second.costBasis;
  } else if (second.shares !== undefined) {
    shares = second.shares;
    costBasis = second.costBasis ?? first.costBasis;
  } else {
    costBasis = first.costBasis ?? second.costBasis;
  }
  const merged: Holding = { ticker: first.ticker };
  const name = first.name ?? second.name;
  if (name !== undefined) merged.name = name;
  if (shares !== undefined) merged.shares = shares;
  if (costBasis !== undefined) merged.costBasis = costBasis;
  const currency = first.currency ?? second.currency;
  if (currency !== undefined) merged.currency = currency;
  return merged;
}

/**
 * Validates raw rows into holdings, merging a ticker listed more than once (in the order of
 * first appearance). `source` names the portfolio in messages. Throws InvalidInputError listing
 * every bad row (up to 20, then "and N more"), or when there are no holdings or too many.
 */
export function holdingsFromRows(rows: readonly RawHoldingRow[], source: string, maxHoldings = MAX_HOLDINGS): Holding[] {
  const problems: string[] = [];
  const byTicker = new Map<string, Holding>();
  for (const row of rows) {
    const result = validateRow(row);
    if ('problems' in result) {
      problems.push(`${row.where}: ${result.problems.join(', ')}`);
      continue;
    }
    const { holding } = result;
    const earlier = byTicker.get(holding.ticker);
    byTicker.set(holding.ticker, earlier ? mergeHoldings(earlier, holding) : holding);
  }
  if (problems.length > 0) throw InvalidInputError.fromProblems(problems, 'invalid rows');
  if (byTicker.size === 0) throw new InvalidInputError(`${source} contains no holdings`);
  if (byTicker.size > maxHoldings) {
    throw new InvalidInputError(`${source} has ${byTicker.size} holdings, more than MAX_HOLDINGS=${maxHoldings}`);
  }
  return [...byTicker.values()];
}

// ---------------------------------------------------------------- files and execution input

/** The format of a portfolio file by its extension (case-insensitive), or undefined. */
export function portfolioFormat(name: string): 'csv' | 'json' | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

/** Parses a portfolio file (`.csv` or `.json`) into holdings. Throws InvalidInputError. */
export function parsePortfolioFile(name: string, content: string, maxHoldings = MAX_HOLDINGS): Holding[] {
  const format = portfolioFormat(name);
  if (format === undefined) {
    throw new InvalidInputError(`${name}: unknown format: a portfolio file must end in .csv or .json`);
  }
  const rows = format === 'csv' ? readCsvHoldingRows(name, content) : readJsonPortfolio(name, content);
  return holdingsFromRows(rows, name, maxHoldings);
}

/** Whether a value is a valid session id (see SESSION_ID_PATTERN). */
export function isValidSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID_PATTERN.test(value);
}

/** The session id if valid; otherwise throws InvalidInputError naming `field`. */
export function validateSessionId(value: unknown, field = 'sessionId'): string {
  if (isValidSessionId(value)) return value;
  throw new InvalidInputError(
    `${field} ${show(value)} is invalid: it must be 1 to 80 characters of letters, digits, '_', '-' and '.', not starting with '.'`,
  );
}

/** Problems with a portfolio key (an S3 key of a .csv or .json file in the bucket). */
function portfolioKeyProblems(key: string): string[] {
  const problems: string[] = [];
  if (key.trim() === '') return ['is empty'];
  if (key !== key.trim()) problems.push('has leading or trailing spaces');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(key)) problems.push('must be a key inside the bucket (e.g. "portfolios/main.csv"), not a URL');
  else if (key.startsWith('/')) problems.push("must not start with '/'");
  if (key.includes('..')) problems.push("must not contain '..'");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) problems.push('must not contain control characters');
  if (key.length > 1024) problems.push('is longer than 1024 characters');
  if (portfolioFormat(key) === undefined) problems.push('has an unknown format: must end in .csv or .json');
  return problems;
}

/**
 * Parses the execution input: `{"holdings": [...]}` or `{"portfolioKey": "portfolios/main.csv"}`
 * (exactly one of them), optionally with a `"sessionId"`. Throws InvalidInputError.
 */
export function parseExecutionInput(input: unknown, maxHoldings = MAX_HOLDINGS): ExecutionInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidInputError(
      'The execution input must be a JSON object with either "holdings" (an array) or "portfolioKey" (an S3 key), ' +
        `got ${Array.isArray(input) ? 'an array' : show(input)}`,
    );
  }
  const record = input as Record<string, unknown>;
  const has = (key: string) => record[key] !== undefined && record[key] !== null;

  let sessionId: string | undefined;
  if (has('sessionId')) sessionId = validateSessionId(record.sessionId);
  const withSession = <T extends object>(value: T): T & { sessionId?: string } =>
    sessionId === undefined ? value : { ...value, sessionId };

  if (has('holdings') && has('portfolioKey')) {
    throw new InvalidInputError('The execution input has both "holdings" and "portfolioKey": give exactly one of them');
  }
  if (has('portfolioKey')) {
    const key = record.portfolioKey;
    if (typeof key !== 'string') throw new InvalidInputError(`portfolioKey ${show(key)} must be a string`);
    const problems = portfolioKeyProblems(key);
    if (problems.length > 0) throw new InvalidInputError(`portfolioKey ${show(key)} ${problems.join(', ')}`);
    return withSession({ kind: 'portfolioKey' as const, portfolioKey: key });
  }
  if (has('holdings')) {
    const holdings = record.holdings;
    if (!Array.isArray(holdings)) {
      throw new InvalidInputError(`holdings must be an array of holdings such as {"ticker":"AAPL","shares":10}, got ${show(holdings)}`);
    }
    if (holdings.length === 0) throw new InvalidInputError('holdings is empty: give at least one holding');
    return withSession({ kind: 'holdings' as const, holdings: holdingsFromRows(readJsonHoldingRows(holdings, 'holdings'), 'holdings', maxHoldings) });
  }
  throw new InvalidInputError(
    'The execution input needs either "holdings" (an array of {"ticker", "shares", ...}) or "portfolioKey" (an S3 key ending in .csv or .json)',
  );
}
