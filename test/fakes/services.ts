// Fakes of the small Apps Script services the bank uses: Session, LockService, PropertiesService, ScriptApp, HtmlService.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Calls } from './calls';
import { FakeDriveApp, fakeUtilities, LOCAL_ZONE, wallClock } from './drive-app';
import { FakeFormApp } from './form-app';
import { type FakeSpreadsheet, FakeSpreadsheetApp } from './spreadsheet';
import { FakePivotTable, FakeRange, FakeRule, type FakeSheet } from './spreadsheet-app';

/** MailApp with a daily quota; `failNext` makes the next sends throw as Gmail does on a bad address or an outage. */
export class FakeMailApp {
  sent: Array<{ to: string; subject: string; body: string }> = [];
  quota = 100;
  failNext = 0;
  constructor(private readonly calls: Calls) {}
  getRemainingDailyQuota(): number {
    this.calls.hit('MailApp.getRemainingDailyQuota');
    return this.quota;
  }
  sendEmail(m: { to: string; subject: string; body: string; name?: string; noReply?: boolean }): void {
    this.calls.hit('MailApp.sendEmail');
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('Service invoked too many times for one day: email.');
    }
    if (this.quota <= 0) throw new Error('Service invoked too many times for one day: email.');
    this.quota--;
    this.sent.push({ to: m.to, subject: m.subject, body: m.body });
  }
}

/**
 * Who an execution runs as. `runner` is the Google account the script acts as — whose permissions every file access is
 * checked against; `getActiveUser()` reveals it unless hidden (Apps Script returns '' for many consumer accounts).
 * A menu item or google.script.run runs as the person who clicked (`runAs`); an installable trigger as the account that
 * installed it (`asInstaller`).
 */
export class FakeSession {
  private shown = '';
  constructor(
    private readonly calls: Calls,
    /** Until a test says otherwise, an execution runs as the bank's owner (who sets the bank up), email hidden. */
    public runner: string,
  ) {}
  /** Shorthand kept for tests: the runner, revealed (an empty string is nobody, with access to nothing). */
  get email(): string {
    return this.shown;
  }
  set email(account: string) {
    this.runAs(account);
  }
  runAs(account: string, opts: { hideEmail?: boolean } = {}): void {
    this.runner = account;
    this.shown = opts.hideEmail ? '' : account;
  }
  /**
   * A visit to a web app deployed to execute as `owner`: the execution runs as the owner, and the visitor is the active
   * user — their address inside one Workspace domain, '' for anyone else.
   */
  visitWebApp(owner: string, visitor: string): void {
    this.runner = owner;
    this.shown = visitor;
  }
  getActiveUser() {
    this.calls.hit('Session.getActiveUser');
    const shown = this.shown;
    return { getEmail: () => shown };
  }
  getEffectiveUser() {
    this.calls.hit('Session.getEffectiveUser');
    const runner = this.runner;
    return { getEmail: () => runner };
  }
  /** The script's time zone is the one its Dates show wall-clock time in: here, the process's (TZ, set by the tests). */
  getScriptTimeZone() {
    this.calls.hit('Session.getScriptTimeZone');
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
}

/** One script lock; `held` tells whether an execution holds it. Interleaving tests drive it directly. */
export class FakeLockService {
  held = false;
  /** When true, waitLock fails as if another execution held the lock past the timeout. */
  busy = false;
  constructor(private readonly calls: Calls) {}
  /** The cabinet script's lock on its own spreadsheet: modelled as the same single lock. */
  getDocumentLock() {
    this.calls.hit('LockService.getDocumentLock');
    return this.lockObject();
  }
  getScriptLock() {
    this.calls.hit('LockService.getScriptLock');
    return this.lockObject();
  }
  private lockObject() {
    const svc = this;
    let mine = false;
    return {
      waitLock(_ms: number) {
        svc.calls.hit('Lock.waitLock');
        if (svc.busy || svc.held) throw new Error('Lock timeout: another process was holding the lock for too long.');
        svc.held = mine = true;
      },
      tryLock(_ms: number) {
        svc.calls.hit('Lock.tryLock');
        if (svc.busy || svc.held) return false;
        return (svc.held = mine = true);
      },
      releaseLock() {
        svc.calls.hit('Lock.releaseLock');
        if (mine) svc.held = mine = false;
      },
      hasLock() {
        return mine;
      },
    };
  }
}

/** Apps Script's property limits: 9 KB a value, 500 KB a store. */
export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

export class FakeProperties {
  readonly store = new Map<string, string>();
  constructor(private readonly calls: Calls) {}
  getProperty(k: string): string | null {
    this.calls.hit('Properties.getProperty');
    return this.store.has(k) ? (this.store.get(k) as string) : null;
  }
  /**
   * Google's limits (Quotas for Google Services): a value of at most 9 KB, a store of at most 500 KB (keys and values,
   * UTF-8). Past them Apps Script throws, and so does the fake: a bank that relies on a limit is tested against it.
   */
  setProperty(k: string, v: string) {
    this.calls.hit('Properties.setProperty');
    const value = String(v);
    if (Buffer.byteLength(value, 'utf8') > PROPERTY_VALUE_LIMIT) throw new Error('Exception: Argument too large: value');
    const total = [...this.store].filter(([key]) => key !== k).reduce((n, [key, x]) => n + Buffer.byteLength(key + x, 'utf8'), 0);
    if (total + Buffer.byteLength(k + value, 'utf8') > PROPERTY_STORE_LIMIT)
      throw new Error('Exception: You have exceeded the property storage quota. Please remove some properties and try again.');
    this.store.set(k, value);
    return this;
  }
  deleteProperty(k: string) {
    this.calls.hit('Properties.deleteProperty');
    this.store.delete(k);
    return this;
  }
}

export interface FakeTrigger {
  id: string;
  handler: string;
  kind: string;
  source: string;
  /** The account that installed it: the trigger runs as this account, whoever caused the event. */
  installer: string;
}

export class FakeScriptApp {
  triggers: FakeTrigger[] = [];
  /** Who the current execution runs as (set by fakeGas). */
  runner: () => string = () => '';
  private seq = 0;
  constructor(private readonly calls: Calls) {}
  getProjectTriggers() {
    this.calls.hit('ScriptApp.getProjectTriggers');
    return this.triggers.map((t) => ({ getHandlerFunction: () => t.handler, getUniqueId: () => t.id, getEventType: () => t.kind, _t: t }));
  }
  deleteTrigger(t: { _t: FakeTrigger }) {
    this.calls.hit('ScriptApp.deleteTrigger');
    this.triggers = this.triggers.filter((x) => x !== t._t);
  }
  /** The deployed web app's address (the status page posts its form to it). */
  webAppUrl = 'https://script.google.com/macros/s/fake-deployment/exec';
  getService() {
    this.calls.hit('ScriptApp.getService');
    return { getUrl: () => this.webAppUrl };
  }
  newTrigger(handler: string) {
    this.calls.hit('ScriptApp.newTrigger');
    const add = (kind: string, source: string) => {
      if (this.triggers.length >= 20) throw new Error('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
      const t = { id: `t${++this.seq}`, handler, kind, source, installer: this.runner() };
      this.triggers.push(t);
      return t;
    };
    const timeBuilder = {
      everyMinutes: (n: number) => ({ create: () => add('CLOCK', `every ${n} min`) }),
      everyHours: (n: number) => ({ create: () => add('CLOCK', `every ${n} h`) }),
    };
    return {
      timeBased: () => timeBuilder,
      forSpreadsheet: (ss: { id: string } | string) => ({
        onFormSubmit: () => ({ create: () => add('ON_FORM_SUBMIT', typeof ss === 'string' ? ss : ss.id) }),
        onOpen: () => ({ create: () => add('ON_OPEN', typeof ss === 'string' ? ss : ss.id) }),
        onEdit: () => ({ create: () => add('ON_EDIT', typeof ss === 'string' ? ss : ss.id) }),
      }),
    };
  }
  get EventType() {
    return { CLOCK: 'CLOCK', ON_FORM_SUBMIT: 'ON_FORM_SUBMIT', ON_EDIT: 'ON_EDIT' };
  }
  get AuthMode() {
    return { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL' };
  }
}

/** Serves the built sidebar files from build/, as Apps Script serves the pushed .html files. */
export class FakeHtmlService {
  constructor(
    private readonly calls: Calls,
    private readonly dir = path.join(__dirname, '..', '..', 'build'),
  ) {}
  createHtmlOutputFromFile(name: string) {
    this.calls.hit('HtmlService.createHtmlOutputFromFile');
    let content = fs.readFileSync(path.join(this.dir, `${name}.html`), 'utf8');
    let title = '';
    const out = {
      getContent: () => content,
      setContent: (c: string) => ((content = c), out),
      setTitle: (t: string) => ((title = t), out),
      getTitle: () => title,
      append: (s: string) => ((content += s), out),
      setWidth: () => out,
    };
    return out;
  }
  createHtmlOutput(html = '') {
    this.calls.hit('HtmlService.createHtmlOutput');
    let content = html;
    let title = '';
    const out = {
      getContent: () => content,
      setContent: (c: string) => ((content = c), out),
      setTitle: (t: string) => ((title = t), out),
      getTitle: () => title,
      append: (s: string) => ((content += s), out),
      setWidth: () => out,
    };
    return out;
  }
}

interface GridRange {
  sheetId: number;
  startRowIndex: number;
  endRowIndex: number;
  startColumnIndex: number;
  endColumnIndex: number;
}

/** The cells of `appendCells`/`updateCells` as the bank sends them (ExtendedValue, CellFormat.numberFormat, DataValidationRule). */
interface ApiCell {
  userEnteredValue?: { stringValue?: string; numberValue?: number; boolValue?: boolean; formulaValue?: string };
  userEnteredFormat?: { numberFormat?: { type: string; pattern?: string } };
  dataValidation?: { condition: { type: string; values?: Array<{ userEnteredValue: string }> }; strict?: boolean };
}

interface ApiRequest {
  appendCells?: { sheetId: number; rows: Array<{ values?: ApiCell[] }>; fields: string };
  appendDimension?: { sheetId: number; dimension: string; length: number };
  deleteDimension?: { range: { sheetId: number; dimension: string; startIndex: number; endIndex: number } };
  updateCells?: {
    /** Either `start` (rows written from there) or `range` (the fields cleared where `rows` is absent). */
    start?: { sheetId: number; rowIndex: number; columnIndex: number };
    range?: GridRange;
    fields: string;
    rows?: Array<{
      values?: Array<
        ApiCell & {
          pivotTable?: {
            source: GridRange;
            rows: Array<{ sourceColumnOffset: number }>;
            values: Array<{ sourceColumnOffset: number; summarizeFunction: string; name?: string }>;
          };
        }
      >;
    }>;
  };
  addChart?: {
    chart: {
      spec: {
        title?: string;
        basicChart: {
          chartType: string;
          domains: Array<{ domain: { sourceRange: { sources: GridRange[] } } }>;
          series: Array<{ series: { sourceRange: { sources: GridRange[] } } }>;
        };
      };
      position: { overlayPosition: { anchorCell: { sheetId: number; rowIndex: number; columnIndex: number } } };
    };
  };
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** The instant whose wall-clock time in `tz` is the serial number's (how a date cell reads back in Apps Script). */
const dateOfSerial = (serial: number, tz: string): Date => {
  const wall = SERIAL_EPOCH + Math.round(serial * 86_400_000);
  if (tz === LOCAL_ZONE) {
    const w = new Date(wall);
    return new Date(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds(), w.getUTCMilliseconds());
  }
  let t = wall;
  for (let i = 0; i < 3; i++) {
    const w = wallClock(new Date(t), tz);
    t += wall - (Date.UTC(w.y, w.M - 1, w.d, w.H, w.m, w.s) + (((t % 1000) + 1000) % 1000));
  }
  return new Date(t);
};

type Fields = (field: string) => boolean;
const fieldsOf = (list: string | undefined, what: string): Fields => {
  if (!list) throw new Error(`Invalid requests[0].${what}: At least one field must be updated.`);
  const fields = new Set(list.split(',').map((f) => f.trim()));
  return (f) => fields.has('*') || fields.has(f) || fields.has(f.split('.')[0]);
};

const RULE_KINDS: Record<string, string> = { ONE_OF_LIST: 'list', BOOLEAN: 'checkbox', DATE_IS_VALID: 'date' };

/**
 * Writes the rows of an `appendCells` or `updateCells` from cell (row, col), 1-based: a `stringValue` is stored as is,
 * never parsed; a `numberValue` in a date-formatted cell reads back as a Date in the spreadsheet's time zone; a field
 * named but absent from a cell clears it. Protected cells refuse the write as SpreadsheetApp's do.
 */
const writeCells = (ss: FakeSpreadsheet, sheet: FakeSheet, row: number, col: number, rows: Array<{ values?: ApiCell[] }>, sets: Fields): void => {
  if (!rows.length) return;
  const width = Math.max(...rows.map((r) => r.values?.length ?? 0));
  if (row + rows.length - 1 > sheet.maxRows || col + width - 1 > sheet.maxCols)
    throw new Error(
      `Range ('${sheet.name}'!R${row + rows.length - 1}C${col + width - 1}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxCols}`,
    );
  sheet.guard(row, col, rows.length, Math.max(1, width));
  rows.forEach((line, i) =>
    (line.values ?? []).forEach((cell, j) => {
      const c = sheet.cell(row + i, col + j);
      if (sets('userEnteredFormat.numberFormat')) c.fmt = cell.userEnteredFormat?.numberFormat?.pattern ?? '';
      if (sets('dataValidation')) {
        const rule = cell.dataValidation;
        if (rule && !RULE_KINDS[rule.condition.type]) throw new Error(`Unsupported validation in the fake: ${rule.condition.type}`);
        c.rule = rule
          ? new FakeRule(
              RULE_KINDS[rule.condition.type],
              (rule.condition.values ?? []).map((v) => v.userEnteredValue),
            )
          : null;
      }
      if (sets('userEnteredValue')) {
        const v = cell.userEnteredValue;
        const dated = /^DATE/.test(cell.userEnteredFormat?.numberFormat?.type ?? '') || /y/.test(c.fmt);
        c.f = v?.formulaValue;
        c.v =
          v === undefined
            ? ''
            : v.stringValue !== undefined
              ? v.stringValue
              : v.numberValue !== undefined
                ? dated
                  ? dateOfSerial(v.numberValue, ss.timeZone)
                  : v.numberValue
                : v.boolValue !== undefined
                  ? v.boolValue
                  : '#ERROR!';
      }
    }),
  );
  sheet.cellsWritten += rows.length * width;
  sheet.touch();
};

/**
 * The advanced Sheets service's `Spreadsheets.batchUpdate`, with the requests the bank sends: `appendCells`, `deleteDimension` of rows,
 * `updateCells` of text values and pivot tables, `addChart` of a basic chart. All of a batch or nothing, as the API
 * does (every request is checked before any is applied); an unknown request is refused.
 */
export const fakeSheetsApi = (calls: Calls, app: FakeSpreadsheetApp) => {
  /** The kinds of request in each batch sent, in order (tests: which work went in one request). */
  const batches: string[][] = [];
  return {
    batches,
    Spreadsheets: {
      batchUpdate(resource: { requests: ApiRequest[] }, spreadsheetId: string) {
        calls.hit('Sheets.batchUpdate');
        batches.push(resource.requests.map((r) => Object.keys(r)[0]));
        const ss = app.files.get(spreadsheetId);
        if (!ss) throw new Error(`Requested entity was not found: ${spreadsheetId}`);
        if (!ss.canEdit(app.runner())) throw new Error('The caller does not have permission');
        const grid = (id: number) => {
          const sheet = ss.sheets.find((s) => s.sheetId === id);
          if (!sheet) throw new Error(`No grid with id: ${id}`);
          return sheet;
        };
        const rangeOf = (g: GridRange) =>
          new FakeRange(
            calls,
            grid(g.sheetId),
            g.startRowIndex + 1,
            g.startColumnIndex + 1,
            g.endRowIndex - g.startRowIndex,
            g.endColumnIndex - g.startColumnIndex,
          );
        const apply: Array<() => void> = [];
        for (const r of resource.requests) {
          if (r.appendCells) {
            const a = r.appendCells;
            const sheet = grid(a.sheetId);
            const sets = fieldsOf(a.fields, 'appendCells');
            // After the last row with data; Sheets inserts the rows a full sheet lacks.
            apply.push(() => {
              const first = sheet.lastRow() + 1;
              sheet.maxRows = Math.max(sheet.maxRows, first + a.rows.length - 1);
              writeCells(ss, sheet, first, 1, a.rows, sets);
            });
          } else if (r.deleteDimension) {
            const d = r.deleteDimension;
            if (d.range.dimension !== 'ROWS') throw new Error('Unsupported request in the fake');
            const sheet = grid(d.range.sheetId);
            apply.push(() => {
              if (sheet.maxRows - (d.range.endIndex - d.range.startIndex) <= sheet.frozenRows)
                throw new Error("You can't delete all the rows on the sheet that are not frozen.");
              sheet.data.splice(d.range.startIndex, d.range.endIndex - d.range.startIndex);
              sheet.maxRows -= d.range.endIndex - d.range.startIndex;
              sheet.touch();
            });
          } else if (r.appendDimension) {
            const d = r.appendDimension;
            if (d.dimension !== 'ROWS') throw new Error('Unsupported request in the fake');
            const sheet = grid(d.sheetId);
            apply.push(() => void (sheet.maxRows += d.length));
          } else if (r.updateCells) {
            const u = r.updateCells;
            const sets = fieldsOf(u.fields, 'updateCells');
            if (u.range && !u.rows) {
              const g = u.range;
              const sheet = grid(g.sheetId);
              apply.push(() => {
                sheet.guard(g.startRowIndex + 1, g.startColumnIndex + 1, g.endRowIndex - g.startRowIndex, g.endColumnIndex - g.startColumnIndex);
                for (let i = g.startRowIndex; i < g.endRowIndex; i++)
                  for (let j = g.startColumnIndex; j < g.endColumnIndex; j++) {
                    const c = sheet.cell(i + 1, j + 1);
                    if (sets('userEnteredValue')) [c.v, c.f] = ['', undefined];
                    if (sets('userEnteredFormat.numberFormat')) c.fmt = '';
                    if (sets('dataValidation')) c.rule = null;
                  }
                sheet.touch();
              });
              continue;
            }
            if (!u.start || !u.rows) throw new Error('Unsupported request in the fake');
            const start = u.start;
            const rows = u.rows;
            const sheet = grid(start.sheetId);
            apply.push(() => {
              writeCells(ss, sheet, start.rowIndex + 1, start.columnIndex + 1, rows, (f) => f !== 'pivotTable' && sets(f));
              if (!sets('pivotTable')) return;
              rows.forEach((row, i) =>
                (row.values ?? []).forEach((cell, j) => {
                  const p = cell.pivotTable;
                  if (!p) return;
                  const at = new FakeRange(calls, sheet, start.rowIndex + 1 + i, start.columnIndex + 1 + j, 1, 1);
                  const pt = new FakePivotTable(calls, at, rangeOf(p.source));
                  p.rows.forEach((g) => pt.rowGroups.push(g.sourceColumnOffset + 1));
                  p.values.forEach((v) => pt.values.push({ column: v.sourceColumnOffset + 1, fn: v.summarizeFunction, name: v.name ?? '' }));
                  sheet.pivotTables.push(pt);
                }),
              );
            });
          } else if (r.addChart) {
            const c = r.addChart.chart;
            const anchor = c.position.overlayPosition.anchorCell;
            const sheet = grid(anchor.sheetId);
            const b = c.spec.basicChart;
            const ranges = [...b.domains.map((d) => d.domain.sourceRange.sources[0]), ...b.series.map((x) => x.series.sourceRange.sources[0])].map(rangeOf);
            apply.push(() => sheet.charts.push({ type: b.chartType, ranges, row: anchor.rowIndex + 1, options: { title: c.spec.title ?? '' } }));
          } else throw new Error('Unsupported request in the fake');
        }
        for (const f of apply) f();
        return {};
      },
      /**
       * `Values.batchGet` of the ranges the bank asks for — a sheet whole ('Name'), rows ('Name'!1:1) or a block
       * ('Name'!A5:AB7) — unformatted as the API answers: dates as serial numbers in the spreadsheet's zone, each row
       * without its trailing blanks, trailing blank rows left out.
       */
      Values: {
        batchGet(spreadsheetId: string, options: { ranges: string[]; valueRenderOption?: string; dateTimeRenderOption?: string }) {
          calls.hit('Sheets.Values.batchGet');
          const ss = app.files.get(spreadsheetId);
          if (!ss) throw new Error(`Requested entity was not found: ${spreadsheetId}`);
          if (!ss.canEdit(app.runner())) throw new Error('The caller does not have permission');
          if (options.valueRenderOption !== 'UNFORMATTED_VALUE') throw new Error('The fake answers unformatted values only');
          if ((options.dateTimeRenderOption ?? 'SERIAL_NUMBER') !== 'SERIAL_NUMBER') throw new Error('The fake answers dates as serial numbers only');
          const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
          const parsed = options.ranges.map((range) => {
            const m = /^'((?:[^']|'')+)'(?:!(?:(\d+):(\d+)|([A-Z]+)(\d+):([A-Z]+)(\d+)))?$/.exec(range);
            if (!m) throw new Error(`Unsupported range in the fake: ${range}`);
            const sheet = ss.sheets.find((x) => x.name === m[1].replace(/''/g, "'"));
            if (!sheet) throw new Error(`Unable to parse range: ${range}`);
            const all = { top: 1, bottom: sheet.lastRow(), left: 1, right: sheet.lastCol() };
            const box = m[2]
              ? { ...all, top: Number(m[2]), bottom: Number(m[3]) }
              : m[4]
                ? { top: Number(m[5]), bottom: Number(m[7]), left: column(m[4]), right: column(m[6]) }
                : all;
            return { range, sheet, box };
          });
          const serial = (d: Date) => {
            const w = wallClock(d, ss.timeZone);
            return (Date.UTC(w.y, w.M - 1, w.d, w.H, w.m, w.s, ((d.getTime() % 1000) + 1000) % 1000) - SERIAL_EPOCH) / 86_400_000;
          };
          return {
            spreadsheetId,
            valueRanges: parsed.map(({ range, sheet, box }) => {
              const rows: unknown[][] = [];
              for (let r = box.top; r <= box.bottom; r++) {
                const line: unknown[] = [];
                for (let c = box.left; c <= box.right; c++) {
                  const v = sheet.data[r - 1]?.[c - 1]?.v;
                  line.push(v instanceof Date ? serial(v) : v === undefined ? '' : v);
                }
                while (line.length && line[line.length - 1] === '') line.pop();
                sheet.cellsRead += box.right - box.left + 1;
                rows.push(line);
              }
              while (rows.length && !rows[rows.length - 1].length) rows.pop();
              return rows.length ? { range, values: rows } : { range };
            }),
          };
        },
      },
    },
  };
};

/** One fresh set of Apps Script globals sharing one call counter. */
/** CacheService's script cache: values with an expiry in seconds (after the test clock), at most 6 hours as in Apps Script. */
export class FakeCache {
  private readonly items = new Map<string, { value: string; until: number }>();
  constructor(
    private readonly calls: Calls,
    private readonly now: () => number,
  ) {}
  get(key: string): string | null {
    this.calls.hit('Cache.get');
    const it = this.items.get(key);
    return it && it.until > this.now() ? it.value : null;
  }
  put(key: string, value: string, seconds = 600): void {
    this.calls.hit('Cache.put');
    if (value.length > 100 * 1024) throw new Error('Argument too large: value');
    this.items.set(key, { value, until: this.now() + Math.min(seconds, 21600) * 1000 });
  }
}

/** Apps Script's clock as a test sets it: `at` (ms) is "now" for the script's `new Date()` and `Date.now()`. */
export class FakeClock {
  /** 1 September 2026, 10:00: before the fixtures' courses (October), so enrolment is open; tests move it on. */
  at: number = new Date(2026, 8, 1, 10, 0).getTime();
  /** Sets "now" to a local date and time. */
  set(y: number, m: number, d: number, h = 10, min = 0): void {
    this.at = new Date(y, m, d, h, min).getTime();
  }
}

/** The `Date` the script sees: the test's clock for "now", a plain Date otherwise. */
export const clockedDate = (clock: FakeClock): DateConstructor => {
  class ScriptDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.at);
      else super(...(args as [number]));
    }
    static override now(): number {
      return clock.at;
    }
  }
  return ScriptDate as unknown as DateConstructor;
};

export const fakeGas = (owner = 'owner@iro.perm.ru') => {
  const calls = new Calls();
  const SpreadsheetApp = new FakeSpreadsheetApp(calls, owner);
  const Session = new FakeSession(calls, owner);
  SpreadsheetApp.runner = () => Session.runner;
  const LockService = new FakeLockService(calls);
  const properties = new FakeProperties(calls);
  const PropertiesService = { getScriptProperties: () => (calls.hit('PropertiesService.getScriptProperties'), properties) };
  const ScriptApp = new FakeScriptApp(calls);
  ScriptApp.runner = () => Session.runner;
  const DriveApp = new FakeDriveApp(calls, SpreadsheetApp);
  const MailApp = new FakeMailApp(calls);
  const clock = new FakeClock();
  const FormApp = new FakeFormApp(calls, SpreadsheetApp, () => clock.at);
  const Sheets = fakeSheetsApi(calls, SpreadsheetApp);
  const Utilities = fakeUtilities(calls);
  const Charts = { ChartType: { COLUMN: 'COLUMN', BAR: 'BAR', LINE: 'LINE', PIE: 'PIE' } };
  const HtmlService = new FakeHtmlService(calls);
  const cache = new FakeCache(calls, () => clock.at);
  const logs: string[] = [];
  const Logger = { log: (...a: unknown[]) => void logs.push(a.map(String).join(' ')) };
  return {
    calls,
    SpreadsheetApp,
    Session,
    LockService,
    PropertiesService,
    properties,
    ScriptApp,
    HtmlService,
    Logger,
    logs,
    DriveApp,
    MailApp,
    FormApp,
    Sheets,
    Utilities,
    Charts,
    Clock: clock,
    CacheService: { getScriptCache: () => (calls.hit('CacheService.getScriptCache'), cache) },
    ContentService: fakeContentService(calls),
  };
};

/** ContentService's text output: what a web app answers a script on another page with (JSON here). */
const fakeContentService = (calls: Calls) => ({
  MimeType: { JSON: 'JSON', TEXT: 'TEXT' },
  createTextOutput(text = '') {
    calls.hit('ContentService.createTextOutput');
    let mime = 'TEXT';
    const out = {
      setMimeType: (m: string) => ((mime = m), out),
      getMimeType: () => mime,
      getContent: () => text,
    };
    return out;
  },
});
export type FakeGas = ReturnType<typeof fakeGas>;

/** Installs the fakes as globals for tests that run TypeScript sources directly (not the bundle). */
export const installGlobals = (g: FakeGas): void => {
  const target = globalThis as Record<string, unknown>;
  for (const k of [
    'SpreadsheetApp',
    'Session',
    'LockService',
    'PropertiesService',
    'ScriptApp',
    'HtmlService',
    'Logger',
    'DriveApp',
    'MailApp',
    'FormApp',
    'Sheets',
    'Utilities',
    'Charts',
  ] as const)
    target[k] = g[k];
};
