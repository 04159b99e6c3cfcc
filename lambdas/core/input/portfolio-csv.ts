// Reading a CSV portfolio into raw rows, each with its line number. The first non-blank row
// is the header; header names are matched case-insensitively, ignoring spaces, '_' and '-'.
// The original FinWiz files (`Name,Ticker,Currency`, tickers like `YAHOO:AAPL`) read as they are.
import { parse, CsvError } from 'csv-parse/sync';
import { InvalidInputError } from '../errors.js';
import type { HoldingField, RawHoldingRow } from './portfolio.js';

/** Accepted header names, normalised (lower case, no spaces, '_' or '-'), by field. */
export const CSV_COLUMN_ALIASES: Readonly<Record<HoldingField, readonly string[]>> = Object.freeze({
  ticker: ['ticker', 'symbol', 'tickersymbol'],
  shares: ['shares', 'quantity', 'qty'],
  costBasis: ['costbasis', 'costbasispershare'],
  currency: ['currency'],
  name: ['name', 'companyname'],
});

function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

function fieldOfHeader(header: string): HoldingField | undefined {
  const key = normaliseHeader(header);
  for (const [field, aliases] of Object.entries(CSV_COLUMN_ALIASES) as [HoldingField, readonly string[]][]) {
    if (aliases.includes(key)) return field;
  }
  return undefined;
}

function csvErrorReason(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (a \'"\' is missing)';
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote (") inside a field: quote the whole field and double the quotes inside it';
    default:
      return error.message;
  }
}

/** Line number of a record's first line, from the line it ends on and the line breaks inside it. */
function firstLineOf(record: string[], endLine: number): number {
  let breaks = 0;
  for (const field of record) breaks += field.match(/\n/g)?.length ?? 0;
  return endLine - breaks;
}

/**
 * Reads a CSV portfolio into raw rows (not yet validated). Throws InvalidInputError when the
 * file cannot be read as CSV or its header has no ticker column.
 */
export function readCsvHoldingRows(name: string, content: string): RawHoldingRow[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  // csv-parse counts a CRLF inside a quoted field as two lines; with every line break made
  // '\n' first, its line numbers are the ones an editor shows.
  const text = content.replace(/\r\n?/g, '\n');
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new InvalidInputError(`${name}${line ? ` line ${line}` : ''}: cannot be read as CSV: ${csvErrorReason(error)}`);
    }
    throw error;
  }

  // Rows of empty fields only (",,," as spreadsheets write them) are blank lines.
  const records = parsed
    .filter(({ record }) => record.some((field) => field.trim() !== ''))
    .map(({ record, info }) => ({ record, line: firstLineOf(record, info.lines) }));

  const header = records[0];
  if (!header) {
    throw new InvalidInputError(`${name} is empty: it needs a header row with a "ticker" column and one row per holding`);
  }

  const columns = new Map<HoldingField, number>();
  for (const [index, title] of header.record.entries()) {
    const field = fieldOfHeader(title);
    if (!field) continue;
    const earlier = columns.get(field);
    if (earlier !== undefined) {
      throw new InvalidInputError(
        `${name} line ${header.line}: columns "${header.record[earlier]}" and "${title}" both give the ${field}; keep one of them`,
      );
    }
    columns.set(field, index);
  }
  if (!columns.has('ticker')) {
    const found = header.record.map((title) => JSON.stringify(title)).join(', ');
    const separatorHint = header.record.some((title) => /[;\t|]/.test(title))
      ? ' (the file must be comma-separated)'
      : '';
    throw new InvalidInputError(
      `${name} line ${header.line}: the header row has no "ticker" column${separatorHint}; found ${found}. ` +
        'The first row must name the columns: ticker (or symbol), and optionally shares, cost_basis, currency, name',
    );
  }

  const labels: Partial<Record<HoldingField, string>> = {};
  for (const [field, index] of columns) labels[field] = header.record[index] ?? field;

  return records.slice(1).map(({ record, line }): RawHoldingRow => {
    const where = `${name} line ${line}`;
    // Trailing empty fields are harmless; extra values mean an unquoted comma shifted the row.
    let width = record.length;
    while (width > header.record.length && (record[width - 1] ?? '').trim() === '') width -= 1;
    if (width > header.record.length) {
      return {
        where,
        values: {},
        labels,
        problems: [
          `has ${width} fields but the header has ${header.record.length} (put a field that contains a comma in double quotes)`,
        ],
      };
    }
    const values: Partial<Record<HoldingField, unknown>> = {};
    for (const [field, index] of columns) values[field] = record[index];
    return { where, values, labels };
  });
}
