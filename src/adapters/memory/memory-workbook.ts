// In-memory spreadsheets for tests and the local bank: the same GridTable over arrays of cells.
import type { EnsureReport, PersonalSheet, Table, Workbook } from '../../core/ports';
import { MissingSheetError } from '../../core/sheets/codec';
import type { Cell, SheetSpec } from '../../core/sheets/spec';
import type { Grid, Layout } from '../grid/grid';
import { GridTable } from '../grid/grid-table';

const copyCell = (v: Cell): Cell => (v instanceof Date ? new Date(v.getTime()) : v);
const copyRows = (rows: Cell[][]): Cell[][] => rows.map((r) => r.map(copyCell));

export class MemoryGrid implements Grid {
  /** Header row first, as in a spreadsheet. */
  rows: Cell[][];
  /** Called on every write: the memory drive keeps a modified time per workbook. */
  onChange: () => void = () => undefined;
  constructor(
    readonly name: string,
    header: Cell[] = [],
  ) {
    this.rows = [header.slice()];
  }
  private get width(): number {
    return Math.max(0, ...this.rows.map((r) => r.length));
  }
  private pad(r: Cell[]): Cell[] {
    const out = r.slice();
    while (out.length < this.width) out.push('');
    return out;
  }
  readAll(): Cell[][] {
    return copyRows(this.rows.map((r) => this.pad(r)));
  }
  readHeader(): Cell[] {
    return this.pad(this.rows[0]).slice();
  }
  readBlock(col: number, width: number): Cell[][] {
    return this.rows.slice(1).map((r) => Array.from({ length: width }, (_, j) => copyCell(r[col + j] ?? '')));
  }
  readRows(row: number, count: number): Cell[][] {
    return copyRows(this.rows.slice(row + 1, row + 1 + count).map((r) => this.pad(r)));
  }
  readCells(row: number, count: number, col: number, width: number): Cell[][] {
    return this.rows.slice(row + 1, row + 1 + count).map((r) => Array.from({ length: width }, (_, j) => copyCell(r[col + j] ?? '')));
  }
  count(): number {
    let n = this.rows.length - 1;
    while (n > 0 && this.rows[n].every((v) => v === '' || v === undefined)) n--;
    return n;
  }
  readTail(n: number): Cell[][] {
    return copyRows(
      this.rows
        .slice(1)
        .slice(-n)
        .map((r) => this.pad(r)),
    );
  }
  readColumn(col: number): Cell[] {
    return this.rows.slice(1).map((r) => copyCell(r[col] ?? ''));
  }
  find(col: number, values: readonly string[]): number[] {
    const wanted = new Set(values);
    const out: number[] = [];
    this.rows.slice(1).forEach((r, i) => r[col] !== undefined && r[col] !== '' && wanted.has(String(r[col])) && out.push(i));
    return out;
  }
  write(row: number, col: number, values: Cell[][]): void {
    this.onChange();
    values.forEach((vals, i) => {
      const target = this.pad(this.rows[row + 1 + i] ?? []);
      vals.forEach((v, j) => (target[col + j] = copyCell(v)));
      this.rows[row + 1 + i] = target;
    });
  }
  append(values: Cell[][], _layout: Layout): void {
    this.onChange();
    this.rows.push(...copyRows(values));
  }
  deleteRows(row: number, count: number): void {
    this.onChange();
    this.rows.splice(row + 1, count);
  }
  replace(values: Cell[][], _layout: Layout): void {
    this.onChange();
    this.rows = [this.rows[0], ...copyRows(values)];
  }
  sort(cols: readonly number[]): void {
    this.onChange();
    const key = (r: Cell[]) => cols.map((c) => r[c] ?? '');
    const cmp = (a: Cell, b: Cell): number => (a < b ? -1 : a > b ? 1 : 0);
    const body = this.rows.slice(1).sort((x, y) => {
      const kx = key(x);
      const ky = key(y);
      for (let i = 0; i < kx.length; i++) {
        const c = cmp(kx[i], ky[i]);
        if (c) return c;
      }
      return 0;
    });
    this.rows = [this.rows[0], ...body];
  }
}

export class MemoryWorkbook implements Workbook {
  readonly grids = new Map<string, MemoryGrid>();
  constructor(
    readonly id: string = 'memory',
    private onChange: () => void = () => undefined,
  ) {}

  /** Re-points every grid's change hook (a workbook loaded from a file joins a book store). */
  setOnChange(f: () => void): void {
    this.onChange = f;
    this.grids.forEach((g) => (g.onChange = f));
  }

  /** Adds a grid as it was saved (header row first). */
  load(name: string, rows: Cell[][]): void {
    const g = new MemoryGrid(name, rows[0] ?? []);
    g.rows = rows.length ? rows : [[]];
    g.onChange = this.onChange;
    this.grids.set(name, g);
  }

  grid(name: string): MemoryGrid {
    const g = this.grids.get(name);
    if (!g) throw new MissingSheetError(name);
    return g;
  }

  table<K extends string>(spec: SheetSpec<K>): Table<K> {
    return new GridTable(spec, this.grid(spec.name));
  }

  has(spec: SheetSpec): boolean {
    return this.grids.has(spec.name);
  }

  /** No protection in memory (the local bank decides who may do what on its server). */
  protectFor(_specs: readonly SheetSpec[], _editors: readonly string[]): number {
    return 0;
  }

  sheetNames(): string[] {
    return [...this.grids.keys()];
  }

  /** Laid out if missing; no protection in memory (the local server writes a person's sheet only for that person). */
  keepPersonal(spec: SheetSpec, _person: string): PersonalSheet {
    return { state: this.ensure(spec).created ? 'created' : 'kept', had: [] };
  }

  ensure(spec: SheetSpec): EnsureReport {
    const existing = this.grids.get(spec.name);
    if (!existing) {
      const g = new MemoryGrid(
        spec.name,
        spec.columns.map((c) => c.header),
      );
      g.onChange = this.onChange;
      this.grids.set(spec.name, g);
      this.onChange();
      return { created: true, addedColumns: [] };
    }
    const header = existing.rows[0].map((h) => String(h).trim());
    const missing = spec.columns.filter((c) => !header.includes(c.header)).map((c) => c.header);
    existing.rows[0] = [...existing.rows[0], ...missing];
    return { created: false, addedColumns: missing };
  }
}
