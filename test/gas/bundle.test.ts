import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MASTER_SHEETS } from '../../src/core/sheets/master';
import { TERRITORY_SHEETS } from '../../src/core/sheets/territory';
import { SCHEMA_VERSION } from '../../src/core/version';
import { BUILD, loadBundle } from './load-bundle';

const OWNER = 'owner@iro.perm.ru';

const freshBank = () => {
  const loaded = loadBundle();
  const ss = loaded.gas.SpreadsheetApp.bindNew('ЕБППК');
  loaded.gas.Session.email = OWNER;
  return { ...loaded, ss };
};

/** Runs the build into a folder of its own (the production build: minified, as clasp pushes it). */
const buildInto = (env: Record<string, string> = {}): { dir: string; status: number; stderr: string } => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-build-'));
  const r = spawnSync(process.execPath, [path.join(__dirname, '../../scripts/build.mjs')], {
    env: { ...process.env, EBPPK_READABLE: '', EBPPK_BUILD_DIR: dir, ...env },
    encoding: 'utf8',
  });
  return { dir, status: r.status ?? -1, stderr: r.stderr };
};

describe('the pushed build', () => {
  it('stays within the size budget and exports what the tested build exports', () => {
    const prod = buildInto();
    expect(prod.status).toBe(0);
    expect(fs.statSync(path.join(prod.dir, 'Code.js')).size).toBeLessThanOrEqual(310 * 1024);
    const topLevel = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/^function (\w+)\(/gm)].map((m) => m[1]).sort();
    expect(topLevel(path.join(prod.dir, 'Code.js'))).toEqual(topLevel(path.join(BUILD, 'Code.js')));
  }, 60000);

  it('fails the build, saying why, when Code.js outgrows its budget', () => {
    const over = buildInto({ EBPPK_MAX_KB: '100' });
    expect(over.status).toBe(1);
    expect(over.stderr).toMatch(/build\/Code\.js is \d+\.\d KB, over the budget of 100 KB/);
  }, 60000);
});

describe('build/Code.js', () => {
  it('declares every export of main.ts as a top-level function', () => {
    const { code } = loadBundle();
    const src = fs.readFileSync(path.join(BUILD, 'Code.js'), 'utf8');
    const exported = Object.keys(code.__ebppk).sort();
    expect(exported).toEqual(expect.arrayContaining(['onOpen', 'setupBank_', 'showHelp_', 'getHelpInfo']));
    for (const name of exported) {
      expect(typeof code[name]).toBe('function');
      expect(src).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('ships appsscript.json with V8, Perm time and an explicit scope list', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(BUILD, 'appsscript.json'), 'utf8'));
    expect(manifest).toMatchObject({ runtimeVersion: 'V8', timeZone: 'Asia/Yekaterinburg', exceptionLogging: 'STACKDRIVER' });
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets');
  });

  it('inlines the help sidebar into one self-contained html file', () => {
    const html = fs.readFileSync(path.join(BUILD, 'help.html'), 'utf8');
    expect(html).not.toMatch(/inline:(js|css)|<script src|<link /);
    expect(html).toContain('getHelpInfo');
    expect(html).toContain('.status.error');
  });
});

describe('the bank through its menus', () => {
  it('onOpen offers setup on a bank that has no sector user yet', () => {
    const { code, gas } = freshBank();
    code.onOpen({ authMode: 'LIMITED' });
    expect(gas.SpreadsheetApp.ui.menus).toEqual([
      {
        title: 'ЕБППК',
        items: [
          ['Настроить банк', 'setupBank_'],
          ['Справка', 'showHelp_'],
        ],
      },
    ]);
  });

  it('«Настроить банк» builds every master sheet within a fixed call budget', () => {
    const { code, gas, ss } = freshBank();
    gas.calls.reset();
    code.setupBank_();
    expect(gas.SpreadsheetApp.ui.alerts).toEqual([]);
    expect(ss.sheets.map((s) => s.name)).toEqual(['Лист1', ...MASTER_SHEETS.map((s) => s.name), 'Ответы формы']);
    for (const spec of MASTER_SHEETS) {
      const s = ss.sheet(spec.name);
      expect(s.dump()[0]).toEqual(spec.columns.map((c) => c.header));
      expect(s.frozenRows).toBe(1);
      expect(s.protections.length).toBe(1);
    }
    expect(ss.sheet('Территории').dump()).toHaveLength(44);
    expect(ss.sheet('Доступ').dump()[1]).toEqual([OWNER, 'Сектор', '', 'владелец банка', true, '', '']);
    expect(ss.toasts[0]).toMatch(/Созданы листы: Курсы, Квоты/);
    // The letters will link the status page at the web app's address (issue 16).
    expect(ss.sheet('Настройки').dump()).toContainEqual(['statusUrl', gas.ScriptApp.getService().getUrl(), expect.stringMatching(/^Адрес страницы/)]);
    // Budget: a fixed number of calls per sheet (widths are one call per column), nothing per territory row;
    // the 43 territory workbooks cost a fixed number of calls each.
    const masterColumns = MASTER_SHEETS.reduce((n, s) => n + s.columns.length, 0);
    const bookColumns = TERRITORY_SHEETS.reduce((n, s) => n + s.columns.length, 0);
    expect(gas.calls.of('SpreadsheetApp.create')).toBe(43);
    expect(gas.calls.of('Sheet.setColumnWidth')).toBe(masterColumns + 43 * bookColumns);
    const spreadsheetCalls =
      gas.calls.total('Range.', 'Sheet.', 'Spreadsheet.', 'Protection.', 'SpreadsheetApp.', 'DriveApp.', 'File.') - gas.calls.of('Sheet.setColumnWidth');
    // Per workbook: its sheets, plus freezing the methodist's number and name (issue 18).
    expect(spreadsheetCalls).toBeLessThanOrEqual(MASTER_SHEETS.length * 22 + 20 + 43 * (TERRITORY_SHEETS.length * 22 + 13));
    expect(gas.calls.of('Range.setValues')).toBeLessThanOrEqual(MASTER_SHEETS.length + 5 + 43 * (TERRITORY_SHEETS.length + 2));
  });

  it('running setup twice changes nothing', () => {
    const { code, gas, ss } = freshBank();
    code.setupBank_();
    const snapshot = () => JSON.stringify(ss.sheets.map((s) => [s.name, s.dump()]));
    const before = snapshot();
    gas.calls.reset();
    code.setupBank_();
    expect(snapshot()).toBe(before);
    expect(ss.toasts[1]).toBe('Банк уже настроен: изменений нет.');
    expect(gas.calls.of('Range.setValues')).toBe(0);
  });

  it('after setup, a stranger sees only «Справка» and cannot run setup', () => {
    const { code, gas, ss } = freshBank();
    code.setupBank_();
    ss.editors.push('stranger@gmail.com'); // shared by mistake, and not on «Доступ»
    gas.Session.email = 'stranger@gmail.com';
    gas.SpreadsheetApp.ui.menus = [];
    code.onOpen({});
    expect(gas.SpreadsheetApp.ui.menus[0].items).toEqual([['Справка', 'showHelp_']]);
    const before = JSON.stringify(ss.sheets.map((s) => s.dump()));
    code.setupBank_();
    expect(gas.SpreadsheetApp.ui.alerts[0]).toMatch(/Настраивать банк может только сотрудник организационно-методического сектора/);
    expect(JSON.stringify(ss.sheets.map((s) => s.dump()))).toBe(before);
  });

  it('«Справка» shows the caller their own role, and a stranger whom to ask', () => {
    const { code, gas } = freshBank();
    code.setupBank_();
    code.showHelp_();
    expect(gas.SpreadsheetApp.ui.sidebars[0].title).toBe('ЕБППК — справка');
    const mine = code.getHelpInfo({});
    expect(mine).toEqual({
      ok: true,
      value: expect.objectContaining({ email: OWNER, role: 'sector', roleLabel: 'Сектор', version: SCHEMA_VERSION, bankSchema: SCHEMA_VERSION }),
    });
    gas.SpreadsheetApp.active?.editors.push('stranger@gmail.com', 'hidden@gmail.com');
    gas.Session.runAs('stranger@gmail.com');
    const stranger = code.getHelpInfo();
    expect(stranger.ok).toBe(true);
    expect(stranger.value.role).toBeNull();
    expect(stranger.value.message).toMatch(/^Нет доступа/);
    // An address Google hides cannot be told from a web app's visitor run as the owner: refused, with whom to ask.
    gas.Session.runAs('hidden@gmail.com', { hideEmail: true });
    expect(code.getHelpInfo()).toEqual({ ok: false, error: expect.stringMatching(/^Нет доступа/) });
  });

  it('rejects malformed RPC arguments before doing anything', () => {
    const { code } = freshBank();
    code.setupBank_();
    const r = code.getHelpInfo({ email: 'someone@else.ru' });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^Неверные данные/);
  });

  it('after a deploy from schema 3, setup shows «Доступ»’s roles in Russian: the cells and the dropdown', () => {
    const { code, ss, gas } = freshBank();
    code.setupBank_();
    const access = ss.sheet('Доступ');
    // As a schema-3 bank holds it: a code in the cell and a dropdown of codes.
    access.data[1][1].v = 'sector';
    access
      .getRange(2, 2, access.getMaxRows() - 1, 1)
      .setDataValidation(gas.SpreadsheetApp.newDataValidation().requireValueInList(['sector', 'head', 'leader', 'methodist']).build());
    const settings = ss.sheet('Настройки');
    const version = settings.data.find((r) => r[0]?.v === 'schemaVersion');
    if (!version) throw new Error('no schemaVersion');
    version[1].v = '3';
    code.setupBank_();
    expect(access.data[1][1].v).toBe('Сектор');
    expect(access.data[5][1].rule?.values).toEqual(['Сектор', 'Начальник отдела', 'Руководитель курсов', 'Методист территории']);
  });

  it('a renamed header is reported with the sheet and column, not a stack trace', () => {
    const { code, ss } = freshBank();
    code.setupBank_();
    ss.sheet('Доступ').data[0][1].v = 'Role';
    const r = code.getHelpInfo({});
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('Восстановите столбец «Роль» на листе «Доступ»') });
  });
});

describe('clasp', () => {
  it('pushes exactly the built files', () => {
    const { execFileSync } = require('node:child_process') as typeof import('child_process');
    const out = execFileSync(path.join(__dirname, '../../node_modules/.bin/clasp'), ['status', '--json'], {
      cwd: path.join(__dirname, '../..'),
      encoding: 'utf8',
    });
    const status = JSON.parse(out) as { filesToPush: string[]; untrackedFiles: string[] };
    const built = fs.readdirSync(BUILD).map((f) => `build/${f}`);
    // Everything built is pushed except the source map, which stays here for coverage and debugging.
    expect(status.filesToPush.sort()).toEqual(built.filter((f) => !f.endsWith('.map')).sort());
    expect(status.untrackedFiles).toEqual(['build/Code.js.map']);
  }, 60000);
});
