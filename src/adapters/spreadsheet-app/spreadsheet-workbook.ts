// `Workbook` over an Apps Script Spreadsheet: tables by sheet name, and setup of a sheet from its declaration.
import type { EnsureReport, PersonalSheet, Table, Workbook } from '../../core/ports';
import { MissingSheetError, numberFormatOf } from '../../core/sheets/codec';
import type { Cell, SheetSpec } from '../../core/sheets/spec';
import { GridTable } from '../grid/grid-table';
import { advancedValues, asCells, openColumn, quoted, type SheetBook, SheetGrid, sheetBook, UNFORMATTED } from './sheet-grid';
import { validationRule } from './validation';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface WorkbookOptions {
  /**
   * Territory workbooks: real protection (only the owner edits protected cells; the methodist edits «Решение» and «Причина»).
   * The master uses warning-only protection, because staff run the bank's operations as themselves.
   */
  readonly strictProtection?: boolean;
  /**
   * The workbook lives for one execution (compose() builds it per call): one Table per sheet, and a sheet read in
   * full is read once until this execution writes it. Never for a long-lived object: it would serve stale rows.
   */
  readonly perExecution?: boolean;
  /**
   * The sheets whose header rows are read together, in one Sheets API request, the first time a table needs its header
   * (issue 19: an operation touching ten sheets read ten headers, a call each), and kept until `ensure` changes one.
   * Where the advanced service is missing or the request fails (a sheet not there yet), each sheet reads its own.
   */
  readonly headers?: readonly SheetSpec[];
}

const HEADER_BACKGROUND = '#e8f0fe';

export class SpreadsheetWorkbook implements Workbook {
  private readonly sheets = new Map<string, Sheet>();
  private readonly tables = new Map<string, GridTable<string>>();
  constructor(
    private readonly ss: Spreadsheet,
    private readonly options: WorkbookOptions = {},
  ) {}

  /** The spreadsheet's id and time zone, asked once for all its sheets. */
  private readonly book: SheetBook = sheetBook(
    () => this.ss.getId(),
    () => this.ss.getSpreadsheetTimeZone(),
  );

  batch<T>(fn: () => T): T {
    if (this.book.pending) return fn(); // already collecting: the outer batch sends
    this.book.pending = [];
    try {
      return fn();
    } finally {
      try {
        this.book.flush();
      } finally {
        this.book.pending = null;
      }
    }
  }

  get id(): string {
    return this.book.id();
  }

  private sheet(name: string): Sheet | null {
    if (!this.sheets.has(name)) {
      const s = this.ss.getSheetByName(name);
      if (!s) return null;
      this.sheets.set(name, s);
    }
    return this.sheets.get(name) as Sheet;
  }

  /** Header rows by sheet name from one request (see `headers`); null when that was not possible. */
  private headerRows: Map<string, Cell[]> | null | undefined;

  private knownHeader(name: string): Cell[] | null {
    const specs = this.options.headers;
    if (!specs?.length || !specs.some((s) => s.name === name)) return null;
    if (this.headerRows === undefined) this.headerRows = this.readHeaders(specs);
    return this.headerRows?.get(name) ?? null;
  }

  private readHeaders(specs: readonly SheetSpec[]): Map<string, Cell[]> | null {
    const api = advancedValues();
    if (!api) return null;
    try {
      const r = api.batchGet(this.book.id(), { ranges: specs.map((s) => `${quoted(s.name)}!1:1`), ...UNFORMATTED });
      const ranges = r.valueRanges ?? [];
      if (ranges.length !== specs.length) return null;
      return new Map(specs.map((s, i) => [s.name, (ranges[i].values?.[0] ?? []) as Cell[]]));
    } catch (_e) {
      // A sheet not there yet (before setup) makes the whole request fail: every sheet reads its own header.
      return null;
    }
  }

  /**
   * One `Values.batchGet` of these sheets whole (per execution, with the advanced service), each table then serving
   * its rows as if it had read them: a date column's serial numbers are read back as dates, as `getValues` gives them.
   * Sheets read already are left out; with fewer than two left, or when the request fails (a sheet missing), nothing.
   */
  prefetch(specs: readonly SheetSpec[]): void {
    const api = advancedValues();
    if (!this.options.perExecution || !api) return;
    const wanted = specs.filter((s) => !(this.tables.get(s.name)?.primed ?? false));
    if (wanted.length < 2) return;
    this.book.flush();
    let ranges: Array<{ values?: unknown[][] }>;
    try {
      ranges = api.batchGet(this.book.id(), { ranges: wanted.map((s) => quoted(s.name)), ...UNFORMATTED }).valueRanges ?? [];
    } catch (_e) {
      return;
    }
    if (ranges.length !== wanted.length) return;
    wanted.forEach((spec, i) => {
      const values = ranges[i].values ?? [];
      const header = (values[0] ?? []).map((h) => String(h).trim());
      const dated = header.map((h) => spec.columns.some((c) => c.header === h && (c.type === 'date' || c.type === 'datetime')));
      (this.table(spec) as unknown as GridTable<string>).prime(asCells(values, values.length, header.length, dated, this.book));
    });
  }

  table<K extends string>(spec: SheetSpec<K>): Table<K> {
    const s = this.sheet(spec.name);
    if (!s) throw new MissingSheetError(spec.name);
    const header = this.options.headers ? () => this.knownHeader(spec.name) : undefined;
    if (!this.options.perExecution) return new GridTable(spec, new SheetGrid(s, header, this.book));
    const cached = this.tables.get(spec.name);
    if (cached && cached.spec === spec) return cached as unknown as Table<K>;
    const t = new GridTable(spec, new SheetGrid(s, header, this.book), true);
    this.tables.set(spec.name, t as unknown as GridTable<string>);
    return t;
  }

  has(spec: SheetSpec): boolean {
    return this.sheet(spec.name) !== null;
  }

  ensure(spec: SheetSpec): EnsureReport {
    this.book.flush();
    this.tables.delete(spec.name); // its header may change
    this.headerRows?.delete(spec.name);
    let s = this.sheet(spec.name);
    const created = !s;
    if (!s) {
      s = this.ss.insertSheet(spec.name);
      this.sheets.set(spec.name, s);
    }
    const width = s.getLastColumn();
    const header =
      created || width < 1
        ? []
        : s
            .getRange(1, 1, 1, width)
            .getValues()[0]
            .map((h) => String(h).trim());
    const missing = spec.columns.filter((c) => !header.includes(c.header));
    this.relabel(s, spec, header);
    if (!missing.length) {
      this.reopenEditable(s, spec, header);
      return { created, addedColumns: [] };
    }
    const start = header.length + 1;
    if (start + missing.length - 1 > s.getMaxColumns()) s.insertColumnsAfter(s.getMaxColumns(), start + missing.length - 1 - s.getMaxColumns());
    s.getRange(1, start, 1, missing.length).setValues([missing.map((c) => c.header)]);
    const maxRows = s.getMaxRows();
    this.format(s, spec, start, missing, maxRows);
    if (created) this.protect(s, spec, start + missing.length - 1);
    if (created && spec.frozenColumns) s.setFrozenColumns(spec.frozenColumns);
    return { created, addedColumns: created ? [] : missing.map((c) => c.header) };
  }

  /** Header style, widths, number formats and validation of the columns starting at `start`: a fixed number of calls per column. */
  private format(s: Sheet, spec: SheetSpec, start: number, columns: SheetSpec['columns'], maxRows: number): void {
    const rows = maxRows - 1;
    s.getRange(1, start, 1, columns.length).setFontWeight('bold').setBackground(HEADER_BACKGROUND);
    s.setFrozenRows(1);
    const body = s.getRange(2, start, rows, columns.length);
    const formatRow = columns.map(numberFormatOf);
    body.setNumberFormats(Array.from({ length: rows }, () => formatRow));
    const rules = columns.map(validationRule);
    if (rules.some((r) => r !== null)) body.setDataValidations(Array.from({ length: rows }, () => rules));
    columns.forEach((c, i) => c.width && s.setColumnWidth(start + i, c.width));
    columns.forEach((c, i) => c.hidden && s.hideColumns(start + i));
    if (spec.hidden) s.hideSheet();
  }

  private protect(s: Sheet, spec: SheetSpec, width: number): void {
    if (spec.personal) return; // keepPersonal() protects it for its person
    const editable = spec.columns.map((c, i) => (c.editable ? i + 1 : 0)).filter((i) => i > 0);
    const strict = this.options.strictProtection === true;
    if (spec.sectorOnly) {
      // The sector's sheet: real protection whatever the workbook; protectFor() adds the sector staff as its editors.
      this.restrict(s.protect().setDescription(`ЕБППК: лист «${spec.name}» меняет только сектор`), true);
      return;
    }
    const description = `ЕБППК: лист «${spec.name}» заполняет банк`;
    if (!spec.writtenByUsers && (spec.botOnly || editable.length || strict)) {
      const p = s.protect().setDescription(description);
      if (editable.length) p.setUnprotectedRanges(editable.map((col) => openColumn(s, col)));
      this.restrict(p, strict);
    } else {
      this.restrict(s.getRange(1, 1, 1, width).protect().setDescription(`ЕБППК: заголовки листа «${spec.name}»`), strict);
    }
  }

  /**
   * Setup again on an existing sheet: the columns people edit are unprotected as whole open-ended columns («L2:L»), found
   * by their headers. (Ranges bounded by a row count shrank with every deleted row and missed the rows added later.)
   */
  /**
   * A coded choice column of an existing sheet offers today's labels (schema 4: «Доступ» listed `methodist`): its
   * dropdown is set again over the whole column — one call per such column, none for other sheets.
   */
  private relabel(s: Sheet, spec: SheetSpec, header: readonly string[]): void {
    for (const c of spec.columns) {
      const col = c.labels ? header.indexOf(c.header) + 1 : 0;
      const rows = col > 0 ? s.getMaxRows() - 1 : 0;
      const rule = rows > 0 ? validationRule(c) : null;
      if (rule) s.getRange(2, col, rows, 1).setDataValidation(rule);
    }
  }

  private reopenEditable(s: Sheet, spec: SheetSpec, header: readonly string[]): void {
    const editable = spec.columns.filter((c) => c.editable).map((c) => header.indexOf(c.header) + 1);
    if (!editable.length || spec.writtenByUsers || spec.sectorOnly) return;
    const p = s.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    if (!p) return;
    p.setUnprotectedRanges(editable.map((col) => openColumn(s, col)));
  }

  protectFor(specs: readonly SheetSpec[], editors: readonly string[]): number {
    const owner = Session.getEffectiveUser().getEmail().toLowerCase();
    const want = new Set(editors.map((e) => e.toLowerCase()).filter((e) => e && e !== owner));
    let changed = 0;
    for (const spec of specs) {
      const s = this.sheet(spec.name);
      const p = s?.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
      if (!p || p.isWarningOnly()) continue;
      const have = new Set(p.getEditors().map((u) => u.getEmail().toLowerCase()));
      const add = [...want].filter((e) => !have.has(e));
      const remove = [...have].filter((e) => e !== owner && !want.has(e));
      if (add.length) p.addEditors(add);
      if (remove.length) p.removeEditors(remove);
      if (add.length || remove.length) changed++;
    }
    return changed;
  }

  sheetNames(): string[] {
    return this.ss.getSheets().map((s) => {
      const name = s.getName();
      this.sheets.set(name, s);
      return name;
    });
  }

  keepPersonal(spec: SheetSpec, person: string): PersonalSheet {
    const owner = Session.getEffectiveUser().getEmail().toLowerCase();
    const want = person.trim().toLowerCase();
    const wanted = want && want !== owner ? [want] : [];
    let s = this.sheet(spec.name);
    const created = !s;
    if (!s) {
      this.ensure(spec);
      s = this.sheet(spec.name) as Sheet;
    }
    let p: GoogleAppsScript.Spreadsheet.Protection | undefined = s.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    const had = p
      ? p
          .getEditors()
          .map((u) => u.getEmail().toLowerCase())
          .filter((e) => e !== owner)
      : [];
    const right = p && !p.isWarningOnly() && !p.canDomainEdit() && had.length === wanted.length && wanted.every((e) => had.includes(e));
    if (right) return { state: 'kept', had };
    let have = had;
    if (!p) {
      // A new protection starts as the file's sharing: narrowed below.
      p = s.protect().setDescription(`ЕБППК: лист «${spec.name}» — запросы одного сотрудника; пишут только он и банк`);
      have = p
        .getEditors()
        .map((u) => u.getEmail().toLowerCase())
        .filter((e) => e !== owner);
    }
    if (p.isWarningOnly()) p.setWarningOnly(false);
    const extra = have.filter((e) => !wanted.includes(e));
    const missing = wanted.filter((e) => !have.includes(e));
    if (extra.length) p.removeEditors(extra);
    if (missing.length) p.addEditors(missing);
    if (p.canDomainEdit()) p.setDomainEdit(false);
    return { state: created ? 'created' : 'restored', had: created ? [] : had };
  }

  private restrict(p: GoogleAppsScript.Spreadsheet.Protection, strict: boolean): void {
    if (!strict) {
      p.setWarningOnly(true);
      return;
    }
    const editors = p.getEditors();
    if (editors.length) p.removeEditors(editors);
    if (p.canDomainEdit()) p.setDomainEdit(false);
  }
}
