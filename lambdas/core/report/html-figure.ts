// A chart in report.html: its SVG and its caption, named so that a reader (or a test) can find it.
import { escapeHtml } from './html-escape.js';

export function figure(name: string, caption: string, svg: string): string {
  return `<figure class="chart" data-chart="${escapeHtml(name)}">${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}
