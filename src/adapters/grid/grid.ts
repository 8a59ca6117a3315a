// The few cell-level operations a sheet adapter provides; `GridTable` builds the record-level port on top of them.
import type { Cell, ColumnSpec } from '../../core/sheets/spec';

/** For each physical column position, the declared column living there (undefined for a user's own extra column). */
export type Layout = readonly (ColumnSpec | undefined)[];

export interface Grid {
  readonly name: string;
  /** Every cell of the used range, header row first: one read. */
  readAll(): Cell[][];
  /** The header row: one read. */
  readHeader(): Cell[];
  /** Number of data rows up to the last non-blank one. */
  count(): number;
  /** Every data row, but only `width` columns from column `col` (0-based): one read. */
  readBlock(col: number, width: number): Cell[][];
  /** `count` full data rows from data row `row` (0-based): one read. */
  readRows(row: number, count: number): Cell[][];
  /** `count` data rows from data row `row`, `width` columns from column `col` (all 0-based): one read. */
  readCells(row: number, count: number, col: number, width: number): Cell[][];
  /** The last `n` data rows: one read. */
  readTail(n: number): Cell[][];
  /** One column's data cells (rows below the header): one read. */
  readColumn(col: number): Cell[];
  /**
   * The data rows (0-based, ascending) whose cell in column `col` is exactly one of `values` (case-sensitive): a
   * search the platform runs itself (one call per hundred values, no cell read). Absent where a read is as cheap.
   */
  find?(col: number, values: readonly string[]): number[];
  /**
   * The same search, unless it matches more than `limit` rows: then null, at the cost of the search alone (each match's
   * row is a call of its own on Apps Script) — the caller decides by another condition, or reads the column.
   */
  findAtMost?(col: number, values: readonly string[], limit: number): number[] | null;
  /**
   * Full data rows of several runs [row, count] in one request, in order, typed as `readRows` gives them (the layout
   * says which columns hold dates). Absent, or null, where the platform cannot: then a read per run.
   */
  readRuns?(runs: ReadonlyArray<[number, number]>, layout: Layout): Cell[][] | null;
  /** Writes a block whose top-left is data row `row`, column `col` (both 0-based, the header excluded). */
  write(row: number, col: number, values: Cell[][]): void;
  /** Several blocks [row, col, values] in one request where the platform can; false (nothing written) where not. */
  writeRuns?(blocks: ReadonlyArray<[number, number, Cell[][]]>): boolean;
  /** Appends rows below the last row, formatting and validating them as the layout declares. */
  append(values: Cell[][], layout: Layout): void;
  /** Deletes `count` data rows starting at data row `row` (0-based). */
  deleteRows(row: number, count: number): void;
  /** Deletes several runs [row, count] in one request where the platform allows it (runs sorted, highest first). */
  deleteRuns?(runs: ReadonlyArray<[number, number]>): void;
  /** Replaces every data row with `values` (may be empty). */
  replace(values: Cell[][], layout: Layout): void;
  /** Sorts the data rows by these 0-based columns, ascending. */
  sort(cols: readonly number[]): void;
}
