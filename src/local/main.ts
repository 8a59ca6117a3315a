// `npm start`: the whole ЕБППК on this computer with no Google account. Data in ./data (`--data DIR` or EBPPK_DATA),
// port 8080 (`--port`, PORT), loopback only (127.0.0.1): its sign-in is a demo picker, so it must not be reachable from the
// network. A folder written by `ebppk backup` opens read-only (`--read-only` forces that for any folder).
import * as path from 'node:path';
import { clockOf } from '../adapters/clock';
import { isBackup, runLocalBank } from './run';

const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? '') : undefined;
};

const main = async (): Promise<void> => {
  const dir = path.resolve(option('--data') ?? process.env.EBPPK_DATA ?? 'data');
  const backup = isBackup(dir);
  if (backup && process.argv.includes('--writable'))
    throw new Error(`${dir} — резервная копия: она не меняется. Для работы с ней: npx ebppk restore-local ${dir} --writable (сделает рабочую копию).`);
  await runLocalBank({
    dir,
    port: Number(option('--port') ?? process.env.PORT ?? 8080),
    host: option('--host') ?? process.env.EBPPK_HOST ?? '127.0.0.1',
    buildDir: path.resolve(process.env.EBPPK_BUILD ?? 'build'),
    fresh: process.argv.includes('--fresh'),
    readOnly: backup || process.argv.includes('--read-only'),
    jobSeconds: Number(process.env.EBPPK_JOB_SECONDS ?? 60),
    // The form's limit per client and minute (default 10): a demo for a whole school on one computer may raise it.
    applyPerMinute: Number(process.env.EBPPK_APPLY_PER_MINUTE ?? 10),
    // The bank's clock: `--now 2026-12-31T23:30` (Perm time) starts it at that moment, for a demonstration or a test on
    // a chosen day; the machine's clock otherwise.
    clock: clockOf(option('--now') ?? process.env.EBPPK_NOW),
  });
};

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
