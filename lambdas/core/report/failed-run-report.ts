// The report of a run that did not reach its end (a Prefetch crash before the manifest, a failed
// Map, a failed Consolidate, Yahoo unreachable): what happened, and every input ticker once with
// what became of it. Built apart from the full report so that a bug there cannot take this down too.
import type { ReportRow } from './ticker-outcome.js';

/** Where the run stopped. */
export type FailedStage = 'prefetch' | 'analysis' | 'consolidate';

export interface StepError {
  error: string;
  cause: string;
}

export interface FailedRunHolding {
  ticker: string;
  status: 'ok' | 'failed';
  recommendation: ReportRow['recommendation'] | null;
  grade: ReportRow['grade'] | null;
  composite_score: number | null;
  reason: string | null;
}

export interface FailedRunReport {
  session_id: string;
  status: 'failed';
  generated_at: string;
  started_at: string | null;
  portfolio_key: string | null;
  failure: {
    stage: FailedStage;
    /** One sentence a holder can act on. */
    summary: string;
    /** The error that ended the run (what the execution fails with). */
    error: StepError;
    /** An earlier Prefetch crash the run had fallen back from, when there was one. */
    prefetch_error: StepError | null;
  };
  /** Where the ticker list came from: the run's manifest, the execution input, or nowhere. */
  tickers_from: 'manifest' | 'input' | 'none';
  /** Why the tickers could not be listed (tickers_from "none"). */
  portfolio_error: string | null;
  summary: { total_tickers: number; analysed_tickers: number; not_analysed_tickers: number };
  holdings: FailedRunHolding[];
}

export interface FailedRunInput {
  sessionId: string;
  generatedAt: string;
  startedAt: string | null;
  portfolioKey: string | null;
  stage: FailedStage;
  error: StepError;
  prefetchError: StepError | null;
  tickersFrom: FailedRunReport['tickers_from'];
  portfolioError: string | null;
  /** This run's rows (collect-results), or the bare tickers when the results could not be read. */
  rows: ReadonlyArray<Pick<ReportRow, 'ticker' | 'status' | 'recommendation' | 'grade' | 'composite_score' | 'reason'>>;
}

/** The error the execution fails with: a crash that left no manifest explains more than the Map that then had nothing to read. */
export function rootError(stage: FailedStage, error: StepError, prefetchError: StepError | null, manifestFound: boolean): StepError {
  if (stage === 'analysis' && prefetchError && !manifestFound) {
    return { error: prefetchError.error, cause: `Prefetch crashed before it wrote the manifest, so no ticker could be analysed: ${prefetchError.cause}` };
  }
  return error;
}

const STAGE_SENTENCE: Record<FailedStage, string> = {
  prefetch: 'The run stopped in Prefetch: no market data was fetched, so no ticker was analysed.',
  analysis: 'The analysis did not run to its end: the tickers below without a result were not analysed.',
  consolidate: 'Consolidate failed, so the full report could not be built: the verdicts below are those the crews wrote.',
};

export function buildFailedRunReport(input: FailedRunInput): FailedRunReport {
  const holdings = input.rows.map((row) => ({
    ticker: row.ticker,
    status: row.status,
    recommendation: row.status === 'ok' ? row.recommendation : null,
    grade: row.status === 'ok' ? row.grade : null,
    composite_score: row.status === 'ok' ? row.composite_score : null,
    reason: row.status === 'ok' ? null : (row.reason ?? 'not analysed'),
  }));
  const analysed = holdings.filter((holding) => holding.status === 'ok').length;
  return {
    session_id: input.sessionId,
    status: 'failed',
    generated_at: input.generatedAt,
    started_at: input.startedAt,
    portfolio_key: input.portfolioKey,
    failure: { stage: input.stage, summary: STAGE_SENTENCE[input.stage], error: input.error, prefetch_error: input.prefetchError },
    tickers_from: input.tickersFrom,
    portfolio_error: input.portfolioError,
    summary: { total_tickers: holdings.length, analysed_tickers: analysed, not_analysed_tickers: holdings.length - analysed },
    holdings,
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function renderFailedRunMarkdown(report: FailedRunReport): string {
  const { failure, summary } = report;
  const lines = [
    `# FinWiz run ${report.session_id}: failed`,
    '',
    `**${failure.summary}**`,
    '',
    `- Error: \`${failure.error.error}\`: ${cell(failure.error.cause)}`,
    ...(failure.prefetch_error && failure.prefetch_error !== failure.error
      ? [`- Before it, Prefetch crashed and the run fell back to the sequential analysis: \`${failure.prefetch_error.error}\`: ${cell(failure.prefetch_error.cause)}`]
      : []),
    `- Started: ${report.started_at ?? 'unknown'}; this report: ${report.generated_at}`,
    ...(report.portfolio_key ? [`- Portfolio: ${report.portfolio_key}`] : []),
    ...(report.tickers_from === 'none'
      ? []
      : [`- Tickers: ${summary.total_tickers} (from the ${report.tickers_from === 'manifest' ? "run's manifest" : 'execution input'}), ${summary.analysed_tickers} analysed, ${summary.not_analysed_tickers} not`]),
    '',
  ];
  if (report.tickers_from === 'none') {
    lines.push(`The tickers could not be listed: ${report.portfolio_error ?? 'unknown reason'}.`, '');
  } else {
    lines.push('| Ticker | Status | Recommendation | Grade | Composite | Reason |', '|---|---|---|---|---|---|');
    for (const holding of report.holdings) {
      lines.push(
        `| ${holding.ticker} | ${holding.status === 'ok' ? 'analysed' : 'not analysed'} | ${holding.recommendation ?? ''} | ${holding.grade ?? ''} | ${holding.composite_score?.toFixed(2) ?? ''} | ${cell(holding.reason ?? '')} |`,
      );
    }
    lines.push('');
  }
  lines.push('Run it again once the cause is fixed; a run under the same session id replaces what this one wrote.', '');
  return lines.join('\n');
}
