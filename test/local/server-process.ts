// The local bank as its own process (`npm start`'s entry, bundled once per test file), for tests that kill it or
// reach it over the network.
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { NOW_SETTING } from '../clock';

const ROOT = path.join(__dirname, '..', '..');

/** Bundles src/local/main.ts into .local/<name>.cjs and returns its path. */
export const buildServer = async (name: string): Promise<string> => {
  const outfile = path.join(ROOT, '.local', `${name}.cjs`);
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/local/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['exceljs'],
    logLevel: 'warning',
  });
  return outfile;
};

/** The environment of a server on a free port over the data folder `dir`, with the job's timer out of the way. */
export const serverEnv = (dir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  EBPPK_DATA: dir,
  PORT: '0',
  EBPPK_BUILD: path.join(ROOT, 'build'),
  EBPPK_JOB_SECONDS: '3600',
  // The test's calendar: the server's clock starts there and runs on.
  EBPPK_NOW: NOW_SETTING,
  // The kill test keeps applications coming faster than a person could: the form's per-client limit out of the way.
  EBPPK_APPLY_PER_MINUTE: '100000',
});

/** Starts the server and resolves when it prints its address (rejects if it exits first). */
export const startServer = (server: string, dir: string): Promise<{ child: ChildProcess; url: string; port: number; exited: Promise<unknown> }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [server], { env: serverEnv(dir), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise((r) => child.once('exit', r));
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = /(http:\/\/localhost:(\d+)\/)/.exec(out);
      if (m) resolve({ child, url: m[1], port: Number(m[2]), exited });
    });
    child.stderr?.on('data', (d) => (out += String(d)));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
