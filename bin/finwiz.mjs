#!/usr/bin/env -S node --optimize-for-size
// The `finwiz` command. It runs dist/finwiz.mjs, the bundle that `npm ci` builds, with plain Node;
// when a source is newer than that bundle (or FINWIZ_FROM_SOURCE=1), it runs the TypeScript
// through tsx instead, so an edit never waits for a rebuild.
// --optimize-for-size: V8 collects garbage sooner instead of growing its heap; a 66-holding local
// run then peaks at ~140 MB instead of ~210 MB, for more CPU time in the analysis (the README's
// Benchmark section has both). `npm run bench` runs `finwiz` with the flags of this line.
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
