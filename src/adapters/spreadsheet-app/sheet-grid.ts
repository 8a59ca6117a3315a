// `Grid` over an Apps Script Sheet: every method is a fixed, small number of SpreadsheetApp calls.
import { numberFormatOf } from '../../core/sheets/codec';
import type { Cell, ColumnSpec } from '../../core/sheets/spec';
import type { Grid, Layout } from '../grid/grid';
import { type ApiValidation, apiValidation, validationRule } from './validation';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The advanced Sheets service (enabled in appsscript.json); absent where it is not enabled. */
declare const Sheets:
  | {
      Spreadsheets: {
        batchUpdate(resource: object, spreadsheetId: string): unknown;
        Values?: {
          batchGet(spreadsheetId: string, options: { ranges: string[]; valueRenderOption?: string }): { valueRanges?: Array<{ values?: unknown[][] }> };
        };
      };
    }
  | undefined;

/** The advanced Sheets service, or null where it is not enabled (callers fall back to SpreadsheetApp). */
// `typeof` first: an undeclared global throws a ReferenceError where the service is not enabled.
export const advancedSheets = () =>
  typeof Sheets !== 'undefined' && Sheets !== undefined && typeof Sheets.Spreadsheets?.batchUpdate === 'function' ? Sheets : null;

/** The advanced service's `Values.batchGet` (several ranges, even of several sheets, in one call), or null. */
export const advancedValues = () => {
  const api = advancedSheets();
  return api && typeof api.Spreadsheets.Values?.batchGet === 'function' ? api.Spreadsheets.Values : null;
};

/** Values per TextFinder search (the regular expression stays a few kilobytes). */
const FIND_CHUNK = 100;
/** Matches of one search whose rows are asked one by one; more, and the column is read instead. */
const MAX_MATCH_CALLS = 100;

/** A literal in a regular expression (RE2, as Sheets' TextFinder uses, escapes the same characters). */
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The letters of column `col` (1-based): 28 → «AB». */
const letters = (col: number): string => {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
};

/** Column `col` (1-based) from row 2 to the end, however many rows come or go: «L2:L». */
export const openColumn = (s: Sheet, col: number): GoogleAppsScript.Spreadsheet.Range => s.getRange(`${letters(col)}2:${letters(col)}`);

/** A sheet's name as the Sheets API takes it in a range: quoted, its quotes doubled. */
export const quoted = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** How `Values.batchGet` is asked for values as `getValues` types them: unformatted, dates as serial numbers. */
export const UNFORMATTED = { valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER' } as const;

/**
 * Values from `Values.batchGet` (rows without their trailing blanks, trailing blank rows left out, dates as serial
 * numbers) as `getValues` gives them: `rows` × `width` (at least the widest row), blanks '', a number in a date
 * column (`dated`) the moment it stands for. A number typed into a date column by hand would read as a date too.
 */
export const asCells = (values: unknown[][] | undefined, rows: number, width: number, dated: readonly boolean[], book: SheetBook): Cell[][] => {
  const w = Math.max(width, ...(values ?? []).map((r) => r.length));
  return Array.from({ length: Math.max(rows, values?.length ?? 0) }, (_, i) => {
    const line = values?.[i] ?? [];
    return Array.from({ length: w }, (_, j) => {
      const v = line[j];
      if (v === undefined || v === null) return '';
      return dated[j] && typeof v === 'number' ? book.date(v) : (v as Cell);
    });
  });
};

/** Blank rows added beyond what an append needs when a sheet is full. */
export const GROWTH_ROWS = 500;

/** An append waiting for the end of a batch: its Sheets API request, and the SpreadsheetApp way if that is refused. */
interface Pending {
  /** The sheet it writes (a replace of that sheet in the batch sends it first). */
  readonly sheet: number;
  readonly requests: object[];
  readonly fallback: () => void;
}

/** What a sheet asks of its spreadsheet, asked once per execution by the workbook that holds it. */
export interface SheetBook {
  id(): string;
  /** A date's serial number as Sheets stores it: days since 30.12.1899 of its wall-clock time in the spreadsheet's zone. */
  serial(d: Date): number;
  /** The moment a serial number stands for (what `getValues` gives for a date cell): `serial`'s inverse. */
  date(serial: number): Date;
  /** Appends waiting to go together (`Workbook.batch` sets it to a list, flushes and clears it), or null. */
  pending: Pending[] | null;
  /** Sends the pending appends in one request (each the SpreadsheetApp way if it is refused); a no-op when none wait. */
  flush(): void;
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A `SheetBook` over a spreadsheet's id and time zone, each asked at most once. A script's `Date` shows wall-clock
 * time in the script's time zone, so where the spreadsheet's is the same (the usual case) a date's fields are read
 * directly; otherwise `Utilities.formatDate` gives them in the spreadsheet's zone (one call per distinct date).
 */
export const sheetBook = (getId: () => string, getTimeZone: () => string): SheetBook => {
  let id: string | undefined;
  let local: boolean | undefined;
  let tz = '';
  const serials = new Map<number, number>();
  /** Whether the spreadsheet's zone is the script's (asked once). */
  const isLocal = (): boolean => {
    if (local === undefined) {
      tz = getTimeZone();
      local = tz === Session.getScriptTimeZone();
    }
    return local;
  };
  /** A moment's wall-clock time in the spreadsheet's zone, as milliseconds of that time read as UTC. */
  const wallOf = (d: Date): number => {
    if (isLocal()) return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
    const [y, mo, da, h, mi, sec] = Utilities.formatDate(d, tz, 'yyyy-MM-dd-HH-mm-ss').split('-').map(Number);
    return Date.UTC(y, mo - 1, da, h, mi, sec, ((d.getTime() % 1000) + 1000) % 1000);
  };
  const book: SheetBook = {
    pending: null,
    id: () => (id ??= getId()),
    serial: (d) => {
      const known = serials.get(d.getTime());
      if (known !== undefined) return known;
      const serial = (wallOf(d) - SERIAL_EPOCH) / DAY_MS;
      serials.set(d.getTime(), serial);
      return serial;
    },
    date: (serial) => {
      const wall = SERIAL_EPOCH + Math.round(serial * DAY_MS);
      const w = new Date(wall);
      if (isLocal())
        return new Date(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds(), w.getUTCMilliseconds());
      // The moment whose wall clock there is `wall`: a guess corrected by what it shows (twice: a change of offset).
      let t = wall;
      for (let k = 0; k < 2; k++) t += wall - wallOf(new Date(t));
      return new Date(t);
    },
    flush: () => {
      const list = book.pending?.splice(0) ?? [];
      if (!list.length) return;
      const api = advancedSheets();
      try {
        if (!api) throw new Error('no Sheets service');
        api.Spreadsheets.batchUpdate({ requests: list.flatMap((p) => p.requests) }, book.id());
      } catch (_e) {
        // Refused as a whole (nothing written): each append the SpreadsheetApp way, in order.
        for (const p of list) p.fallback();
      }
    },
  };
  return book;
};

const bookOf = (sheet: Sheet): SheetBook =>
  sheetBook(
    () => sheet.getParent().getId(),
    () => sheet.getParent().getSpreadsheetTimeZone(),
  );

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
const blank = (v: unknown): boolean => v === '' || v === null || v === undefined;

/** A number format pattern as the Sheets API takes it (the type says how a typed value is read). */
const apiNumberFormat = (pattern: string) => ({
  type: pattern === '@' ? 'TEXT' : /h/.test(pattern) ? 'DATE_TIME' : /y/.test(pattern) ? 'DATE' : 'NUMBER',
  pattern,
});

/** The fields an append or a replace sets, every cell's: a blank cell in the rows loses any value, format or rule it had. */
const CELL_FIELDS = 'userEnteredValue,userEnteredFormat.numberFormat,dataValidation';

export class SheetGrid implements Grid {
  private sheetId: number | undefined;
  constructor(
    private readonly raw: Sheet,
    /** The header row as the workbook read it already with other sheets' (one request), or null to read it here. */
    private readonly knownHeader: () => Cell[] | null = () => null,
    private readonly book: SheetBook = bookOf(raw),
  ) {}

  /** The sheet, once the batch's pending appends are sent: whatever touches it sees them, in order. */
  private get sheet(): Sheet {
    this.book.flush();
    return this.raw;
  }

  get name(): string {
    return this.sheet.getName();
  }

  readAll(): Cell[][] {
    return this.sheet.getDataRange().getValues() as Cell[][];
  }

  readHeader(): Cell[] {
    const known = this.knownHeader();
    if (known) return known;
    const width = this.sheet.getLastColumn();
    if (width < 1) return [];
    return this.sheet.getRange(1, 1, 1, width).getValues()[0] as Cell[];
  }

  readBlock(col: number, width: number): Cell[][] {
    const last = this.sheet.getLastRow();
    if (last < 2) return [];
    return this.sheet.getRange(2, col + 1, last - 1, width).getValues() as Cell[][];
  }

  readRows(row: number, count: number): Cell[][] {
    if (count < 1) return [];
    return this.sheet.getRange(row + 2, 1, count, this.sheet.getLastColumn()).getValues() as Cell[][];
  }

  readCells(row: number, count: number, col: number, width: number): Cell[][] {
    if (count < 1 || width < 1) return [];
    return this.sheet.getRange(row + 2, col + 1, count, width).getValues() as Cell[][];
  }

  count(): number {
    return Math.max(0, this.sheet.getLastRow() - 1);
  }

  readTail(n: number): Cell[][] {
    const last = this.sheet.getLastRow();
    if (last < 2) return [];
    const start = Math.max(2, last - n + 1);
    return this.sheet.getRange(start, 1, last - start + 1, this.sheet.getLastColumn()).getValues() as Cell[][];
  }

  readColumn(col: number): Cell[] {
    const last = this.sheet.getLastRow();
    if (last < 2) return [];
    return this.sheet
      .getRange(2, col + 1, last - 1, 1)
      .getValues()
      .map((r) => r[0] as Cell);
  }

  /**
   * A TextFinder over the column with a regular expression of the values, anchored to the whole cell: Google searches,
   * the script gets back only the matching cells' positions. Text columns only (a TextFinder matches displayed text,
   * which is the value for plain-text cells).
   */
  find(col: number, values: readonly string[]): number[] {
    return this.search(col, values, null) as number[];
  }

  findAtMost(col: number, values: readonly string[], limit: number): number[] | null {
    return this.search(col, values, limit);
  }

  /** With `limit`, null past it; without, past MAX_MATCH_CALLS the column is read instead of a call per match. */
  private search(col: number, values: readonly string[], limit: number | null): number[] | null {
    const unique = [...new Set(values.filter((v) => v !== ''))];
    if (!unique.length) return [];
    // The whole column below the header («C2:C»): no call to learn where the data ends.
    const range = openColumn(this.sheet, col + 1);
    if (typeof range.createTextFinder !== 'function') {
      // A platform without TextFinder: the column read once instead.
      const wanted = new Set(unique);
      return range.getValues().flatMap((r, i) => (r[0] !== '' && wanted.has(String(r[0])) ? [i] : []));
    }
    const rows = new Set<number>();
    for (let i = 0; i < unique.length; i += FIND_CHUNK) {
      const pattern = `^(?:${unique
        .slice(i, i + FIND_CHUNK)
        .map(escapeRegExp)
        .join('|')})$`;
      const cells = range.createTextFinder(pattern).useRegularExpression(true).matchCase(true).findAll();
      // Each match's row is a call of its own: past MAX_MATCH_CALLS (a course's applications in a large bank) the
      // column is read once instead, so the calls never grow with the matches.
      if (limit !== null && cells.length + rows.size > limit) return null;
      if (cells.length > MAX_MATCH_CALLS) {
        const wanted = new Set(unique);
        return range.getValues().flatMap((r, at) => (r[0] !== '' && wanted.has(String(r[0])) ? [at] : []));
      }
      for (const cell of cells) rows.add(cell.getRow() - 2);
    }
    return [...rows].sort((a, b) => a - b);
  }

  /**
   * In a batch with the advanced service: an `updateCells` of the values (typed as an append types them; the cells keep
   * their formats), sent with the batch. Otherwise one `setValues`.
   */
  write(row: number, col: number, values: Cell[][]): void {
    if (!values.length) return;
    const fallback = () => this.sheet.getRange(row + 2, col + 1, values.length, values[0].length).setValues(values);
    if (!this.book.pending || !advancedSheets()) return void fallback();
    this.book.pending.push({ sheet: this.id(), requests: [this.update(row, col, values)], fallback });
  }

  /** Blocks in one `batchUpdate` (or in the batch's request); false, writing nothing, without the service or if refused. */
  writeRuns(blocks: ReadonlyArray<[number, number, Cell[][]]>): boolean {
    if (!advancedSheets()) return false;
    const list = blocks.filter(([, , v]) => v.length);
    if (!this.book.pending) return this.send(() => list.map(([row, col, values]) => this.update(row, col, values)));
    list.forEach(([row, col, values]) => this.write(row, col, values));
    return true;
  }

  /** An `updateCells` of values typed as an append types them; the cells keep their formats and validation. */
  private update(row: number, col: number, values: Cell[][]): object {
    const rows = values.map((line) => ({ values: line.map((v) => (blank(v) ? {} : { userEnteredValue: this.typed(v) })) }));
    return { updateCells: { start: { sheetId: this.id(), rowIndex: row + 1, columnIndex: col }, rows, fields: 'userEnteredValue' } };
  }

  /** Full rows of several runs in one `Values.batchGet`; null without the service or if it fails (a read per run then). */
  readRuns(runs: ReadonlyArray<[number, number]>, layout: Layout): Cell[][] | null {
    const api = advancedValues();
    if (!api || !layout.length) return null;
    this.book.flush();
    const name = quoted(this.name);
    const last = letters(layout.length);
    try {
      const r = api.batchGet(this.book.id(), { ranges: runs.map(([start, n]) => `${name}!A${start + 2}:${last}${start + 1 + n}`), ...UNFORMATTED });
      const dated = layout.map((c) => c?.type === 'date' || c?.type === 'datetime');
      return runs.flatMap(([, n], i) => asCells(r.valueRanges?.[i]?.values as unknown[][] | undefined, n, layout.length, dated, this.book));
    } catch (_e) {
      return null;
    }
  }

  /**
   * With the advanced service: one `appendCells` request — values typed (a `stringValue` is never parsed, so user
   * text stays text; a date goes as its serial number in the spreadsheet's time zone), each cell's number format and
   * validation, rows inserted by Sheets if the sheet is full. Without it, or if the request is refused (it is applied
   * whole or not at all), three SpreadsheetApp calls: formats, validation, values.
   */
  append(values: Cell[][], layout: Layout): void {
    if (!values.length) return;
    const fallback = () => this.writeFormatted(this.sheet.getLastRow() + 1, values, layout);
    const request = () => ({ appendCells: { sheetId: this.id(), rows: this.rowData(values, layout), fields: CELL_FIELDS } });
    // In a batch: sent with the other appends when it ends (or before anything else touches the workbook).
    if (this.book.pending && advancedSheets()) return void this.book.pending.push({ sheet: this.id(), requests: [request()], fallback });
    this.book.flush();
    if (!this.send(() => [request()])) fallback();
  }

  /** Sends requests in one `batchUpdate`; false where the service is missing or refused them (nothing applied). */
  private send(requests: () => object[]): boolean {
    const api = advancedSheets();
    if (!api) return false;
    try {
      const list = requests();
      if (list.length) api.Spreadsheets.batchUpdate({ requests: list }, this.book.id());
      return true;
    } catch (_e) {
      return false;
    }
  }

  private id(): number {
    this.sheetId ??= this.raw.getSheetId();
    return this.sheetId;
  }

  /** A value as the Sheets API takes it: a string is never parsed; a date is its serial number in the sheet's zone. */
  private typed(v: Cell): object {
    if (typeof v === 'number') return { numberValue: v };
    if (typeof v === 'boolean') return { boolValue: v };
    if (isDate(v)) return { numberValue: this.book.serial(v) };
    return { stringValue: String(v) };
  }

  /** Rows as the Sheets API takes them: each cell's typed value, number format and validation. */
  private rowData(values: Cell[][], layout: Layout): object[] {
    const width = values[0].length;
    const formats = Array.from({ length: width }, (_, j) => ({ numberFormat: apiNumberFormat(numberFormatOf(layout[j])) }));
    const rules: Array<ApiValidation | null> = Array.from({ length: width }, (_, j) => (layout[j] ? apiValidation(layout[j] as ColumnSpec) : null));
    return values.map((line) => ({
      values: line.map((v, j) => {
        const cell: Record<string, unknown> = { userEnteredFormat: formats[j] };
        if (!blank(v)) cell.userEnteredValue = this.typed(v);
        if (rules[j]) cell.dataValidation = rules[j];
        return cell;
      }),
    }));
  }

  deleteRows(row: number, count: number): void {
    // Sheets refuses to delete every non-frozen row: keep one blank row below the header (only a delete from
    // the first data row can reach that, so only then is the size asked for).
    if (row === 0) {
      const maxRows = this.sheet.getMaxRows();
      if (count >= maxRows - 1) this.sheet.insertRowsAfter(maxRows, 1);
    }
    this.sheet.deleteRows(row + 2, count);
  }

  /**
   * Scattered rows in one Sheets API request (deleteDimension per run, highest first, so earlier deletions do not
   * shift later ones); without the advanced service, one deleteRows per run.
   */
  deleteRuns(runs: ReadonlyArray<[number, number]>): void {
    const api = advancedSheets();
    if (!api) {
      runs.forEach(([row, count]) => this.deleteRows(row, count));
      return;
    }
    if (runs.some(([row]) => row === 0)) {
      // Sheets refuses to delete every non-frozen row: keep one blank row below the header.
      const maxRows = this.sheet.getMaxRows();
      if (runs.reduce((n, [, count]) => n + count, 0) >= maxRows - 1) this.sheet.insertRowsAfter(maxRows, 1);
    }
    const sheetId = this.id();
    const requests = runs.map(([row, count]) => ({
      deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: row + 1, endIndex: row + 1 + count } },
    }));
    api.Spreadsheets.batchUpdate({ requests }, this.book.id());
  }

  /**
   * With the advanced service, one request: the rows written from row 2 as an append writes them (typed, formatted,
   * validated), the rows below them cleared, the sheet grown first if it is too short. Otherwise SpreadsheetApp.
   */
  replace(values: Cell[][], layout: Layout): void {
    // In a batch where nothing waiting writes this sheet: its size asked without sending the batch, the requests joined.
    const pending = this.book.pending;
    const joined = !!pending && !!advancedSheets() && !pending.some((p) => p.sheet === this.id());
    const s = joined ? this.raw : this.sheet;
    const last = s.getLastRow();
    const width = Math.max(1, s.getLastColumn());
    const requests = () => {
      const sheetId = this.id();
      const list: object[] = [];
      const maxRows = s.getMaxRows();
      if (1 + values.length > maxRows) list.push({ appendDimension: { sheetId, dimension: 'ROWS', length: 1 + values.length - maxRows + GROWTH_ROWS } });
      if (values.length)
        list.push({ updateCells: { start: { sheetId, rowIndex: 1, columnIndex: 0 }, rows: this.rowData(values, layout), fields: CELL_FIELDS } });
      if (last > 1 + values.length)
        list.push({
          updateCells: {
            range: { sheetId, startRowIndex: 1 + values.length, endRowIndex: last, startColumnIndex: 0, endColumnIndex: width },
            fields: 'userEnteredValue',
          },
        });
      return list;
    };
    const fallback = () => {
      if (last > 1 + values.length) this.sheet.getRange(2 + values.length, 1, last - 1 - values.length, width).clearContent();
      if (values.length) this.writeFormatted(2, values, layout);
    };
    if (joined && pending) return void pending.push({ sheet: this.id(), requests: requests(), fallback });
    if (!this.send(requests)) fallback();
  }

  sort(cols: readonly number[]): void {
    const last = this.sheet.getLastRow();
    if (last < 3) return;
    this.sheet.getRange(2, 1, last - 1, this.sheet.getLastColumn()).sort(cols.map((c) => ({ column: c + 1, ascending: true })));
  }

  /** Formats first (plain text '@' for text), then values: a typed-looking string never becomes a formula, number or date. */
  private writeFormatted(firstRow: number, values: Cell[][], layout: Layout): void {
    const n = values.length;
    const width = values[0].length;
    const maxRows = this.sheet.getMaxRows();
    // Grow with headroom: the next appends then need no insert call of their own.
    if (firstRow + n - 1 > maxRows) this.sheet.insertRowsAfter(maxRows, firstRow + n - 1 - maxRows + GROWTH_ROWS);
    const range = this.sheet.getRange(firstRow, 1, n, width);
    const formatRow = layout.slice(0, width).map(numberFormatOf);
    while (formatRow.length < width) formatRow.push('@');
    range.setNumberFormats(values.map(() => formatRow));
    const rules = layout.slice(0, width).map((c) => (c ? validationRule(c) : null));
    while (rules.length < width) rules.push(null);
    if (rules.some((r) => r !== null)) range.setDataValidations(values.map(() => rules));
    range.setValues(values);
  }
}
