// `ebppk backup` (dated folder, manifest with sha256, --keep, an interrupted run resumed, the 10 MB export limit) and
// `ebppk restore-local` (the backup checked and served as a read-only local bank).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { BackupManifest } from '../../src/cli/backup';
import { MANIFEST, PARTIAL } from '../../src/cli/backup';
import { COURSES, LEDGER } from '../../src/core/sheets/master';
import { LocalBank, ReadOnlyError } from '../../src/local/local-bank';
import { NOW_SETTING, SteppingClock } from '../clock';
import { cli, login, MASTER, ROOT, standInBank } from './cli-fixture';
import { GOOGLE_ZONE } from './google-stand-in';

let s: Awaited<ReturnType<typeof standInBank>>;
let config: string;
let out: string;
let files: number;

beforeAll(async () => {
  s = await standInBank();
  config = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-cli-config-'));
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-cli-backups-'));
  expect((await login(s.google, config)).code).toBe(0);
  files = 1 + s.territories.filter((t) => t.workbookId).length + s.cabinets.length;
}, 60_000);
afterAll(() => s.google.stop());

const manifestOf = (dir: string): BackupManifest => JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8'));

describe('ebppk backup', () => {
  let first: string;

  it('exports every workbook of the bank to .xlsx with a manifest, in a constant number of requests per workbook', async () => {
    const r = await cli(s.google, config, ['backup', '--out', out, '--keep', '2'], {});
    expect(r.code).toBe(0);
    const dirs = fs.readdirSync(out).filter((d) => d.startsWith('ebppk-'));
    expect(dirs).toHaveLength(1);
    first = path.join(out, dirs[0]);
    const m = manifestOf(first);
    expect(m.completedAt).toBeTruthy();
    expect(m.masterId).toBe(MASTER);
    expect(m.files).toHaveLength(files);
    expect(m.files.filter((f) => f.role === 'territory')).toHaveLength(43);
    expect(m.files[0]).toMatchObject({ role: 'master', file: 'master.xlsx', name: 'ЕБППК — мастер-таблица' });
    for (const f of m.files) expect(fs.statSync(path.join(first, f.file)).size).toBe(f.bytes);
    expect(fs.existsSync(path.join(out, PARTIAL))).toBe(false);
    // Teachers' personal data: every file and the folder for the account that made the backup only.
    for (const f of fs.readdirSync(first)) expect({ f, mode: fs.statSync(path.join(first, f)).mode & 0o777 }).toEqual({ f, mode: 0o600 });
    expect(fs.statSync(first).mode & 0o777).toBe(0o700);
    // who + the master's titles and batchGet; then a files.get, its time zone and an export per workbook
    expect(r.google?.counts).toEqual({ drive: 1 + 2 * files, sheets: 2 + files, script: 0, retries: 0 });
    expect(m.files.every((f) => f.timeZone === GOOGLE_ZONE)).toBe(true);
    expect(s.google.count(/\/export$/)).toBe(files);
  });

  it('resumes an interrupted run: the files already downloaded are kept, and no partial backup counts as complete', async () => {
    const exportsBefore = s.google.count(/\/export$/);
    // The 11th export's connection drops (and stays down for all six attempts): the run stops there.
    let n = 0;
    const cutAfter = 10;
    const run1 = await cli(s.google, config, ['backup', '--out', out, '--keep', '2'], {
      onGoogle: (g) => {
        const call = g.call.bind(g);
        (g as { call: typeof g.call }).call = (api, what, request) => {
          if (what.startsWith('экспорт') && ++n > cutAfter) s.google.fail(/\/export$/, 0, 6, { cut: true });
          return call(api, what, request);
        };
      },
    });
    expect(run1.code).toBe(9);
    expect(run1.err).toContain('нет связи с Google');
    const partial = manifestOf(path.join(out, PARTIAL));
    expect(partial.completedAt).toBeUndefined();
    expect(partial.files).toHaveLength(cutAfter);
    expect(fs.readdirSync(out).filter((d) => d.startsWith('ebppk-'))).toHaveLength(1);

    const exportsMid = s.google.count(/\/export$/);
    const run2 = await cli(s.google, config, ['backup', '--out', out, '--keep', '2']);
    expect(run2.code).toBe(0);
    expect(run2.out).toContain(`скачано ${files - cutAfter}, из прерванного запуска ${cutAfter}`);
    expect(s.google.count(/\/export$/) - exportsMid).toBe(files - cutAfter);
    expect(exportsMid).toBeGreaterThan(exportsBefore);
    expect(fs.existsSync(path.join(out, PARTIAL))).toBe(false);
  });

  it('a file changed since the interrupted run is exported again', async () => {
    // A partial backup of the same bank, then one territory workbook changes in Drive.
    const dirs = fs
      .readdirSync(out)
      .filter((d) => d.startsWith('ebppk-'))
      .sort();
    const last = path.join(out, dirs[dirs.length - 1]);
    fs.cpSync(last, path.join(out, PARTIAL), { recursive: true });
    const m = manifestOf(path.join(out, PARTIAL));
    fs.writeFileSync(path.join(out, PARTIAL, MANIFEST), JSON.stringify({ ...m, completedAt: undefined }));
    const changed = s.google.files.get(m.files[3].id);
    if (!changed) throw new Error('fixture');
    changed.modified = s.google.nextTime();
    const before = s.google.count(/\/export$/);
    const r = await cli(s.google, config, ['backup', '--out', out, '--keep', '2']);
    expect(r.code).toBe(0);
    expect(s.google.count(/\/export$/) - before).toBe(1);
  });

  it('keeps the last N complete backups', () => {
    const dirs = fs.readdirSync(out).filter((d) => d.startsWith('ebppk-'));
    expect(dirs).toHaveLength(2);
    expect(dirs).not.toContain(path.basename(first));
  });

  it('downloads a workbook above the export limit through its export link', async () => {
    const big = s.google.files.get(String(s.territories[0].workbookId));
    if (!big) throw new Error('fixture');
    big.tooLargeToExport = true;
    const before = s.google.count(/^GET \/export-link\//);
    const r = await cli(s.google, config, ['backup', '--out', out, '--keep', '5']);
    big.tooLargeToExport = false;
    expect(r.code).toBe(0);
    expect(s.google.count(/^GET \/export-link\//) - before).toBe(1);
  });
});

describe('ebppk restore-local', () => {
  it('reads every date of a backup back exactly — Google writes them as serial numbers in the spreadsheet’s zone — on a computer in another zone', async () => {
    const dir = (() => {
      const dirs = fs
        .readdirSync(out)
        .filter((d) => d.startsWith('ebppk-'))
        .sort();
      return path.join(out, dirs[dirs.length - 1]);
    })();
    // The dates the bank holds in Google (the stand-in's workbooks the backup holds), as instants.
    const expected: Record<string, string> = {};
    const backedUp = new Set(manifestOf(dir).files.map((f) => f.id));
    [...s.google.files]
      .filter(([id]) => backedUp.has(id))
      .forEach(([id, f]) =>
        f.workbook.grids.forEach((grid, sheet) =>
          grid.rows.forEach((row, r) =>
            row.forEach((v, c) => {
              if (v instanceof Date) expected[`${id === MASTER ? 'master' : id}/${sheet}/${r}/${c}`] = v.toISOString();
            }),
          ),
        ),
      );
    expect(Object.keys(expected).length).toBeGreaterThan(100);
    // A process in São Paulo (UTC−3, west of UTC) opens the backup as the local bank.
    const script = `import { bundleForNode } from ${JSON.stringify(path.join(ROOT, 'scripts', 'node-bundle.mjs'))};
import { createRequire } from 'node:module';
const out = await bundleForNode('test/cli/zone-probe.ts', 'zone-probe');
const { probe } = createRequire(import.meta.url)(out);
process.stdout.write(JSON.stringify(await probe(${JSON.stringify(dir)})));`;
    const r = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'America/Sao_Paulo' },
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const read = JSON.parse(r.stdout) as Record<string, string>;
    expect(read).toEqual(expected);
  }, 90_000);

  const latest = () => {
    const dirs = fs
      .readdirSync(out)
      .filter((d) => d.startsWith('ebppk-'))
      .sort();
    return path.join(out, dirs[dirs.length - 1]);
  };

  it('checks the backup and serves it read-only as a local bank', async () => {
    let page = '';
    const r = await cli(s.google, config, ['restore-local', latest(), '--port', '0', '--now', NOW_SETTING], {
      onServer: async (srv) => {
        page = await (await fetch(srv.url)).text();
        srv.close();
      },
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Копия проверена: ${files} файлов`);
    expect(r.err).toContain('только для просмотра');
    expect(page).toContain('ЕБППК');
  });

  it('holds the same data as the bank it was taken from, and refuses every change', async () => {
    const bank = await LocalBank.loadReadOnly(latest(), new SteppingClock());
    expect(bank.master.table(LEDGER).read()).toHaveLength(s.bank.master.table(LEDGER).read().length);
    expect(
      bank.master
        .table(COURSES)
        .read()
        .map((c) => c.code),
    ).toEqual(
      s.bank.master
        .table(COURSES)
        .read()
        .map((c) => c.code),
    );
    const id = String(s.territories[0].workbookId);
    expect(bank.books.open(id).has({ name: 'Копилка методиста' } as never)).toBe(true);
    expect(() => bank.master.table(COURSES).append([{ code: 'X-01' }])).toThrow(ReadOnlyError);
  });

  it('refuses a damaged backup, naming the file', async () => {
    const dir = latest();
    const m = manifestOf(dir);
    const victim = path.join(dir, m.files[5].file);
    const saved = fs.readFileSync(victim);
    fs.appendFileSync(victim, 'x');
    const r = await cli(s.google, config, ['restore-local', dir, '--port', '0', '--now', NOW_SETTING]);
    fs.writeFileSync(victim, saved);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`повреждены или отсутствуют файлы: ${m.files[5].file}`);
  });

  it('--writable works on a copy and leaves the backup as it was', async () => {
    const dir = latest();
    let status = 0;
    const r = await cli(s.google, config, ['restore-local', dir, '--writable', '--port', '0', '--now', NOW_SETTING], {
      onServer: async (srv) => {
        status = (await fetch(srv.url)).status;
        srv.close();
      },
    });
    expect(r.code).toBe(0);
    expect(status).toBe(200);
    expect(r.out).toContain(`${dir}-работа`);
    expect(fs.existsSync(path.join(`${dir}-работа`, 'master.xlsx'))).toBe(true);
    expect(fs.existsSync(path.join(`${dir}-работа`, MANIFEST))).toBe(false);
    // The backup says which zone Google wrote its dates in; the working copy, once saved by the bank (its schema
    // upgrade at start), is in the bank's own form and says none — and holds every date the backup holds.
    const zoneOf = (d: string) =>
      JSON.parse(fs.readFileSync(path.join(d, 'bank.json'), 'utf8')) as { masterTimeZone?: string; books: Array<{ timeZone?: string }> };
    expect(zoneOf(dir).masterTimeZone).toBe(GOOGLE_ZONE);
    expect(zoneOf(`${dir}-работа`).masterTimeZone).toBeUndefined();
    expect(zoneOf(`${dir}-работа`).books.filter((b) => b.timeZone)).toEqual([]);
    const dates = (b: LocalBank) =>
      [...b.master.grids.values(), ...[...b.books.books.values()].flatMap((x) => [...x.workbook.grids.values()])]
        .flatMap((g) => g.rows.flat())
        .filter((v): v is Date => v instanceof Date)
        .map((d) => d.toISOString())
        .sort();
    const inBackup = dates(await LocalBank.load(dir, new SteppingClock()));
    expect(inBackup.length).toBeGreaterThan(100);
    expect(dates(await LocalBank.load(`${dir}-работа`, new SteppingClock()))).toEqual(inBackup);
  });
});
