// Where the command-line tool keeps what it must remember between runs: the saved sign-in (0600, in the user's config
// directory, never in the repository), the bank's master id, and the last deploy's failures.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Env {
  readonly [key: string]: string | undefined;
}

/** `$EBPPK_CONFIG_DIR`, else the platform's per-user config directory + `/ebppk`. */
export const configDir = (env: Env): string => {
  if (env.EBPPK_CONFIG_DIR) return path.resolve(env.EBPPK_CONFIG_DIR);
  if (process.platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'ebppk');
  return path.join(env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config'), 'ebppk');
};

/** Writes a private file: the directory 0700, the file 0600 (both also when they existed with wider rights). */
export const writePrivate = (file: string, data: string): void => {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // mkdir's mode applies only to a directory it creates: one made earlier (say 0755) is narrowed here.
  if (process.platform !== 'win32') fs.chmodSync(path.dirname(file), 0o700);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
};

export const readJson = <T>(file: string): T | null => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(`Файл ${file} повреждён: ${(e as Error).message}. Удалите его и повторите команду.`);
  }
};

/** An error the tool reports as a message, not a stack: what went wrong and what to do. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface Settings {
  /** The master spreadsheet's id (`ebppk login --master ID` or `--master` on any command). */
  master?: string;
}

export const settingsFile = (env: Env): string => path.join(configDir(env), 'settings.json');

export const loadSettings = (env: Env): Settings => readJson<Settings>(settingsFile(env)) ?? {};

export const saveSettings = (env: Env, s: Settings): void => writePrivate(settingsFile(env), JSON.stringify(s, null, 1));

/** The master's id: the flag, then `EBPPK_MASTER`, then the saved setting. */
export const masterId = (env: Env, flag: string | undefined): string => {
  const given = flag || env.EBPPK_MASTER || loadSettings(env).master;
  // The address of the table works too: …/spreadsheets/d/<id>/edit.
  const id = given ? (/\/spreadsheets\/d\/([\w-]+)/.exec(given)?.[1] ?? given.trim()) : given;
  if (!id) throw new CliError('Не указана мастер-таблица банка: добавьте --master <id таблицы> (или выполните «ebppk login --master <id>»).');
  if (!/^[\w-]+$/.test(id)) throw new CliError(`«${id}» не похоже на id таблицы Google (он в адресе таблицы: …/spreadsheets/d/<id>/edit).`, 2);
  return id;
};
