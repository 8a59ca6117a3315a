// `ebppk restore-local DIR [--writable] [--port N]`: proves a backup usable — checks every file against the manifest,
// then serves it as a local bank (read-only; with --writable, on a working copy beside it, the backup untouched).
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import type { Clock } from '../core/ports';
import { runLocalBank } from '../local/run';
import { verifyBackup } from './backup';
import { CliError } from './config';
import type { Output } from './progress';

export const restoreLocal = async (
  o: Output,
  opts: { dir: string; writable: boolean; port: number; buildDir: string; clock?: Clock },
): Promise<{ server: http.Server; url: string; dir: string }> => {
  const dir = path.resolve(opts.dir);
  const m = verifyBackup(dir);
  o.out(`Копия проверена: ${m.files.length} файлов совпадают с manifest.json (сделана ${m.completedAt}, ${m.by}).`);
  let served = dir;
  if (opts.writable) {
    served = `${dir}-работа`;
    if (fs.existsSync(served)) throw new CliError(`${served} уже есть: удалите её или работайте в ней («npm start -- --data ${served}»).`);
    fs.mkdirSync(served);
    for (const f of fs.readdirSync(dir)) if (f !== 'manifest.json') fs.copyFileSync(path.join(dir, f), path.join(served, f));
    o.out(`Рабочая копия: ${served} (резервная копия не меняется).`);
  }
  if (!fs.existsSync(path.join(opts.buildDir, 'leader.html'))) throw new CliError(`Нет сборки боковых панелей в ${opts.buildDir}: выполните «npm run build».`);
  try {
    const { server, url } = await runLocalBank({
      dir: served,
      port: opts.port,
      host: '127.0.0.1',
      buildDir: opts.buildDir,
      readOnly: !opts.writable,
      log: (l) => o.err(l),
      clock: opts.clock,
    });
    return { server, url, dir: served };
  } catch (e) {
    throw new CliError(`Копию не удалось открыть как локальный банк: ${(e as Error).message}`);
  }
};
