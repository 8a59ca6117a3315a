// `npm run bench`: bundles bench/main.ts (with the fakes) for Node and runs it.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.local', 'bench.cjs');
await esbuild.build({
  entryPoints: [path.join(root, 'bench/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: out,
  packages: 'external',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--max-old-space-size=8192', out], { stdio: 'inherit', env: { ...process.env, TZ: 'Asia/Yekaterinburg' } });
process.exit(r.status ?? 1);
