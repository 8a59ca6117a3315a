// A fake of exactly the SpreadsheetApp methods the bank uses: cells, formats, validation, protection; every call counted.
import type { Calls } from './calls';
import { parseTyped } from './typed-input';

type V = unknown;
const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

/** A bounded range after deleting rows [start, start + n): shifted up, shrunk, or gone. */
const shrink = (r: FakeRange, start: number, n: number): FakeRange | null => {
  const end = start + n - 1;
  const last = r.row + r.rows - 1;
  if (end < r.row) return r.with(r.row - n, r.rows);
  if (start > last) return r;
  const removed = Math.min(end, last) - Math.max(start, r.row) + 1;
  const rows = r.rows - removed;
  return rows > 0 ? r.with(Math.min(r.row, start), rows) : null;
};

/** A bounded range after inserting n rows after row `after`. */
const grow = (r: FakeRange, after: number, n: number): FakeRange => {
  const last = r.row + r.rows - 1;
  if (after < r.row) return r.with(r.row + n, r.rows);
  if (after < last) return r.with(r.row, r.rows + n);
  return r;
};

/** Google's refusal of a change to a protection (or a protected sheet) by someone who is not its editor. */
export const PROTECTED_EDIT =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/**
 * A protection as Sheets keeps it: a new one mirrors the spreadsheet's editors (`sharedWith`) until the script changes
 * the list; only its editors (the spreadsheet's owner always among them) can change it, and `removeEditors` cannot
 * remove the owner or the person running the script.
 */
export class FakeProtection {
  warningOnly = false;
  description = '';
  unprotected: FakeRange[] = [];
  editors: string[];
  domainEdit = true;
  removed = false;
  constructor(
    private readonly calls: Calls,
    readonly range: FakeRange | null,
    private readonly owner: string,
    /** Who the current execution runs as. */
    private readonly runner: () => string = () => owner,
    sharedWith: readonly string[] = [],
  ) {
    this.editors = [owner, ...sharedWith.filter((e) => e !== owner)];
  }
  private h(m: string): this {
    this.calls.hit(`Protection.${m}`);
    return this;
  }
  /** Whether the running account may change this protection (and what it protects). */
  allows(who: string): boolean {
    const w = who.toLowerCase();
    return w === this.owner.toLowerCase() || this.editors.some((e) => e.toLowerCase() === w);
  }
  private change(m: string): this {
    this.h(m);
    if (!this.allows(this.runner())) throw new Error(PROTECTED_EDIT);
    return this;
  }
  canEdit(): boolean {
    this.h('canEdit');
    return this.allows(this.runner());
  }
  setWarningOnly(w: boolean) {
    this.change('setWarningOnly');
    this.warningOnly = w;
    return this;
  }
  setDescription(d: string) {
    this.change('setDescription');
    this.description = d;
    return this;
  }
  getDescription() {
    this.h('getDescription');
    return this.description;
  }
  setUnprotectedRanges(r: FakeRange[]) {
    this.change('setUnprotectedRanges');
    this.unprotected = r;
    return this;
  }
  getEditors() {
    this.h('getEditors');
    return this.editors.map((e) => new FakeUser(e));
  }
  addEditors(users: string[]) {
    this.change('addEditors');
    for (const u of users) if (!this.editors.includes(u)) this.editors.push(u);
    return this;
  }
  addEditor(user: string) {
    return this.addEditors([user]);
  }
  isWarningOnly() {
    this.h('isWarningOnly');
    return this.warningOnly;
  }
  removeEditors(users: Array<FakeUser | string>) {
    this.change('removeEditors');
    const keep = new Set([this.owner.toLowerCase(), this.runner().toLowerCase()]);
    const out = users.map((u) => (typeof u === 'string' ? u : u.getEmail()).toLowerCase()).filter((e) => !keep.has(e));
    this.editors = this.editors.filter((e) => !out.includes(e.toLowerCase()));
    return this;
  }
  canDomainEdit() {
    this.h('canDomainEdit');
    return this.domainEdit;
  }
  setDomainEdit(d: boolean) {
    this.change('setDomainEdit');
    this.domainEdit = d;
    return this;
  }
  /** Unprotects: the sheet's list forgets it. */
  remove() {
    this.change('remove');
    this.removed = true;
  }
}

export class FakeUser {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
}

export class FakeRule {
  constructor(
    readonly kind: string,
    readonly values: string[] = [],
  ) {}
}

export class FakeRuleBuilder {
  private kind = '';
  private values: string[] = [];
  constructor(private readonly calls: Calls) {}
  requireValueInList(values: string[]) {
    this.calls.hit('DataValidationBuilder.requireValueInList');
    this.kind = 'list';
    this.values = values;
    return this;
  }
  requireCheckbox() {
    this.calls.hit('DataValidationBuilder.requireCheckbox');
    this.kind = 'checkbox';
    return this;
  }
  requireDate() {
    this.calls.hit('DataValidationBuilder.requireDate');
    this.kind = 'date';
    return this;
  }
  setAllowInvalid() {
    this.calls.hit('DataValidationBuilder.setAllowInvalid');
    return this;
  }
  setHelpText() {
    this.calls.hit('DataValidationBuilder.setHelpText');
    return this;
  }
  build() {
    this.calls.hit('DataValidationBuilder.build');
    return new FakeRule(this.kind, this.values);
  }
}

interface CellData {
  v: V;
  f?: string;
  fmt: string;
  rule?: FakeRule | null;
}
const blank = (): CellData => ({ v: '', fmt: '' });

/** A cell's text as a Russian-locale sheet shows it (what a TextFinder matches against). */
const displayed = (v: unknown): string => {
  if (v instanceof Date) return `${String(v.getDate()).padStart(2, '0')}.${String(v.getMonth() + 1).padStart(2, '0')}.${v.getFullYear()}`;
  if (typeof v === 'number') return String(v).replace('.', ',');
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
};

export class FakeRange {
  constructor(
    private readonly calls: Calls,
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly col: number,
    readonly rows: number,
    readonly cols: number,
    /** An A1 range without an end row («E2:E»): it reaches the sheet's last row whatever rows come or go. */
    readonly openEnded = false,
  ) {}
  /** The same columns over other rows (Sheets moving a range as rows come and go). */
  with(row: number, rows: number): FakeRange {
    return new FakeRange(this.calls, this.sheet, row, this.col, rows, this.cols);
  }
  /** The rows it covers now, on a sheet of `maxRows` rows (a copied sheet asks with its own). */
  span(maxRows: number): number {
    return this.openEnded ? Math.max(0, maxRows - this.row + 1) : this.rows;
  }
  /** Visits every cell without building a result (the setters: fast enough for 50,000-row sheets). */
  private visit(fn: (c: CellData, i: number, j: number) => void): void {
    this.sheet.cell(this.row + this.rows - 1, this.col + this.cols - 1);
    for (let i = 0; i < this.rows; i++) {
      const line = this.sheet.rowData(this.row + i, this.col + this.cols - 1);
      for (let j = 0; j < this.cols; j++) fn(line[this.col - 1 + j], i, j);
    }
  }
  private each<T>(fn: (c: CellData, i: number, j: number) => T): T[][] {
    const out: T[][] = [];
    // An open-ended range («C2:C») reaches the sheet's last row, blank rows included, as Sheets' does.
    const rows = this.span(this.sheet.maxRows);
    for (let i = 0; i < rows; i++) {
      const line: T[] = [];
      for (let j = 0; j < this.cols; j++) line.push(fn(this.sheet.cell(this.row + i, this.col + j), i, j));
      out.push(line);
    }
    return out;
  }
  private check2d(values: unknown[][], what: string): void {
    if (values.length !== this.rows || values.some((r) => r.length !== this.cols)) {
      throw new Error(`${what}: the data has ${values.length} rows but the range has ${this.rows} (and ${this.cols} columns).`);
    }
  }
  getValues(): V[][] {
    this.calls.hit('Range.getValues');
    if (this.row + this.span(this.sheet.maxRows) > 2) this.sheet.dataReads++;
    this.sheet.cellsRead += this.span(this.sheet.maxRows) * this.cols;
    return this.each((c) => (c.v instanceof Date ? new Date(c.v.getTime()) : c.v));
  }
  getValue(): V {
    this.calls.hit('Range.getValue');
    this.sheet.cellsRead += 1;
    const v = this.sheet.cell(this.row, this.col).v;
    return v instanceof Date ? new Date(v.getTime()) : v;
  }
  getFormulas(): string[][] {
    this.calls.hit('Range.getFormulas');
    return this.each((c) => c.f ?? '');
  }
  getNumberFormats(): string[][] {
    this.calls.hit('Range.getNumberFormats');
    return this.each((c) => c.fmt);
  }
  getDataValidations(): Array<Array<FakeRule | null>> {
    this.calls.hit('Range.getDataValidations');
    return this.each((c) => c.rule ?? null);
  }
  setValues(values: V[][]): this {
    this.calls.hit('Range.setValues');
    this.sheet.guard(this.row, this.col, this.rows, this.cols);
    this.sheet.touch();
    this.check2d(values, 'setValues');
    this.sheet.cellsWritten += this.rows * this.cols;
    this.visit((c, i, j) => {
      const p = parseTyped(values[i][j] === null || values[i][j] === undefined ? '' : values[i][j], c.fmt);
      c.v = p.value;
      c.f = p.formula;
    });
    return this;
  }
  setValue(value: V): this {
    this.calls.hit('Range.setValue');
    this.sheet.guard(this.row, this.col, this.rows, this.cols);
    this.each((c) => {
      const p = parseTyped(value, c.fmt);
      c.v = p.value;
      c.f = p.formula;
    });
    return this;
  }
  setNumberFormats(f: string[][]): this {
    this.calls.hit('Range.setNumberFormats');
    this.check2d(f, 'setNumberFormats');
    this.visit((c, i, j) => (c.fmt = f[i][j]));
    return this;
  }
  setNumberFormat(f: string): this {
    this.calls.hit('Range.setNumberFormat');
    this.each((c) => (c.fmt = f));
    return this;
  }
  setDataValidations(r: Array<Array<FakeRule | null>>): this {
    this.calls.hit('Range.setDataValidations');
    this.check2d(r, 'setDataValidations');
    this.visit((c, i, j) => (c.rule = r[i][j]));
    return this;
  }
  setDataValidation(r: FakeRule | null): this {
    this.calls.hit('Range.setDataValidation');
    this.each((c) => (c.rule = r));
    return this;
  }
  sort(specs: Array<{ column: number; ascending: boolean }> | number): this {
    this.calls.hit('Range.sort');
    this.sheet.guard(this.row, this.col, this.rows, this.cols);
    this.sheet.touch();
    const list = typeof specs === 'number' ? [{ column: specs, ascending: true }] : specs;
    const rows = this.sheet.data.slice(this.row - 1, this.row - 1 + this.rows);
    const val = (r: CellData[], col: number) => {
      const v = r[col - 1]?.v ?? '';
      return v instanceof Date ? v.getTime() : v;
    };
    rows.sort((a, b) => {
      for (const s of list) {
        const x = val(a, s.column) as string | number;
        const y = val(b, s.column) as string | number;
        if (x === y) continue;
        // Sheets puts blanks last and numbers before text.
        if (x === '') return 1;
        if (y === '') return -1;
        const c = typeof x === typeof y ? (x < y ? -1 : 1) : typeof x === 'number' ? -1 : 1;
        return s.ascending ? c : -c;
      }
      return 0;
    });
    this.sheet.data.splice(this.row - 1, rows.length, ...rows);
    return this;
  }
  clearContent(): this {
    this.calls.hit('Range.clearContent');
    this.sheet.guard(this.row, this.col, this.rows, this.cols);
    this.sheet.touch();
    this.each((c) => {
      c.v = '';
      c.f = undefined;
    });
    return this;
  }
  setFontWeight(): this {
    this.calls.hit('Range.setFontWeight');
    return this;
  }
  setBackground(): this {
    this.calls.hit('Range.setBackground');
    return this;
  }
  createPivotTable(source: FakeRange): FakePivotTable {
    this.calls.hit('Range.createPivotTable');
    const pt = new FakePivotTable(this.calls, this, source);
    this.sheet.pivotTables.push(pt);
    return pt;
  }
  /**
   * A TextFinder over this range, as Sheets runs it: the search happens in Google (one call, `findAll`), matching the
   * cells' displayed text — case-insensitive unless `matchCase`, the whole cell with `matchEntireCell`, a regular
   * expression with `useRegularExpression` — and returns the matching cells in row order. The cells it looks at are
   * counted as searched, not read: none of them travels to the script.
   */
  createTextFinder(text: string) {
    this.calls.hit('Range.createTextFinder');
    let regex = false;
    let whole = false;
    let matchCase = false;
    const finder = {
      useRegularExpression: (on: boolean) => ((regex = on), finder),
      matchEntireCell: (on: boolean) => ((whole = on), finder),
      matchCase: (on: boolean) => ((matchCase = on), finder),
      findAll: (): FakeRange[] => {
        this.calls.hit('TextFinder.findAll');
        if (text === '') throw new Error('Exception: Invalid argument: findText');
        const source = regex ? text : text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const re = new RegExp(whole ? `^(?:${source})$` : source, matchCase ? 'u' : 'iu');
        const rows = this.span(this.sheet.maxRows);
        this.sheet.cellsSearched += rows * this.cols;
        const found: FakeRange[] = [];
        for (let i = 0; i < rows; i++) {
          const line = this.sheet.data[this.row - 1 + i];
          if (!line) continue;
          for (let j = 0; j < this.cols; j++) {
            const v = line[this.col - 1 + j]?.v;
            if (v === undefined || v === '') continue;
            if (re.test(displayed(v))) found.push(new FakeRange(this.calls, this.sheet, this.row + i, this.col + j, 1, 1));
          }
        }
        return found;
      },
    };
    return finder;
  }
  /** Counted: asked of each match a TextFinder returns, it is a call per match (as the independent emulation counts it). */
  getRow(): number {
    this.calls.hit('Range.getRow');
    return this.row;
  }
  getColumn(): number {
    return this.col;
  }
  getNumRows(): number {
    return this.rows;
  }
  getNumColumns(): number {
    return this.cols;
  }
  getSheet(): FakeSheet {
    return this.sheet;
  }
  protect(): FakeProtection {
    this.calls.hit('Range.protect');
    const p = new FakeProtection(this.calls, this, this.sheet.owner, this.sheet.runner, this.sheet.sharedWith());
    this.sheet.protections.push(p);
    return p;
  }
}

export class FakePivotTable {
  readonly rowGroups: number[] = [];
  readonly values: Array<{ column: number; fn: string; name: string }> = [];
  constructor(
    private readonly calls: Calls,
    readonly anchor: FakeRange,
    readonly source: FakeRange,
  ) {}
  addRowGroup(column: number) {
    this.calls.hit('PivotTable.addRowGroup');
    this.rowGroups.push(column);
    return { showTotals: () => undefined };
  }
  addPivotValue(column: number, fn: string) {
    this.calls.hit('PivotTable.addPivotValue');
    const v = { column, fn, name: '' };
    this.values.push(v);
    const calls = this.calls;
    return { setDisplayName: (n: string) => (calls.hit('PivotValue.setDisplayName'), (v.name = n), undefined) };
  }
  remove() {
    this.calls.hit('PivotTable.remove');
  }
}

export interface FakeChart {
  type: string;
  ranges: FakeRange[];
  row: number;
  options: Record<string, unknown>;
}

export class FakeSheet {
  data: CellData[][] = [];
  maxRows = 1000;
  maxCols = 26;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  widths = new Map<number, number>();
  protections: FakeProtection[] = [];
  cellsRead = 0;
  cellsWritten = 0;
  /** Cells a TextFinder looked through in Google (nothing transferred to the script). */
  cellsSearched = 0;
  /** getValues calls that include data rows (not the header alone): tests of one read per sheet per execution. */
  dataReads = 0;
  /** Set by the spreadsheet: records a modification (Drive's modifiedDate). */
  touch: () => void = () => undefined;
  /** Set by the spreadsheet: who the current execution runs as (protection is checked against it). */
  runner: () => string = () => this.owner;
  /** Set by the spreadsheet: its editors besides the owner (a new protection starts with them). */
  sharedWith: () => string[] = () => [];
  /** A sheet protected as a whole (not warning-only) is renamed or deleted only by that protection's editors. */
  guardSheet(): void {
    const p = this.protections.find((x) => !x.removed && x.range === null && !x.warningOnly);
    if (p && !p.allows(this.runner())) throw new Error(PROTECTED_EDIT);
  }
  /**
   * Real (not warning-only) protection, as Sheets enforces it: a write touching a protected range, or a protected
   * sheet outside its unprotected ranges, fails unless the running account is one of that protection's editors.
   */
  guard(row: number, col: number, rows: number, cols: number): void {
    const who = this.runner();
    const inside = (r: FakeRange) => row >= r.row && row + rows <= r.row + r.span(this.maxRows) && col >= r.col && col + cols <= r.col + r.cols;
    const meets = (r: FakeRange) => row < r.row + r.span(this.maxRows) && r.row < row + rows && col < r.col + r.cols && r.col < col + cols;
    for (const p of this.protections) {
      if (p.removed || p.warningOnly || p.allows(who)) continue;
      const blocked = p.range ? meets(p.range) : !p.unprotected.some(inside);
      if (blocked) throw new Error(PROTECTED_EDIT);
    }
  }
  pivotTables: FakePivotTable[] = [];
  charts: FakeChart[] = [];
  newChart() {
    this.calls.hit('Sheet.newChart');
    const c: FakeChart = { type: '', ranges: [], row: 0, options: {} };
    const b = {
      setChartType: (t: string) => ((c.type = t), b),
      addRange: (r: FakeRange) => (c.ranges.push(r), b),
      setPosition: (row: number) => ((c.row = row), b),
      setOption: (k: string, v: unknown) => ((c.options[k] = v), b),
      build: () => c,
    };
    return b;
  }
  insertChart(c: FakeChart): void {
    this.calls.hit('Sheet.insertChart');
    this.charts.push(c);
  }
  /** Set when a Form's responses land here. */
  formUrl: string | null = null;
  getFormUrl(): string | null {
    this.calls.hit('Sheet.getFormUrl');
    return this.formUrl;
  }
  constructor(
    private readonly calls: Calls,
    public name: string,
    readonly owner: string,
  ) {}
  /** Row r's cells, padded to at least c cells. */
  rowData(r: number, c: number): CellData[] {
    while (this.data.length < r) this.data.push([]);
    const row = this.data[r - 1];
    while (row.length < c) row.push(blank());
    return row;
  }
  cell(r: number, c: number): CellData {
    if (r < 1 || c < 1 || r > this.maxRows || c > this.maxCols) throw new Error(OUTSIDE);
    while (this.data.length < r) this.data.push([]);
    const row = this.data[r - 1];
    while (row.length < c) row.push(blank());
    return row[c - 1];
  }
  /** Test helper: the values as a plain grid without counting calls. */
  dump(): V[][] {
    const h = this.lastRow();
    const w = this.lastCol();
    return Array.from({ length: h }, (_, i) => Array.from({ length: w }, (_, j) => this.data[i]?.[j]?.v ?? ''));
  }
  formulas(): string[] {
    const out: string[] = [];
    this.data.forEach((r) => r.forEach((c) => c.f && out.push(c.f)));
    return out;
  }
  lastRow(): number {
    for (let i = this.data.length; i > 0; i--) if (this.data[i - 1].some((c) => c.v !== '' || c.f)) return i;
    return 0;
  }
  lastCol(): number {
    let w = 0;
    this.data.forEach((r) => r.forEach((c, j) => (c.v !== '' || c.f) && (w = Math.max(w, j + 1))));
    return w;
  }
  getName(): string {
    this.calls.hit('Sheet.getName');
    return this.name;
  }
  setName(n: string): this {
    this.calls.hit('Sheet.setName');
    this.guardSheet();
    this.name = n;
    return this;
  }
  getLastRow(): number {
    this.calls.hit('Sheet.getLastRow');
    return this.lastRow();
  }
  getLastColumn(): number {
    this.calls.hit('Sheet.getLastColumn');
    return this.lastCol();
  }
  getMaxRows(): number {
    this.calls.hit('Sheet.getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.calls.hit('Sheet.getMaxColumns');
    return this.maxCols;
  }
  getRange(a: number | string, b?: number, c = 1, d = 1): FakeRange {
    this.calls.hit('Sheet.getRange');
    if (typeof a === 'string') {
      // Only the open-ended column form the bank uses for protections («L2:M»).
      const m = /^([A-Z]+)(\d+):([A-Z]+)$/.exec(a);
      if (!m) throw new Error(`A1 notation not supported by the fake: ${a}`);
      const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      const [c1, c2] = [col(m[1]), col(m[3])];
      if (c2 < c1 || c2 > this.maxCols || Number(m[2]) > this.maxRows) throw new Error(OUTSIDE);
      return new FakeRange(this.calls, this, Number(m[2]), c1, 0, c2 - c1 + 1, true);
    }
    if (a < 1 || (b as number) < 1 || c < 1 || d < 1 || a + c - 1 > this.maxRows || (b as number) + d - 1 > this.maxCols) throw new Error(OUTSIDE);
    return new FakeRange(this.calls, this, a, b as number, c, d);
  }
  getDataRange(): FakeRange {
    this.calls.hit('Sheet.getDataRange');
    return new FakeRange(this.calls, this, 1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastCol()));
  }
  insertRowsAfter(after: number, n: number): this {
    this.calls.hit('Sheet.insertRowsAfter');
    this.touch();
    if (after < 1 || after > this.maxRows) throw new Error(OUTSIDE);
    const fmtRow = this.data[after - 1] ?? [];
    const inserted = Array.from({ length: n }, () => fmtRow.map((c) => ({ v: '', fmt: c.fmt, rule: c.rule }) as CellData));
    if (this.data.length > after) this.data.splice(after, 0, ...inserted);
    this.maxRows += n;
    this.shiftRanges((r) => grow(r, after, n));
    return this;
  }
  /** The naive way: one call per row, parsed as typed input, growing the sheet by one row when full. */
  appendRow(values: V[]): this {
    this.calls.hit('Sheet.appendRow');
    const r = this.lastRow() + 1;
    this.guard(r, 1, 1, Math.max(1, values.length));
    this.touch();
    if (r > this.maxRows) this.maxRows = r;
    this.cellsWritten += values.length;
    values.forEach((v, j) => {
      const c = this.cell(r, j + 1);
      const p = parseTyped(v === null || v === undefined ? '' : v, c.fmt);
      c.v = p.value;
      c.f = p.formula;
    });
    return this;
  }
  deleteRow(row: number): void {
    this.calls.hit('Sheet.deleteRow');
    this.guard(row, 1, 1, this.maxCols);
    this.touch();
    if (row < 1 || row > this.maxRows) throw new Error(OUTSIDE);
    this.data.splice(row - 1, 1);
    this.maxRows -= 1;
    this.shiftRanges((r) => shrink(r, row, 1));
  }
  /**
   * Protected and unprotected ranges follow the rows as in Sheets: deleting rows inside a bounded range shrinks it,
   * above it shifts it; inserting inside grows it, above shifts it, below it (at the end) leaves it as it was.
   */
  private shiftRanges(adjust: (r: FakeRange) => FakeRange | null): void {
    for (const p of this.protections) {
      p.unprotected = p.unprotected.flatMap((r) => {
        const x = r.openEnded ? r : adjust(r);
        return x ? [x] : [];
      });
    }
  }
  insertColumnsAfter(after: number, n: number): this {
    this.calls.hit('Sheet.insertColumnsAfter');
    this.maxCols += n;
    void after;
    return this;
  }
  deleteRows(start: number, n: number): void {
    this.calls.hit('Sheet.deleteRows');
    this.guard(start, 1, n, this.maxCols);
    this.touch();
    if (start < 1 || start + n - 1 > this.maxRows) throw new Error(OUTSIDE);
    if (this.maxRows - n <= this.frozenRows) throw new Error("You can't delete all the rows on the sheet that are not frozen.");
    this.data.splice(start - 1, n);
    this.maxRows -= n;
    this.shiftRanges((r) => shrink(r, start, n));
  }
  setFrozenRows(n: number): void {
    this.calls.hit('Sheet.setFrozenRows');
    this.frozenRows = n;
  }
  getFrozenRows(): number {
    this.calls.hit('Sheet.getFrozenRows');
    return this.frozenRows;
  }
  setFrozenColumns(n: number): void {
    this.calls.hit('Sheet.setFrozenColumns');
    if (n < 0 || n >= this.maxCols) throw new Error('Invalid argument: columns');
    this.frozenColumns = n;
  }
  setColumnWidth(col: number, w: number): this {
    this.calls.hit('Sheet.setColumnWidth');
    this.widths.set(col, w);
    return this;
  }
  /** Columns hidden (1-based), as «Скрыть столбец» leaves them. */
  hiddenColumns = new Set<number>();
  hideColumns(col: number, n = 1): void {
    this.calls.hit('Sheet.hideColumns');
    for (let i = 0; i < n; i++) this.hiddenColumns.add(col + i);
  }
  isColumnHiddenByUser(col: number): boolean {
    this.calls.hit('Sheet.isColumnHiddenByUser');
    return this.hiddenColumns.has(col);
  }
  hideSheet(): this {
    this.calls.hit('Sheet.hideSheet');
    this.hidden = true;
    return this;
  }
  isSheetHidden(): boolean {
    this.calls.hit('Sheet.isSheetHidden');
    return this.hidden;
  }
  protect(): FakeProtection {
    this.calls.hit('Sheet.protect');
    const p = new FakeProtection(this.calls, null, this.owner, this.runner, this.sharedWith());
    this.protections.push(p);
    return p;
  }
  /** `type` SHEET: the whole-sheet protections; RANGE: the range ones; none: all (as the fake always did). */
  getProtections(type?: string): FakeProtection[] {
    this.calls.hit('Sheet.getProtections');
    this.protections = this.protections.filter((p) => !p.removed);
    return this.protections.filter((p) => type === undefined || (type === 'SHEET') === (p.range === null));
  }
  private static ids = 0;
  readonly sheetId = ++FakeSheet.ids;
  parent: { getId(): string } | null = null;
  getSheetId(): number {
    this.calls.hit('Sheet.getSheetId');
    return this.sheetId;
  }
  getParent(): { getId(): string } {
    this.calls.hit('Sheet.getParent');
    return this.parent as { getId(): string };
  }
}
