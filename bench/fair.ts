// The fair baseline (issue 19): the script a competent Apps Script author writes for the same operations — each sheet
// read once with getDataRange().getValues() and looked up in memory, but rows moved one at a time with appendRow and
// deleteRow (from the bottom, so the indices stay true), a changed cell written with setValue, every territory
// workbook opened on a sync (no Drive query for the changed ones). Beside the naive baseline (naive.ts), not instead.
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const sheet = (ss: Spreadsheet, name: string): Sheet => ss.getSheetByName(name) as Sheet;

/** A sheet read once: its values and each header's column (1-based). */
const read = (s: Sheet) => {
  const values = s.getDataRange().getValues();
  const header = values[0].map(String);
  return { values, col: (h: string) => header.indexOf(h) + 1 };
};

/** Row numbers (1-based) by the first column, from values read once. */
const rowsById = (values: unknown[][]): Map<string, number> => new Map(values.slice(1).map((r, i) => [String(r[0]), i + 2]));

export const fairIntake = (ss: Spreadsheet, k: number): void => {
  const ledger = sheet(ss, 'Реестр заявок');
  const l = read(ledger);
  const key = l.col('Ключ человека') - 1;
  const course = l.col('Курс') - 1;
  if (l.values.some((r) => r[key] === `snils:000${100 + k}00000` && r[course] === 'ОМ-01')) return;
  const row = new Array(l.values[0].length).fill('');
  row[0] = `2026-${String(700000 + k)}`;
  ledger.appendRow(row);
  sheet(ss, 'Журнал').appendRow([new Date(), 'форма', 'заявка принята', row[0], '', '', '']);
  const t = read(sheet(ss, 'Территории'));
  const perm = t.values.find((r) => r[0] === 'perm') as unknown[];
  SpreadsheetApp.openById(String(perm[t.col('Книга территории (id)') - 1]))
    .getSheetByName('Копилка методиста')
    ?.appendRow([row[0], 'ОМ-01']);
  sheet(ss, 'Исходящие').appendRow([`${row[0]}/принята`, 'x@y.ru', 'тема', 'текст', new Date(), 'ждёт']);
};

/** Every workbook opened and read once; each sent row appended, its ledger cell set, then deleted from the bottom. */
export const fairSync = (ss: Spreadsheet): void => {
  const t = read(sheet(ss, 'Территории'));
  const idCol = t.col('Книга территории (id)') - 1;
  const ledger = sheet(ss, 'Реестр заявок');
  const l = read(ledger);
  const at = rowsById(l.values);
  const stage = l.col('Этап');
  const provider = sheet(ss, 'Копилка поставщика');
  const journal = sheet(ss, 'Журнал');
  for (const tr of t.values.slice(1)) {
    if (!tr[idCol]) continue;
    const bank = SpreadsheetApp.openById(String(tr[idCol])).getSheetByName('Копилка методиста') as Sheet;
    const values = bank.getDataRange().getValues();
    const decision = values[0].indexOf('Решение');
    for (let r = values.length - 1; r >= 1; r--) {
      if (values[r][decision] !== 'Направить поставщику') continue;
      const id = String(values[r][0]);
      provider.appendRow(values[r]);
      const row = at.get(id);
      if (row) ledger.getRange(row, stage).setValue('provider');
      journal.appendRow([new Date(), 'методист', 'направить поставщику', id, '', '', '']);
      bank.deleteRow(r + 1);
    }
  }
};

export const fairFormGroup = (ss: Spreadsheet, k: number): void => {
  const provider = sheet(ss, 'Копилка поставщика');
  const groups = sheet(ss, 'Группы');
  const archive = sheet(ss, 'Архив');
  const ledger = sheet(ss, 'Реестр заявок');
  const p = read(provider);
  const l = read(ledger);
  const inLedger = rowsById(l.values);
  const stage = l.col('Этап');
  const wanted = new Map(Array.from({ length: 40 }, (_, i) => [`2026-${String(800000 + k * 100 + i).padStart(6, '0')}`, i]));
  // Bottom-up, so deleting a row leaves the rows above it where they were read.
  for (let r = p.values.length - 1; r >= 1; r--) {
    const i = wanted.get(String(p.values[r][0]));
    if (i === undefined) continue;
    if (i < 30) groups.appendRow([`ГР-${k}-2026-01`, ...p.values[r]]);
    else archive.appendRow(p.values[r]);
    provider.deleteRow(r + 1);
    const row = inLedger.get(String(p.values[r][0]));
    if (row) ledger.getRange(row, stage).setValue(i < 30 ? 'group' : 'absent');
  }
};

/** The course list with counts: each sheet read once, counted in memory. */
export const fairOverview = (ss: Spreadsheet): void => {
  const courses = read(sheet(ss, 'Курсы')).values;
  const ledger = read(sheet(ss, 'Реестр заявок')).values;
  read(sheet(ss, 'Квоты'));
  const counts = new Map<unknown, number>();
  for (const r of ledger) counts.set(r[1], (counts.get(r[1]) ?? 0) + 1);
  courses.slice(1).map((c) => counts.get(c[0]) ?? 0);
};

export const fairAccess = (ss: Spreadsheet): void => {
  read(sheet(ss, 'Доступ'));
};

/** Completion: setValue per changed cell; archive: appendRow + deleteRow per learner (bottom-up) and the ledger cell. */
export const fairCompleteArchive = (ss: Spreadsheet, offset: number, k: number, step: 'complete' | 'archive'): void => {
  const groups = sheet(ss, 'Группы');
  const archive = sheet(ss, 'Архив');
  const ledger = sheet(ss, 'Реестр заявок');
  const g = read(groups);
  const idCol = g.col('Номер заявки') - 1;
  const wanted = new Map(Array.from({ length: 30 }, (_, i) => [`2026-${String(600000 + offset * 100 + k * 100 + i).padStart(6, '0')}`, i]));
  if (step === 'complete') {
    const outcome = g.col('Итог обучения');
    const reg = g.col('Рег. номер удостоверения');
    g.values.forEach((r, at) => {
      const i = wanted.get(String(r[idCol]));
      if (at === 0 || i === undefined) return;
      groups.getRange(at + 1, outcome).setValue('completed');
      groups.getRange(at + 1, reg).setValue(`2026/${String(i + 1).padStart(5, '0')}`);
    });
    return;
  }
  const l = read(ledger);
  const inLedger = rowsById(l.values);
  const stage = l.col('Этап');
  for (let r = g.values.length - 1; r >= 1; r--) {
    const id = String(g.values[r][idCol]);
    if (!wanted.has(id)) continue;
    archive.appendRow(g.values[r]);
    groups.deleteRow(r + 1);
    const row = inLedger.get(id);
    if (row) ledger.getRange(row, stage).setValue('completed');
  }
};

/** Statistics: the ledger read once, the data rows built in memory and written with one setValues. */
export const fairStatistics = (ss: Spreadsheet): void => {
  const ledger = read(sheet(ss, 'Реестр заявок')).values;
  const out = ss.getSheetByName('Статистика — данные') ?? ss.insertSheet('Статистика — данные');
  const rows = ledger.slice(1).map((r) => r.slice(0, 4));
  if (out.getMaxRows() < rows.length + 1) out.insertRowsAfter(out.getMaxRows(), rows.length + 1 - out.getMaxRows());
  if (rows.length) out.getRange(2, 1, rows.length, 4).setValues(rows);
};
