#!/usr/bin/env node
// `npx ebppk <command>`: bundles src/cli (esbuild, a fraction of a second) into .local/cli.cjs and runs it.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.local', 'cli.cjs');
await esbuild.build({
  entryPoints: [path.join(root, 'src/cli/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: out,
  packages: 'external',
  logLevel: 'warning',
});
await createRequire(import.meta.url)(out).cli(root);
