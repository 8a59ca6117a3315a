// Loads the cabinet script (build-cabinet/Code.js) bound to one cabinet spreadsheet, over the same fake world, with only
// what its manifest grants: this spreadsheet (`spreadsheets.currentonly` — openById and other files fail), its menu and
// sidebar, the user's e-mail. No DriveApp, MailApp, FormApp or advanced services exist in its global scope.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import { clockedDate, type FakeGas, FakeHtmlService } from '../fakes/services';
import { type FakeSpreadsheet, NO_ACCESS } from '../fakes/spreadsheet';

export const CABINET_BUILD = path.join(__dirname, '..', '..', 'build-cabinet');
const CODE = path.join(CABINET_BUILD, 'Code.js');

let compiled: vm.Script | null = null;
const script = (): vm.Script => {
  compiled ??= new vm.Script(fs.readFileSync(CODE, 'utf8'), { filename: pathToFileURL(CODE).href });
  return compiled;
};

export interface LoadedCabinet {
  readonly code: Record<string, any>;
  readonly ss: FakeSpreadsheet;
}

export const loadCabinet = (gas: FakeGas, spreadsheetId: string): LoadedCabinet => {
  const ss = gas.SpreadsheetApp.files.get(spreadsheetId);
  if (!ss) throw new Error(`no spreadsheet ${spreadsheetId}`);
  if (ss.script?.build !== 'cabinet') throw new Error(`spreadsheet ${spreadsheetId} carries no cabinet script`);
  const app = gas.SpreadsheetApp;
  const SpreadsheetApp = {
    getActiveSpreadsheet: () => {
      gas.calls.hit('SpreadsheetApp.getActiveSpreadsheet');
      // Only editors open the cabinet and run its script.
      if (!ss.canEdit(app.runner())) throw new Error(`Exception: ${NO_ACCESS}`);
      return ss;
    },
    openById: () => {
      gas.calls.hit('SpreadsheetApp.openById');
      throw new Error(
        'Exception: Specified permissions are not sufficient to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
      );
    },
    getUi: () => app.getUi(),
    flush: () => app.flush(),
    newDataValidation: () => app.newDataValidation(),
  };
  const globals = {
    SpreadsheetApp,
    Session: gas.Session,
    LockService: gas.LockService,
    ScriptApp: { getScriptId: () => (ss.script as { id: string }).id },
    HtmlService: new FakeHtmlService(gas.calls, CABINET_BUILD),
    console: { log: () => undefined, info: () => undefined, warn: () => undefined, error: (...a: unknown[]) => gas.logs.push(a.map(String).join(' ')) },
    Date: clockedDate(gas.Clock),
  };
  const code = vm.createContext(globals) as Record<string, any>;
  script().runInContext(code);
  return { code, ss };
};
