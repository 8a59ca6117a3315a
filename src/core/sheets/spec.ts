// The vocabulary for declaring a sheet: name, columns, types, validation, protection.
// Setup, readers and writers all derive from these declarations; no column index literal lives elsewhere.

/** A value as a spreadsheet cell holds it. Dates are real dates, empty cells are ''. */
export type Cell = string | number | boolean | Date;

export type ColumnType = 'text' | 'number' | 'date' | 'datetime' | 'checkbox' | 'choice';

export interface ColumnSpec {
  readonly key: string;
  /** The Russian header the user sees in row 1; columns are found by it, not by position. */
  readonly header: string;
  readonly type: ColumnType;
  /** Width in pixels. */
  readonly width?: number;
  /** For `choice` columns: the dropdown's values. */
  readonly options?: readonly string[];
  /** True where a user edits the cell (the rest of the sheet is protected). */
  readonly editable?: boolean;
  readonly note?: string;
}

export interface SheetSpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  /** The key column identifying a row (update/delete by id use it). */
  readonly idKey?: string;
  /** Hidden from casual view (a data sheet). */
  readonly hidden?: boolean;
  /** Written only by the bank: protect the whole sheet, not just the header. */
  readonly botOnly?: boolean;
}

export type Row = Record<string, Cell>;

export const sheet = (spec: SheetSpec): SheetSpec => {
  const keys = new Set<string>();
  const headers = new Set<string>();
  for (const c of spec.columns) {
    if (keys.has(c.key) || headers.has(c.header)) throw new Error(`Duplicate column ${c.key} in ${spec.name}`);
    keys.add(c.key);
    headers.add(c.header);
  }
  if (spec.idKey && !keys.has(spec.idKey)) throw new Error(`idKey ${spec.idKey} not in ${spec.name}`);
  return spec;
};
