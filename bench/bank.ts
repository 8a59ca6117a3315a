// Deterministic banks of a given size in the counting fakes, built with the product's adapters and use cases.
import { DriveBookStore } from '../src/adapters/spreadsheet-app/drive-book-store';
import { SpreadsheetWorkbook } from '../src/adapters/spreadsheet-app/spreadsheet-workbook';
import { resetValidationCache } from '../src/adapters/spreadsheet-app/validation';
import { ACCESS, ARCHIVE, COURSES, GROUPS, LEDGER, MASTER_SHEETS, PROVIDER_BANK, QUOTAS, SUBDIVISIONS, TERRITORIES } from '../src/core/sheets/master';
import type { Row } from '../src/core/sheets/spec';
import { METHODIST_BANK } from '../src/core/sheets/territory';
import { methodistRow } from '../src/core/use-cases/admit-applications';
import { setupBank } from '../src/core/use-cases/setup-bank';
import { recountStages } from '../src/core/use-cases/stage-counts';
import { ensureTerritoryBooks } from '../src/core/use-cases/territory-books';
import { aCourse, anApplication, FixedClock } from '../test/builders';
import { type FakeGas, fakeGas, installGlobals } from '../test/fakes/services';

export interface BenchBank {
  readonly gas: FakeGas;
  readonly master: SpreadsheetWorkbook;
  readonly books: DriveBookStore;
  readonly clock: FixedClock;
  readonly size: number;
  readonly bookIds: Map<string, string>;
}

const TERRS = ['perm', 'kungursky', 'berezniki', 'chaykovsky', 'solikamsky', 'lysvensky', 'krasnokamsky', 'dobryansky'];
export const COURSE_COUNT = 40;

/**
 * `size` applications: 10 % in methodists' piggy banks, 10 % at the provider (sorted by course), 10 % in groups,
 * 70 % archived — the shape of a bank a few years old.
 */
/** Points the Apps Script globals at this bank's fakes (each bank has its own). */
export const use = (b: BenchBank): BenchBank => {
  installGlobals(b.gas);
  resetValidationCache();
  return b;
};

/**
 * The bank as one Apps Script execution sees it (what `compose()` builds): a per-execution master — one read per
 * sheet, the headers in one request — made fresh for each operation.
 */
export const execution = (b: BenchBank): BenchBank => ({
  ...b,
  master: new SpreadsheetWorkbook(b.gas.SpreadsheetApp.active as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, {
    perExecution: true,
    headers: MASTER_SHEETS,
  }),
});

export const buildBank = (size: number): BenchBank => {
  const gas = fakeGas();
  installGlobals(gas);
  resetValidationCache();
  const ss = gas.SpreadsheetApp.bindNew('ЕБППК');
  const master = new SpreadsheetWorkbook(ss as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet);
  const books = new DriveBookStore();
  const clock = new FixedClock(new Date(2026, 10, 28, 10).getTime());
  const r = setupBank({ master, clock, actor: 'owner@iro.perm.ru', triggers: { ensure: () => [] }, triggerSpecs: [] });
  if (!r.ok) throw new Error(r.error);
  master.table(SUBDIVISIONS).append([{ code: 'ОМ', name: 'Отдел методики' }]);
  master
    .table(ACCESS)
    .append([
      { email: 'lead@iro.perm.ru', role: 'leader', scope: 'ОМ', name: 'Руководитель', active: true },
      { email: 'head@iro.perm.ru', role: 'head', scope: 'ОМ', name: 'Начальник', active: true },
      ...TERRS.map((t) => ({ email: `m@${t}.ru`, role: 'methodist', scope: t, name: t, active: true })),
    ]);
  const courses = Array.from({ length: COURSE_COUNT }, (_, i) => aCourse(`ОМ-${String(i + 1).padStart(2, '0')}`, { capacity: 1000 }));
  master.table(COURSES).append(courses);
  master.table(QUOTAS).append(courses.flatMap((c) => TERRS.map((t) => ({ course: c.code, territory: t, places: 100000 }))));
  ensureTerritoryBooks({ master, books, clock, actor: 'owner@iro.perm.ru', budgetMs: 1e12 });
  const bookIds = new Map(
    master
      .table(TERRITORIES)
      .read()
      .map((t) => [String(t.code), String(t.workbookId)]),
  );

  const stageOf = (i: number) => (i % 10 === 0 ? 'methodist' : i % 10 === 1 ? 'provider' : i % 10 === 2 ? 'group' : 'completed');
  const apps: Row[] = Array.from({ length: size }, (_, i) => {
    const stage = stageOf(i);
    return anApplication(i + 1, {
      territory: TERRS[i % TERRS.length],
      course: courses[i % COURSE_COUNT].code,
      stage,
      group: stage === 'group' || stage === 'completed' ? `${courses[i % COURSE_COUNT].code}-2025-01` : '',
      personKey: `p${i}`,
    });
  });
  master.table(LEDGER).append(apps);
  master.table(PROVIDER_BANK).append(apps.filter((a) => a.stage === 'provider'));
  master.table(PROVIDER_BANK).sortBy(['course', 'id']);
  master.table(GROUPS).append(apps.filter((a) => a.stage === 'group'));
  master.table(ARCHIVE).append(apps.filter((a) => a.stage === 'completed').map((a) => ({ ...a, outcome: 'completed', archivedAt: clock.now() })));
  for (const t of TERRS) {
    const mine = apps.filter((a) => a.stage === 'methodist' && a.territory === t);
    books
      .open(bookIds.get(t) as string)
      .table(METHODIST_BANK)
      .append(mine.map((a) => methodistRow(a, 'Курс')));
  }
  // Written around the bank, so counted once as the job's daily recount would.
  recountStages(master);
  gas.properties.setProperty('EBPPK_SEQ_2026', String(size));
  return { gas, master, books, clock, size, bookIds };
};
