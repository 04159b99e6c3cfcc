// `npm run build` (and `npm ci`, through `prepare`): the `finwiz` command as one JavaScript file,
// dist/finwiz.mjs, which bin/finwiz.mjs runs with plain Node. Running the TypeScript through tsx
// instead costs a loader thread and the transpiler's caches: ~70 MB more peak memory per run.
// Beside it, dist/finwiz.meta.json lists the project files the bundle was built from, so that the
// command can tell a bundle older than the sources and run those instead (bin/bundle-freshness.mjs).
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../local/project-root.js';

export const DIST_DIR = join(PROJECT_ROOT, 'dist');

/**
 * Left to Node's own resolution: dynalite loads its LevelDB binding from its own directory, and
 * s3rver reads its templates from its own, which a bundle would move away from them.
 */
const EXTERNAL_PACKAGES = ['dynalite', 's3rver'];

/**
 * Bundle one entry point (with every dependency but EXTERNAL_PACKAGES) into `outfile`, which must
 * be inside the checkout so that the external packages resolve from its node_modules. Returns the
 * project files the bundle was built from (paths relative to the checkout).
 */
export async function bundleEntry(entry: string, outfile: string): Promise<string[]> {
  const result = await build({
    entryPoints: [{ in: join(PROJECT_ROOT, entry), out: basename(outfile, '.mjs') }],
    outdir: dirname(outfile),
    outExtension: { '.js': '.mjs' },
    // Every import() its own file, read only when imported: `finwiz run` never parses the cloud
    // commands, and V8's memory for a script grows with the script's size, used or not.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    // Error classes are told apart by name (FailedYahooValidationError, ExecutionError, ...).
    keepNames: true,
    external: EXTERNAL_PACKAGES,
    metafile: true,
    logLevel: 'warning',
    // Bundled CommonJS packages call require() for Node's built-ins; an ES module has none.
    banner: { js: "import { createRequire as __finwizRequire } from 'node:module'; const require = __finwizRequire(import.meta.url);" },
  });
  return Object.keys(result.metafile.inputs)
    .map((input) => relative(PROJECT_ROOT, join(PROJECT_ROOT, input)))
    .filter((input) => !input.startsWith('node_modules') && !input.startsWith('..'))
    .sort();
}

/** The `finwiz` command's bundle and its list of sources. */
export async function bundleCli(): Promise<void> {
  const builtAtMs = Date.now();
  const outfile = join(DIST_DIR, 'finwiz.mjs');
  const inputs = await bundleEntry('cli/main.ts', outfile);
  // A dependency update (package-lock.json) makes the bundle stale as surely as an edited source.
  const meta = { builtAtMs, inputs: [...inputs, 'package-lock.json'] };
  await writeFile(join(DIST_DIR, 'finwiz.meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  process.stdout.write(`Built ${relative(PROJECT_ROOT, outfile)} from ${inputs.length} source files\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  bundleCli().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
