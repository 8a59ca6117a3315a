#!/usr/bin/env node
// `npx ebppk <command>`: bundles src/cli (esbuild, a fraction of a second) into .local/cli.cjs and runs it.
import { createRequire } from 'node:module';
import { bundleForNode, root } from '../scripts/node-bundle.mjs';

const out = await bundleForNode('src/cli/main.ts', 'cli');
await createRequire(import.meta.url)(out).cli(root);
