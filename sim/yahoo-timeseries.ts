// Yahoo's fundamentals time series (/ws/fundamentals-timeseries/v1/finance/timeseries/<SYM>)
// for a simulated ticker, in the shape of the recorded answers
// (../shared/fixtures/yahoo-fundamentals/README.md): one result per requested type, a series
// with data carrying `timestamp` and a value array, one without only `meta`. Only annual
// figures are modelled: quarterly and trailing types, and every type of a non-company (ETF,
// coin, currency), come back as meta only, as real Yahoo answers for QQQ or BTC-USD.
import type { AnnualStatement } from './market/statements.js';
import type { TickerModel } from './market/index.js';

type Figure = (s: AnnualStatement) => number | null;

/** Field name -> [Yahoo's dataId (from the recorded AAPL answer), the statement's figure]. */
const FIELDS: Record<string, [dataId: number, figure: Figure]> = {
  TotalRevenue: [20100, (s) => s.totalRevenue],
  OperatingRevenue: [20112, (s) => s.totalRevenue],
  CostOfRevenue: [20013, (s) => s.costOfRevenue],
  GrossProfit: [20046, (s) => s.grossProfit],
  OperatingIncome: [20109, (s) => s.ebit],
  EBIT: [20189, (s) => s.ebit],
  EBITDA: [20190, (s) => s.ebitda],
  NetIncome: [20091, (s) => s.netIncome],
  NetIncomeCommonStockholders: [20093, (s) => s.netIncome],
  DilutedEPS: [29009, (s) => s.dilutedEps],
  BasicEPS: [29004, (s) => s.dilutedEps],
  DilutedAverageShares: [29011, (s) => s.ordinarySharesNumber],
  BasicAverageShares: [29010, (s) => s.ordinarySharesNumber],
  TotalAssets: [23220, (s) => s.totalAssets],
  CurrentAssets: [23044, (s) => s.currentAssets],
  CurrentLiabilities: [23047, (s) => s.currentLiabilities],
  WorkingCapital: [23385, (s) => s.workingCapital],
  LongTermDebt: [23123, (s) => s.longTermDebt],
  TotalDebt: [23386, (s) => s.totalDebt],
  CashAndCashEquivalents: [23030, (s) => s.cashAndCashEquivalents],
  TotalLiabilitiesNetMinorityInterest: [23259, (s) => s.totalLiabilities],
  StockholdersEquity: [23215, (s) => s.stockholdersEquity],
  CommonStockEquity: [23280, (s) => s.stockholdersEquity],
  RetainedEarnings: [23204, (s) => s.retainedEarnings],
  OrdinarySharesNumber: [23393, (s) => s.ordinarySharesNumber],
  ShareIssued: [23532, (s) => s.ordinarySharesNumber],
  OperatingCashFlow: [26014, (s) => s.operatingCashFlow],
  CapitalExpenditure: [26005, (s) => s.capitalExpenditure],
  FreeCashFlow: [26185, (s) => s.freeCashFlow],
};

/** Yahoo's short form: 99.80B, -214.00M, 6.11. */
function fmt(raw: number): string {
  const abs = Math.abs(raw);
  for (const [unit, size] of [['T', 1e12], ['B', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
    if (abs >= size) return `${(raw / size).toFixed(2)}${unit}`;
  }
  return raw.toFixed(2);
}

/** The body for the requested `types` over [period1, period2] (Unix seconds). */
export function timeseriesBody(m: TickerModel, types: string[], period1: number, period2: number): unknown {
  const statements = m.quoteType === 'EQUITY' ? (m.fundamentals?.statements ?? []) : [];
  const result = types.map((type) => {
    const meta = { symbol: [m.symbol], type: [type] };
    const field = /^annual(.+)$/.exec(type)?.[1];
    const known = field ? FIELDS[field] : undefined;
    if (!known) return { meta };
    const [dataId, figure] = known;
    const rows = statements
      .map((s) => ({ s, t: Date.UTC(s.year, 11, 31) / 1000, value: figure(s) }))
      .filter((row): row is { s: AnnualStatement; t: number; value: number } => row.value !== null && row.t >= period1 && row.t <= period2);
    if (!rows.length) return { meta };
    return {
      meta,
      timestamp: rows.map((row) => row.t),
      [type]: rows.map(({ s, value }) => ({
        dataId, asOfDate: `${s.year}-12-31`, periodType: '12M', currencyCode: m.financialCurrency ?? m.currency,
        reportedValue: { raw: value, fmt: fmt(value) },
      })),
    };
  });
  return { timeseries: { result, error: null } };
}
