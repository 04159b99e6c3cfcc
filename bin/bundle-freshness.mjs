// Which code the `finwiz` command runs: dist/finwiz.mjs (built by `npm ci` or `npm run build`,
// see build/bundle.ts) while it matches the sources, that is while every project file it was
// built from is no newer than it; else the TypeScript itself. An edited source, a pull or a
// dependency update makes the bundle stale. Plain JavaScript: it runs before any TypeScript can.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {string} root the checkout
 * @returns {boolean}
 */
export function bundleIsFresh(root) {
  let meta;
  try {
    meta = JSON.parse(readFileSync(join(root, 'dist', 'finwiz.meta.json'), 'utf-8'));
    statSync(join(root, 'dist', 'finwiz.mjs'));
  } catch {
    return false;
  }
  if (typeof meta?.builtAtMs !== 'number' || !Array.isArray(meta.inputs)) return false;
  return meta.inputs.every((input) => {
    try {
      return statSync(join(root, String(input))).mtimeMs <= meta.builtAtMs;
    } catch {
      return false; // a source the bundle was built from is gone
    }
  });
}

/**
 * The module to run, relative to the checkout: the bundle, unless it is stale or
 * FINWIZ_FROM_SOURCE=1 asks for the sources (which then need tsx).
 * @param {string} root
 * @param {Record<string, string | undefined>} env
 * @returns {'dist/finwiz.mjs' | 'cli/main.ts'}
 */
export function finwizEntry(root, env) {
  return env.FINWIZ_FROM_SOURCE !== '1' && bundleIsFresh(root) ? 'dist/finwiz.mjs' : 'cli/main.ts';
}
