/** Whether dist/finwiz.mjs was built from the sources as they are now (see bundle-freshness.mjs). */
export function bundleIsFresh(root: string): boolean;
/** The module the `finwiz` command runs: the bundle, or the sources through tsx. */
export function finwizEntry(root: string, env: Record<string, string | undefined>): 'dist/finwiz.mjs' | 'cli/main.ts';
