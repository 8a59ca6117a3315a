// A bank set up through the built Code.js on the fakes, with helpers to seed applications as intake would.
// Setting a bank up (43 workbooks, twice) is built once per test file and per variant; each test gets a deep copy.

import { DriveBookStore } from '../../src/adapters/spreadsheet-app/drive-book-store';
import { SpreadsheetWorkbook } from '../../src/adapters/spreadsheet-app/spreadsheet-workbook';
import { resetValidationCache } from '../../src/adapters/spreadsheet-app/validation';
import { ACCESS, COURSES, QUOTAS, TERRITORIES } from '../../src/core/sheets/master';
import type { Row } from '../../src/core/sheets/spec';
import { admitApplications } from '../../src/core/use-cases/admit-applications';
import { aCourse, FixedClock } from '../builders';
import { cloneGas } from '../fakes/clone';
import { type FakeGas, fakeGas, installGlobals } from '../fakes/services';
import type { FakeSpreadsheet } from '../fakes/spreadsheet';
import { type Loaded, loadBundle } from './load-bundle';

export const OWNER = 'owner@iro.perm.ru';

export interface GasBank extends Loaded {
  ss: FakeSpreadsheet;
  /** The master through the TypeScript adapter over the same fakes (for arranging and asserting). */
  master: SpreadsheetWorkbook;
  books: DriveBookStore;
  book(code: string): FakeSpreadsheet;
  admit(apps: Row[]): void;
}

/** Wraps a fake world (already set up) as a bank: the bundle loaded over it and the TypeScript adapters on it. */
const asBank = (gas: FakeGas): GasBank => {
  const loaded = loadBundle(gas);
  installGlobals(gas);
  resetValidationCache();
  const ss = gas.SpreadsheetApp.active as FakeSpreadsheet;
  const master = new SpreadsheetWorkbook(ss as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet);
  const books = new DriveBookStore();
  const book = (c: string) => {
    const id = String(
      master
        .table(TERRITORIES)
        .read()
        .find((t) => t.code === c)?.workbookId,
    );
    return gas.SpreadsheetApp.files.get(id) as FakeSpreadsheet;
  };
  // As intake does it: in the owner's form-submit trigger.
  const admit = (apps: Row[]) => {
    const before = gas.Session.runner;
    gas.Session.runAs(OWNER);
    try {
      admitApplications({ master, books, clock: new FixedClock(), actor: 'форма' }, apps);
    } finally {
      gas.Session.runAs(before);
    }
  };
  return { ...loaded, ss, master, books, book, admit };
};

/**
 * Fires an installable trigger as Apps Script does: its handler runs as the account that installed it (whoever caused
 * the event), with no UI. Fails if no such trigger is installed. The previous runner is restored afterwards.
 */
export const fire = (b: Loaded, handler: string, event?: unknown): void => {
  const t = b.gas.ScriptApp.triggers.find((x) => x.handler === handler);
  if (!t) throw new Error(`No installed trigger runs ${handler}`);
  const session = b.gas.Session;
  const before = { runner: session.runner, hidden: session.email === '', ui: b.gas.SpreadsheetApp.uiAvailable };
  session.runAs(t.installer);
  b.gas.SpreadsheetApp.uiAvailable = false;
  try {
    b.code[handler](event);
  } finally {
    session.runAs(before.runner, { hideEmail: before.hidden });
    b.gas.SpreadsheetApp.uiAvailable = before.ui;
  }
};

/**
 * The Perm methodist chooses `decision` for every application in their «Копилка методиста», typing it into the sheet as a
 * person does (the workbook counts as changed, so the job's next run takes the decisions).
 */
export const decideAll = (b: GasBank, decision: string): void => {
  const sheet = b.book('perm').sheet('Копилка методиста');
  const col = (sheet.dump()[0] as string[]).indexOf('Решение') + 1;
  sheet.dump().forEach((_, i) => i > 0 && (sheet.cell(i + 1, col).v = decision));
  sheet.touch();
};

/** Cells every execution so far read from every spreadsheet (issue 19: in proportion to the work, not to the bank). */
export const cellsRead = (b: Loaded): number => {
  let n = 0;
  for (const ss of b.gas.SpreadsheetApp.files.values()) for (const s of ss.sheets) n += s.cellsRead;
  return n;
};

const templates = new Map<string, FakeGas>();

/**
 * A fresh copy of the bank `build` makes: built the first time this file asks for `key`, then deep-copied (the copy's
 * call counter starts at zero, exactly as a freshly built bank's would after `gas.calls.reset()`).
 */
export const templateBank = (key: string, build: () => GasBank): GasBank => {
  let gas = templates.get(key);
  if (!gas) {
    gas = build().gas;
    templates.set(key, gas);
  }
  return asBank(cloneGas(gas));
};

const buildBank = (opts: { methodists?: Row[]; quotas?: Row[] }): GasBank => {
  const gas = fakeGas();
  gas.SpreadsheetApp.bindNew('ЕБППК');
  const b = asBank(gas);
  gas.Session.email = OWNER;
  b.code.setupBank_();
  b.master.table(ACCESS).append(
    opts.methodists ?? [
      { email: 'm1@perm.edu.ru', role: 'methodist', scope: 'perm', name: 'Методист Перми', active: true },
      { email: 'm@kungur.edu.ru', role: 'methodist', scope: 'kungursky', name: 'Методист Кунгура', active: true },
    ],
  );
  b.master.table(COURSES).append([aCourse('ОМ-01', { capacity: 200 }), aCourse('ОМ-02')]);
  b.master.table(QUOTAS).append(opts.quotas ?? [{ course: 'ОМ-01', territory: 'perm', places: 100 }]);
  b.code.setupBank_(); // shares the workbooks with the methodists just added
  return b;
};

export const gasBank = (opts: { methodists?: Row[]; quotas?: Row[] } = {}): GasBank => templateBank(`gas:${JSON.stringify(opts)}`, () => buildBank(opts));
