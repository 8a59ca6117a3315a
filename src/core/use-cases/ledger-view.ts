// The ledger as operations read it: the index columns of every application in one narrow read, and the full
// records of just the applications being moved, read by position.
import type { Table } from '../ports';
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

  /** `keys`: the index columns this operation needs (the fewer, the narrower the read). */
  constructor(
    readonly table: Table,
    keys: readonly string[] = LEDGER_INDEX_KEYS,
  ) {
    this.rows = new Map();
    for (const f of table.readKeys(keys)) {
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
