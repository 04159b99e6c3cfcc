// The local engine's state machine definition, synthesized in a child process and cached on disk,
// keyed by a hash of everything it depends on (lib/, the definition transform, cdk.json, the
// aws-cdk-lib version). Loading aws-cdk-lib costs the run process ~150 MB of peak memory it never
// needs again; in a child that memory is released when the child exits, and a cached definition
// costs nothing at all. The child's own peak is reported (lastDefinitionSource), never hidden.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { LocalDefinition } from './local-definition.js';
import { PROJECT_ROOT } from './project-root.js';

const ROOT = PROJECT_ROOT;
const CHILD = join(ROOT, 'local', 'synth-definition-child.ts');

/** Where a definition came from this time: the disk cache, or a synth in a child process. */
export interface DefinitionSource {
  cached: boolean;
  /** The cache key (a hash of the inputs). */
  key: string;
  /** When synthesized: how long, and the child's peak RSS in MB. */
  synthSeconds: number | null;
  childPeakRssMb: number | null;
}

let last: DefinitionSource | null = null;
/** How the latest definition was obtained (for the benchmark and the metrics of memory). */
export const lastDefinitionSource = (): DefinitionSource | null => last;

const recordSchema = z.object({
  definition: z.object({
    definition: z.record(z.string(), z.unknown()),
    taskHandlers: z.record(z.string(), z.string()),
    taskTimeouts: z.record(z.string(), z.number()),
    tableProperties: z.record(z.string(), z.unknown()),
  }),
  synthSeconds: z.number(),
  peakRssMb: z.number(),
});

/** FINWIZ_DEFINITION_CACHE_DIR, or a directory under the system's temporary directory. */
export const definitionCacheDir = (): string => process.env.FINWIZ_DEFINITION_CACHE_DIR || join(tmpdir(), 'finwiz-definition-cache');

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** A hash of every input of the synthesized definition. */
export function definitionKey(bucketName: string): string {
  const hash = createHash('sha256');
  hash.update(`bucket:${bucketName}\n`);
  const inputs = [
    ...filesUnder(join(ROOT, 'lib')),
    join(ROOT, 'local', 'local-definition.ts'),
    join(ROOT, 'lambdas', 'core', 'metrics', 'function-sizes.ts'),
    // The state machine's contract and the settings registry, which lib/ imports.
    join(ROOT, 'lambdas', 'core', 'state-machine-contract.ts'),
    join(ROOT, 'lambdas', 'core', 'run-keys.ts'),
    join(ROOT, 'lambdas', 'core', 'errors.ts'),
    join(ROOT, 'lambdas', 'core', 'mode', 'fallback-decision.ts'),
    ...filesUnder(join(ROOT, 'lambdas', 'core', 'config')),
    join(ROOT, 'cdk.json'),
  ];
  for (const path of inputs) {
    if (!existsSync(path)) continue;
    hash.update(`${relative(ROOT, path)}\n`);
    hash.update(readFileSync(path));
  }
  const cdkVersion = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('aws-cdk-lib/package.json'), 'utf-8')) as { version: string }).version;
  hash.update(`aws-cdk-lib:${cdkVersion}\ncontext:${process.env.CDK_CONTEXT_JSON ?? ''}\n`);
  return hash.digest('hex').slice(0, 32);
}

export async function localDefinition(bucketName: string): Promise<LocalDefinition> {
  const key = definitionKey(bucketName);
  const dir = definitionCacheDir();
  const file = join(dir, `definition-${key}.json`);
  const cached = await readRecord(file);
  if (cached) {
    last = { cached: true, key, synthSeconds: null, childPeakRssMb: null };
    return cached.definition as LocalDefinition;
  }
  await mkdir(dir, { recursive: true });
  await synthInChild(bucketName, file);
  const record = await readRecord(file);
  if (!record) throw new Error(`The definition child wrote no readable definition to ${file}`);
  last = { cached: false, key, synthSeconds: record.synthSeconds, childPeakRssMb: Math.round(record.peakRssMb * 10) / 10 };
  return record.definition as LocalDefinition;
}

async function readRecord(file: string): Promise<z.infer<typeof recordSchema> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf-8');
  } catch {
    return null;
  }
  const parsed = recordSchema.safeParse(JSON.parse(text));
  // A damaged cache entry is a miss: synthesize again over it.
  if (!parsed.success) await rm(file, { force: true });
  return parsed.success ? parsed.data : null;
}

function synthInChild(bucketName: string, file: string): Promise<void> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', tsx, CHILD, bucketName, file],
      { cwd: ROOT, env: { ...process.env, CDK_VALIDATION: 'false' }, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error) reject(new Error(`Synthesizing the state machine failed: ${stderr.trim() || error.message}`));
        else resolve();
      },
    );
  });
}
