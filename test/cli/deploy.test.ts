// `ebppk deploy` (the master's script, the cabinet template, every cabinet by the script ids on «Кабинеты»; idempotent;
// a failed cabinet reported and retried next time; --dry-run), the Apps Script API's "not enabled" answers, and the
// reports (`export-frdo`, `stats`) equal to the sidebars' use cases on the same bank.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { projectFiles } from '../../src/cli/deploy';
import { ARCHIVE, CABINETS } from '../../src/core/sheets/master';
import { frdoRows } from '../../src/core/use-cases/frdo-export';
import { computeStatistics } from '../../src/core/use-cases/statistics';
import { dayAfter, isoOf } from '../clock';
import { cli, login, MASTER, OLD_CODE, OWNER, perm, projectRoot, ROOT, standInBank } from './cli-fixture';

let s: Awaited<ReturnType<typeof standInBank>>;
let config: string;
let root: string;

beforeAll(async () => {
  s = await standInBank();
  config = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-cli-config-'));
  root = projectRoot();
  expect((await login(s.google, config)).code).toBe(0);
}, 60_000);
afterAll(() => s.google.stop());

const deploy = (args: string[] = []) => cli(s.google, config, ['deploy', '--no-build', ...args], { root });
const withScript = () => s.cabinets.slice(0, -1);

describe('ebppk deploy', () => {
  it('--dry-run lists what it would update and changes nothing', async () => {
    const r = await deploy(['--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Будет обновлено: ${2 + withScript().length}, уже актуальны: 0`);
    expect(r.err).toContain(`кабинет «${s.cabinets[s.cabinets.length - 1].subdivision}»: скрипт ещё не записан`);
    expect(s.google.count(/^PUT /)).toBe(0);
    expect(s.google.scripts.get('script-master')?.files).toHaveLength(2);
  });

  it('pushes the master build, the cabinet build to the template and every cabinet; a cabinet it cannot reach fails alone', async () => {
    // One cabinet's file is not shared with the owner any more (someone changed its sharing by hand).
    const lost = s.google.files.get(String(withScript()[0].spreadsheetId));
    if (!lost) throw new Error('fixture');
    const kept = lost.permissions;
    lost.permissions = kept.filter((p) => p.role !== 'owner').map((p) => ({ ...p }));
    const r = await deploy();
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Обновлено: ${1 + withScript().length}, уже актуальны: 0, не удалось: 1`);
    expect(r.out).toContain(`✗ кабинет «${withScript()[0].subdivision}»`);
    expect(r.out).toContain('не найдено');
    const master = projectFiles(path.join(ROOT, 'build'));
    const cabinet = projectFiles(path.join(ROOT, 'build-cabinet'));
    expect(s.google.scripts.get('script-master')?.files).toEqual(master);
    expect(s.google.scripts.get('script-template')?.files).toEqual(cabinet);
    expect(s.google.scripts.get(`script-${withScript()[1].spreadsheetId}`)?.files).toEqual(cabinet);
    expect(cabinet.map((f) => f.name).sort()).toEqual(['Code', 'appsscript', 'cabinet']);
    lost.permissions = kept;
  });

  it('the next deploy retries only the failed cabinet and says so; one more changes nothing', async () => {
    const puts = s.google.count(/^PUT /);
    const r = await deploy();
    expect(r.code).toBe(0);
    expect(r.err).toContain(`Повторяю не удавшиеся в прошлый раз: кабинет «${withScript()[0].subdivision}»`);
    expect(r.out).toContain(`Обновлено: 1, уже актуальны: ${1 + withScript().length}, не удалось: 0`);
    expect(s.google.count(/^PUT /) - puts).toBe(1);
    const again = await deploy();
    expect(again.out).toContain('Обновлено: 0');
    expect(again.err).not.toContain('Повторяю');
  });

  it('pushes to a script id only when Google says its project is bound to the recorded cabinet: a typed id is refused and reported', async () => {
    // A cabinet editor typed the master's script id as their cabinet's, another a standalone project of their own.
    const grid = s.bank.master.grid(CABINETS.name);
    const col = grid.rows[0].indexOf('Скрипт');
    expect(col).toBeGreaterThan(0);
    const [a, b] = withScript();
    const rowOf = (c: (typeof s.cabinets)[number]) => grid.rows.findIndex((r) => r.includes(c.spreadsheetId));
    const saved = [grid.rows[rowOf(a)][col], grid.rows[rowOf(b)][col]];
    grid.rows[rowOf(a)][col] = 'script-master';
    grid.rows[rowOf(b)][col] = 'script-standalone';
    s.google.scripts.set('script-standalone', { containerId: 'standalone-owned-by-leader', files: OLD_CODE() });
    s.google.addFile({ id: 'standalone-owned-by-leader', name: 'мой скрипт', workbook: new MemoryWorkbook('x'), permissions: [perm(OWNER, 'owner')] });
    s.google.scripts.set('script-master', { containerId: MASTER, files: OLD_CODE() });
    const r = await deploy();
    expect(r.code).toBe(1);
    expect(r.out).toContain('Пропущено чужих проектов: 2');
    expect(r.out).toContain(`✗ кабинет «${a.subdivision}» (script-master): проект script-master привязан к другой таблице (${MASTER})`);
    expect(r.out).toContain(`✗ кабинет «${b.subdivision}» (script-standalone): проект script-standalone привязан к другой таблице`);
    // The master got the master's build, never the cabinet's; the foreign project was not touched.
    expect(s.google.scripts.get('script-master')?.files).toEqual(projectFiles(path.join(ROOT, 'build')));
    expect(s.google.scripts.get('script-standalone')?.files).toEqual(OLD_CODE());
    expect(s.google.count(/^PUT \/v1\/projects\/script-standalone/)).toBe(0);
    grid.rows[rowOf(a)][col] = saved[0];
    grid.rows[rowOf(b)][col] = saved[1];
  });

  it('a rate-limited push is retried', async () => {
    s.google.scripts.set('script-template', { containerId: 'template', files: [] });
    s.google.fail(/^PUT \/v1\/projects\/script-template\/content$/, 429, 1);
    const r = await deploy();
    expect(r.code).toBe(0);
    expect(r.google?.counts.retries).toBe(1);
    expect(s.google.scripts.get('script-template')?.files.length).toBe(3);
  });

  it('says how to turn the Apps Script API on, for the account and for the Cloud project', async () => {
    s.google.scriptApiOff.add(OWNER);
    const user = await deploy();
    s.google.scriptApiOff.clear();
    expect(user.code).toBe(4);
    expect(user.err).toContain('https://script.google.com/home/usersettings');
    expect(user.err).toContain('выключен Apps Script API');
    s.google.scriptApiDisabledInProject = true;
    const project = await deploy();
    s.google.scriptApiDisabledInProject = false;
    expect(project.code).toBe(4);
    expect(project.err).toContain('https://console.developers.google.com/apis/api/script.googleapis.com/overview?project=1234');
  });
});

describe('ebppk export-frdo and stats', () => {
  const sector = { email: 'sector@demo.local', role: 'sector' as const, scope: '', name: '' };

  it('export-frdo writes the same rows as the sidebar export, in the registry layout', async () => {
    const file = path.join(config, 'frdo.xlsx');
    // The year of the demo's certificates (its finished course ended days before its "today": last year on 1 January).
    const issued = s.bank.master
      .table(ARCHIVE)
      .read()
      .find((a) => a.outcome === 'completed')?.issueDate;
    if (!(issued instanceof Date)) throw new Error('the demo bank has no certificate');
    const year = String(issued.getFullYear());
    const r = await cli(s.google, config, ['export-frdo', '--year', year, '--out', file]);
    expect(r.code).toBe(0);
    const expected = frdoRows(s.bank.master, sector, { from: `${year}-01-01`, to: `${year}-12-31`, subdivision: '' });
    if (!expected.ok) throw new Error(expected.error);
    expect(expected.value.rows.length).toBeGreaterThan(0);
    const x = new ExcelJS.Workbook();
    await x.xlsx.readFile(file);
    const ws = x.worksheets[0];
    expect(ws.rowCount).toBe(1 + expected.value.rows.length);
    expect(ws.getRow(1).getCell(1).value).toBe(String(expected.value.layout[0].header));
    const first = expected.value.rows[0];
    expect(
      (ws.getRow(2).values as unknown[])
        .slice(1)
        .map((v) => String(v ?? ''))
        .slice(0, 5),
    ).toEqual(
      expected.value.layout
        .slice(0, 5)
        .map((_, i) => String(first[`c${i + 1}`] ?? ''))
        .map((v) => v),
    );
    expect(r.out).toContain(`выгружено ${expected.value.rows.length} документов`);
  });

  it('stats gives the sidebar figures over one batchGet per workbook, and writes the report', async () => {
    // The demo's applications came 12 days before its "today": a period around it, whatever the day (1 January too).
    const [from, to] = [isoOf(dayAfter(-30)), isoOf(dayAfter(30))];
    const file = path.join(config, 'stats.xlsx');
    const r = await cli(s.google, config, ['stats', '--from', from, '--to', to, '--out', file]);
    expect(r.code).toBe(0);
    const expected = computeStatistics(s.bank.master, s.bank.books, sector, { from, to, subdivision: '' });
    if (!expected.ok) throw new Error(expected.error);
    const t = expected.value.figures.totals;
    expect(t.submitted).toBeGreaterThan(0);
    expect(r.out).toContain(`подано ${t.submitted}, зачислено ${t.grouped}, завершили ${t.completed}`);
    // about + the master's titles and batchGet (+ the owner check: the owner is not on «Доступ»)
    expect(r.google?.counts.sheets).toBe(2);
    const x = new ExcelJS.Workbook();
    await x.xlsx.readFile(file);
    expect(x.worksheets.map((w) => w.name)).toEqual(['Статистика', 'Статистика — данные']);
    expect(x.getWorksheet('Статистика — данные')?.rowCount).toBe(1 + expected.value.rows.length);
  });

  it('refuses someone who is neither on «Доступ» nor the owner', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-cli-stranger-'));
    const master = s.google.files.get('master');
    master?.permissions.push({ id: 'p-x', type: 'user', role: 'reader', emailAddress: 'someone@example.com' });
    await login(s.google, dir, 'someone@example.com');
    const r = await cli(s.google, dir, ['stats', '--from', '2026-01-01', '--to', '2026-12-31']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('someone@example.com: нет на листе «Доступ»');
    if (master) master.permissions = master.permissions.filter((p) => p.id !== 'p-x');
  });

  it('checks its arguments before asking Google', async () => {
    const before = s.google.log.length;
    expect((await cli(s.google, config, ['stats', '--from', '01.01.2026', '--to', '2026-12-31'])).err).toContain('ГГГГ-ММ-ДД');
    expect((await cli(s.google, config, ['export-frdo', '--year', '26', '--out', 'x.xlsx'])).err).toContain('год из четырёх цифр');
    expect((await cli(s.google, config, ['backup', '--keep', '0'])).code).toBe(2);
    expect((await cli(s.google, config, ['audit', '--bogus'])).code).toBe(2);
    expect((await cli(s.google, config, ['frobnicate'])).code).toBe(2);
    expect((await cli(s.google, config, ['audit', '--master', 'таблица банка'])).code).toBe(2);
    expect(s.google.log.length - before).toBeLessThanOrEqual(2);
  });
});
