// The checkout's root: the nearest directory above this module holding FinWiz's package.json.
// Found by walking up, so that the answer is the same from the TypeScript sources (local/) and
// from the bundle that `npm ci` builds (dist/, see build/bundle.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf-8')) as { name?: unknown }).name === 'finwiz') return dir;
    if (dirname(dir) === dir) throw new Error(`FinWiz's package.json was not found above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
