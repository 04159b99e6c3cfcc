#!/usr/bin/env node
// The `finwiz` command: runs the TypeScript CLI through tsx, so a clone needs no build step.
import { register } from 'tsx/esm/api';

// The local engine runs on Node 20 and 22 alike; the SDK's notice about its future Node 22
// requirement would otherwise open every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('../cli/main.ts');
