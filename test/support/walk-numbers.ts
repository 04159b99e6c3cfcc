// Walks every number of a value (objects, arrays, Dates skipped), for the "never NaN or
// Infinity anywhere in a result" checks. Works on the in-memory value: once written as JSON
// a NaN would already have become null and could no longer be seen.

/** The paths of every number that is NaN or +-Infinity. */
export function nonFiniteNumberPaths(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nonFiniteNumberPaths(item, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) nonFiniteNumberPaths(item, `${path}.${key}`, out);
  }
  return out;
}

/** How many numbers the walk visits: a check that it walked something. */
export function numberCount(value: unknown): number {
  if (typeof value === 'number') return 1;
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + numberCount(item), 0);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.values(value).reduce<number>((sum, item) => sum + numberCount(item), 0);
  }
  return 0;
}
