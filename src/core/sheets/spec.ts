// The vocabulary for declaring a sheet: name, columns, types, validation, protection.
// Setup, readers and writers all derive from these declarations; no column index literal lives elsewhere.

/** A value as a spreadsheet cell holds it. Dates are real dates, empty cells are ''. */
export type Cell = string | number | boolean | Date;

export type ColumnType = 'text' | 'number' | 'date' | 'datetime' | 'checkbox' | 'choice';

/** One column. `K` is its key as a literal type, so a row of the sheet knows its keys (a typo does not compile). */
export interface ColumnSpec<K extends string = string> {
  readonly key: K;
  /** The Russian header the user sees in row 1; columns are found by it, not by position. */
  readonly header: string;
  readonly type: ColumnType;
  /** Width in pixels. */
  readonly width?: number;
  /** For `choice` columns: the dropdown's values. */
  readonly options?: readonly string[];
  /**
   * For `choice` columns whose values are internal codes: what the sheet shows and offers for each (issue 18: «Доступ»
   * said `methodist`). The codec writes the label and reads either the label or the code; the bank works with codes.
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** True where a user edits the cell (the rest of the sheet is protected). */
  readonly editable?: boolean;
  readonly note?: string;
  /** What the bank reads and people do not (a request's data): hidden in Google Sheets, left out of the local pages. */
  readonly hidden?: boolean;
}

/** A sheet; `K` is the union of its column keys. */
export interface SheetSpec<K extends string = string> {
  readonly name: string;
  readonly columns: readonly ColumnSpec<K>[];
  /** The key column identifying a row (update/delete by id use it). */
  readonly idKey?: NoInfer<K>;
  /** Hidden from casual view (a data sheet). */
  readonly hidden?: boolean;
  /** Written only by the bank: protect the whole sheet, not just the header. */
  readonly botOnly?: boolean;
  /**
   * Rows are written by a script running as the people who use the sheet (the cabinet script appends requests): only the
   * header is protected, even in a strictly protected workbook. Whatever such a sheet says is checked again by the bank.
   */
  readonly writtenByUsers?: boolean;
  /**
   * The sector's own sheet of the master («Доступ», «Настройки», «Кабинеты»): strictly protected, its editors the owner
   * and the active sector staff (kept so by the owner's job), so no other editor can make themselves sector.
   */
  readonly sectorOnly?: boolean;
  /**
   * One person's own sheet (a cabinet's requests of one head or leader): protected as a whole with editors exactly the
   * owner and that person, by `Workbook.keepPersonal` — `ensure` leaves its protection alone.
   */
  readonly personal?: boolean;
  /** Columns kept in sight when scrolling right (the methodist's name and decision: issue 18); the header row always is. */
  readonly frozenColumns?: number;
}

/** A record by header key: every key of the sheet (`K`), or any key where the sheet is not known statically. */
export type Row<K extends string = string> = Record<K, Cell>;

/** The keys of a sheet declaration. */
export type KeyOf<S> = S extends SheetSpec<infer K> ? K : never;

/** A column declared with its key kept as a literal type. */
export const column = <const K extends string>(c: ColumnSpec<K>): ColumnSpec<K> => c;

/** Columns declared together (shared groups), keys kept as literal types. */
export const columns = <const K extends string>(cs: readonly ColumnSpec<K>[]): readonly ColumnSpec<K>[] => cs;

export const sheet = <const K extends string>(spec: SheetSpec<K>): SheetSpec<K> => {
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
