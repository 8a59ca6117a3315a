// `npm run bench`: bundles bench/main.ts (with the fakes) for Node and runs it.

import { spawnSync } from 'node:child_process';
import { bundleForNode } from './node-bundle.mjs';

const out = await bundleForNode('bench/main.ts', 'bench');
const r = spawnSync(process.execPath, ['--max-old-space-size=8192', out, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TZ: 'Asia/Yekaterinburg' },
});
process.exit(r.status ?? 1);
