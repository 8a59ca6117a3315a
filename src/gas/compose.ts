// Wiring: builds the bank's ports from Apps Script services for one execution.

import { CABINETS_FOLDER, DriveBookStore, mailAppMailer } from '../adapters/spreadsheet-app/drive-book-store';
import { DriveDocumentStore } from '../adapters/spreadsheet-app/drive-document-store';
import { setCourseChoices } from '../adapters/spreadsheet-app/form-app';
import { scriptLock, scriptProperties, scriptTriggers, sessionIdentity, systemClock } from '../adapters/spreadsheet-app/services';
import { SpreadsheetWorkbook } from '../adapters/spreadsheet-app/spreadsheet-workbook';
import { SheetsStatsPublisher } from '../adapters/spreadsheet-app/stats-publisher';
import type { App } from '../app/app';
import { MASTER_SHEETS } from '../core/sheets/master';
import type { TriggerSpec } from '../core/use-cases/setup-bank';

const MASTER_ID_KEY = 'EBPPK_MASTER_ID';

/** The master bank: the spreadsheet the script is bound to (its id is remembered for triggers that run without one). */
export const masterSpreadsheet = (): GoogleAppsScript.Spreadsheet.Spreadsheet => {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) return active;
  const id = PropertiesService.getScriptProperties().getProperty(MASTER_ID_KEY);
  if (!id) throw new Error('Банк не настроен: откройте таблицу банка и выполните «ЕБППК → Настроить банк».');
  return SpreadsheetApp.openById(id);
};

export const rememberMaster = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void => {
  const props = PropertiesService.getScriptProperties();
  const id = ss.getId();
  if (props.getProperty(MASTER_ID_KEY) !== id) props.setProperty(MASTER_ID_KEY, id);
};

/** The installable triggers the bank needs; setup keeps exactly these (one job for the whole bank, never one per territory). */
export const TRIGGER_SPECS: readonly TriggerSpec[] = [
  { handler: 'runJob_', kind: 'clock', everyMinutes: 5 },
  { handler: 'onFormSubmit_', kind: 'form-submit' },
  // «Доступ» edited by hand (a box unticked, a role changed) takes effect: the owner's job reconciles sharing next run.
  { handler: 'onMasterEdit_', kind: 'edit' },
];

export const compose = (): GasApp => {
  const ss = masterSpreadsheet();
  return {
    ss,
    // One request for the header rows of the bank's sheets, the first time an operation needs one (issue 19).
    master: new SpreadsheetWorkbook(ss, { perExecution: true, headers: MASTER_SHEETS }),
    clock: systemClock,
    identity: sessionIdentity,
    lock: scriptLock(),
    properties: scriptProperties(),
    triggers: scriptTriggers(() => ss),
    books: new DriveBookStore(),
    cabinets: new DriveBookStore(CABINETS_FOLDER),
    mailer: mailAppMailer,
    documents: new DriveDocumentStore(),
    statsPublisher: new SheetsStatsPublisher(ss),
    notify: (text: string) => {
      try {
        ss.toast(text, 'ЕБППК', 5);
      } catch (_e) {
        // A toast is a courtesy: never fail an action for it.
      }
    },
    setFormCourses: (labels: readonly string[], help: string) => void setCourseChoices(labels, help),
  };
};

/** The Apps Script app: the ports plus the bound spreadsheet and trigger management (setup, menus). */
export interface GasApp extends App {
  readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  readonly triggers: ReturnType<typeof scriptTriggers>;
}
