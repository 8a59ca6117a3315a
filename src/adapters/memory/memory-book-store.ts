// Territory workbooks in memory: a tiny drive of MemoryWorkbooks with editors and a modified counter per book.
import type { BookChange, BookStore, Workbook } from '../../core/ports';
import type { SheetSpec } from '../../core/sheets/spec';
import { MemoryWorkbook } from './memory-workbook';

export interface MemoryBook {
  readonly workbook: MemoryWorkbook;
  readonly name: string;
  readonly editors: Set<string>;
  modified: number;
}

export class MemoryBookStore implements BookStore {
  readonly books = new Map<string, MemoryBook>();
  private seq = 0;
  /** A logical clock: strictly increasing, so "changed since" never depends on wall time. */
  private tick = 0;
  /** Called after a book is created (the local bank starts tracking its changes). */
  onCreate: (id: string) => void = () => undefined;

  nextTick(): number {
    return ++this.tick;
  }

  /** Puts back a book saved earlier (the local bank loading its files). */
  restore(id: string, name: string, workbook: MemoryWorkbook, editors: readonly string[], modified: number): void {
    const book: MemoryBook = { workbook, name, editors: new Set(editors), modified };
    workbook.setOnChange(() => (book.modified = ++this.tick));
    this.books.set(id, book);
    this.tick = Math.max(this.tick, modified);
    const n = Number(/^book-(\d+)$/.exec(id)?.[1] ?? 0);
    this.seq = Math.max(this.seq, n);
  }

  create(name: string, sheets: readonly SheetSpec[]): Workbook {
    const id = `book-${++this.seq}`;
    const book: MemoryBook = { workbook: new MemoryWorkbook(id, () => (book.modified = ++this.tick)), name, editors: new Set(), modified: ++this.tick };
    this.books.set(id, book);
    sheets.forEach((s) => book.workbook.ensure(s));
    this.onCreate(id);
    return book.workbook;
  }

  /** No scripts in memory: a copy of the template is a new workbook with the same sheets. */
  copy(_templateId: string, name: string, sheets: readonly SheetSpec[]): Workbook {
    return this.create(name, sheets);
  }

  private book(id: string): MemoryBook {
    const b = this.books.get(id);
    if (!b) throw new Error(`Книга ${id} не найдена или нет доступа.`);
    return b;
  }

  open(id: string): Workbook {
    return this.book(id).workbook;
  }

  /** Sharing of files that are not territory workbooks (the master), remembered as Drive would. */
  private readonly otherSharing = new Map<string, Set<string>>();

  private editorSet(id: string): Set<string> {
    const b = this.books.get(id);
    if (b) return b.editors;
    const known = this.otherSharing.get(id);
    if (known) return known;
    const fresh = new Set<string>();
    this.otherSharing.set(id, fresh);
    return fresh;
  }

  owner(): string {
    return '';
  }

  editors(id: string): string[] {
    return [...this.editorSet(id)].sort();
  }

  share(id: string, add: readonly string[], remove: readonly string[]): void {
    const s = this.editorSet(id);
    add.forEach((e) => s.add(e));
    remove.forEach((e) => s.delete(e));
  }

  changedSince(since: number | null): BookChange[] {
    return [...this.books.entries()].filter(([, b]) => since === null || b.modified > since).map(([id, b]) => ({ id, modified: b.modified }));
  }
}
