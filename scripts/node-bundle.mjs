// One way to bundle a TypeScript entry of ours for Node (npm start, npm run bench, npx ebppk): CommonJS for Node 20,
// npm packages left to node_modules, written to .local/<name>.cjs. Returns the bundle's path.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const bundleForNode = async (entry, name) => {
  const outfile = path.join(root, '.local', `${name}.cjs`);
  await esbuild.build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
};
