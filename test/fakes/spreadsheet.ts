// Fake Spreadsheet and SpreadsheetApp: a drive of spreadsheets by id, the active one, the Ui; every call counted.
import type { Calls } from './calls';
import { FakeRuleBuilder, FakeSheet, FakeUser } from './spreadsheet-app';

export class FakeUi {
  menus: Array<{ title: string; items: Array<[string, string]> }> = [];
  sidebars: Array<{ title: string; html: string }> = [];
  alerts: string[] = [];
  constructor(private readonly calls: Calls) {}
  createMenu(title: string) {
    this.calls.hit('Ui.createMenu');
    const menu = { title, items: [] as Array<[string, string]> };
    const builder = {
      addItem: (caption: string, fn: string) => (menu.items.push([caption, fn]), builder),
      addSeparator: () => builder,
      addToUi: () => void this.menus.push(menu),
    };
    return builder;
  }
  showSidebar(output: { getContent(): string; getTitle(): string }) {
    this.calls.hit('Ui.showSidebar');
    this.sidebars.push({ title: output.getTitle(), html: output.getContent() });
  }
  /** What the person answers a confirmation alert with. */
  answer = 'OK';
  alert(a: string, b?: string, _buttons?: string): string {
    this.calls.hit('Ui.alert');
    this.alerts.push(b === undefined ? a : `${a}: ${b}`);
    return this.answer;
  }
  get Button() {
    return { OK: 'OK', CANCEL: 'CANCEL' };
  }
  get ButtonSet() {
    return { OK: 'OK', OK_CANCEL: 'OK_CANCEL' };
  }
}

/** Google's answer to a file the running account may not open. */
export const NO_ACCESS = 'You do not have permission to access the requested document.';

/** The script bound to a spreadsheet: its id and which build it carries ('master', 'cabinet'). */
export interface FakeBoundScript {
  id: string;
  build: string;
}

export class FakeSpreadsheet {
  sheets: FakeSheet[] = [];
  /** Editors besides the owner (Drive's sharing). */
  editors: string[] = [];
  /** The container-bound script, if any: copying the spreadsheet copies it under a new id. */
  script: FakeBoundScript | null = null;
  toasts: string[] = [];
  /** Drive's modifiedDate: strictly increasing on every write. */
  modified = FakeSpreadsheet.stamp();
  parents: string[] = ['root'];
  trashed = false;
  /** Drive's clock for modified times: only their order matters (the sync remembers the last one it saw), so a counter. */
  static last = Date.UTC(2026, 0, 1);
  static stamp(): number {
    FakeSpreadsheet.last += 1;
    return FakeSpreadsheet.last;
  }
  constructor(
    private readonly calls: Calls,
    readonly id: string,
    public name: string,
    readonly owner: string,
    /** Who the current execution runs as (permission checks); the service sets it. */
    public runner: () => string = () => owner,
  ) {
    this.adopt(new FakeSheet(calls, 'Лист1', owner));
  }
  /** Owner or editor: the people who can open, change, share it and run its bound script. */
  canEdit(who: string): boolean {
    const w = who.toLowerCase();
    return w !== '' && (w === this.owner.toLowerCase() || this.editors.some((e) => e.toLowerCase() === w));
  }
  private requireEditor(): void {
    if (!this.canEdit(this.runner())) throw new Error(`Exception: ${NO_ACCESS}`);
  }
  private adopt(s: FakeSheet): FakeSheet {
    s.parent = { getId: () => this.id };
    s.touch = () => void (this.modified = FakeSpreadsheet.stamp());
    s.runner = () => this.runner();
    s.sharedWith = () => this.editors.slice();
    this.sheets.push(s);
    return s;
  }
  getId(): string {
    this.calls.hit('Spreadsheet.getId');
    return this.id;
  }
  getName(): string {
    this.calls.hit('Spreadsheet.getName');
    return this.name;
  }
  /** The spreadsheet's time zone (File → Settings): where a date's serial number is its wall-clock time. */
  timeZone = 'Asia/Yekaterinburg';
  getSpreadsheetTimeZone(): string {
    this.calls.hit('Spreadsheet.getSpreadsheetTimeZone');
    return this.timeZone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    this.calls.hit('Spreadsheet.setSpreadsheetTimeZone');
    this.timeZone = tz;
  }
  getUrl(): string {
    this.calls.hit('Spreadsheet.getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSheetByName(name: string): FakeSheet | null {
    this.calls.hit('Spreadsheet.getSheetByName');
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  getSheets(): FakeSheet[] {
    this.calls.hit('Spreadsheet.getSheets');
    return this.sheets.slice();
  }
  insertSheet(name: string, _index?: number): FakeSheet {
    this.calls.hit('Spreadsheet.insertSheet');
    if (this.sheets.some((s) => s.name === name)) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.modified = FakeSpreadsheet.stamp();
    return this.adopt(new FakeSheet(this.calls, name, this.owner));
  }
  deleteSheet(s: FakeSheet): void {
    this.calls.hit('Spreadsheet.deleteSheet');
    this.requireEditor();
    s.guardSheet();
    this.modified = FakeSpreadsheet.stamp();
    if (this.sheets.length === 1) throw new Error('A spreadsheet must have at least one sheet.');
    this.sheets = this.sheets.filter((x) => x !== s);
  }
  toast(msg: string): void {
    this.calls.hit('Spreadsheet.toast');
    this.toasts.push(msg);
  }
  /** Drive's sharing as the running account: only the owner and editors may change it (uncounted; callers count). */
  changeSharing(add: readonly string[], remove: readonly string[]): this {
    this.requireEditor();
    if (remove.some((e) => e.toLowerCase() === this.owner.toLowerCase())) throw new Error('Exception: The owner of a file cannot be removed.');
    add.forEach((e) => this.editors.includes(e) || this.editors.push(e));
    this.editors = this.editors.filter((e) => !remove.includes(e));
    return this;
  }
  addEditors(emails: string[]): this {
    this.calls.hit('Spreadsheet.addEditors');
    return this.changeSharing(emails, []);
  }
  addEditor(email: string): this {
    this.calls.hit('Spreadsheet.addEditor');
    return this.changeSharing([email], []);
  }
  removeEditor(email: string): this {
    this.calls.hit('Spreadsheet.removeEditor');
    return this.changeSharing([], [email]);
  }
  getEditors(): FakeUser[] {
    this.calls.hit('Spreadsheet.getEditors');
    return [this.owner, ...this.editors].map((e) => new FakeUser(e));
  }
  /** Test helper, uncounted. */
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
}

export class FakeSpreadsheetApp {
  readonly files = new Map<string, FakeSpreadsheet>();
  active: FakeSpreadsheet | null = null;
  ui: FakeUi;
  /** Simple triggers and time-driven/form executions have no UI: getUi() throws there, as in Apps Script. */
  uiAvailable = true;
  private seq = 0;
  constructor(
    readonly calls: Calls,
    readonly owner = 'owner@iro.perm.ru',
  ) {
    this.ui = new FakeUi(calls);
  }
  /** The account the current execution runs as (the fake Session sets this). */
  runner: () => string = () => this.owner;
  /** A file the running account created: it belongs to them. */
  create(name: string): FakeSpreadsheet {
    this.calls.hit('SpreadsheetApp.create');
    return this.add(name, this.runner());
  }
  /** Test and Drive helper (uncounted): registers a new spreadsheet owned by `owner`. */
  add(name: string, owner: string): FakeSpreadsheet {
    const ss = new FakeSpreadsheet(this.calls, `ss-${++this.seq}`, name, owner, () => this.runner());
    this.files.set(ss.id, ss);
    return ss;
  }
  /** Only the owner and editors can open a spreadsheet by id (viewers are not modelled: the bank shares edit or nothing). */
  openById(id: string): FakeSpreadsheet {
    this.calls.hit('SpreadsheetApp.openById');
    const ss = this.files.get(id);
    if (!ss) throw new Error(`Unexpected error while getting the method or property openById on object SpreadsheetApp.`);
    if (!ss.canEdit(this.runner())) throw new Error(`Exception: ${NO_ACCESS}`);
    return ss;
  }
  /**
   * The spreadsheet the script is bound to. Only its editors can open it and run its script (viewers cannot run a bound
   * script; an installable trigger runs as its installer, who must still be an editor): anyone else fails here.
   */
  getActiveSpreadsheet(): FakeSpreadsheet | null {
    this.calls.hit('SpreadsheetApp.getActiveSpreadsheet');
    if (this.active && !this.active.canEdit(this.runner())) throw new Error(`Exception: ${NO_ACCESS}`);
    return this.active;
  }
  getUi(): FakeUi {
    this.calls.hit('SpreadsheetApp.getUi');
    if (!this.uiAvailable) throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    return this.ui;
  }
  get ProtectionType() {
    return { SHEET: 'SHEET', RANGE: 'RANGE' };
  }
  get PivotTableSummarizeFunction() {
    return { SUM: 'SUM', COUNTA: 'COUNTA' };
  }
  newDataValidation(): FakeRuleBuilder {
    this.calls.hit('SpreadsheetApp.newDataValidation');
    return new FakeRuleBuilder(this.calls);
  }
  flush(): void {
    this.calls.hit('SpreadsheetApp.flush');
  }
  /** Test helper: a new active (bound) spreadsheet. */
  bindNew(name = 'ЕБППК', build = 'master'): FakeSpreadsheet {
    const ss = this.add(name, this.owner);
    ss.script = { id: `script-${ss.id}`, build };
    this.active = ss;
    return ss;
  }
}
