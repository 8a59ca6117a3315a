// `ebppk backup [--out DIR] [--keep N]`: every workbook of the bank exported to .xlsx into a dated folder with a manifest.
// The folder is written as `.ebppk-partial` and renamed when complete, so a complete backup is never replaced by a
// partial one; an interrupted run leaves the partial folder and the next run resumes it, keeping every file whose
// Drive version it already holds. The layout is the local bank's (master.xlsx, <id>.xlsx, bank.json): a backup opens
// as a local bank (`ebppk restore-local`).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CABINETS, SETTINGS, TERRITORIES } from '../core/sheets/master';
import { PRIVATE_DIR, PRIVATE_FILE } from '../local/xlsx-files';
import { type BankFile, bankFiles, readWorkbook, whoAmI } from './bank';
import { CliError } from './config';
import type { Google } from './google';
import { type Output, Progress } from './progress';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MANIFEST = 'manifest.json';
export const PARTIAL = '.ebppk-partial';
export const BACKUP_KIND = 'ebppk-backup';

export interface BackupEntry {
  readonly role: BankFile['role'];
  readonly id: string;
  readonly label: string;
  readonly scope: string;
  readonly name: string;
  readonly file: string;
  readonly modifiedTime: string;
  readonly bytes: number;
  readonly sha256: string;
  /** The spreadsheet's time zone: Google's .xlsx holds its dates as serial numbers of the wall clock there. */
  readonly timeZone?: string;
}

export interface BackupManifest {
  readonly kind: typeof BACKUP_KIND;
  readonly version: 1;
  readonly masterId: string;
  readonly by: string;
  readonly startedAt: string;
  readonly completedAt?: string;
  readonly files: BackupEntry[];
}

const sha256 = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

const stamp = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}_${String(d.getHours()).padStart(2, '0')}${String(d.getMinutes()).padStart(2, '0')}${String(d.getSeconds()).padStart(2, '0')}`;

const writeJson = (file: string, data: unknown): void => {
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(data, null, 1), { mode: PRIVATE_FILE });
  fs.renameSync(`${file}.tmp`, file);
};

/** Drive's export (limited to 10 MB); a larger workbook is downloaded through its export link instead. */
const exportXlsx = async (g: Google, f: BankFile, name: string): Promise<Buffer> => {
  try {
    const data = await g.call(
      'drive',
      `экспорт «${name}»`,
      () => g.drive.files.export({ fileId: f.id, mimeType: XLSX }, { responseType: 'arraybuffer' }) as unknown as Promise<{ data: ArrayBuffer }>,
    );
    return Buffer.from(data);
  } catch (e) {
    if (!/exportSizeLimitExceeded|too large to be exported/i.test((e as Error).message)) throw e;
    const meta = await g.call('drive', `ссылка экспорта «${name}»`, () => g.drive.files.get({ fileId: f.id, fields: 'exportLinks', supportsAllDrives: true }));
    const link = meta.exportLinks?.[XLSX];
    if (!link) throw e;
    const data = await g.call('drive', `экспорт «${name}» по ссылке`, () => g.auth.request<ArrayBuffer>({ url: link, responseType: 'arraybuffer' }));
    return Buffer.from(data);
  }
};

export interface BackupResult {
  readonly dir: string;
  readonly files: number;
  readonly exported: number;
  readonly resumed: number;
  readonly removed: string[];
}

export const backup = async (g: Google, masterId: string, o: Output, opts: { out: string; keep: number; now?: () => Date }): Promise<BackupResult> => {
  const now = opts.now ?? (() => new Date());
  if (!Number.isInteger(opts.keep) || opts.keep < 1) throw new CliError('--keep: число хранимых копий, не меньше 1.');
  fs.mkdirSync(opts.out, { recursive: true });
  const partial = path.join(opts.out, PARTIAL);
  const by = await whoAmI(g);
  const { workbook: master } = await readWorkbook(g, masterId, [TERRITORIES, CABINETS, SETTINGS]);
  const files = bankFiles(master);
  // Resume: a partial folder of the same bank keeps the files it finished (checked against their checksums).
  const previous = fs.existsSync(path.join(partial, MANIFEST)) ? (JSON.parse(fs.readFileSync(path.join(partial, MANIFEST), 'utf8')) as BackupManifest) : null;
  if (previous && previous.masterId !== masterId) fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true, mode: PRIVATE_DIR });
  const done = new Map((previous?.masterId === masterId ? previous.files : []).map((e) => [e.id, e]));
  const manifest: BackupManifest = {
    kind: BACKUP_KIND,
    version: 1,
    masterId,
    by,
    startedAt: previous?.masterId === masterId ? previous.startedAt : now().toISOString(),
    files: [],
  };
  let exported = 0;
  let resumed = 0;
  const progress = new Progress(o, 'Резервная копия', files.length);
  for (const f of files) {
    const meta = await g.call('drive', `сведения о файле: ${f.label}`, () =>
      g.drive.files.get({ fileId: f.id, fields: 'id,name,mimeType,modifiedTime', supportsAllDrives: true }),
    );
    const file = f.role === 'master' ? 'master.xlsx' : `${f.id}.xlsx`;
    const target = path.join(partial, file);
    const had = done.get(f.id);
    let entry: BackupEntry;
    if (had && had.modifiedTime === meta.modifiedTime && fs.existsSync(target) && sha256(target) === had.sha256) {
      entry = had;
      resumed++;
    } else {
      const zone = await g.call('sheets', `часовой пояс: ${f.label}`, () => g.sheets.spreadsheets.get({ spreadsheetId: f.id, fields: 'properties.timeZone' }));
      const bytes = await exportXlsx(g, f, String(meta.name));
      fs.writeFileSync(`${target}.tmp`, bytes, { mode: PRIVATE_FILE });
      fs.renameSync(`${target}.tmp`, target);
      entry = {
        role: f.role,
        id: f.id,
        label: f.label,
        scope: f.scope,
        name: String(meta.name),
        file,
        modifiedTime: String(meta.modifiedTime),
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        ...(zone.properties?.timeZone ? { timeZone: String(zone.properties.timeZone) } : {}),
      };
      exported++;
    }
    manifest.files.push(entry);
    // After every file: an interruption loses at most the file being exported.
    writeJson(path.join(partial, MANIFEST), manifest);
    progress.step(`${f.label}${entry === had ? ' (уже скачан)' : ''}`);
  }
  progress.end();
  // The local bank's own manifest: the backup opens as a local bank with the Drive ids as book ids.
  // Each file's dates are read in its spreadsheet's zone (the local bank's loader converts them).
  const masterZone = manifest.files.find((e) => e.role === 'master')?.timeZone;
  writeJson(path.join(partial, 'bank.json'), {
    version: 1,
    books: manifest.files
      .filter((e) => e.role !== 'master')
      .map((e, i) => ({ id: e.id, name: e.name, editors: [], modified: i + 1, ...(e.timeZone ? { timeZone: e.timeZone } : {}) })),
    properties: {},
    ...(masterZone ? { masterTimeZone: masterZone } : {}),
  });
  const finished: BackupManifest = { ...manifest, completedAt: now().toISOString() };
  writeJson(path.join(partial, MANIFEST), finished);
  // Two backups within one second get -2, -3…: a complete backup is never replaced.
  const base = path.join(opts.out, `ebppk-${stamp(now())}`);
  let dir = base;
  for (let n = 2; fs.existsSync(dir); n++) dir = `${base}-${n}`;
  fs.renameSync(partial, dir);
  const removed = prune(opts.out, opts.keep);
  o.out(`Резервная копия: ${dir} — файлов ${files.length} (скачано ${exported}, из прерванного запуска ${resumed}).`);
  if (removed.length) o.out(`Удалены старые копии: ${removed.map((r) => path.basename(r)).join(', ')}.`);
  return { dir, files: files.length, exported, resumed, removed };
};

/** Complete backups only (with a finished manifest), oldest first. */
export const completeBackups = (out: string): string[] =>
  fs
    .readdirSync(out)
    .filter((n) => /^ebppk-\d{4}-\d{2}-\d{2}_\d{6}(-\d+)?$/.test(n))
    .map((n) => path.join(out, n))
    .filter((d) => {
      try {
        return Boolean((JSON.parse(fs.readFileSync(path.join(d, MANIFEST), 'utf8')) as BackupManifest).completedAt);
      } catch {
        return false;
      }
    })
    .sort();

const prune = (out: string, keep: number): string[] => {
  const all = completeBackups(out);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const d of old) fs.rmSync(d, { recursive: true, force: true });
  return old;
};

/** Checks every file of a backup against its manifest; returns the manifest or throws saying what is wrong. */
export const verifyBackup = (dir: string): BackupManifest => {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new CliError(`${dir}: нет ${MANIFEST} — это не резервная копия ЕБППК.`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (m.kind !== BACKUP_KIND) throw new CliError(`${dir}: ${MANIFEST} не от резервной копии ЕБППК.`);
  if (!m.completedAt) throw new CliError(`${dir}: копия не завершена (прервана) — запустите «ebppk backup» снова, он её докачает.`);
  const bad = m.files.filter((e) => !fs.existsSync(path.join(dir, e.file)) || sha256(path.join(dir, e.file)) !== e.sha256);
  if (bad.length) throw new CliError(`${dir}: повреждены или отсутствуют файлы: ${bad.map((e) => `${e.file} (${e.label})`).join(', ')}.`);
  return m;
};
