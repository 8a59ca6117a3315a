// A bank set up through the built Code.js on the fakes, with helpers to seed applications as intake would.
import { SpreadsheetWorkbook } from '../../src/adapters/spreadsheet-app/spreadsheet-workbook';
import { DriveBookStore } from '../../src/adapters/spreadsheet-app/drive-book-store';
import { resetValidationCache } from '../../src/adapters/spreadsheet-app/validation';
import { ACCESS, COURSES, QUOTAS, TERRITORIES } from '../../src/core/sheets/master';
import type { Row } from '../../src/core/sheets/spec';
import { admitApplications } from '../../src/core/use-cases/admit-applications';
import { aCourse, FixedClock } from '../builders';
import { installGlobals } from '../fakes/services';
import type { FakeSpreadsheet } from '../fakes/spreadsheet';
import { loadBundle, Loaded } from './load-bundle';

export const OWNER = 'owner@iro.perm.ru';

export interface GasBank extends Loaded {
  ss: FakeSpreadsheet;
  /** The master through the TypeScript adapter over the same fakes (for arranging and asserting). */
  master: SpreadsheetWorkbook;
  books: DriveBookStore;
  book(code: string): FakeSpreadsheet;
  admit(apps: Row[]): void;
}

export const gasBank = (opts: { methodists?: Row[]; quotas?: Row[] } = {}): GasBank => {
  const loaded = loadBundle();
  const { gas, code } = loaded;
  installGlobals(gas);
  resetValidationCache();
  const ss = gas.SpreadsheetApp.bindNew('ЕБППК');
  gas.Session.email = OWNER;
  code.setupBank_();
  const master = new SpreadsheetWorkbook(ss as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet);
  master.table(ACCESS).append(
    opts.methodists ?? [
      { email: 'm1@perm.edu.ru', role: 'methodist', scope: 'perm', name: 'Методист Перми', active: true },
      { email: 'm@kungur.edu.ru', role: 'methodist', scope: 'kungursky', name: 'Методист Кунгура', active: true },
    ],
  );
  master.table(COURSES).append([aCourse('ОМ-01', { capacity: 200 }), aCourse('ОМ-02')]);
  master.table(QUOTAS).append(opts.quotas ?? [{ course: 'ОМ-01', territory: 'perm', places: 100 }]);
  code.setupBank_(); // shares the workbooks with the methodists just added
  const books = new DriveBookStore();
  const book = (c: string) => {
    const id = String(master.table(TERRITORIES).read().find((t) => t.code === c)?.workbookId);
    return gas.SpreadsheetApp.files.get(id) as FakeSpreadsheet;
  };
  const admit = (apps: Row[]) => admitApplications({ master, books, clock: new FixedClock(), actor: 'форма' }, apps);
  return { ...loaded, ss, master, books, book, admit };
};
