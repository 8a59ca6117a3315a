// `Grid` over an Apps Script Sheet: every method is a fixed, small number of SpreadsheetApp calls.
import { numberFormatOf } from '../../core/sheets/codec';
import type { Cell } from '../../core/sheets/spec';
import type { Grid, Layout } from '../grid/grid';
import { validationRule } from './validation';

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

/** A literal in a regular expression (RE2, as Sheets' TextFinder uses, escapes the same characters). */
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Blank rows added beyond what an append needs when a sheet is full. */
export const GROWTH_ROWS = 500;

export class SheetGrid implements Grid {
  constructor(
    private readonly sheet: Sheet,
    /** The header row as the workbook read it already with other sheets' (one request), or null to read it here. */
    private readonly knownHeader: () => Cell[] | null = () => null,
  ) {}

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
    const last = this.sheet.getLastRow();
    const unique = [...new Set(values.filter((v) => v !== ''))];
    if (last < 2 || !unique.length) return [];
    const range = this.sheet.getRange(2, col + 1, last - 1, 1);
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
      for (const cell of range.createTextFinder(pattern).useRegularExpression(true).matchCase(true).findAll()) rows.add(cell.getRow() - 2);
    }
    return [...rows].sort((a, b) => a - b);
  }

  write(row: number, col: number, values: Cell[][]): void {
    if (!values.length) return;
    this.sheet.getRange(row + 2, col + 1, values.length, values[0].length).setValues(values);
  }

  append(values: Cell[][], layout: Layout): void {
    if (!values.length) return;
    this.writeFormatted(this.sheet.getLastRow() + 1, values, layout);
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
    const sheetId = this.sheet.getSheetId();
    const requests = runs.map(([row, count]) => ({
      deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: row + 1, endIndex: row + 1 + count } },
    }));
    api.Spreadsheets.batchUpdate({ requests }, this.sheet.getParent().getId());
  }

  replace(values: Cell[][], layout: Layout): void {
    const last = this.sheet.getLastRow();
    const width = Math.max(1, this.sheet.getLastColumn());
    if (last > 1 + values.length) this.sheet.getRange(2 + values.length, 1, last - 1 - values.length, width).clearContent();
    if (values.length) this.writeFormatted(2, values, layout);
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
