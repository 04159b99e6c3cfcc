// The default session id (the execution name) of a run started without one: the CLI's local
// and cloud runs name it the way scheduled runs are named, so every listing sorts alike.

/** A session id like the scheduled runs': portfolio-analysis-20250125-103000 (UTC). */
export function newSessionId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `portfolio-analysis-${stamp}`;
}
