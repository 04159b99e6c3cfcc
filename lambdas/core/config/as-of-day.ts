// SIM_AS_OF: the day a local run against the simulator takes as today (finwiz run --sim-as-of).
// The run's "now" is that day at 21:00 UTC, after every market's session of the day has opened,
// the moment the simulator serves the day at too; durations stay on the real clock.

/** A calendar day YYYY-MM-DD from 2000-01-01 to 2099-12-31; undefined for anything else. */
export function parseIsoDay(raw: string): string | undefined {
  const text = raw.trim();
  if (!/^20\d\d-\d\d-\d\d$/.test(text)) return undefined;
  const t = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March: a day that does not round-trip is not a day.
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text ? text : undefined;
}

export const AS_OF_RULE = 'must be a calendar day YYYY-MM-DD from 2000-01-01 to 2099-12-31';

/** The moment a simulated day is served and analysed at. */
export const asOfMoment = (day: string): Date => new Date(`${day}T21:00:00Z`);

/** The run's "now": the as-of day's moment when one is set, else the real clock. */
export const runNow = (asOf: string | null, real: Date = new Date()): Date => (asOf === null ? real : asOfMoment(asOf));
