// The child process that synthesizes the CDK stack for the local engine (definition-cache.ts):
// aws-cdk-lib is large, and loading it in the run's own process would more than double that
// process's peak memory. Writes {local definition, its own peak RSS} to the file it is given.
// Usage: tsx local/synth-definition-child.ts <bucketName> <outFile>
import { renameSync, writeFileSync } from 'node:fs';
import { buildLocalDefinition } from './local-definition.js';

const [bucketName, outFile] = process.argv.slice(2);
if (!bucketName || !outFile) {
  process.stderr.write('usage: synth-definition-child.ts <bucketName> <outFile>\n');
  process.exit(2);
}
const started = performance.now();
const definition = buildLocalDefinition(bucketName);
const record = {
  definition,
  synthSeconds: (performance.now() - started) / 1000,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
};
// Written aside and renamed: a reader never sees half a file.
writeFileSync(`${outFile}.tmp`, JSON.stringify(record));
renameSync(`${outFile}.tmp`, outFile);
