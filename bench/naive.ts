// The baseline: the same operations the naive way common in published Apps Script examples — values read and
// written one cell or row at a time, appendRow/deleteRow per row, sheets re-read inside loops. Written once, here.
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const col = (sheet: Sheet, header: string): number => {
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
  return headers.indexOf(header) + 1;
};

/** Looks a value up row by row with getValue, as in countless tutorials. */
const findRow = (sheet: Sheet, column: number, value: string): number => {
  const last = sheet.getLastRow();
  for (let r = 2; r <= last; r++) if (String(sheet.getRange(r, column).getValue()) === value) return r;
  return -1;
};

export const naiveIntake = (ss: Spreadsheet, k: number): void => {
  const ledger = ss.getSheetByName('Реестр заявок') as Sheet;
  const keyCol = col(ledger, 'Ключ человека');
  const courseCol = col(ledger, 'Курс');
  const last = ledger.getLastRow();
  for (let r = 2; r <= last; r++) {
    // Duplicate check, cell by cell.
    if (ledger.getRange(r, keyCol).getValue() === `snils:000${100 + k}00000` && ledger.getRange(r, courseCol).getValue() === 'ОМ-01') return;
  }
  const row = new Array(ledger.getLastColumn()).fill('');
  row[0] = `2026-${String(700000 + k)}`;
  ledger.appendRow(row);
  (ss.getSheetByName('Журнал') as Sheet).appendRow([new Date(), 'форма', 'заявка принята', row[0], '', '', '']);
  const territories = ss.getSheetByName('Территории') as Sheet;
  const bookId = territories.getRange(findRow(territories, 1, 'perm'), col(territories, 'Книга территории (id)')).getValue();
  SpreadsheetApp.openById(String(bookId)).getSheetByName('Копилка методиста')?.appendRow([row[0], 'ОМ-01']);
  (ss.getSheetByName('Исходящие') as Sheet).appendRow([`${row[0]}/принята`, 'x@y.ru', 'тема', 'текст', new Date(), 'ждёт']);
};

/** Opens every territory workbook and reads its sheet, whether it changed or not. */
export const naiveSync = (ss: Spreadsheet): void => {
  const territories = ss.getSheetByName('Территории') as Sheet;
  const idCol = col(territories, 'Книга территории (id)');
  const ledger = ss.getSheetByName('Реестр заявок') as Sheet;
  const ledgerId = 1;
  const stageCol = col(ledger, 'Этап');
  const provider = ss.getSheetByName('Копилка поставщика') as Sheet;
  const journal = ss.getSheetByName('Журнал') as Sheet;
  for (let t = 2; t <= territories.getLastRow(); t++) {
    const book = SpreadsheetApp.openById(String(territories.getRange(t, idCol).getValue()));
    const bank = book.getSheetByName('Копилка методиста') as Sheet;
    let values = bank.getDataRange().getValues();
    const decisionCol = values[0].indexOf('Решение');
    for (let r = 1; r < values.length; r++) {
      if (values[r][decisionCol] !== 'Направить поставщику') continue;
      const id = String(values[r][0]);
      provider.appendRow(values[r]);
      const at = findRow(ledger, ledgerId, id);
      ledger.getRange(at, stageCol).setValue('provider');
      journal.appendRow([new Date(), 'методист', 'направить поставщику', id, '', '', '']);
      bank.deleteRow(r + 1);
      values = bank.getDataRange().getValues(); // re-read after every delete
      r--;
    }
  }
};

export const naiveFormGroup = (ss: Spreadsheet, k: number): void => {
  const provider = ss.getSheetByName('Копилка поставщика') as Sheet;
  const groups = ss.getSheetByName('Группы') as Sheet;
  const archive = ss.getSheetByName('Архив') as Sheet;
  const ledger = ss.getSheetByName('Реестр заявок') as Sheet;
  const stageCol = col(ledger, 'Этап');
  for (let i = 0; i < 40; i++) {
    const id = `${2026}-${String(800000 + k * 100 + i).padStart(6, '0')}`;
    const r = findRow(provider, 1, id);
    if (r < 0) continue;
    const values = provider.getRange(r, 1, 1, provider.getLastColumn()).getValues()[0];
    if (i < 30) groups.appendRow([`ГР-${k}-2026-01`, ...values]);
    else archive.appendRow(values);
    provider.deleteRow(r);
    ledger.getRange(findRow(ledger, 1, id), stageCol).setValue(i < 30 ? 'group' : 'absent');
  }
};

/** The course list with counts: the ledger re-read once per course. */
export const naiveOverview = (ss: Spreadsheet): void => {
  const courses = (ss.getSheetByName('Курсы') as Sheet).getDataRange().getValues();
  for (let c = 1; c < courses.length; c++) {
    const ledger = (ss.getSheetByName('Реестр заявок') as Sheet).getDataRange().getValues();
    ledger.filter((r) => r[1] === courses[c][0]).length;
    (ss.getSheetByName('Квоты') as Sheet).getDataRange().getValues();
  }
};

export const naiveAccess = (ss: Spreadsheet): void => {
  const access = ss.getSheetByName('Доступ') as Sheet;
  for (let r = 2; r <= access.getLastRow(); r++) for (let c = 1; c <= 5; c++) access.getRange(r, c).getValue();
};

/** Completion and archive, one learner at a time: find, set each cell, append, delete, find in the ledger again. */
export const naiveCompleteArchive = (ss: Spreadsheet, offset: number, k: number, step: 'complete' | 'archive'): void => {
  const groups = ss.getSheetByName('Группы') as Sheet;
  const archive = ss.getSheetByName('Архив') as Sheet;
  const ledger = ss.getSheetByName('Реестр заявок') as Sheet;
  const idCol = col(groups, 'Номер заявки');
  const outcomeCol = col(groups, 'Итог обучения');
  const regCol = col(groups, 'Рег. номер удостоверения');
  const stageCol = col(ledger, 'Этап');
  for (let i = 0; i < 30; i++) {
    const id = `2026-${String(600000 + offset * 100 + k * 100 + i).padStart(6, '0')}`;
    const r = findRow(groups, idCol, id);
    if (r < 0) continue;
    if (step === 'complete') {
      groups.getRange(r, outcomeCol).setValue('completed');
      groups.getRange(r, regCol).setValue(`2026/${String(i + 1).padStart(5, '0')}`);
      continue;
    }
    archive.appendRow(groups.getRange(r, 1, 1, groups.getLastColumn()).getValues()[0]);
    groups.deleteRow(r);
    ledger.getRange(findRow(ledger, 1, id), stageCol).setValue('completed');
  }
};

/** Statistics the naive way: one pass over the ledger cell by cell, one row appended per application. */
export const naiveStatistics = (ss: Spreadsheet): void => {
  const ledger = ss.getSheetByName('Реестр заявок') as Sheet;
  const out = ss.getSheetByName('Статистика — данные') ?? ss.insertSheet('Статистика — данные');
  const last = ledger.getLastRow();
  for (let r = 2; r <= last; r++) {
    const row = [1, 2, 3, 4].map((c) => ledger.getRange(r, c).getValue());
    out.appendRow(row);
  }
};
