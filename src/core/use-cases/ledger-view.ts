// The ledger as operations read it: the index columns of every application in one narrow read, and the full
// records of just the applications being moved, read by position.
import type { Found, Table, Where } from '../ports';
import { LEDGER_INDEX_KEYS } from '../sheets/master';
import type { Row } from '../sheets/spec';

/** What moving applications needs: identity, place and stage (and the columns a ledger update writes). */
export const MOVE_KEYS = ['id', 'course', 'territory', 'stage', 'group', 'reason', 'updatedAt', 'updatedBy'] as const;
/** What intake needs: duplicates by person and course among active stages, and its own earlier responses. */
export const INTAKE_KEYS = ['id', 'course', 'stage', 'personKey', 'responseId'] as const;

export class LedgerView {
  /** Index rows by application id (mutated in place as moves apply). */
  readonly rows: Map<string, Row>;
  private readonly positions = new Map<string, number>();
  /** The full records, when the view was made by a look-up (they were read whole). */
  private readonly records: Map<string, Row> | null;

  /**
   * `keys`: the index columns this operation needs (the fewer, the narrower the read) — of every application. An
   * operation that knows which applications it is about makes its view with `LedgerView.find` instead.
   */
  constructor(
    readonly table: Table,
    keys: readonly string[] = LEDGER_INDEX_KEYS,
    found?: readonly Found[],
  ) {
    this.rows = new Map();
    this.records = found ? new Map() : null;
    for (const f of found ?? table.readKeys(keys)) {
      const id = String(f.row.id);
      if (this.rows.has(id)) continue;
      this.rows.set(id, found ? { ...f.row } : f.row);
      this.records?.set(id, f.row);
      this.positions.set(id, f.index);
    }
  }

  /**
   * Only the applications whose `key` (a text column: id, course, group, person key…) is one of `values`, whole:
   * one search in the sheet and a read of the rows found (issue 19: cells read in proportion to the work, not to the
   * bank). Their later ledger update needs no read of the id column.
   */
  static find(table: Table, key: string, values: readonly string[], and?: Where<string>): LedgerView {
    return new LedgerView(table, [], values.length ? table.find(key, values, and) : []);
  }

  /** Full records of these applications: one read per contiguous run of their rows (none after a look-up). */
  full(ids: Iterable<string>): Map<string, Row> {
    if (this.records) {
      const out = new Map<string, Row>();
      for (const id of ids) {
        const r = this.records.get(id);
        if (r) out.set(id, { ...r, ...this.rows.get(id) });
      }
      return out;
    }
    const indexes: number[] = [];
    for (const id of ids) {
      const p = this.positions.get(id);
      if (p !== undefined) indexes.push(p);
    }
    const out = new Map<string, Row>();
    for (const f of this.table.readAt(indexes)) out.set(String(f.row.id), { ...f.row, ...this.rows.get(String(f.row.id)) });
    return out;
  }
}
