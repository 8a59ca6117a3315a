// One server per data folder: two servers on the same files would each hold their own copy of the bank in memory, both
// number applications from the same counter and overwrite each other's saves — an acknowledged application lost. The
// lock is a file with the holder's pid, created exclusively; a lock whose process is gone (kill -9, a crash) is taken over.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PRIVATE_FILE } from './xlsx-files';

const LOCK = '.ebppk.lock';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the folder for this process, or throws in Russian naming the process that holds it. Returns the release. */
export const lockFolder = (dir: string): (() => void) => {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: PRIVATE_FILE });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder))
        throw new Error(`Папку данных ${dir} уже использует другой запущенный банк (процесс ${holder}). Остановите его или укажите другую папку (--data).`);
      // The holder is gone: its lock is stale.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Не удалось занять папку данных ${dir}: попробуйте ещё раз.`);
};
