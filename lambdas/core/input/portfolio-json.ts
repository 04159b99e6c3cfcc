// Reading JSON holdings (a portfolio file, or the `holdings` of the execution input) into raw
// rows, each named by its position: `holdings[3]`.
import { InvalidInputError } from '../errors.js';
import type { HoldingField, RawHoldingRow } from './portfolio.js';

/** Accepted keys of a JSON holding, by field (unknown keys are ignored). */
export const JSON_KEY_ALIASES: Readonly<Record<HoldingField, readonly string[]>> = Object.freeze({
  ticker: ['ticker', 'symbol'],
  shares: ['shares', 'quantity'],
  costBasis: ['costBasis', 'cost_basis'],
  currency: ['currency'],
  name: ['name'],
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Raw rows of a JSON array of holdings; `wherePrefix` + `[i]` names each (`holdings[3]`). */
export function readJsonHoldingRows(items: readonly unknown[], wherePrefix: string): RawHoldingRow[] {
  return items.map((item, index): RawHoldingRow => {
    const where = `${wherePrefix}[${index}]`;
    if (!isPlainObject(item)) {
      return { where, values: {}, labels: {}, problems: ['must be an object with a "ticker", e.g. {"ticker":"AAPL","shares":10}'] };
    }
    const values: Partial<Record<HoldingField, unknown>> = {};
    const labels: Partial<Record<HoldingField, string>> = {};
    const problems: string[] = [];
    for (const [field, keys] of Object.entries(JSON_KEY_ALIASES) as [HoldingField, readonly string[]][]) {
      const present = keys.filter((key) => Object.hasOwn(item, key) && item[key] !== null && item[key] !== undefined);
      const [first, second] = present;
      if (second !== undefined) {
        problems.push(`has both "${first}" and "${second}"; keep one of them`);
        continue;
      }
      labels[field] = first ?? keys[0] ?? field;
      if (first !== undefined) values[field] = item[first];
    }
    return problems.length > 0 ? { where, values: {}, labels, problems } : { where, values, labels };
  });
}

/**
 * Reads a JSON portfolio file: an array of holdings or `{ "holdings": [...] }`.
 * Throws InvalidInputError when the content is not JSON or not one of these shapes.
 */
export function readJsonPortfolio(name: string, content: string): RawHoldingRow[] {
  const text = content.replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    throw new InvalidInputError(`${name} is empty: it must hold a JSON array of holdings or {"holdings": [...]}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  const items = Array.isArray(document)
    ? document
    : isPlainObject(document) && Array.isArray(document.holdings)
      ? document.holdings
      : undefined;
  if (!items) {
    throw new InvalidInputError(
      `${name} must hold a JSON array of holdings or an object with a "holdings" array, e.g. {"holdings":[{"ticker":"AAPL","shares":10}]}`,
    );
  }
  return readJsonHoldingRows(items, `${name} holdings`);
}
