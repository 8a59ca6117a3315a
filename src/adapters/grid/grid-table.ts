// The storage port's `Table` over any `Grid`: records by header name, batched reads and writes, deletes by id in runs.

import type { Found, Table, Where } from '../../core/ports';
import { decodeCell, decodeRow, encodeRow, type HeaderMap, mapHeaders } from '../../core/sheets/codec';
import type { Cell, Row, SheetSpec } from '../../core/sheets/spec';
import type { Grid, Layout } from './grid';

/** Below this many rows a whole read costs no more than a search and then a read (updates of unread records). */
const LOOKUP_MIN_ROWS = 200;

/** `readColumns` reads through a gap of up to this many unwanted columns instead of making another call. */
const COLUMN_GAP = 2;

/** Above this many contiguous runs, `readAt` reads one block instead of one range per run. */
/** A search matching more rows than this, among other conditions, is left to the rows read (see `find`). */
const BROAD_MATCHES = 100;
const MAX_READ_RUNS = 6;

const isBlank = (raw: readonly Cell[]): boolean => raw.every((v) => v === '' || v === null || v === undefined);

/** Groups sorted positions into runs of consecutive numbers: [3,4,5,9] → [[3,3],[9,1]] as [start, length]. */
export const runsOf = (sorted: readonly number[]): Array<[number, number]> => {
  const runs: Array<[number, number]> = [];
  for (const p of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === p) last[1]++;
    else runs.push([p, 1]);
  }
  return runs;
};

/** Rows are decoded by header key; `K` types them as the sheet's declaration (the codec fills every declared key). */
export class GridTable<K extends string = string> implements Table<K> {
  private header: Cell[] | null = null;
  private map: HeaderMap | null = null;
  /** Raw rows by id from this execution's last full read: the base for partial-row writes. */
  private snapshot: Map<string, Cell[]> | null = null;
  /** The same read by position (data rows), to write one block over scattered rows of a bank-only sheet. */
  private snapshotRows: Cell[][] | null = null;
  /** The columns [first, last] the snapshot holds (a narrow read holds only a block). */
  private known: [number, number] | null = null;

  /** Raw rows by position read by `find`/`readAt` since the rows last moved: the base for writes after a look-up. */
  private located: Map<number, Cell[]> | null = null;

  /** This execution's full read, when the table is per execution (`memo`): later reads are served from it until a write. */
  private memo: Cell[][] | null = null;

  constructor(
    readonly spec: SheetSpec<K>,
    private readonly grid: Grid,
    /** True only for a table that lives for one execution (see SpreadsheetWorkbook's `perExecution`). */
    private readonly memoize = false,
  ) {}

  /** One getValues of the whole sheet, or this execution's earlier one when nothing was written since. */
  private readAllOnce(): Cell[][] {
    if (this.memo) return this.memo;
    const all = this.grid.readAll();
    if (this.memoize) this.memo = all;
    return all;
  }

  /** This execution's full read, made elsewhere (several sheets in one request): served as if `read` had made it. */
  prime(all: Cell[][]): void {
    if (this.memoize && !this.memo) this.memo = all;
  }

  /** Whether this execution has the whole sheet in hand already. */
  get primed(): boolean {
    return this.memo !== null;
  }

  /** A write the memo cannot follow (deletes, sorts, partial rows): the next read asks the sheet. */
  private changed(): void {
    this.memo = null;
  }

  read(): Row<K>[] {
    const all = this.readAllOnce();
    this.useHeader(all[0] ?? []);
    const map = this.map as HeaderMap;
    const rows: Row[] = [];
    this.snapshot = new Map();
    this.snapshotRows = all.slice(1);
    this.known = [0, Math.max(0, (all[0] ?? []).length - 1)];
    for (let i = 1; i < all.length; i++) {
      const raw = all[i];
      if (isBlank(raw)) continue;
      rows.push(decodeRow(this.spec, map, raw));
      if (this.spec.idKey) this.snapshot.set(String(raw[map.get(this.spec.idKey) as number]), raw);
    }
    return rows;
  }

  append(rows: readonly Partial<Row<K>>[]): void {
    if (!rows.length) return;
    const map = this.headerMap();
    const width = (this.header as Cell[]).length;
    const encoded = rows.map((r) => encodeRow(this.spec, map, r, width));
    this.grid.append(encoded, this.layout());
    // The rows land after the last one read: the memo stays the sheet's content (text cells are '@', so no parsing).
    if (this.memo) this.memo.push(...encoded.map((e) => e.slice()));
    if (this.snapshotRows) this.snapshotRows.push(...encoded);
    if (this.snapshot && this.spec.idKey) {
      const col = map.get(this.spec.idKey) as number;
      encoded.forEach((e) => this.snapshot?.set(String(e[col]), e));
    }
  }

  readKeys<P extends K>(keys: readonly P[]): Found<P>[] {
    const map = this.headerMap();
    const width = (this.header as Cell[]).length;
    const positions = keys.map((k) => map.get(k) as number);
    const lo = Math.min(...positions);
    const hi = Math.max(...positions);
    const block = this.memo ? this.memo.slice(1).map((r) => r.slice(lo, hi + 1)) : this.grid.readBlock(lo, hi - lo + 1);
    const wanted = this.spec.columns.filter((c) => (keys as readonly string[]).includes(c.key));
    this.snapshot = new Map();
    this.snapshotRows = [];
    this.known = [lo, hi];
    const idCol = this.spec.idKey ? (map.get(this.spec.idKey) as number) : -1;
    const out: Found<P>[] = [];
    block.forEach((cells, i) => {
      const raw: Cell[] = new Array(width).fill('');
      cells.forEach((v, j) => (raw[lo + j] = v));
      (this.snapshotRows as Cell[][]).push(raw);
      if (idCol >= 0) this.snapshot?.set(String(raw[idCol]), raw);
      if (isBlank(cells)) return;
      const row: Row = {};
      for (const c of wanted) row[c.key] = decodeCell(c, raw[map.get(c.key) as number]);
      out.push({ index: i, row: row as Row<P> });
    });
    return out;
  }

  readColumns<P extends K>(keys: readonly P[]): Row<P>[] {
    const map = this.headerMap();
    const wanted = this.spec.columns.filter((c) => (keys as readonly string[]).includes(c.key));
    const positions = [...new Set(wanted.map((c) => map.get(c.key) as number))].sort((a, b) => a - b);
    // Blocks of neighbouring columns: a gap of a few columns is read through rather than paid for with another call.
    const blocks: Array<[number, number]> = [];
    for (const p of positions) {
      const last = blocks[blocks.length - 1];
      if (last && p - (last[0] + last[1]) <= COLUMN_GAP) last[1] = p - last[0] + 1;
      else blocks.push([p, 1]);
    }
    const parts = blocks.map(([lo, width]) => ({
      lo,
      cells: this.memo ? this.memo.slice(1).map((r) => r.slice(lo, lo + width)) : this.grid.readBlock(lo, width),
    }));
    const count = Math.max(0, ...parts.map((b) => b.cells.length));
    const out: Row<P>[] = [];
    for (let i = 0; i < count; i++) {
      const raw: Cell[] = [];
      for (const b of parts) (b.cells[i] ?? []).forEach((v, j) => (raw[b.lo + j] = v));
      const row: Row = {};
      let blank = true;
      for (const c of wanted) {
        const v = raw[map.get(c.key) as number];
        if (v !== '' && v !== null && v !== undefined) blank = false;
        row[c.key] = decodeCell(c, v ?? '');
      }
      if (!blank) out.push(row as Row<P>);
    }
    return out;
  }

  readAt(indexes: readonly number[]): Found<K>[] {
    const map = this.headerMap();
    const out: Found[] = [];
    const sorted = [...new Set(indexes)].sort((a, b) => a - b);
    if (this.memo) {
      const memo = this.memo;
      return sorted.filter((i) => i + 1 < memo.length).map((i) => ({ index: i, row: decodeRow(this.spec, map, memo[i + 1]) }));
    }
    if (!sorted.length) return out;
    const located = this.located ?? new Map<number, Cell[]>();
    this.located = located;
    // Rows this execution has read already (kept current by its own writes, dropped when rows move): no new read.
    if (sorted.every((i) => located.has(i))) return sorted.map((i) => ({ index: i, row: decodeRow(this.spec, map, located.get(i) as Cell[]) }));
    const runs = runsOf(sorted);
    // Scattered rows in one request where the platform can (the Sheets API's batchGet of the runs).
    const many = runs.length > 1 && this.grid.readRuns ? this.grid.readRuns(runs, this.layout()) : null;
    if (many) {
      let k = 0;
      for (const [start, length] of runs)
        for (let i = 0; i < length; i++, k++) {
          located.set(start + i, many[k]);
          out.push({ index: start + i, row: decodeRow(this.spec, map, many[k]) });
        }
      return out;
    }
    if (runs.length > MAX_READ_RUNS) {
      // Many scattered rows: one read from the first to the last, keeping only the rows asked for (and the rows
      // between, which a span write after a look-up needs).
      const first = sorted[0];
      const rows = this.grid.readRows(first, sorted[sorted.length - 1] - first + 1);
      rows.forEach((raw, i) => located.set(first + i, raw));
      for (const i of sorted) out.push({ index: i, row: decodeRow(this.spec, map, rows[i - first]) });
      return out;
    }
    for (const [start, length] of runs) {
      this.grid.readRows(start, length).forEach((raw, i) => {
        located.set(start + i, raw);
        out.push({ index: start + i, row: decodeRow(this.spec, map, raw) });
      });
    }
    return out;
  }

  find<P extends K>(key: P, values: readonly string[], and: Where<K> = {}): Found<K>[] {
    const conditions: Array<[string, readonly string[]]> = [[key, values], ...(Object.entries(and) as Array<[string, readonly string[]]>)];
    const map = this.headerMap();
    // Positions in every condition's search, narrowed one search at a time (none once nothing is left). With several
    // conditions, one matching a great many rows (a stage, across the bank) is left to the rows read: its search would
    // cost a call per match.
    let positions: number[] | null = null;
    const coded = (k: string, vs: readonly string[]) => {
      const column = this.spec.columns.find((c) => c.key === k);
      return vs.map((v) => (column?.labels?.[v] ? column.labels[v] : v));
    };
    for (const [k, vs] of conditions) {
      if (positions !== null && !positions.length) break;
      const limit = conditions.length > 1 ? BROAD_MATCHES : null;
      const here: number[] | null = vs.length ? this.locate(map.get(k) as number, coded(k, vs), limit) : [];
      if (here === null) continue;
      const keep: Set<number> | null = positions ? new Set(positions) : null;
      positions = keep ? here.filter((p) => keep.has(p)) : here;
    }
    // Every condition broad: the first one's rows, however many (its column read when the matches are too many).
    if (positions === null) positions = this.locate(map.get(key) as number, coded(key, values));
    // A search matches displayed text; the decoded values decide (a number-looking id shown otherwise is not lost).
    return this.readAt(positions ?? []).filter((f) => conditions.every(([k, vs]) => vs.includes(String((f.row as Row)[k]))));
  }

  present(ids: readonly string[]): Set<string> {
    const idKey = this.requireIdKey();
    const wanted = new Set(ids);
    if (!ids.length) return new Set();
    if (!this.memo && !this.grid.find) return new Set(this.ids().filter((id) => wanted.has(id)));
    return new Set(this.find(idKey as K, ids).map((f) => String((f.row as Row)[idKey])));
  }

  /** Data rows whose column `col` holds one of `values`: from this execution's read, a search, or a column read. */
  private locate(col: number, values: readonly string[]): number[];
  private locate(col: number, values: readonly string[], limit: number | null): number[] | null;
  private locate(col: number, values: readonly string[], limit: number | null = null): number[] | null {
    const wanted = new Set(values);
    const hit = (v: Cell) => v !== '' && v !== null && v !== undefined && wanted.has(String(v));
    if (this.memo) return this.memo.slice(1).flatMap((r, i) => (hit(r[col]) ? [i] : []));
    if (limit !== null && this.grid.findAtMost) return this.grid.findAtMost(col, values, limit);
    if (this.grid.find) return this.grid.find(col, values);
    return this.grid.readColumn(col).flatMap((v, i) => (hit(v) ? [i] : []));
  }

  /**
   * Where the patched records are, without asking the sheet again: only for a bank-only sheet in a per-execution table
   * (the bank is its only writer, under the script lock, and every row move of this execution went through this object,
   * which forgets positions on a delete or a sort), and only when every patched record was read here.
   */
  private trustedPositions(located: Map<number, Cell[]>, idCol: number, patches: ReadonlyMap<string, unknown>): number[] | null {
    if (!this.memoize || !this.spec.botOnly) return null;
    const at = new Map<string, number>();
    located.forEach((raw, p) => {
      const id = String(raw[idCol]);
      if (patches.has(id) && !(p > (at.get(id) ?? Number.POSITIVE_INFINITY))) at.set(id, p);
    });
    return at.size === patches.size ? [...at.values()].sort((a, b) => a - b) : null;
  }

  /**
   * Patches of records this execution found by `find`: a search says where the ids are now, the rows read then are
   * the base. On a bank-only sheet (only the bank writes it, under the script lock) the positions are trusted; on a
   * sheet people edit too, the id cells at those positions are read first (a few cells, not the column) and any
   * difference — a person sorted the sheet meanwhile — falls back to the full path. Null when that fallback is needed.
   */
  private updateLocated(patches: ReadonlyMap<string, Partial<Row<K>>>): string[] | null {
    const located = this.located;
    if (!located || !this.grid.find || this.memo) return null;
    const map = this.headerMap();
    const width = (this.header as Cell[]).length;
    const idCol = map.get(this.requireIdKey()) as number;
    const found = this.trustedPositions(located, idCol, patches) ?? this.grid.find(idCol, [...patches.keys()]);
    if (!this.spec.botOnly) {
      const runs = runsOf(found);
      const spans: Array<[number, number]> = runs.length > MAX_READ_RUNS && found.length ? [[found[0], found[found.length - 1] - found[0] + 1]] : runs;
      for (const [start, length] of spans) {
        const ids = this.grid.readCells(start, length, idCol, 1);
        for (let i = 0; i < length; i++) {
          const known = located.get(start + i);
          if (known && String(known[idCol]) !== String(ids[i][0])) return null;
        }
      }
    }
    // Rows found but not read in this execution: read now (just those), they are the base of the patch.
    const unread = found.filter((p) => !located.has(p));
    if (unread.length) this.readAt(unread);
    const position = new Map<string, number>();
    for (const p of found) {
      const raw = located.get(p);
      if (!raw) return null;
      const id = String(raw[idCol]);
      if (!patches.has(id)) return null;
      if (!position.has(id)) position.set(id, p);
    }
    const cols = new Set<number>();
    patches.forEach((patch) => Object.keys(patch).forEach((k) => map.has(k) && cols.add(map.get(k) as number)));
    const missing = [...patches.keys()].filter((id) => !position.has(id));
    if (!cols.size) return missing;
    const lo = Math.min(...cols);
    const hi = Math.max(...cols);
    const targets = [...position.entries()]
      .map(([id, pos]) => {
        const cells = encodeRow(this.spec, map, patches.get(id) as Partial<Row>, width, located.get(pos));
        located.set(pos, cells);
        this.snapshot?.set(id, cells);
        return { pos, cells };
      })
      .sort((a, b) => a.pos - b.pos);
    if (!targets.length) return missing;
    const first = targets[0].pos;
    const last = targets[targets.length - 1].pos;
    const line = (cells: Cell[]) => {
      const out = cells.slice(lo, hi + 1);
      while (out.length < hi - lo + 1) out.push('');
      return out;
    };
    const runs = runsOf(targets.map((t) => t.pos));
    // Several runs in one request where the platform can: only the rows that changed are written.
    if (
      runs.length > 1 &&
      this.grid.writeRuns?.(runs.map(([start, length]) => [start, lo, Array.from({ length }, (_, i) => line(located.get(start + i) as Cell[]))]))
    )
      return missing;
    // A bank-only sheet whose every row between the first and the last was read in this execution: one block (on a
    // sheet people edit, the rows between might have changed since: one write per run).
    let between = runs.length > 1 && !!this.spec.botOnly;
    for (let p = first; between && p <= last; p++) between = located.has(p);
    if (between) {
      const block: Cell[][] = [];
      for (let p = first; p <= last; p++) block.push(line(located.get(p) as Cell[]));
      this.grid.write(first, lo, block);
      return missing;
    }
    for (const [start, length] of runs) {
      const block: Cell[][] = [];
      for (let p = start; p < start + length; p++) block.push(line(located.get(p) as Cell[]));
      this.grid.write(start, lo, block);
    }
    return missing;
  }

  updateByIds(patches: ReadonlyMap<string, Partial<Row<K>>>): string[] {
    if (!patches.size) return [];
    // Records not read in this execution, on a sheet long enough for it to matter: found first (a search and those
    // rows), not the whole sheet read.
    if (!this.snapshot && !this.located && !this.memo && this.grid.find && this.grid.count() > LOOKUP_MIN_ROWS)
      this.find(this.requireIdKey() as K, [...patches.keys()]);
    const fromLookup = this.updateLocated(patches);
    if (fromLookup) return fromLookup;
    this.located = null;
    const memo = this.memo;
    this.changed();
    const idKey = this.requireIdKey();
    const map0 = this.headerMap();
    const patchCols: number[] = [];
    patches.forEach((patch) => Object.keys(patch).forEach((k) => map0.has(k) && patchCols.push(map0.get(k) as number)));
    const covered = !!this.known && patchCols.every((c) => c >= (this.known as [number, number])[0] && c <= (this.known as [number, number])[1]);
    let ids: Cell[];
    if (memo && this.spec.botOnly && covered) {
      // This execution's full read of a sheet only the bank writes: its positions stand (see `trustedPositions`).
      const col = this.headerMap().get(idKey) as number;
      ids = memo.slice(1).map((r) => r[col]);
    } else if (this.snapshot && covered) {
      ids = this.grid.readColumn(this.headerMap().get(idKey) as number);
    } else {
      const all = this.grid.readAll();
      this.useHeader(all[0] ?? []);
      const col = this.headerMap().get(idKey) as number;
      this.snapshot = new Map(all.slice(1).map((r) => [String(r[col]), r]));
      this.snapshotRows = all.slice(1);
      this.known = [0, Math.max(0, (all[0] ?? []).length - 1)];
      ids = all.slice(1).map((r) => r[col]);
    }
    const map = this.headerMap();
    const width = (this.header as Cell[]).length;
    const position = new Map<string, number>();
    ids.forEach((id, i) => {
      if (String(id) !== '' && !position.has(String(id))) position.set(String(id), i);
    });
    const cols = new Set<number>();
    patches.forEach((patch) => Object.keys(patch).forEach((k) => map.has(k) && cols.add(map.get(k) as number)));
    const lo = Math.min(...cols);
    const hi = Math.max(...cols);
    const missing: string[] = [];
    const targets: Array<{ pos: number; cells: Cell[] }> = [];
    patches.forEach((patch, id) => {
      const pos = position.get(id);
      if (pos === undefined) return void missing.push(id);
      const base = this.snapshot?.get(id) ?? [];
      const cells = encodeRow(this.spec, map, patch, width, base);
      this.snapshot?.set(id, cells);
      // Keep the positional copy current too: a later span write must not put back an old value.
      if (this.snapshotRows && this.snapshotRows.length === ids.length) this.snapshotRows[pos] = cells;
      targets.push({ pos, cells });
    });
    if (!cols.size) return missing;
    // Full rows from a full read, positions unchanged (the ids re-read match it): the memo follows the write.
    if (memo && this.known && this.known[0] === 0 && this.known[1] >= width - 1 && memo.length === ids.length + 1) {
      const idCol = map.get(idKey) as number;
      if (memo.every((r, i) => i === 0 || String(r[idCol]) === String(ids[i - 1]))) {
        targets.forEach((t) => (memo[t.pos + 1] = t.cells.slice()));
        this.memo = memo;
      }
    }
    targets.sort((a, b) => a.pos - b.pos);
    const byPos = new Map(targets.map((t) => [t.pos, t.cells]));
    const runs = runsOf(targets.map((t) => t.pos));
    if (
      runs.length > 1 &&
      this.grid.writeRuns?.(runs.map(([start, length]) => [start, lo, Array.from({ length }, (_, i) => (byPos.get(start + i) as Cell[]).slice(lo, hi + 1))]))
    )
      return missing;
    if (runs.length > 1 && this.canWriteSpan(ids, idKey)) {
      // Only the bank writes this sheet (under the script lock): one block from the first to the last touched row.
      const first = targets[0].pos;
      const last = targets[targets.length - 1].pos;
      const block: Cell[][] = [];
      for (let p = first; p <= last; p++) {
        const cells = byPos.get(p) ?? (this.snapshotRows as Cell[][])[p];
        const line = cells.slice(lo, hi + 1);
        while (line.length < hi - lo + 1) line.push('');
        block.push(line);
      }
      this.grid.write(first, lo, block);
      return missing;
    }
    for (const [start, length] of runs) {
      const block: Cell[][] = [];
      for (let p = start; p < start + length; p++) block.push((byPos.get(p) as Cell[]).slice(lo, hi + 1));
      this.grid.write(start, lo, block);
    }
    return missing;
  }

  /** A span write is safe when the sheet is bank-only and our full read still matches the ids on the sheet. */
  private canWriteSpan(ids: readonly Cell[], idKey: string): boolean {
    if (!this.spec.botOnly || !this.snapshotRows || this.snapshotRows.length !== ids.length) return false;
    const col = this.headerMap().get(idKey) as number;
    return this.snapshotRows.every((r, i) => String(r[col]) === String(ids[i]));
  }

  deleteByIds(ids: readonly string[]): number {
    if (!ids.length) return 0;
    this.changed();
    const idKey = this.requireIdKey();
    // Where the ids are right before deleting (a user may have sorted or deleted rows since our read): a search in
    // the sheet, or a re-read of the id column where the grid cannot search.
    const col = this.headerMap().get(idKey) as number;
    const wanted = new Set(ids);
    const positions: number[] = [];
    if (this.grid.find) positions.push(...this.grid.find(col, ids));
    else this.grid.readColumn(col).forEach((id, i) => wanted.has(String(id)) && positions.push(i));
    const runs = runsOf(positions);
    if (runs.length > 1 && this.grid.deleteRuns) this.grid.deleteRuns(runs.slice().reverse());
    else for (let r = runs.length - 1; r >= 0; r--) this.grid.deleteRows(runs[r][0], runs[r][1]);
    ids.forEach((id) => this.snapshot?.delete(id));
    this.snapshotRows = null;
    this.located = null;
    return positions.length;
  }

  replaceAll(rows: readonly Partial<Row<K>>[]): void {
    this.changed();
    const map = this.headerMap();
    const width = (this.header as Cell[]).length;
    this.grid.replace(
      rows.map((r) => encodeRow(this.spec, map, r, width)),
      this.layout(),
    );
    this.located = null;
    this.snapshot = null;
    this.snapshotRows = null;
    this.known = null;
  }

  readFound(): Found<K>[] {
    const all = this.readAllOnce();
    this.useHeader(all[0] ?? []);
    const map = this.map as HeaderMap;
    const out: Found[] = [];
    for (let i = 1; i < all.length; i++) if (!isBlank(all[i])) out.push({ index: i - 1, row: decodeRow(this.spec, map, all[i]) });
    return out;
  }

  count(): number {
    return this.grid.count();
  }

  tail(n: number): Row<K>[] {
    const map = this.headerMap();
    return this.grid
      .readTail(n)
      .filter((r) => !isBlank(r))
      .map((r) => decodeRow(this.spec, map, r));
  }

  ids(): string[] {
    const col = this.headerMap().get(this.requireIdKey()) as number;
    return this.grid
      .readColumn(col)
      .map((v) => String(v))
      .filter((v) => v !== '');
  }

  sortBy(keys: readonly K[]): void {
    this.changed();
    const map = this.headerMap();
    this.grid.sort(keys.map((k) => map.get(k) as number));
    this.located = null;
    this.snapshot = null;
    this.snapshotRows = null;
    this.known = null;
  }

  private requireIdKey(): string {
    if (!this.spec.idKey) throw new Error(`Sheet ${this.spec.name} has no id column`);
    return this.spec.idKey;
  }

  private useHeader(header: Cell[]): void {
    this.map = mapHeaders(this.spec, header);
    this.header = header;
  }

  private headerMap(): HeaderMap {
    if (!this.map) this.useHeader(this.grid.readHeader());
    return this.map as HeaderMap;
  }

  private layout(): Layout {
    const map = this.headerMap();
    const byPos: Layout = (this.header as Cell[]).map((_, i) => this.spec.columns.find((c) => map.get(c.key) === i));
    return byPos;
  }
}
