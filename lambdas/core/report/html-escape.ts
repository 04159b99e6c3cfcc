// Text into HTML: every name, reason and sentence in report.html comes from data (a CSV, a
// provider, an error message), so all of it goes through here.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
