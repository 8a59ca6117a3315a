// The ports the core depends on: time, ids, the current user, the lock and the storage of tables.
import type { Row, SheetSpec } from './sheets/spec';

export interface Clock {
  now(): Date;
}

export interface Identity {
  /** The signed-in user's e-mail, lower case; '' when Google does not tell (consumer accounts, triggers). */
  email(): string;
}

export interface Lock {
  /** Runs `fn` holding the bank's script lock; throws a Russian error when the lock is busy too long. */
  withLock<T>(fn: () => T): T;
}

/** A key-value store for the bank's own bookkeeping (counters, last sync time). */
export interface Properties {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** A record found in a table: its values and its 0-based position among the data rows at read time. */
export interface Found {
  readonly row: Row;
  readonly index: number;
}

/**
 * One sheet as a table of records addressed by header name. Each method is one batch:
 * `read` is one getValues whatever the row count, `append` one setValues.
 */
export interface Table {
  readonly spec: SheetSpec;
  read(): Row[];
  append(rows: readonly Row[]): void;
  /** Patches the records whose id is a key of `patches`; returns the ids not found. */
  updateByIds(patches: ReadonlyMap<string, Partial<Row>>): string[];
  /** Deletes the records with these ids (re-reading ids first); returns how many were deleted. */
  deleteByIds(ids: readonly string[]): number;
  /** Replaces all data rows (for small reference sheets and mirrors the bank owns). */
  replaceAll(rows: readonly Row[]): void;
}

export interface EnsureReport {
  readonly created: boolean;
  readonly addedColumns: readonly string[];
}

/** A spreadsheet: the master bank or a territory workbook. */
export interface Workbook {
  readonly id: string;
  table(spec: SheetSpec): Table;
  has(spec: SheetSpec): boolean;
  /** Creates the sheet or adds missing columns, headers, validation and protection; never touches data. */
  ensure(spec: SheetSpec): EnsureReport;
}
