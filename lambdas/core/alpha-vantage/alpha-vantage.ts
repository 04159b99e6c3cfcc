// Alpha Vantage answers, pure: the schemas of OVERVIEW and EARNINGS, the classification of an
// answer body (data, quota, throttle, error) and the figures the fundamental analyst may use
// where Yahoo lacks one. No I/O here; the client is lambdas/adapters/alpha-vantage/alpha-vantage-client.ts.
//
// Alpha Vantage sends every number as a string, and "None", "-" or "" where it has none: those
// parse to null, never to 0 or NaN. Ratios (margins, ROE, growth) are fractions as sent
// (0.1043 = 10.43%), like Yahoo's.
//
// Every throttle or quota answer arrives with HTTP 200 and a JSON body whose key is `Note`
// (legacy, per-minute text) or `Information` (2024+). How they are classified:
// - throttle: the per-minute / per-second pacing texts ("spread out your requests", "call
//   frequency is 5 calls per minute"). Waiting would help, but a correctly paced client only
//   sees them when the key is shared or the tier is lower than configured.
// - quota: the daily limit ("25 requests per day"), a premium-only endpoint, and any other
//   `Note`/`Information` body we do not recognise (it is certainly not data).
// Both mean the same to a run: Alpha Vantage is the secondary source, so the client stops using
// it for the rest of the run and the kind is only reported. `Error Message` (invalid call or
// symbol) and an empty `{}` (unknown symbol) are errors of that one request.
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Numbers and texts as Alpha Vantage sends them

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * An Alpha Vantage number: "14.1327" -> 14.1327, "-0.458" -> -0.458; "None", "-", "", "N/A",
 * missing, or anything that is not a plain decimal -> null. A JSON number is taken as is.
 */
export function parseAlphaVantageNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

const MISSING_TEXT = new Set(['', 'none', '-', 'n/a', 'null']);

/** An Alpha Vantage text field: "None", "-", "" and missing -> null. */
export function parseAlphaVantageText(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  return MISSING_TEXT.has(text.toLowerCase()) ? null : text;
}

const avNumber = z.union([z.string(), z.number(), z.null()]).optional().transform(parseAlphaVantageNumber);
const avText = z.union([z.string(), z.null()]).optional().transform(parseAlphaVantageText);

// ---------------------------------------------------------------------------------------------
// OVERVIEW

/** OVERVIEW: the company profile and its valuation, profitability and growth figures. */
export const alphaVantageOverviewSchema = z.object({
  Symbol: z.string().trim().min(1),
  AssetType: avText,
  Name: avText,
  Exchange: avText,
  Currency: avText,
  Country: avText,
  Sector: avText,
  Industry: avText,
  FiscalYearEnd: avText,
  LatestQuarter: avText,
  MarketCapitalization: avNumber,
  EBITDA: avNumber,
  PERatio: avNumber,
  PEGRatio: avNumber,
  BookValue: avNumber,
  DividendPerShare: avNumber,
  DividendYield: avNumber,
  EPS: avNumber,
  RevenuePerShareTTM: avNumber,
  ProfitMargin: avNumber,
  OperatingMarginTTM: avNumber,
  ReturnOnAssetsTTM: avNumber,
  ReturnOnEquityTTM: avNumber,
  RevenueTTM: avNumber,
  GrossProfitTTM: avNumber,
  DilutedEPSTTM: avNumber,
  QuarterlyEarningsGrowthYOY: avNumber,
  QuarterlyRevenueGrowthYOY: avNumber,
  AnalystTargetPrice: avNumber,
  TrailingPE: avNumber,
  ForwardPE: avNumber,
  PriceToSalesRatioTTM: avNumber,
  PriceToBookRatio: avNumber,
  EVToRevenue: avNumber,
  EVToEBITDA: avNumber,
  Beta: avNumber,
  '52WeekHigh': avNumber,
  '52WeekLow': avNumber,
  '50DayMovingAverage': avNumber,
  '200DayMovingAverage': avNumber,
  SharesOutstanding: avNumber,
  PayoutRatio: avNumber,
});
export type AlphaVantageOverview = z.output<typeof alphaVantageOverviewSchema>;

// ---------------------------------------------------------------------------------------------
// EARNINGS

const annualEarningSchema = z.object({
  fiscalDateEnding: z.string().trim().min(1),
  reportedEPS: avNumber,
});

const quarterlyEarningSchema = z.object({
  fiscalDateEnding: z.string().trim().min(1),
  reportedDate: avText,
  reportedEPS: avNumber,
  estimatedEPS: avNumber,
  surprise: avNumber,
  surprisePercentage: avNumber,
});

/** EARNINGS: annual and quarterly EPS, each quarter with its estimate and surprise. */
export const alphaVantageEarningsSchema = z.object({
  symbol: z.string().trim().min(1),
  annualEarnings: z.array(annualEarningSchema).default([]),
  quarterlyEarnings: z.array(quarterlyEarningSchema).default([]),
});
export type AlphaVantageEarnings = z.output<typeof alphaVantageEarningsSchema>;
export type AlphaVantageQuarterlyEarning = AlphaVantageEarnings['quarterlyEarnings'][number];

// ---------------------------------------------------------------------------------------------
// Classification of an answer body

export type AlphaVantageBodyKind =
  | { kind: 'data' }
  | { kind: 'quota'; message: string }
  | { kind: 'throttle'; message: string }
  | { kind: 'error'; message: string };

/**
 * Alpha Vantage echoes the key in some answers ("We have detected your API key as ABC123 and
 * ..."). The classifier does not know the key, so it hides whatever follows that phrase; the
 * client also removes the key itself from every message.
 */
export function redactEchoedApiKey(message: string): string {
  return message
    .replace(/(api\s*key\s+as\s+|api\s*key\s*[:=]\s*)[^\s,.;&)"']+/gi, '$1[redacted]')
    .replace(/(apikey=)[^&\s"']+/gi, '$1[redacted]');
}

function limitKind(text: string): 'quota' | 'throttle' {
  // Pacing words decide first: the burst text also mentions "25 requests per day" (as the free
  // tier's description) and the legacy Note says "5 calls per minute and 500 calls per day";
  // both ask for spacing.
  if (/spread(?:ing)?\s+out|call frequency/i.test(text)) return 'throttle';
  if (/per\s+day|daily|premium/i.test(text)) return 'quota';
  if (/per\s+(?:minute|second)/i.test(text)) return 'throttle';
  return 'quota';
}

function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * What an Alpha Vantage answer body is. Only the top-level `Note`, `Information` and
 * `Error Message` keys count ("1. Information" inside a time series' Meta Data is data).
 */
export function classifyAlphaVantageBody(body: unknown): AlphaVantageBodyKind {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { kind: 'error', message: `Alpha Vantage answered with ${body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`}, not a JSON object` };
  }
  const record = body as Record<string, unknown>;
  const error = stringField(record, 'Error Message');
  if (error !== undefined) return { kind: 'error', message: `Alpha Vantage error: ${redactEchoedApiKey(error)}` };
  const limit = stringField(record, 'Information') ?? stringField(record, 'Note');
  if (limit !== undefined) {
    const kind = limitKind(limit);
    return { kind, message: `Alpha Vantage ${kind === 'quota' ? 'quota' : 'rate limit'}: ${redactEchoedApiKey(limit)}` };
  }
  if (Object.keys(record).length === 0) return { kind: 'error', message: 'Alpha Vantage returned no data (empty answer: unknown symbol or no coverage)' };
  return { kind: 'data' };
}

export type AlphaVantageFunction = 'OVERVIEW' | 'EARNINGS';
export interface AlphaVantageAnswers {
  OVERVIEW: AlphaVantageOverview;
  EARNINGS: AlphaVantageEarnings;
}

export type AlphaVantageInterpretation<T> =
  | { kind: 'data'; data: T }
  | { kind: 'quota' | 'throttle' | 'error'; message: string };

/** Classify an answer body and, when it is data, parse it with the function's schema. */
export function interpretAlphaVantageAnswer<F extends AlphaVantageFunction>(
  fn: F,
  body: unknown,
): AlphaVantageInterpretation<AlphaVantageAnswers[F]> {
  const kind = classifyAlphaVantageBody(body);
  if (kind.kind !== 'data') return kind;
  const schema = fn === 'OVERVIEW' ? alphaVantageOverviewSchema : alphaVantageEarningsSchema;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return { kind: 'error', message: `Alpha Vantage ${fn} answer has an unexpected shape at ${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { kind: 'data', data: parsed.data as AlphaVantageAnswers[F] };
}

// ---------------------------------------------------------------------------------------------
// Figures for the fundamental analyst

export type AlphaVantageSource = `alpha_vantage:${string}`;

export interface AlphaVantageFigure {
  value: number | null;
  /** Where the value came from, e.g. `alpha_vantage:OVERVIEW.PERatio`. */
  source: AlphaVantageSource;
  /** The period it describes: OVERVIEW's LatestQuarter, or the quarter's fiscalDateEnding. */
  asOf: string | null;
}

export interface AlphaVantageFigures {
  trailingPE: AlphaVantageFigure;
  forwardPE: AlphaVantageFigure;
  pegRatio: AlphaVantageFigure;
  priceToBook: AlphaVantageFigure;
  priceToSales: AlphaVantageFigure;
  evToEbitda: AlphaVantageFigure;
  /** Fraction (0.4097 = 40.97%). */
  returnOnEquity: AlphaVantageFigure;
  profitMargin: AlphaVantageFigure;
  operatingMargin: AlphaVantageFigure;
  /** Latest quarter against the same quarter a year before, fraction. */
  quarterlyRevenueGrowthYoY: AlphaVantageFigure;
  quarterlyEarningsGrowthYoY: AlphaVantageFigure;
  analystTargetPrice: AlphaVantageFigure;
  /** The latest quarter with a reported EPS (a future quarter with "None" is skipped). */
  latestQuarterlyEPS: AlphaVantageFigure;
  latestQuarterlyEstimatedEPS: AlphaVantageFigure;
  /** Reported minus estimated EPS, per share. */
  latestQuarterlyEPSSurprise: AlphaVantageFigure;
  /** Surprise in percent of the estimate, as Alpha Vantage sends it (1.8179 = 1.8179%). */
  latestQuarterlyEPSSurprisePercent: AlphaVantageFigure;
}

/** The fundamental analyst's metric name for each figure (fundamental-analyst.ts). */
export const ALPHA_VANTAGE_FIGURE_TO_METRIC: Readonly<Partial<Record<keyof AlphaVantageFigures, string>>> = Object.freeze({
  trailingPE: 'trailingPE',
  forwardPE: 'forwardPE',
  pegRatio: 'pegRatio',
  priceToBook: 'priceToBook',
  priceToSales: 'priceToSales',
  evToEbitda: 'enterpriseToEbitda',
  returnOnEquity: 'returnOnEquity',
  profitMargin: 'profitMargins',
  operatingMargin: 'operatingMargins',
  quarterlyRevenueGrowthYoY: 'revenueGrowth',
  quarterlyEarningsGrowthYoY: 'earningsGrowth',
});

type OverviewNumberField = {
  [K in keyof AlphaVantageOverview]: AlphaVantageOverview[K] extends number | null ? K : never;
}[keyof AlphaVantageOverview];

/** The first of the fields that has a value; the first field's name when none has. */
function fromOverview(overview: AlphaVantageOverview | null, ...fields: [OverviewNumberField, ...OverviewNumberField[]]): AlphaVantageFigure {
  const asOf = overview?.LatestQuarter ?? null;
  for (const field of fields) {
    const value = overview?.[field] ?? null;
    if (value !== null) return { value, source: `alpha_vantage:OVERVIEW.${field}`, asOf };
  }
  return { value: null, source: `alpha_vantage:OVERVIEW.${fields[0]}`, asOf };
}

/** The latest quarter (by fiscalDateEnding, not by position) that has a reported EPS. */
export function latestReportedQuarter(earnings: AlphaVantageEarnings | null): AlphaVantageQuarterlyEarning | null {
  let latest: AlphaVantageQuarterlyEarning | null = null;
  for (const quarter of earnings?.quarterlyEarnings ?? []) {
    if (quarter.reportedEPS === null) continue;
    if (latest === null || quarter.fiscalDateEnding > latest.fiscalDateEnding) latest = quarter;
  }
  return latest;
}

type QuarterNumberField = 'reportedEPS' | 'estimatedEPS' | 'surprise' | 'surprisePercentage';

function fromQuarter(quarter: AlphaVantageQuarterlyEarning | null, field: QuarterNumberField): AlphaVantageFigure {
  return {
    value: quarter?.[field] ?? null,
    source: `alpha_vantage:EARNINGS.quarterlyEarnings.${field}`,
    asOf: quarter?.fiscalDateEnding ?? null,
  };
}

/**
 * The figures the fundamental analyst can use where Yahoo lacks one, each with its source.
 * Either answer may be missing (its call failed): its figures are then null.
 */
export function alphaVantageFigures(
  overview: AlphaVantageOverview | null,
  earnings: AlphaVantageEarnings | null,
): AlphaVantageFigures {
  const quarter = latestReportedQuarter(earnings);
  return {
    trailingPE: fromOverview(overview, 'PERatio', 'TrailingPE'),
    forwardPE: fromOverview(overview, 'ForwardPE'),
    pegRatio: fromOverview(overview, 'PEGRatio'),
    priceToBook: fromOverview(overview, 'PriceToBookRatio'),
    priceToSales: fromOverview(overview, 'PriceToSalesRatioTTM'),
    evToEbitda: fromOverview(overview, 'EVToEBITDA'),
    returnOnEquity: fromOverview(overview, 'ReturnOnEquityTTM'),
    profitMargin: fromOverview(overview, 'ProfitMargin'),
    operatingMargin: fromOverview(overview, 'OperatingMarginTTM'),
    quarterlyRevenueGrowthYoY: fromOverview(overview, 'QuarterlyRevenueGrowthYOY'),
    quarterlyEarningsGrowthYoY: fromOverview(overview, 'QuarterlyEarningsGrowthYOY'),
    analystTargetPrice: fromOverview(overview, 'AnalystTargetPrice'),
    latestQuarterlyEPS: fromQuarter(quarter, 'reportedEPS'),
    latestQuarterlyEstimatedEPS: fromQuarter(quarter, 'estimatedEPS'),
    latestQuarterlyEPSSurprise: fromQuarter(quarter, 'surprise'),
    latestQuarterlyEPSSurprisePercent: fromQuarter(quarter, 'surprisePercentage'),
  };
}
