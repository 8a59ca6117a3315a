// Loads the real build/Code.js into a fresh vm context over a set of fakes, as Apps Script runs it: top-level functions
// of one script file in one global scope. The script is compiled once per test file; its file:// name lets V8's
// coverage find Code.js and, through Code.js.map, the src/ lines it came from.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import { clockedDate, type FakeGas, fakeGas } from '../fakes/services';

export const BUILD = path.join(__dirname, '..', '..', 'build');
const CODE = path.join(BUILD, 'Code.js');

export interface Loaded {
  gas: FakeGas;
  /** The Apps Script global scope: top-level functions of Code.js. */
  code: Record<string, any>;
}

let compiled: vm.Script | null = null;
const script = (): vm.Script => {
  compiled ??= new vm.Script(fs.readFileSync(CODE, 'utf8'), { filename: pathToFileURL(CODE).href });
  return compiled;
};

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
    CacheService: gas.CacheService,
    ContentService: gas.ContentService,
    console: { log: () => undefined, info: () => undefined, warn: () => undefined, error: (...a: unknown[]) => gas.logs.push(a.map(String).join(' ')) },
    Date: clockedDate(gas.Clock),
  };
  const code = vm.createContext(globals) as Record<string, any>;
  script().runInContext(code);
  return { gas, code };
};
