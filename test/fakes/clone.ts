// A deep copy of a whole fake Apps Script world (files, Drive, Form, properties, triggers, mail), with a fresh call
// counter: a test file builds its bank once and every test starts from its own copy of it.

import type { Calls } from './calls';
import { FakeFolder } from './drive-app';
import { FakeForm, FakeItem } from './form-app';
import { type FakeGas, fakeGas } from './services';
import { FakeSpreadsheet } from './spreadsheet';
import { FakeProtection, FakeRange, FakeSheet } from './spreadsheet-app';

// The fakes keep their state in fields (some private to keep the Apps Script surface honest); this module is the one
// place allowed to reach them.
type Open = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const open = (x: object): Open => x as Open;

const cloneValue = (v: unknown): unknown => (v instanceof Date ? new Date(v.getTime()) : v);

const cloneRange = (calls: Calls, sheet: FakeSheet, r: FakeRange): FakeRange => new FakeRange(calls, sheet, r.row, r.col, r.rows, r.cols, r.openEnded);

const cloneSheet = (calls: Calls, s: FakeSheet): FakeSheet => {
  const c = new FakeSheet(calls, s.name, s.owner);
  open(c).sheetId = s.sheetId; // the advanced Sheets service addresses grids by this id
  c.data = s.data.map((row) => row.map((cell) => ({ v: cloneValue(cell.v), f: cell.f, fmt: cell.fmt, rule: cell.rule })));
  c.maxRows = s.maxRows;
  c.maxCols = s.maxCols;
  c.frozenRows = s.frozenRows;
  c.frozenColumns = s.frozenColumns;
  c.hidden = s.hidden;
  c.widths = new Map(s.widths);
  c.hiddenColumns = new Set(s.hiddenColumns);
  c.formUrl = s.formUrl;
  c.protections = s.protections
    .filter((p) => !p.removed)
    .map((p) => {
      const q = new FakeProtection(calls, p.range ? cloneRange(calls, c, p.range) : null, s.owner, () => c.runner());
      q.warningOnly = p.warningOnly;
      q.description = p.description;
      q.unprotected = p.unprotected.map((r) => cloneRange(calls, c, r));
      q.editors = p.editors.slice();
      q.domainEdit = p.domainEdit;
      return q;
    });
  if (s.pivotTables.length || s.charts.length) throw new Error(`clone: pivot tables and charts are not copied (sheet ${s.name})`);
  return c;
};

/** Drive's copy of a spreadsheet's sheets into another (`makeCopy`): values, formats, protections — not the sharing. */
export const copySheets = (from: FakeSpreadsheet, to: FakeSpreadsheet): void => {
  const calls = open(to).calls as Calls;
  to.sheets = [];
  for (const s of from.sheets) open(to).adopt(cloneSheet(calls, s));
};

/** Sheets are copied when the copy is first looked into: a test touches the master and a few of the 43 workbooks. */
const cloneSpreadsheet = (calls: Calls, ss: FakeSpreadsheet, runner: () => string): FakeSpreadsheet => {
  const c = new FakeSpreadsheet(calls, ss.id, ss.name, ss.owner, runner);
  c.script = ss.script ? { ...ss.script } : null;
  let sheets: FakeSheet[] | null = null;
  Object.defineProperty(c, 'sheets', {
    configurable: true,
    enumerable: true,
    get: () => {
      if (!sheets) {
        sheets = [];
        Object.defineProperty(c, 'sheets', { value: sheets, writable: true, configurable: true, enumerable: true });
        for (const s of ss.sheets) open(c).adopt(cloneSheet(calls, s));
      }
      return sheets;
    },
    set: (v: FakeSheet[]) => {
      sheets = v;
      Object.defineProperty(c, 'sheets', { value: v, writable: true, configurable: true, enumerable: true });
    },
  });
  c.editors = ss.editors.slice();
  c.timeZone = ss.timeZone;
  c.modified = ss.modified;
  c.parents = ss.parents.slice();
  c.trashed = ss.trashed;
  return c;
};

const cloneFolder = (calls: Calls, f: FakeFolder, memo: Map<FakeFolder, FakeFolder>, runner: () => string): FakeFolder => {
  const c = new FakeFolder(calls, f.id, f.name, f.owner, runner);
  memo.set(f, c);
  c.editors = f.editors.slice();
  c.viewers = f.viewers.slice();
  c.folders.push(...f.folders.map((x) => cloneFolder(calls, x, memo, runner)));
  c.files.push(...f.files.map((x) => ({ ...x, editors: x.editors.slice(), viewers: x.viewers.slice() })));
  return c;
};

/** A new fake world equal to `g` in every file and setting, sharing nothing with it; its call counter starts at zero. */
export const cloneGas = (g: FakeGas): FakeGas => {
  const n = fakeGas(g.SpreadsheetApp.owner);
  const calls = n.calls;
  // Spreadsheets (the active one stays active).
  for (const [id, ss] of g.SpreadsheetApp.files)
    n.SpreadsheetApp.files.set(
      id,
      cloneSpreadsheet(calls, ss, () => n.SpreadsheetApp.runner()),
    );
  n.SpreadsheetApp.active = g.SpreadsheetApp.active ? (n.SpreadsheetApp.files.get(g.SpreadsheetApp.active.id) ?? null) : null;
  n.SpreadsheetApp.uiAvailable = g.SpreadsheetApp.uiAvailable;
  open(n.SpreadsheetApp).seq = open(g.SpreadsheetApp).seq;
  // Drive folders (a tree; the service's map holds the top-level ones).
  const memo = new Map<FakeFolder, FakeFolder>();
  const runner = () => n.SpreadsheetApp.runner();
  for (const [who, r] of g.DriveApp.roots) n.DriveApp.roots.set(who, cloneFolder(calls, r, memo, runner));
  for (const [id, f] of g.DriveApp.folders) n.DriveApp.folders.set(id, memo.get(f) ?? cloneFolder(calls, f, memo, runner));
  open(n.DriveApp).seq = open(g.DriveApp).seq;
  // Forms, linked to the copied response sheets.
  for (const [id, f] of g.FormApp.forms) {
    const c = new FakeForm(calls, f.id, f.title, (form, ssId) => void n.FormApp.link(form, ssId));
    c.description = f.description;
    c.confirmation = f.confirmation;
    c.owner = f.owner;
    c.destination = f.destination;
    c.items = f.items.map((i) =>
      Object.assign(new FakeItem(calls, i.id, i.type), {
        title: i.title,
        required: i.required,
        help: i.help,
        choices: i.choices.slice(),
        other: i.other,
        validation: i.validation,
      }),
    );
    open(c).seq = open(f).seq;
    const dest = f.destination ? n.SpreadsheetApp.files.get(f.destination) : undefined;
    c.responsesSheet = f.responsesSheet ? (dest?.sheets.find((s) => s.sheetId === f.responsesSheet?.sheetId) ?? null) : null;
    n.FormApp.forms.set(id, c);
  }
  open(n.FormApp).seq = open(g.FormApp).seq;
  // Script properties, triggers, mail, the session and the lock.
  for (const [k, v] of g.properties.store) n.properties.store.set(k, v);
  n.ScriptApp.triggers = g.ScriptApp.triggers.map((t) => ({ ...t }));
  open(n.ScriptApp).seq = open(g.ScriptApp).seq;
  n.MailApp.sent = g.MailApp.sent.map((m) => ({ ...m }));
  n.MailApp.quota = g.MailApp.quota;
  n.Session.runAs(g.Session.runner, { hideEmail: g.Session.email === '' });
  return n;
};
