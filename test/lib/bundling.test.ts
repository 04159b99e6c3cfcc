// One real synth with esbuild bundling (offline, local esbuild): checks what the fast tests skip.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFinwizApp } from '../../lib/finwiz-stack.js';
import { ESM_REQUIRE_BANNER } from '../../lib/functions.js';

describe('bundled synth', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'finwiz-cdk-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('bundles each handler as a minified ESM index.mjs with the require banner and a source map', { timeout: 240_000 }, () => {
    const { app, stack } = createFinwizApp({ outdir, validation: false });
    expect(stack.bundlingRequired).toBe(true);
    const assembly = app.synth();
    const template = assembly.getStackByName(stack.stackName).template;
    const assets = JSON.parse(fs.readFileSync(path.join(outdir, `${stack.stackName}.assets.json`), 'utf8'));
    for (const h of stack.lambdaHandlers()) {
      const fn = template.Resources[h.logicalId];
      expect(fn.Properties.Handler).toBe('index.handler');
      const key = fn.Properties.Code.S3Key as string;
      const asset = Object.values(assets.files as Record<string, any>).find((f) => f.destinations && Object.values(f.destinations).some((d: any) => d.objectKey === key));
      expect(asset, `asset of ${h.name}`).toBeDefined();
      const dir = path.join(outdir, asset.source.path);
      expect(fs.readdirSync(dir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      const code = fs.readFileSync(path.join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*as handler|export\s*\{\s*handler/); // ESM export of `handler`
      expect(code).not.toMatch(/module\.exports\s*=/); // not a CJS bundle
      expect(code.length / code.split('\n').length).toBeGreaterThan(500); // minified: long lines
      expect(code).toMatch(/sourceMappingURL=index\.mjs\.map/);
    }
  });
});
