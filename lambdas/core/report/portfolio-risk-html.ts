// report.html's "Portfolio risk" section: the figures with their definitions beside them, the
// notes, the exposures, and the largest risk contributions next to their weights.
import type { PortfolioRisk } from '../portfolio/portfolio-risk.js';
import { escapeHtml } from './html-escape.js';
import { contributionLines, exposureLines, riskFigures } from './portfolio-risk-text.js';

export function renderPortfolioRiskHtml(risk: PortfolioRisk): string {
  const figures = riskFigures(risk)
    .map(([name, value, definition]) => `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(value)}</td><td class="note">${escapeHtml(definition)}</td></tr>`)
    .join('');
  const list = (items: string[]) => `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  return `<section id="portfolio-risk"><h2>Portfolio risk</h2>
<p>As of ${escapeHtml(risk.as_of.slice(0, 10))}, in ${escapeHtml(risk.base_currency)}, over ${risk.observations} days of aligned returns.</p>
${risk.notes.length ? list(risk.notes) : ''}
<div class="scroll"><table class="risk"><thead><tr><th>Figure</th><th>Value</th><th>Definition</th></tr></thead><tbody>${figures}</tbody></table></div>
<h3>Exposures</h3>${list(exposureLines(risk))}
<h3>Largest risk contributions</h3>${list(contributionLines(risk))}
${risk.correlated_pairs.length ? `<h3>Most correlated pairs</h3>${list(risk.correlated_pairs.map((p) => `${p.a} and ${p.b}: ${p.correlation.toFixed(2)}`))}` : ''}
</section>`;
}
