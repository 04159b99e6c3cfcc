// Trading days between two instants, counted as weekdays by UTC date. Exchange holidays are not
// known here and count as trading days: around a holiday a bar can look one day older than it
// is, never younger, so the stale check may come a day early but never late.

const DAY_MS = 86_400_000;

/** Weekdays after `from`'s UTC date, up to and including `to`'s (0 on the same day or earlier). */
export function tradingDaysBetween(from: Date, to: Date): number {
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  const end = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  if (!(end > start)) return 0;
  const days = Math.round((end - start) / DAY_MS);
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  // The days left over after whole weeks, walked one by one (at most six).
  for (let t = start + weeks * 7 * DAY_MS + DAY_MS; t <= end; t += DAY_MS) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}
