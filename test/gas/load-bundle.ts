// Loads the real build/Code.js into a vm with gas-local and a fresh set of fakes.
import * as path from 'node:path';
import { type FakeGas, fakeGas } from '../fakes/services';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const gasLocal = require('gas-local') as { require: (dir: string, globals: object, opts?: object) => Record<string, any> };

export const BUILD = path.join(__dirname, '..', '..', 'build');

export interface Loaded {
  gas: FakeGas;
  /** The Apps Script global scope: top-level functions of Code.js. */
  code: Record<string, any>;
}

export const loadBundle = (gas: FakeGas = fakeGas()): Loaded => {
  const globals = {
    SpreadsheetApp: gas.SpreadsheetApp,
    Session: gas.Session,
    LockService: gas.LockService,
    PropertiesService: gas.PropertiesService,
    ScriptApp: gas.ScriptApp,
    HtmlService: gas.HtmlService,
    Logger: gas.Logger,
    DriveApp: gas.DriveApp,
    MailApp: gas.MailApp,
    FormApp: gas.FormApp,
    Sheets: gas.Sheets,
    Utilities: gas.Utilities,
    Charts: gas.Charts,
    console: { log: () => undefined, info: () => undefined, warn: () => undefined, error: (...a: unknown[]) => gas.logs.push(a.map(String).join(' ')) },
  };
  const code = gasLocal.require(BUILD, globals, { filter: (f: string) => f.endsWith('Code.js') });
  return { gas, code };
};
