// The ports the core depends on: time, ids, the current user, the lock and the storage of tables.
import type { Row, SheetSpec } from './sheets/spec';

export interface Clock {
  now(): Date;
}

export interface Identity {
  /** The signed-in user's e-mail, lower case; '' when Google does not tell (consumer accounts, triggers). */
  email(): string;
  /**
   * The account the execution runs as (Apps Script's effective user), lower case, where the platform can tell it apart
   * from the person asking. A web app executing as the owner runs every visitor's `google.script.run` call as the
   * owner: staff functions refuse when the two differ. Absent where they cannot differ (the local bank, the owner's job
   * carrying a request it has already authenticated).
   */
  executesAs?(): string;
}

/** The lock is held by another execution for too long: the caller says so in Russian and loses nothing. */
export class BusyError extends Error {
  constructor() {
    super('Банк занят другой операцией. Подождите минуту и повторите.');
    this.name = 'BusyError';
  }
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
export interface Found<K extends string = string> {
  readonly row: Row<K>;
  readonly index: number;
}

/** More conditions for `Table.find`: each column's value is one of these too (a search each, rows in all of them). */
export type Where<K extends string> = { readonly [Q in K]?: readonly string[] };

/**
 * One sheet as a table of records addressed by header name. Each method is one batch:
 * `read` is one getValues whatever the row count, `append` one setValues.
 */
export interface Table<K extends string = string> {
  readonly spec: SheetSpec<K>;
  read(): Row<K>[];
  append(rows: readonly Partial<Row<K>>[]): void;
  /** Patches the records whose id is a key of `patches`; returns the ids not found. */
  updateByIds(patches: ReadonlyMap<string, Partial<Row<K>>>): string[];
  /** Deletes the records with these ids (re-reading ids first); returns how many were deleted. */
  deleteByIds(ids: readonly string[]): number;
  /** Replaces all data rows (for small reference sheets and mirrors the bank owns). */
  replaceAll(rows: readonly Partial<Row<K>>[]): void;
  /** The last `n` records (an append-only log's recent past): one read. */
  tail(n: number): Row<K>[];
  /**
   * Only these columns of every record, with their row index: one read of the narrowest block of columns that
   * holds them. Later `updateByIds` of columns inside that block need no further read.
   */
  readKeys<P extends K>(keys: readonly P[]): Found<P>[];
  /**
   * The full records whose `key` (a text column) is exactly one of `values`: the sheet searches (no column is read)
   * and the rows found are read by position. A later `updateByIds` of these records on a bank-only sheet needs no
   * read of the id column.
   */
  find<P extends K>(key: P, values: readonly string[], and?: Where<K>): Found<K>[];
  /** Which of these ids the sheet holds: one search, and a read of just the rows found (usually none). */
  present(ids: readonly string[]): Set<string>;
  /**
   * Only these columns of every non-blank record, wherever they stand: one read per block of neighbouring columns
   * (reports that need a few columns of a wide sheet).
   */
  readColumns<P extends K>(keys: readonly P[]): Row<P>[];
  /** The full records at these row indexes (from `readKeys`/`readFound`): one read per contiguous run. */
  readAt(indexes: readonly number[]): Found<K>[];
  /** Every non-blank record with its 0-based data row index (sheet row = index + 2): one read. */
  readFound(): Found<K>[];
  /** How many data rows the sheet has (blank rows included): one call. */
  count(): number;
  /** The ids of every record: one narrow read of the id column. */
  ids(): string[];
  /** Sorts the data rows by these columns (ascending): one call. */
  sortBy(keys: readonly K[]): void;
}

export interface EnsureReport {
  readonly created: boolean;
  readonly addedColumns: readonly string[];
}

/** What `Workbook.keepPersonal` found on a person's own sheet. */
export interface PersonalSheet {
  /** 'kept': protected for that person already; 'created': new; 'restored': its protection had been changed. */
  readonly state: 'kept' | 'created' | 'restored';
  /** The protection's editors before (lower case, the owner left out); empty for a sheet without protection. */
  readonly had: readonly string[];
}

/** A territory workbook as Drive sees it. */
export interface BookChange {
  readonly id: string;
  /** Drive's modified time, ms since the epoch. */
  readonly modified: number;
}

/** The territory workbooks: created in the bank's folder, shared with their methodists only. */
export interface BookStore {
  /** Creates a workbook laid out with these sheets (and nothing else) in the bank's folder. */
  create(name: string, sheets: readonly SheetSpec[]): Workbook;
  /**
   * Copies a template spreadsheet (with the script bound to it) into the store's folder and lays these sheets out in
   * it. The copy belongs to whoever runs this (the owner's setup) and is shared with nobody yet.
   */
  copy(templateId: string, name: string, sheets: readonly SheetSpec[]): Workbook;
  /** `headers`: sheets whose header rows this caller will need, read together where the platform can (one request). */
  open(id: string, headers?: readonly SheetSpec[]): Workbook;
  /** The account the files belong to and this execution runs as (the owner's job); '' where nobody owns them. */
  owner(): string;
  /** E-mails of the editors other than the owner, lower case (any file of the bank's owner: workbooks, the master). */
  editors(id: string): string[];
  share(id: string, add: readonly string[], remove: readonly string[]): void;
  /** The bank's books modified after `since` (ms; all books when null): one Drive query. */
  changedSince(since: number | null): BookChange[];
}

/** Where generated documents go (Apps Script: PDFs in Drive; local bank: files on disk). */
export interface DocumentStore {
  /**
   * Saves `html` as document `name` in the folder path, replacing an earlier one of that name; returns its link. The
   * innermost folder is readable by `readers` (the group's subdivision), besides the owner.
   */
  save(folders: readonly string[], name: string, html: string, readers?: readonly string[]): string;
  /**
   * Saves a table (every cell text) as the file `name` in the folder path, replacing an earlier one of that name, the
   * innermost folder readable by `readers`; returns its link. A table a person downloads and opens in a spreadsheet
   * program (the ФИС ФРДО export): CSV with a byte-order mark and «;», as Russian Excel reads it (tableCsv).
   */
  saveTable(folders: readonly string[], name: string, rows: ReadonlyArray<readonly string[]>, readers?: readonly string[]): string;
}

export interface Mailer {
  remaining(): number;
  send(to: string, subject: string, body: string): void;
}

/** A spreadsheet: the master bank or a territory workbook. */
export interface Workbook {
  readonly id: string;
  table<K extends string>(spec: SheetSpec<K>): Table<K>;
  has(spec: SheetSpec): boolean;
  /** Creates the sheet or adds missing columns, headers, validation and protection; never touches data. */
  ensure(spec: SheetSpec): EnsureReport;
  /**
   * Makes the editors of these (sector-only) sheets' protection exactly `editors` besides the owner; returns how many
   * sheets changed. Only the owner can (the owner's job). A workbook without real protection returns 0.
   */
  protectFor(specs: readonly SheetSpec[], editors: readonly string[]): number;
  /** The names of the workbook's sheets, in order: one call. */
  sheetNames(): string[];
  /**
   * One person's own sheet (`spec.personal`): laid out if missing, and protected as a whole — not warning-only, not
   * open to the domain — with editors exactly the owner and `person` ('' — the owner alone). Only the owner can (the
   * owner's job). Where the platform has no protection (the local bank: its server decides who writes), 'kept'.
   */
  keepPersonal(spec: SheetSpec, person: string): PersonalSheet;
  /**
   * Runs `fn` with its appends to this workbook's sheets sent together when it ends (in Apps Script one Sheets API
   * request, applied whole or not at all); anything else `fn` does with the workbook sends what waits first, so it
   * sees those rows. Sent even if `fn` throws, as they would have been one by one. Where absent, appends go at once.
   */
  batch?<T>(fn: () => T): T;
  /**
   * Reads these sheets whole in one request, for this execution's tables to serve (a workbook made for one execution,
   * with the Sheets API); elsewhere nothing, and each table reads its own sheet when asked. Call it where the reads
   * would be made (under the lock, for sheets whose rows decide what is written).
   */
  prefetch?(specs: readonly SheetSpec[]): void;
}

/** `book.prefetch(specs)` where the workbook can. */
export const prefetch = (book: Workbook, specs: readonly SheetSpec[]): void => book.prefetch?.(specs);

/** `book.batch(fn)` where the workbook batches, `fn()` where it does not (or there is no workbook). */
export const inBatch = <T>(book: Workbook | undefined, fn: () => T): T => (book?.batch ? book.batch(fn) : fn());
