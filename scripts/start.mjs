// `npm start`: builds the sidebars (build/) and the local server (.local/), then runs it with the given arguments.

import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { bundleForNode, root } from './node-bundle.mjs';

execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const out = await bundleForNode('src/local/main.ts', 'server');
const child = spawn(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
