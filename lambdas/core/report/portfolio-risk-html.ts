// report.html's "Portfolio risk" section: the figures with their definitions beside them, the
// notes, the exposure charts, the largest risk contributions next to their weights, and the
// correlation heatmap of the largest holdings; each chart keeps its figures in words below it.
import type { Exposures } from '../portfolio/exposures.js';
import type { PortfolioRisk } from '../portfolio/portfolio-risk.js';
import { escapeHtml } from './html-escape.js';
import { figure } from './html-figure.js';
import { contributionChart, correlationHeatmap, CONTRIBUTION_BARS, EXPOSURE_TITLES, exposureChart } from './portfolio-risk-charts.js';
import { contributionLines, exposureLines, riskFigures } from './portfolio-risk-text.js';

const list = (items: string[]) => `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;

function exposureFigures(risk: PortfolioRisk): string {
  const charts = (Object.keys(EXPOSURE_TITLES) as Array<keyof Exposures>).flatMap((key) => {
    const svg = exposureChart(risk.exposures[key]);
    return svg ? [figure(`exposure-${key}`, `${EXPOSURE_TITLES[key]}: share of the market value.`, svg)] : [];
  });
  return `<div class="risk-charts">${charts.join('\n')}</div>`;
}

export function renderPortfolioRiskHtml(risk: PortfolioRisk): string {
  const figures = riskFigures(risk)
    .map(([name, value, definition]) => `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(value)}</td><td class="note">${escapeHtml(definition)}</td></tr>`)
    .join('');
  const contributions = contributionChart(risk.risk_contributions);
  const heatmap = correlationHeatmap(risk.correlation_matrix);
  const n = risk.correlation_matrix.tickers.length;
  return `<section id="portfolio-risk"><h2>Portfolio risk</h2>
<p>As of ${escapeHtml(risk.as_of.slice(0, 10))}, in ${escapeHtml(risk.base_currency)}, over ${risk.observations} days of aligned returns.</p>
${risk.notes.length ? list(risk.notes) : ''}
<div class="scroll"><table class="risk"><thead><tr><th>Figure</th><th>Value</th><th>Definition</th></tr></thead><tbody>${figures}</tbody></table></div>
<h3>Exposures</h3>${exposureFigures(risk)}${list(exposureLines(risk))}
<h3>Largest risk contributions</h3>
${contributions ? figure('risk-contributions', `The ${Math.min(CONTRIBUTION_BARS, risk.risk_contributions.length)} largest shares of the portfolio's variance (Euler), each beside the holding's weight: a red bar longer than its blue one adds more risk than its size.`, contributions) : ''}
${list(contributionLines(risk))}
${heatmap ? `<h3>Correlation of the ${n} largest holdings</h3>${figure('correlation-heatmap', `Correlation of daily returns over ${risk.observations} days, largest holding first: blue -1, white 0, red +1.`, heatmap)}` : ''}
${risk.correlated_pairs.length ? `<h3>Most correlated pairs</h3>${list(risk.correlated_pairs.map((p) => `${p.a} and ${p.b}: ${p.correlation.toFixed(2)}`))}` : ''}
</section>`;
}
