#!/usr/bin/env -S node --max-semi-space-size=1 --heap-growing-percent=25
// The `finwiz` command. It runs dist/finwiz.mjs, the bundle that `npm ci` builds, with plain Node;
// when a source is newer than that bundle (or FINWIZ_FROM_SOURCE=1), it runs the TypeScript
// through tsx instead, so an edit never waits for a rebuild.
// The flags keep V8's heap near what is live instead of letting it grow: a 1 MB young generation,
// and the old one grown by 25% at a time. A 66-holding local run then peaks at ~145 MB instead of
// ~200 MB, and a 1,000-holding one at ~170 MB instead of ~410 MB, at no measurable cost in time
// (--optimize-for-size saved as much memory but slowed the analysis by half). `npm run bench`
// runs `finwiz` with the flags of this line.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { finwizEntry } from './bundle-freshness.mjs';

// The local engine runs on Node 20 and 22 alike; the SDK's notice about its future Node 22
// requirement would otherwise open every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = fileURLToPath(new URL('..', import.meta.url));
const entry = finwizEntry(root, process.env);
if (entry === 'cli/main.ts') (await import('tsx/esm/api')).register();
await import(pathToFileURL(join(root, entry)).href);
