// The ledger as operations read it: the index columns of every application in one narrow read, and the full
// records of just the applications being moved, read by position.
import type { Table } from '../ports';
import { LEDGER_INDEX_KEYS } from '../sheets/master';
import type { Row } from '../sheets/spec';

export class LedgerView {
  /** Index rows by application id (mutated in place as moves apply). */
  readonly rows: Map<string, Row>;
  private readonly positions = new Map<string, number>();

  constructor(readonly table: Table) {
    this.rows = new Map();
    for (const f of table.readKeys(LEDGER_INDEX_KEYS)) {
      const id = String(f.row.id);
      this.rows.set(id, f.row);
      this.positions.set(id, f.index);
    }
  }

  /** Full records of these applications: one read per contiguous run of their rows. */
  full(ids: Iterable<string>): Map<string, Row> {
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
