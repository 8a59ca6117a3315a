// The cabinet script: bound to each subdivision's cabinet (copied with it from the cabinet template), built on its own
// (build-cabinet/) with the narrowest scopes — this spreadsheet only, its menu and sidebar, the user's e-mail. It runs
// as the head or leader who clicked and can reach nothing but this cabinet; the owner's job does the rest.

import { sessionIdentity, systemClock } from '../adapters/spreadsheet-app/services';
import { SpreadsheetWorkbook } from '../adapters/spreadsheet-app/spreadsheet-workbook';
import { saveAttendance as attendance, getCabinet as cabinetView, getCabinetCourse as course, recordScript, submitRequest as request } from '../app/cabinet';
import { errorText } from '../app/errors';
import { withToday } from '../app/today';
import { SCHEMA_VERSION } from '../core/version';

/** One per call (each call is one execution): a sheet read in full is read once in it (the board reads «Курсы» again). */
const book = () => new SpreadsheetWorkbook(SpreadsheetApp.getActiveSpreadsheet(), { perExecution: true });

/** Two people of the subdivision writing at once: the cabinet's document lock, flushed before release. */
const locked = <T>(fn: () => T): T => {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(30000)) return { ok: false, error: 'Кабинет занят другой операцией. Подождите минуту и повторите.' } as T;
  try {
    return fn();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
};

/** Simple trigger (LIMITED mode): the menu, and which script this cabinet carries — written to its own «Служебное». */
export function onOpen(): void {
  try {
    SpreadsheetApp.getUi().createMenu('ЕБППК').addItem('Кабинет подразделения', 'showCabinet_').addToUi();
  } catch (e) {
    console.error(`onOpen: ${errorText(e)}`);
  }
  try {
    recordScript(book(), ScriptApp.getScriptId(), SCHEMA_VERSION);
  } catch (e) {
    console.error(`onOpen (script id): ${errorText(e)}`);
  }
}

export function showCabinet_(): void {
  try {
    const html = HtmlService.createHtmlOutputFromFile('cabinet').setTitle('Кабинет подразделения');
    SpreadsheetApp.getUi().showSidebar(html.setContent(withToday(html.getContent(), systemClock)));
  } catch (e) {
    console.error(`showCabinet_: ${errorText(e)}`);
    SpreadsheetApp.getUi().alert(`Не удалось открыть кабинет. ${errorText(e)}`);
  }
}

export const getCabinet = () => cabinetView(book(), sessionIdentity.email(), systemClock);
export const getCabinetCourse = (raw?: unknown) => course(book(), sessionIdentity.email(), raw);
export const submitRequest = (raw?: unknown) => locked(() => request(book(), sessionIdentity.email(), systemClock, raw));
export const saveAttendance = (raw?: unknown) => locked(() => attendance(book(), sessionIdentity.email(), systemClock, raw));
